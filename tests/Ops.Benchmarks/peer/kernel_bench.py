"""Times kernels through jupyter_client, alternating them round by round in one run.

usage: kernel_bench.py ROUNDS WARM_ITERATIONS KERNEL [KERNEL...]
Per round and kernel: start (start_kernel to the first execute_reply of a trivial cell) and the
median warm round trip of WARM_ITERATIONS trivial executes (send to execute_reply).
Also the kernel process's CPU seconds up to the first reply (Linux /proc), which the shared
machine's load does not inflate the way it inflates wall time.
Prints one JSON line per measurement.
"""
import json
import os
import statistics
import sys
import time

import jupyter_client

rounds, warm_n = int(sys.argv[1]), int(sys.argv[2])
kernels = sys.argv[3:]
CODE = {"ops-csharp": "1", "python3": "1"}


def cpu_seconds(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def reply(kc, msg_id, timeout=60):
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


for r in range(rounds):
    for name in kernels:
        km = jupyter_client.KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        first = reply(kc, kc.execute(CODE[name]))
        start = time.perf_counter() - t0
        start_cpu = cpu_seconds(km.provisioner.process.pid)
        assert first["content"]["status"] == "ok", first["content"]
        trips = []
        for _ in range(warm_n):
            t1 = time.perf_counter()
            reply(kc, kc.execute(CODE[name]))
            trips.append(time.perf_counter() - t1)
        print(json.dumps({"round": r, "kernel": name, "start_s": start, "start_cpu_s": start_cpu, "warm_ms": statistics.median(trips) * 1000}), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
