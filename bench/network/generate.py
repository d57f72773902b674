#!/usr/bin/env python3
"""A seeded city network for the end-to-end benchmark: CITIES cities x 200 indicators x 3 sexes x 25 years.

usage: generate.py CITIES OUTDIR [--sdmx] [--years N]
Writes OUTDIR/network.csv (long layout: city,indicator,sex,period,value; about 15,000 rows a city, ~3% of years
missing), OUTDIR/network.yaml (a pipeline: 200 local indicators linked to SDG indicators, a lifelong-learning action
from 2015 on 20 of them in the first quarter of the cities, the last 10 cities as comparison areas) and, with --sdmx,
the same data as SDMX-ML 2.1 generic and structure-specific messages; --years N observes each series N years from 2000
instead of 25 (the same series with more observations: how memory grows with observations alone). Standard library
only.
"""
import os
import random
import sys

cities, out = int(sys.argv[1]), sys.argv[2]
sdmx = "--sdmx" in sys.argv
os.makedirs(out, exist_ok=True)
rng = random.Random(2026)
INDICATORS = [f"IND{i:03d}" for i in range(200)]
SEXES = ["_T", "F", "M"]
YEARS = range(2000, 2000 + (int(sys.argv[sys.argv.index("--years") + 1]) if "--years" in sys.argv else 25))
SDG = ["4.1.1", "4.2.2", "4.3.1", "4.4.1", "4.6.1", "4.7.1", "4.a.1", "5.5.2", "8.6.1", "11.2.1", "11.6.2", "11.7.1",
       "1.2.1", "3.4.1", "6.1.1", "7.1.1", "9.c.1", "10.2.1", "16.7.1", "17.8.1"]
ACTION_INDICATORS = INDICATORS[:20]
treated = {f"C{c:04d}" for c in range(max(1, cities // 4))}

M = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
HEAD = ('<message:Header><message:ID>NETWORK</message:ID><message:Structure structureID="SDG" dimensionAtObservation="TIME_PERIOD">'
        '<common:Structure><Ref agencyID="IAEG-SDGs" id="SDG" version="1.8"/></common:Structure></message:Structure></message:Header>\n')
csv = open(os.path.join(out, "network.csv"), "w")
csv.write("city,indicator,sex,period,value\n")
gen = ss = None
if sdmx:
    gen = open(os.path.join(out, "network-generic.xml"), "w")
    gen.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<message:GenericData xmlns:message="{M}" '
              'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
              'xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">\n' + HEAD
              + '<message:DataSet structureRef="SDG">\n')
    ss = open(os.path.join(out, "network-ss.xml"), "w")
    ss.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<message:StructureSpecificData xmlns:message="{M}" '
             'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
             'xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">\n' + HEAD
             + '<message:DataSet ss:structureRef="SDG">\n')
for c in range(cities):
    city = f"C{c:04d}"
    for indicator in INDICATORS:
        for sex in SEXES:
            base, slope = rng.uniform(20, 70), rng.uniform(-0.5, 0.8)
            step = rng.uniform(1, 5) if city in treated and indicator in ACTION_INDICATORS else 0.0
            if gen:
                gen.write(f'<generic:Series><generic:SeriesKey><generic:Value id="SERIES" value="{indicator}"/>'
                          f'<generic:Value id="REF_AREA" value="{city}"/><generic:Value id="SEX" value="{sex}"/></generic:SeriesKey>\n')
                ss.write(f'<Series SERIES="{indicator}" REF_AREA="{city}" SEX="{sex}">\n')
            for year in YEARS:
                if rng.random() < 0.03:
                    continue
                v = f"{base + slope * (year - 2000) + (step if year >= 2015 else 0) + rng.gauss(0, 1.0):.3f}"
                csv.write(f"{city},{indicator},{sex},{year},{v}\n")
                if gen:
                    gen.write(f'<generic:Obs><generic:ObsDimension value="{year}"/><generic:ObsValue value="{v}"/></generic:Obs>\n')
                    ss.write(f'<Obs TIME_PERIOD="{year}" OBS_VALUE="{v}"/>\n')
            if gen:
                gen.write("</generic:Series>\n")
                ss.write("</Series>\n")
csv.close()
if gen:
    gen.write("</message:DataSet>\n</message:GenericData>\n")
    ss.write("</message:DataSet>\n</message:StructureSpecificData>\n")
    gen.close()
    ss.close()

comparison = [f"C{c:04d}" for c in range(max(0, cities - 10), cities)]
with open(os.path.join(out, "network.yaml"), "w") as y:
    y.write("pipeline: network-bench\nsources:\n  network: {path: network.csv}\nindicators:\n")
    for i, code in enumerate(INDICATORS):
        direction = "decrease" if i % 5 == 4 else "increase"
        y.write(f"  - {{id: {code.lower()}, from: {{source: network, where: {{indicator: {code}}}}}, "
                f"sdg: [{SDG[i % len(SDG)]}], direction: {direction}, unit: percent}}\n")
    y.write("actions:\n  - {id: lifelong-learning-plan, title: Lifelong learning action plan, start: 2015, indicators: ["
            + ", ".join(c.lower() for c in ACTION_INDICATORS) + "], areas: [" + ", ".join(sorted(treated)) + "]}\n")
    y.write("evaluation: {comparison: [" + ", ".join(comparison) + "]}\n")
    y.write("outputs: {dir: out, tables: [sqlite, csv], report: none}   # a chart per series would be 180,000 SVG files\n")
