#!/usr/bin/env python3
"""Writes the recorded data of notebooks/memory-alert-triage.ipynb, deterministically.

It reproduces the case of the seed (001_26f62a61877c1b25.txt, "DeNAにおけるLinux環境アラート対処ケーススタディ"):
four web servers, flat traffic, and from 23:55 on every server now and then loses hundreds of MB of
free memory within a second (a worker filling $CACHE->{master}); the memory comes back when the
worker is recycled or when the watchdog kills the fattest worker (real free below 5 % of 24 GB).

- vmstat/webNN.vmstat: per-second vmstat with the seed's `YYYYMMDD HH:MM:SS` prefix (KB).
  web01 carries the seed's 24-line excerpt verbatim at 00:01:40-00:02:03 (dated the 15th, the date
  of the seed's kill report).
- kills.mbox: the watchdog's "KILLED PROCESSES" mails; the seed's own report (00:02:25) is the one
  for web02, whose samples meet its SYSTEM values at that second.
- access.ltsv: the load balancer's log, about 150 requests a minute, response time around 0.3 s.

Run: python3 generate.py   (rewrites the files next to this script)
"""
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
START = dt.datetime(2019, 6, 14, 23, 40, 0)
SECONDS = 30 * 60
DEPLOY = dt.datetime(2019, 6, 14, 23, 55, 0)
HOSTS = ["web01", "web02", "web03", "web04"]
TOTAL_MB = 23989.36
KILL_BELOW_MB = TOTAL_MB * 0.05

SEED_EXCERPT = """\
 20190614 00:01:40        7  0      0 1595940 678600 428780    0    0    56   228 21715 9998 13  2 84  0  0
 20190614 00:01:41        5  0      0 1418176 678600 428816    0    0     4   176 17218 7143 11  2 87  0  0
 20190614 00:01:42        5  0      0 1426624 678648 428880    0    0    68   184 18987 7940 13  2 85  0  0
 20190614 00:01:43       10  0      0 1207144 678648 429004    0    0    96   860 19715 8138 11  3 86  0  0
 20190614 00:01:44        4  0      0 1353092 678648 428940    0    0   100   164 19512 8349 14  2 84  0  0
 20190614 00:01:45        9  0      0 999816 678648 428980    0    0     4   212 22501 9151 17  3 80  0  0
 20190614 00:01:46       10  0      0 633396 678648 429036    0    0     4   196 24249 9229 18  3 79  0  0
 20190614 00:01:47        7  0      0 668244 678648 429056    0    0     0   148 24446 7356 26  3 71  0  0
 20190614 00:01:48       10  0      0 375356 678732 428764    0    0   144  1360 22122 11070 15  5 80  0  0
 20190614 00:01:49        8  0      0 453368 678736 428900    0    0    44   164 22485 8921 23  1 76  0  0
 20190614 00:01:50        8  0      0 475648 629532 417120    0    0     8   200 33972 9238 21  2 77  0  0
 20190614 00:01:51       12  0      0 414768 629532 417184    0    0     0   144 27192 11090 15  6 79  0  0
 20190614 00:01:52        4  0      0 545636 629616 417188    0    0    92   196 22731 9139 15  4 81  0  0
 20190614 00:01:53        8  0      0 171572 629620 417216    0    0     4   720 18312 7093 11  2 86  0  0
 20190614 00:01:54        7  0      0 411384 508808 384700    0    0   268   220 25455 7998 15  5 80  0  0
 20190614 00:01:55        7  0      0 358036 473876 292412    0    0   596   144 28311 6510 15  6 80  0  0
 20190614 00:01:56        6  0      0 489696 473876 292988    0    0   448   164 22794 7818 10  5 85  0  0
 20190614 00:01:57        4  0      0 377520 473876 293024    0    0    12   140 22169 8901 15  2 82  0  0
 20190614 00:01:58        5  0      0 365716 473916 292848    0    0    92  1352 19942 12584 12  1 87  0  0
 20190614 00:01:59       11  0      0 144052 402256 200484    0    0    60   192 20951 6587 12  4 84  0  0
 20190614 00:02:00        4  0      0 810580 306132 173364    0    0   256   168 22044 5282 15  3 82  0  0
 20190614 00:02:01        9  0      0 685372 306148 173112    0    0   108   228 23284 9098 16  4 80  0  0
 20190614 00:02:02        8  0      0 773072 306492 173572    0    0  1360   160 24735 7460 13  7 79  1  0
 20190614 00:02:03        7  0      0 689528 306500 175876    0    0  1752   872 24791 8648 11  4 83  2  0
"""

