#!/usr/bin/env python3
"""Regenerates the bundled data of bigquery-load-check.ipynb (deterministic: fixed seed, fixed times)."""
import gzip, json, random

random.seed(20191001)
events = ["login", "gacha", "battle", "purchase", "logout"]
rows = []
for i in range(600):
    t = 1569855600 + i * 37  # 2019-10-01 00:00:00 +09:00 onward
    version = "3.0" if i < 540 else "3.0.1"  # the seed's trap: 3.0.1 arrives after autodetect's 500-row sample
    row = {
        "time": "2019-10-01 %02d:%02d:%02d" % ((t - 1569855600) // 3600, (t // 60) % 60, t % 60),
        "user_id": str(100000 + random.randrange(5000)),
        "event": random.choice(events),
        "version": version,
        "price": "%d.%d" % (random.randrange(100, 5000), random.randrange(10)),
        "items": [{"sku": "sku-%03d" % random.randrange(200), "qty": random.randrange(1, 5)} for _ in range(random.randrange(0, 3))],
        "device": {"os": random.choice(["ios", "android"]), "model": random.choice(["iPhone11,8", "SO-01L", "SH-M12"])},
    }
    rows.append(row)
with gzip.GzipFile("applog-2019-10-01.json.gz", "wb", mtime=0) as f:
    for r in rows:
        f.write((json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n").encode())

# MySQL export as TSV with unescaped control characters (the seed's Hadoop migration).
tsv = [
    "id\tname\tcomment\tcreated_at",
    "1\talice\tfirst login\t2019-10-01 00:00:01",
    "2\tbob\tpasted from Excel\x0bwith a vertical tab\t2019-10-01 00:00:02",
    "3\tcarol\tmulti-line comment",
    "continues here\t2019-10-01 00:00:03",
    "4\tdave\ttab\tinside\t2019-10-01 00:00:04",
    "5\teve\tnull byte\x00here\t2019-10-01 00:00:05",
    "6\tfrank\tclean row\t2019-10-01 00:00:06",
]
with open("users-from-mysql.tsv", "wb") as f:
    f.write(("\n".join(tsv) + "\n").encode())

# An old service's table stored as Shift_JIS (Windows-31J): the name column is not UTF-8.
with open("members-sjis.tsv", "wb") as f:
    f.write("id\tname\tprefecture\n".encode())
    for i, (name, pref) in enumerate([("山田太郎", "東京都"), ("佐藤花子", "大阪府"), ("ｽｽﾞｷｲﾁﾛｳ", "北海道"), ("髙橋①", "福岡県")], 1):
        f.write(str(i).encode() + b"\t" + name.encode("cp932") + b"\t" + pref.encode("utf-8") + b"\n")

# The application's single log file, as the gcs daemon reads it: hdfs path \t host \t time \t JSON or LTSV.
lines = []
for i in range(48):
    t = 1569855600 + i * 150  # every 2.5 minutes from 2019-10-01 00:00 JST
    hh, mm, ss = (i * 150) // 3600, (i * 150 // 60) % 60, 0
    stamp = "2019-10-01 %02d:%02d:%02d" % (hh, mm, ss)
    host = "web%02d" % (1 + i % 3)
    if i % 3 == 0:
        lines.append("/user/game/applog/login\t%s\t%s\t%s" % (host, stamp, json.dumps({"user_id": 100000 + i, "platform": "ios"})))
    elif i % 3 == 1:
        lines.append("/user/game/applog/purchase\t%s\t%s\tuser_id:%d\titem:sku-%03d\tprice:%d" % (host, stamp, 100000 + i, i, 120 * (i % 5 + 1)))
    else:
        lines.append("/user/shop/accesslog/web\t%s\t%s\tpath:/cart\tstatus:200\tua:Mozilla/5.0" % (host, stamp))
lines.append("/user/unknown/thing\tweb01\t2019-10-01 01:00:00\t{\"x\":1}")
with open("applog.log", "w") as f:
    f.write("\n".join(lines) + "\n")
