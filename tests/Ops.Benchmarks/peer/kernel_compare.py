"""Compares Jupyter kernels through jupyter_client, alternating them round by round in one run.

usage: kernel_compare.py ROUNDS WARM_ITERATIONS CELLS KERNEL=LANGUAGE [KERNEL=LANGUAGE...]
LANGUAGE is csharp or python (which trivial code to send). Per round and kernel, one JSON line:
  start_s      start_kernel to the first execute_reply of a trivial cell
  warm_ms      median send-to-execute_reply of WARM_ITERATIONS trivial cells
  rss_mb       resident memory of the kernel's process tree after the warm cells
  growth_mb    rss after CELLS more distinct cells minus rss before them
  interrupt_s  interrupt_kernel during an endless loop to its execute_reply (null: no reply in 10 s)
  usable       the kernel answered a cell after the interrupt
"""
import json
import os
import sys
import time

from kernel_timing import reply, start, warm_ms

rounds, warm_n, cells_n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
kernels = [a.split("=", 1) for a in sys.argv[4:]]
TRIVIAL = {"csharp": "1", "python": "1"}
CELL = {"csharp": "var v{0} = {0} + 1; v{0}", "python": "v{0} = {0} + 1; v{0}"}
LOOP = {"csharp": "while (true) { }", "python": "while True: pass"}


def tree_rss_mb(pid):
    """VmRSS of pid and all its descendants (Linux /proc)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except OSError:
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


for r in range(rounds):
    for name, language in kernels:
        km, kc, started = start(name, TRIVIAL[language])
        pid = km.provisioner.process.pid
        warm = warm_ms(kc, TRIVIAL[language], warm_n)
        rss = tree_rss_mb(pid)
        for i in range(cells_n):
            reply(kc, kc.execute(CELL[language].format(i)))
        growth = tree_rss_mb(pid) - rss
        loop = kc.execute(LOOP[language])
        time.sleep(1.0)
        t2 = time.perf_counter()
        km.interrupt_kernel()
        try:
            reply(kc, loop, timeout=10)
            interrupt = time.perf_counter() - t2
        except Exception:  # queue.Empty: the kernel never answered the interrupted cell
            interrupt = None
        usable = False
        if interrupt is not None:
            try:
                usable = reply(kc, kc.execute(TRIVIAL[language]), timeout=10)["content"]["status"] == "ok"
            except Exception:
                usable = False
        print(json.dumps({"round": r, "kernel": name, "start_s": started, "warm_ms": warm,
                          "rss_mb": rss, "growth_mb": growth, "interrupt_s": interrupt, "usable": usable}), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