SEED_KILL_AT = dt.datetime(2019, 6, 15, 0, 2, 25)
SEED_KILL_MAIL = """\
[2019/06/15 00:03:13]
KILLED PROCESSES

============================================================================
= 2019-06-15T00:02:25 =
== SYSTEM ==
   TOTAL     FREE  BUFFERS   CACHED    REALFREE REALFREE%
23989.36   268.39   590.23   285.82     1144.44     4.77%

== KILLED PROCESSES (fat) ==
STATUS  USER      PPID   PID CHILD     RSS    PRIV    SHAR SHAR% START               CMD
KILLED  xxxx     42482 45594     0  2229.8   255.9  1973.9 88.5% 2019-06-14T23:58:10 index.fcgi
"""

HEADER = (
    "                          procs -----------memory---------- ---swap-- -----io---- --system--  -----cpu-----\n"
    "                          r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n")


def seed_rows():
    rows = {}
    for line in SEED_EXCERPT.splitlines():
        fields = line.split()
        t = dt.datetime.strptime("20190615 " + fields[1], "%Y%m%d %H:%M:%S")
        rows[t] = " " + t.strftime("%Y%m%d %H:%M:%S") + line[len(" 20190614 00:01:40"):]
    return rows


def simulate(host_index, rng):
    """Per second: (free, buff, cache) in MB, and the kills as (time, system, killed rows)."""
    base_free = 1550 + 40 * host_index
    base_buff, base_cache = 670.0, 425.0
    held = []  # [release_time, mb, worker_start, pid]
    next_alloc = DEPLOY + dt.timedelta(seconds=rng.randint(15, 60))
    pid = 45000 + 1000 * host_index
    ppid = 42482 if host_index == 1 else 40000 + 1000 * host_index
    samples, kills = [], []
    for s in range(SECONDS):
        t = START + dt.timedelta(seconds=s)
        held = [h for h in held if h[0] > t]
        while t >= next_alloc:
            pid += rng.randint(3, 40)
            start = t - dt.timedelta(seconds=rng.randint(60, 300))
            held.append([t + dt.timedelta(seconds=rng.randint(120, 360)), rng.uniform(220, 420), start, pid])
            next_alloc = t + dt.timedelta(seconds=rng.randint(35, 110))
        used = sum(h[1] for h in held)
        free, buff, cache = memory(base_free, base_buff, base_cache, used, rng)
        if free + buff + cache < KILL_BELOW_MB and held and not (host_index == 1 and abs((t - SEED_KILL_AT).total_seconds()) < 30):
            fattest = max(held, key=lambda h: h[1])
            system = (free, buff, cache)
            priv = 30 + fattest[1]
            shar = rng.uniform(1930, 1990)
            kills.append((t, system, [(ppid, fattest[3], shar + priv, priv, shar, fattest[2])]))
            held.remove(fattest)
        samples.append((t, free, buff, cache))
    return samples, kills


def memory(base_free, base_buff, base_cache, used, rng):
    """Workers take free memory first; below 150 MB free the kernel reclaims cache, then buffers."""
    free = base_free - used + rng.uniform(-12, 12)
    buff, cache = base_buff + rng.uniform(-1, 1), base_cache + rng.uniform(-1, 1)
    if free < 150:
        short = 150 - free
        free = 150 + rng.uniform(0, 20)
        take = min(short, cache - 150)
        cache -= take
        buff -= min(short - take, buff - 200)
    return free, buff, cache


