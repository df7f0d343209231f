"""Times a cell printing many lines through jupyter_client, kernels alternating round by round in one run.

usage: kernel_flood_bench.py ROUNDS LINES KERNEL [KERNEL...]
Per round and kernel: a warm-up cell, then execute_request to status idle of a cell printing LINES
lines and returning a value; fails unless every line and the result arrived. One JSON line each.
"""
import json
import sys
import time

import jupyter_client

rounds, lines = int(sys.argv[1]), int(sys.argv[2])
kernels = sys.argv[3:]
CODE = {
    "ops-csharp": f'for (var i = 0; i < {lines}; i++) Console.WriteLine($"line {{i}}"); "done"',
    "python3": f'for i in range({lines}):\n    print(f"line {{i}}")\n"done"',
}


def run(kc, code, timeout=300):
    msg_id = kc.execute(code)
    deadline = time.time() + timeout
    out, result, streams = [], None, 0
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "stream":
            streams += 1
            out.append(msg["content"]["text"])
        elif t == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        elif t == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out), result, streams


for r in range(rounds):
    for name in kernels:
        km = jupyter_client.KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        run(kc, CODE[name].replace(str(lines), "10"))  # warm-up
        t0 = time.perf_counter()
        text, result, streams = run(kc, CODE[name])
        elapsed = time.perf_counter() - t0
        got = text.splitlines()
        assert got == [f"line {i}" for i in range(lines)], f"{name}: {len(got)} of {lines} lines"
        assert result in ("'done'", '"done"', "done"), f"{name}: result {result!r}"
        print(json.dumps({"round": r, "kernel": name, "flood_s": elapsed, "stream_messages": streams}), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
