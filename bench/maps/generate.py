#!/usr/bin/env python3
"""A national-shaped maps benchmark: 300 municipalities (a 20 × 15 grid of wiggly shared borders, 160 positions a
municipality, 48,000 in all, six decimals) with 4 indicators 2010-2023, one action in 30 municipalities against
the other 270, and two pipelines over the same data: with `geography:` (maps, GeoJSON) and without.

usage: python3 bench/maps/generate.py OUT_DIR [SEGMENTS]   then: sdgpipe run OUT_DIR/maps.yaml; sdgpipe run OUT_DIR/plain.yaml

SEGMENTS (default 40) is the number of segments of each border: 1700 makes a boundary file of about 50 MB.
"""
import json
import math
import os
import random
import sys

out = sys.argv[1]
segments = int(sys.argv[2]) if len(sys.argv) > 2 else 40
os.makedirs(out, exist_ok=True)


def corner(i, j):
    return (4 + 0.15 * i, 51 + 0.13 * j)


def border(a, b):
    (px, py), (qx, qy) = corner(*a), corner(*b)
    seed = (a[0] * 31 + a[1]) * 997 + b[0] * 17 + b[1]
    points = []
    for k in range(segments + 1):
        t = k / segments
        w = 0.01 * math.sin(math.pi * t) * math.sin(7 * math.pi * t + seed)
        points.append([round(px + (qx - px) * t - (qy - py) * w, 6), round(py + (qy - py) * t + (qx - px) * w, 6)])
    return points


def side(a, b):
    return border(a, b) if a < b else border(b, a)[::-1]


features = []
codes = []
for i in range(20):
    for j in range(15):
        ring = []
        for a, b in [((i, j), (i + 1, j)), ((i + 1, j), (i + 1, j + 1)), ((i + 1, j + 1), (i, j + 1)), ((i, j + 1), (i, j))]:
            ring += side(a, b)[:-1]
        ring.append(ring[0])
        code = f"GM{i * 15 + j:04d}"
        codes.append(code)
        features.append({"type": "Feature", "properties": {"statcode": code, "statnaam": f"Gemeente {i * 15 + j}"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
with open(os.path.join(out, "municipalities.geojson"), "w") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f)

rnd = random.Random(3)
treated = codes[::10]
with open(os.path.join(out, "data.csv"), "w") as f:
    f.write("area,indicator,year,value\n")
    for code in codes:
        for ind in ["A", "B", "C", "D"]:
            base = rnd.uniform(20, 60)
            for year in range(2010, 2024):
                lift = 3 if code in treated and year >= 2017 else 0
                f.write(f"{code},{ind},{year},{base + 0.4 * (year - 2010) + lift + rnd.gauss(0, 1):.2f}\n")

indicators = "".join(f"""
  - id: ind_{ind.lower()}
    from: {{source: data, where: {{indicator: {ind}}}}}
    sdg: [4.3.1]
    direction: increase
    target: {{year: 2030, value: 70}}""" for ind in "ABCD")
common = f"""
sources:
  data: {{path: data.csv}}
indicators:{indicators}
actions:
  - {{id: programme, title: Adult learning programme, start: 2017, indicators: [ind_a, ind_b, ind_c, ind_d]}}
evaluation:
  areas: [{", ".join(treated)}]
  progress: [eurostat]
"""
with open(os.path.join(out, "maps.yaml"), "w") as f:
    f.write("pipeline: maps\n" + common + "geography: {boundaries: municipalities.geojson, id_property: statcode, "
            "name_property: statnaam}\noutputs: {dir: out-maps, geojson: true}\n")
with open(os.path.join(out, "plain.yaml"), "w") as f:
    f.write("pipeline: plain\n" + common + "outputs: {dir: out-plain}\n")
