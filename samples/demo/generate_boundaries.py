#!/usr/bin/env python3
"""Writes cities.geojson: the boundaries of the demo's three fictional cities (Riverton between Lakeside to the west
and Hillview to the east), neighbours sharing their wiggly borders exactly, exterior rings counterclockwise
(RFC 7946), Lakeside with a hole (its lake, which belongs to no city). Deterministic, standard library only."""
import json
import math


def wiggle(a, b, seed, n=16, amp=0.004):
    (ax, ay), (bx, by) = a, b
    nx, ny = -(by - ay), bx - ax
    length = math.hypot(nx, ny)
    nx, ny = nx / length, ny / length
    return [(round(ax + (bx - ax) * k / n + nx * amp * math.sin(math.pi * k / n) * math.sin(3 * math.pi * k / n + seed), 6),
             round(ay + (by - ay) * k / n + ny * amp * math.sin(math.pi * k / n) * math.sin(3 * math.pi * k / n + seed), 6))
            for k in range(n + 1)]


# Corners: x from west to east, y from south to north.
xs = [5.00, 5.09, 5.17, 5.27]
south, north = 52.02, 52.11


def border(x0, y0, x1, y1, seed):
    return wiggle((x0, y0), (x1, y1), seed)


def city(i):
    """Counterclockwise: south edge west→east, east edge south→north, north edge east→west, west edge north→south.
    The east edge of city i is the west edge of city i+1, reversed, so neighbours share it."""
    x0, x1 = xs[i], xs[i + 1]
    ring = border(x0, south, x1, south, 10 + i)[:-1]
    ring += border(x1, south, x1, north, 20 + i + 1)[:-1]
    ring += border(x1, north, x0, north, 30 + i)[:-1]
    ring += border(x0, south, x0, north, 20 + i)[::-1][:-1]
    return ring + [ring[0]]


def lake(cx, cy, r, n=14):
    ring = [(round(cx + 1.5 * r * math.cos(-2 * math.pi * k / n), 6), round(cy + r * math.sin(-2 * math.pi * k / n), 6))
            for k in range(n)]  # clockwise: a hole
    return ring + [ring[0]]


names = ["Lakeside", "Riverton", "Hillview"]
features = []
for i, name in enumerate(names):
    rings = [city(i)]
    if name == "Lakeside":
        rings.append(lake(5.045, 52.07, 0.012))
    features.append({"type": "Feature", "properties": {"name": name},
                     "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in r] for r in rings]}})
with open("cities.geojson", "w") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, indent=1)
    f.write("\n")
