"""Shared by the kernel benchmarks: start a kernel to its first reply, and time warm round trips."""
import os
import statistics
import time

import jupyter_client


def reply(kc, msg_id, timeout=120):
    """The shell reply to msg_id (other replies are skipped); raises queue.Empty after timeout seconds."""
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def start(name, code):
    """Starts kernelspec NAME and runs CODE: (manager, client, seconds from start_kernel to the reply)."""
    km = jupyter_client.KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    first = reply(kc, kc.execute(code))
    seconds = time.perf_counter() - t0
    assert first["content"]["status"] == "ok", first["content"]
    return km, kc, seconds


def warm_ms(kc, code, n):
    """Median milliseconds from execute to its reply over n executes of CODE."""
    trips = []
    for _ in range(n):
        t1 = time.perf_counter()
        reply(kc, kc.execute(code))
        trips.append(time.perf_counter() - t1)
    return statistics.median(trips) * 1000


def cpu_seconds(pid):
    """CPU time (user + system) the process has used so far, from /proc; nan when it is gone."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def rss_mb(pid):
    """Resident set size in MB, from /proc; nan when the process is gone."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
