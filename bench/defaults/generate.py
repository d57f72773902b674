#!/usr/bin/env python3
"""The national-scale shape of the defaults benchmark: AREAS areas x 100 indicators x 3 sexes x 20 years.

usage: generate.py AREAS OUTDIR
Writes OUTDIR/national.csv (long layout: area,indicator,sex,year,value; municipality codes with leading zeros,
about 2% of values missing) and two pipelines that keep every output at its default (tables csv, json and sqlite,
the report, the charts): OUTDIR/per-indicator.yaml, one local indicator per indicator (AREAS x 300 series), one
action on the first 20 indicators in every area but the 20 comparison areas; OUTDIR/overall.yaml, one local
indicator over every indicator (AREAS x 3 series of 2,000 points, 100 values a period made one by `per_period:
mean`), one action on it in every area but the comparison areas. Standard library only; seeded.
"""
import os
import random
import sys

areas, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(2026)
codes = [f"{i:04d}" for i in range(areas)]
indicators = [f"IND{i:03d}" for i in range(100)]
with open(os.path.join(out, "national.csv"), "w") as f:
    f.write("area,indicator,sex,year,value\n")
    for a, code in enumerate(codes):
        level = 20 + (a % 37)
        rows = []
        for i, ind in enumerate(indicators):
            for sex in ("_T", "F", "M"):
                base = level + i % 13 + (1.5 if sex == "F" else 0)
                for year in range(2004, 2024):
                    if rng.random() < 0.02:
                        rows.append(f"{code},{ind},{sex},{year},\n")
                        continue
                    effect = 2.0 if a >= 20 and i < 20 and year >= 2016 else 0.0
                    v = base + 0.25 * (year - 2004) + effect + rng.gauss(0, 0.8)
                    rows.append(f"{code},{ind},{sex},{year},{v:.2f}\n")
        f.write("".join(rows))
comparison = ", ".join(f'"{c}"' for c in codes[:20])
head = """pipeline: NAME
sources:
  stats: {path: national.csv, columns: {area: area, period: year}}
"""
with open(os.path.join(out, "per-indicator.yaml"), "w") as f:
    f.write(head.replace("NAME", "national-per-indicator") + "indicators:\n")
    for i, ind in enumerate(indicators):
        f.write(f"  - {{id: ind{i:03d}, label: Indicator {i}, from: {{source: stats, where: {{indicator: {ind}}}}}, "
                f"sdg: [11.x], relation: local, direction: increase}}\n")
    f.write("actions:\n  - {id: plan, title: Local plan, start: 2016, indicators: ["
            + ", ".join(f"ind{i:03d}" for i in range(20)) + "]}\n")
    f.write(f"evaluation:\n  comparison: [{comparison}]\n")
with open(os.path.join(out, "overall.yaml"), "w") as f:
    f.write(head.replace("NAME", "national-overall") + "indicators:\n")
    f.write("  - {id: overall, label: All indicators, from: {source: stats}, sdg: [11.x], relation: local, "
            "direction: increase, per_period: mean}\n")
    f.write("actions:\n  - {id: plan, title: Local plan, start: 2016, indicators: [overall]}\n")
    f.write(f"evaluation:\n  comparison: [{comparison}]\n")
print(areas * 100 * 3 * 20)
