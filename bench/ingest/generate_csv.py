#!/usr/bin/env python3
"""Seeded long CSV for the ingest benchmark as issue #3 describes it, about SIZE_MB megabytes.

usage: generate_csv.py SIZE_MB OUT.csv
City statistics in the long layout: a city code, its name quoted because it holds a comma ("Riverton, North"),
indicator, sex, year, value (about 2% empty: not collected) and unit. 25 years a series.
"""
import random
import sys

size_mb, out = float(sys.argv[1]), sys.argv[2]
rng = random.Random(11)
target = int(size_mb * 1_000_000)
indicators = [("SE_ADT_EDUCTRN", "PERCENT"), ("SE_TOT_CPLR", "PERCENT"), ("IT_NET_BBND", "PER_100"), ("EN_ATM_PM25", "UG_M3"),
              ("SH_STA_TRAF", "PER_100K"), ("LIB_VISITS", "NUMBER")]
with open(out, "w", buffering=1 << 20) as f:
    f.write("area,area_name,indicator,sex,period,value,unit\n")
    city = 0
    while f.tell() < target:
        code, name = f"C{city:06d}", f'"City {city}, District {city % 97}"'
        lines = []
        for indicator, unit in indicators:
            for sex in ("_T", "F", "M"):
                level = rng.uniform(5, 95)
                for year in range(2000, 2025):
                    level += rng.gauss(0.2, 0.8)
                    value = "" if rng.random() < 0.02 else f"{level:.3f}"
                    lines.append(f"{code},{name},{indicator},{sex},{year},{value},{unit}\n")
        f.write("".join(lines))
        city += 1
