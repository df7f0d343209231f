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
import sys

from kernel_timing import cpu_seconds, start, warm_ms

rounds, warm_n = int(sys.argv[1]), int(sys.argv[2])
kernels = sys.argv[3:]
CODE = {"ops-csharp": "1", "python3": "1"}




for r in range(rounds):
    for name in kernels:
        km, kc, started = start(name, CODE[name])
        start_cpu = cpu_seconds(km.provisioner.process.pid)
        warm = warm_ms(kc, CODE[name], warm_n)
        print(json.dumps({"round": r, "kernel": name, "start_s": started, "start_cpu_s": start_cpu, "warm_ms": warm}), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