def vmstat_line(t, free, buff, cache, rng):
    kb = lambda mb: int(round(mb * 1024))
    r = rng.randint(3, 11)
    us = rng.randint(10, 20)
    sy = rng.randint(1, 5)
    return (f" {t:%Y%m%d %H:%M:%S}       {r:2d}  0      0 {kb(free)} {kb(buff)} {kb(cache)}    0    0"
            f"  {rng.randint(0, 300):4d}  {rng.randint(120, 900):4d} {rng.randint(17000, 26000)} {rng.randint(6000, 11000)}"
            f" {us:2d} {sy:2d} {100 - us - sy:2d}  0  0")


def kill_mail(host, t, system, killed, rng):
    free, buff, cache = system
    real = free + buff + cache
    mailed = t + dt.timedelta(seconds=48)
    lines = [f"From watchdog@{host}.example.jp {mailed:%a %b %d %H:%M:%S %Y}",
             f"From: watchdog@{host}.example.jp",
             f"Subject: [{host}] KILLED PROCESSES",
             "",
             f"[{mailed:%Y/%m/%d %H:%M:%S}]",
             "KILLED PROCESSES",
             "",
             "=" * 76,
             f"= {t:%Y-%m-%dT%H:%M:%S} =",
             "== SYSTEM ==",
             "   TOTAL     FREE  BUFFERS   CACHED    REALFREE REALFREE%",
             f"{TOTAL_MB:8.2f} {free:8.2f} {buff:8.2f} {cache:8.2f} {real:11.2f} {real / TOTAL_MB * 100:8.2f}%",
             "",
             "== KILLED PROCESSES (fat) ==",
             "STATUS  USER      PPID   PID CHILD     RSS    PRIV    SHAR SHAR% START               CMD"]
    for ppid, pid, rss, priv, shar, start in killed:
        lines.append(f"KILLED  xxxx     {ppid:5d} {pid:5d}     0 {rss:7.1f} {priv:7.1f} {shar:7.1f} {shar / rss * 100:4.1f}% {start:%Y-%m-%dT%H:%M:%S} index.fcgi")
    return "\n".join(lines) + "\n\n"


def main():
    os.makedirs(os.path.join(HERE, "vmstat"), exist_ok=True)
    mails = []
    seed = seed_rows()
    for i, host in enumerate(HOSTS):
        rng = random.Random(20190615 + i)
        samples, kills = simulate(i, rng)
        with open(os.path.join(HERE, "vmstat", host + ".vmstat"), "w") as f:
            f.write(HEADER)
            for t, free, buff, cache in samples:
                if host == "web01" and t in seed:
                    f.write(seed[t] + "\n")
                    continue
                if host == "web02" and t == SEED_KILL_AT:
                    free, buff, cache = 268.39, 590.23, 285.82  # the seed report's SYSTEM row
                f.write(vmstat_line(t, free, buff, cache, rng) + "\n")
        for t, system, killed in kills:
            mails.append((t, kill_mail(host, t, system, killed, rng)))
        if host == "web02":
            mails.append((SEED_KILL_AT, f"From watchdog@web02.example.jp Sat Jun 15 00:03:13 2019\nFrom: watchdog@web02.example.jp\n"
                                        f"Subject: [web02] KILLED PROCESSES\n\n{SEED_KILL_MAIL}\n"))
    with open(os.path.join(HERE, "kills.mbox"), "w") as f:
        for _, mail in sorted(mails, key=lambda m: m[0]):
            f.write(mail)

    rng = random.Random(150)
    with open(os.path.join(HERE, "access.ltsv"), "w") as f:
        for minute in range(SECONDS // 60):
            count = 150 + rng.randint(-12, 12)
            times = sorted(rng.uniform(0, 60) for _ in range(count))
            for sec in times:
                t = START + dt.timedelta(minutes=minute, seconds=sec)
                reqtime = rng.lognormvariate(-1.25, 0.35)
                f.write(f"time:[{t:%d/%b/%Y:%H:%M:%S} +0900]\tmethod:GET\turi:/index.fcgi\tstatus:200\treqtime:{reqtime:.3f}\n")


if __name__ == "__main__":
    main()
