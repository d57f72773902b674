#!/usr/bin/env python3
"""Writes the districts sample: Riverton's nine districts as GeoJSON (riverton-districts.geojson) and a long CSV of
two indicators by district and for the city as a whole (districts.csv). Fictional, deterministic, standard library only.

The boundaries have the shapes real files have: neighbours share their wiggly borders position for position, the
exterior rings run counterclockwise (RFC 7946), the Park district has a hole (a lake that belongs to no district),
the Harbour district is a MultiPolygon (with an island in the river), coordinates have six decimals.
"""
import json
import math
import random

NAMES = ["Old Town", "Northgate", "Millbrook", "Westbank", "Park", "Eastfield", "Harbour", "Southmoor", "Riverside"]
CODES = [f"RV{k:02d}" for k in range(1, 10)]
random.seed(7)

# A 4 × 4 lattice of corners, jittered, over about 6 × 4.5 km around 5.12° E, 52.09° N.
corners = [[(5.09 + 0.025 * i + random.uniform(-0.004, 0.004) * (0 < i < 3),
             52.07 + 0.0135 * j + random.uniform(-0.002, 0.002) * (0 < j < 3)) for j in range(4)] for i in range(4)]


def edge(a, b, key):
    """The border from corner a to corner b: 12 segments with a wiggle that depends on the edge only, so the two
    districts on either side share it exactly."""
    (ax, ay), (bx, by) = corners[a[0]][a[1]], corners[b[0]][b[1]]
    rnd = random.Random(key)
    phase, amp = rnd.uniform(0, math.pi), rnd.uniform(0.0006, 0.0015)
    nx, ny = -(by - ay), (bx - ax)
    length = math.hypot(nx, ny)
    nx, ny = nx / length, ny / length
    points = []
    for t in range(13):
        s = t / 12
        w = amp * math.sin(math.pi * s) * math.sin(3 * math.pi * s + phase)
        points.append((round(ax + (bx - ax) * s + nx * w, 6), round(ay + (by - ay) * s + ny * w, 6)))
    return points


def path(a, b):
    key = tuple(sorted([a, b]))
    points = edge(key[0], key[1], str(key))
    return points if (a, b) == key else points[::-1]


def cell(i, j):
    """Counterclockwise: (i,j) → (i+1,j) → (i+1,j+1) → (i,j+1) → back."""
    ring = []
    for a, b in [((i, j), (i + 1, j)), ((i + 1, j), (i + 1, j + 1)), ((i + 1, j + 1), (i, j + 1)), ((i, j + 1), (i, j))]:
        ring += path(a, b)[:-1]
    return ring + [ring[0]]


def circle(cx, cy, r, n, clockwise):
    ring = [(round(cx + r * math.cos(2 * math.pi * k / n) * 1.6, 6), round(cy + r * math.sin(2 * math.pi * k / n), 6))
            for k in range(n)]
    if clockwise:
        ring = ring[::-1]
    return ring + [ring[0]]


features = []
for k, (code, name) in enumerate(zip(CODES, NAMES)):
    i, j = k % 3, k // 3
    rings = [cell(i, j)]
    if name == "Park":
        cx = sum(p[0] for p in rings[0][:-1]) / (len(rings[0]) - 1)
        cy = sum(p[1] for p in rings[0][:-1]) / (len(rings[0]) - 1)
        rings.append(circle(cx, cy, 0.0025, 16, clockwise=True))
    geometry = {"type": "Polygon", "coordinates": [[list(p) for p in r] for r in rings]}
    if name == "Harbour":
        (x0, y0) = corners[0][3]
        island = circle(x0 - 0.005, y0 - 0.008, 0.0012, 10, clockwise=False)
        geometry = {"type": "MultiPolygon", "coordinates": [geometry["coordinates"], [[list(p) for p in island]]]}
    features.append({"type": "Feature", "properties": {"code": code, "name": name, "population": 9000 + 1500 * k},
                     "geometry": geometry})

with open("riverton-districts.geojson", "w") as f:
    json.dump({"type": "FeatureCollection", "name": "riverton_districts", "features": features}, f, indent=1)
    f.write("\n")

# Two indicators, 2012-2023. The library outreach began in 2018 in Northgate, Park and Harbour.
treated = {"RV02", "RV05", "RV07"}
rows = ["area,indicator,sex,year,value,unit"]
rnd = random.Random(11)
for code in CODES + ["Riverton"]:
    base = 30 + 8 * rnd.random()
    visits = 3 + 2 * rnd.random()
    for year in range(2012, 2024):
        lift = 4.5 if code in treated and year >= 2018 else 0
        learn = base + 0.6 * (year - 2012) + lift + rnd.gauss(0, 0.6)
        visit = visits + 0.05 * (year - 2012) + (0.8 if code in treated and year >= 2018 else 0) + rnd.gauss(0, 0.1)
        rows.append(f"{code},ADULT_LEARN,_T,{year},{learn:.1f},percent")
        rows.append(f"{code},LIB_VISITS,_T,{year},{visit:.2f},visits per inhabitant")
with open("districts.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
