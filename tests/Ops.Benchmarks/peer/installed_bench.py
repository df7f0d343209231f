"""Times kernels through jupyter_client, alternating them round by round in one run.

usage: kernel_bench.py ROUNDS WARM_ITERATIONS KERNEL [KERNEL...] [--growth N] [--session N --session-kernel NAME]
Per round and kernel: start (start_kernel to the first execute_reply of a trivial cell) and the
median warm round trip of WARM_ITERATIONS trivial executes (send to execute_reply); the kernel
process's CPU seconds up to the first reply and its RSS after the warm-up (Linux /proc), which the
shared machine's load does not inflate the way it inflates wall time. With --growth, the RSS growth
over N more trivial cells; with --session, the RSS growth over N cells of a realistic ops session
(tables, charts, printed lines, a few #r) in the kernel named by --session-kernel.
Prints one JSON line per measurement.
"""
import argparse
import json
import os
import statistics
import time

import jupyter_client

from kernel_timing import cpu_seconds, reply, rss_mb

parser = argparse.ArgumentParser()
parser.add_argument("rounds", type=int)
parser.add_argument("warm", type=int)
parser.add_argument("kernels", nargs="+")
parser.add_argument("--growth", type=int, default=0)
parser.add_argument("--session", type=int, default=0)
parser.add_argument("--session-kernel", default="ops-csharp")
args = parser.parse_args()

TRIVIAL = "1"








def run(kc, code):
    msg = reply(kc, kc.execute(code))
    if msg["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {msg['content']}")
    return msg


def realistic_cell(i):
    """One cell of an investigation: tables, charts, printed lines, variables, and a #r now and then."""
    kind = i % 10
    if i % 250 == 0:
        return '#r "nuget: Newtonsoft.Json, 13.0.1"\nNewtonsoft.Json.JsonConvert.SerializeObject(new { ap = %d })' % i
    if kind == 0:
        return f'new Table("AP", "Clients", "Channel").AddRow("AP{i}", {i % 60}, 36).AddRow("AP{i + 1}", {(i + 7) % 60}, 52)'
    if kind == 1:
        return f'new Chart("free MB").Line("web01", Enumerable.Range(0, 300).Select(k => ((double)k, 1600.0 - k - {i % 50})))'
    if kind == 2:
        return f'Enumerable.Range(0, 40).Select(k => new {{ Host = "web" + k, FreeMb = 1600 - k * {i % 7} }})'
    if kind == 3:
        return f'for (var k = 0; k < 20; k++) Console.WriteLine($"line {{k}} of cell {i}");'
    if kind == 4:
        return f'var v{i} = Enumerable.Range(0, 100).Sum() + {i};'
    if kind == 5:  # a record declared now and then, used in between
        return f'record Probe(string Host, int Ms);\nnew Probe("db1", {i})' if i % 200 == 5 else f'new Probe("db1", {i})'
    if kind == 6:
        return f'new Chart("requests").Bar("per minute", Enumerable.Range(1, 12).Select(k => ((double)k, (double)(k * {i % 9 + 1}))))'
    if kind == 7:
        return f'display(new {{ Cell = {i}, At = new DateTime(2019, 6, 14).AddSeconds({i}) }});'
    if kind == 8:
        return f'var d{i} = new Dictionary<string, int> {{ ["web01"] = {i}, ["web02"] = {i + 1} }}; d{i}'
    return f'$"cell {i}: {{DateTime.UnixEpoch.AddSeconds({i}):HH:mm:ss}}"'


for r in range(args.rounds):
    for name in args.kernels:
        km = jupyter_client.KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        first = reply(kc, kc.execute(TRIVIAL))
        start = time.perf_counter() - t0
        pid = km.provisioner.process.pid
        start_cpu = cpu_seconds(pid)
        assert first["content"]["status"] == "ok", first["content"]
        trips = []
        for _ in range(args.warm):
            t1 = time.perf_counter()
            reply(kc, kc.execute(TRIVIAL))
            trips.append(time.perf_counter() - t1)
        row = {"round": r, "kernel": name, "start_s": start, "start_cpu_s": start_cpu,
               "warm_ms": statistics.median(trips) * 1000, "rss_warm_mb": rss_mb(pid)}
        if args.growth:
            for i in range(args.growth):
                run(kc, TRIVIAL)
            row["growth_mb"] = rss_mb(pid) - row["rss_warm_mb"]
        if args.session and name == args.session_kernel:
            before = rss_mb(pid)
            t2 = time.perf_counter()
            for i in range(args.session):
                run(kc, realistic_cell(i))
            row["session_s"] = time.perf_counter() - t2
            row["session_growth_mb"] = rss_mb(pid) - before
        print(json.dumps(row), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
