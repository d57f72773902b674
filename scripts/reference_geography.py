#!/usr/bin/env python3
"""Reference areas and centroids for the SDGGeo tests, computed by shapely on the districts sample (planar, in the
file's degrees, as sdgpipe's PlanarMeasures computes them). Needs shapely from PyPI (a development virtual
environment); the output is committed as Tests/SDGGeoTests/Fixtures/districts-measures.json.

usage: python3 scripts/reference_geography.py samples/districts/riverton-districts.geojson > Tests/SDGGeoTests/Fixtures/districts-measures.json
"""
import json
import sys

import shapely
from shapely.geometry import shape

with open(sys.argv[1]) as f:
    collection = json.load(f)
out = {"shapely": shapely.__version__, "features": []}
for feature in collection["features"]:
    geometry = shape(feature["geometry"])
    out["features"].append({
        "code": feature["properties"]["code"],
        "area": geometry.area,
        "centroid": [geometry.centroid.x, geometry.centroid.y],
        "valid": geometry.is_valid,
    })
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
