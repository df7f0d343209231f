#!/usr/bin/env python3
"""Synthesizes the bundled probe runs from the seed's published downtimes (deterministic).

The seed (001_26f62a61877c1b25.txt, "Auroraの高速フェイルオーバーと無停止での切り替え") publishes only
per-trial downtimes measured with a 1 s shell loop:
  Aurora endpoints:      writer 28 11 17 14 24 s, reader 27 21 13 21 12 s
  MyDNS weight checker:  writer  5  7  4  6  7 s, reader  6  1  4  7  5 s
and describes the shape of an outage: connection errors, then ERROR 1290 from the demoted writer
while the cluster endpoint still points at it; the reader alternating between success and failure.
This script rebuilds attempt streams with that shape, in the run-file format `ops aurora probe --out`
writes, so that `ops aurora analyze` (3 consecutive successes end an outage) gives back the seed's
numbers. They are NOT captures. Run: python3 generate.py (rewrites before-N.json / after-N.json).
"""
import json, random
from datetime import datetime, timedelta, timezone

ATTEMPTS = 60          # per role, one per second like the seed's loop
FAILOVER_AT = 20       # attempt index of the first failure
STABLE = 3             # successes that end an outage (DowntimeAnalysis.DefaultStableSuccesses)
IP = {1: "10.0.1.11", 2: "10.0.1.12", 3: "10.0.1.13"}

CONFIGS = {
    "before": dict(
        configuration="aurora endpoints",
        writer=[28, 11, 17, 14, 24], reader=[27, 21, 13, 21, 12],
        read_only_tail=[9, 3, 6, 4, 8],
        writer_host="aurora-test.cluster-cxample.ap-northeast-1.rds.amazonaws.com",
        reader_host="aurora-test.cluster-ro-cxample.ap-northeast-1.rds.amazonaws.com",
        day=datetime(2018, 6, 12, 2, 0, tzinfo=timezone.utc)),
    "after": dict(
        configuration="mydns weight checker",
        writer=[5, 7, 4, 6, 7], reader=[6, 1, 4, 7, 5],
        read_only_tail=[0, 1, 0, 1, 0],
        writer_host="aurora-test-w.db.internal",
        reader_host="aurora-test-r.db.internal",
        day=datetime(2018, 7, 3, 2, 0, tzinfo=timezone.utc)),
}

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}+00:00"

def instance(n, read_only):
    return {"hostname": f"aurora-test-instance-0{n}", "port": 3306, "serverId": None,
            "readOnly": read_only, "innodbReadOnly": read_only}

def ok(rng, n, read_only):
    c, h, q = round(rng.uniform(0.5, 1.6), 3), round(rng.uniform(2.0, 4.5), 3), round(rng.uniform(0.8, 3.0), 3)
    return dict(outcome="ok", connectedTo=f"{IP[n]}:3306", connectMs=c, handshakeMs=h, queryMs=q,
                totalMs=round(c + h + q + rng.uniform(1.0, 2.5), 3), instance=instance(n, read_only))

def refused(rng, host, n):
    return dict(outcome="refused", totalMs=round(rng.uniform(0.4, 1.2), 3),
                message=f"{host}:3306: connect: {IP[n]}:3306: ConnectionRefused (Connection refused); is the server up and listening on this port?")

def timeout(rng, host, n):
    return dict(outcome="timeout", totalMs=round(1000 + rng.uniform(0.5, 3.0), 3),
                message=f"{host}:3306: connect: no answer from {IP[n]}:3306 within 1000 ms")

def read_only(rng, host, n):
    r = ok(rng, n, True)
    r.update(outcome="read_only", errorCode=1290, sqlState="HY000", queryMs=None,
             message=f"{host}:3306: query: ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement")
    return {k: v for k, v in r.items() if v is not None}

def reader_window(rng, length):
    """Failure/success pattern for a flapping reader: starts and ends with a failure, never STABLE successes in a row."""
    if length == 1:
        return [False]
    while True:
        middle = [rng.random() < 0.45 for _ in range(length - 2)]
        pattern = [False] + middle + [False]
        run = best = 0
        for ok_ in pattern:
            run = run + 1 if ok_ else 0
            best = max(best, run)
        if best < STABLE:
            return pattern

def trial(name, cfg, k):
    rng = random.Random(f"{name}-{k}")
    start = cfg["day"] + timedelta(minutes=20 * k)
    wd, rd, ro = cfg["writer"][k], cfg["reader"][k], cfg["read_only_tail"][k]
    wh, rh = cfg["writer_host"], cfg["reader_host"]
    mydns = name == "after"
    attempts = []
    for i in range(ATTEMPTS):
        t = start + timedelta(seconds=i)
        base = dict(role="writer", sequence=i, scheduledAt=iso(t), startedAt=iso(t), resolveMs=round(rng.uniform(0.2, 0.9), 3))
        f = i - FAILOVER_AT
        if f < 0:
            base.update(resolvedAddresses=[IP[1]], **ok(rng, 1, False))
        elif f < wd - ro:
            # The writer restarts: connects hang first, then are refused until the new writer is up.
            base.update(resolvedAddresses=[IP[1]], **(timeout(rng, wh, 1) if f < (0 if mydns else 3) else refused(rng, wh, 1)))
        elif f < wd:
            # The endpoint still points at the old writer, back as a read-only reader.
            base.update(resolvedAddresses=[IP[1]], **read_only(rng, wh, 1))
        else:
            base.update(resolvedAddresses=[IP[3]], **ok(rng, 3, False))
        attempts.append(base)

    window = reader_window(rng, rd)
    for i in range(ATTEMPTS):
        t = start + timedelta(seconds=i)
        base = dict(role="reader", sequence=i, scheduledAt=iso(t), startedAt=iso(t), resolveMs=round(rng.uniform(0.2, 0.9), 3))
        f = i - FAILOVER_AT
        if f < 0:
            n = 2 if i % 2 == 0 else 3
            base.update(resolvedAddresses=[IP[2], IP[3]], **ok(rng, n, True))
        elif f < rd:
            if window[f]:
                base.update(resolvedAddresses=[IP[2], IP[3]], **ok(rng, 2, True))
            else:
                # 03 is being promoted; the reader endpoint still lists it (the checker has not yet zeroed it).
                addresses = [IP[2], IP[3]]
                base.update(resolvedAddresses=addresses, **(timeout(rng, rh, 3) if f % 4 == 1 else refused(rng, rh, 3)))
        else:
            # Recovered: the old writer 01 serves reads next to 02.
            n = 2 if i % 2 == 0 else 1
            base.update(resolvedAddresses=[IP[1], IP[2]], **ok(rng, n, True))
        attempts.append(base)

    attempts.sort(key=lambda a: (a["scheduledAt"], a["role"] != "writer"))
    return {
        "label": f"{name}-{k + 1}", "configuration": cfg["configuration"],
        "writerEndpoint": f"{wh}:3306", "readerEndpoint": f"{rh}:3306",
        "writerStatement": "UPDATE `test` SET `col`=UNIX_TIMESTAMP()", "readerStatement": "SELECT `col` FROM `test`",
        "intervalMs": 1000, "connectTimeoutMs": 1000, "pooled": False, "startedAt": iso(start),
        "attempts": attempts,
    }

for name, cfg in CONFIGS.items():
    for k in range(5):
        with open(f"{name}-{k + 1}.json", "w") as out:
            json.dump(trial(name, cfg, k), out, ensure_ascii=False, separators=(",", ":"))
            out.write("\n")
