#!/usr/bin/env python3
"""Seeded city-network series for the evaluation benchmark: N series x 20 years in the long CSV layout.

usage: generate.py N OUT.csv   (N series; about 20 N rows)
Half the series get a level step at 2015 (the action), a few years are missing at random, values are realistic
percentages. Standard library only, so it runs before the benchmark's virtual environment exists.
"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(2026)
with open(out, "w") as f:
    f.write("area,indicator,period,value\n")
    for i in range(n):
        base, slope = rng.uniform(20, 70), rng.uniform(-0.5, 0.8)
        step = rng.uniform(1, 5) if i % 2 == 0 else 0.0
        for year in range(2005, 2025):
            if rng.random() < 0.03:
                continue  # a gap: the survey did not run that year
            v = base + slope * (year - 2005) + (step if year >= 2015 else 0) + rng.gauss(0, 1.0)
            f.write(f"C{i // 50:05d},IND{i % 50:02d},{year},{v:.3f}\n")
