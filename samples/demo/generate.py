#!/usr/bin/env python3
"""Writes the synthetic Riverton demo feeds (seeded, standard library only).

Run from this folder: python3 generate.py. The committed files are its output; re-running gives the same bytes.
Every number here is invented: see README.md in this folder.
"""
import random

rng = random.Random(2026)
YEARS = range(2010, 2024)
AREAS = {"Riverton": 0.0, "Lakeside": -2.0, "Hillview": 1.5}


def adult_learning(area, year, sex):
    # % of adults 25-64 who took part in learning in the last 12 months. Riverton's festival (2017) adds a level
    # step of about 4 points and a steeper slope; the comparison cities only follow the national drift.
    base = 37.0 + AREAS[area] + 0.35 * (year - 2010)
    if area == "Riverton" and year >= 2017:
        base += 4.0 + 0.4 * (year - 2017)
    base += {"_T": 0.0, "F": 1.8, "M": -1.8}[sex]
    return base + rng.gauss(0, 0.6)


def library_visits(area, year):
    # Visits per inhabitant per year: a slow decline everywhere; Riverton's library modernisation (2019) lifts it.
    base = 3.4 + AREAS[area] * 0.1 - 0.06 * (year - 2010)
    if area == "Riverton" and year >= 2019:
        base += 0.9
    if year in (2020, 2021):
        base -= 0.8  # closures in the pandemic, everywhere
    return base + rng.gauss(0, 0.08)


def early_leaving(area, year):
    # % of 18-24 year-olds with at most lower secondary education and not in training: falls everywhere, no action
    # effect (the demo must show a series where nothing changed).
    return 13.5 - AREAS[area] * 0.3 - 0.32 * (year - 2010) + rng.gauss(0, 0.35)


def broadband(area, year):
    # % of households with a fixed broadband connection: a saturating rise, same shape in every city.
    return 92 - (92 - 58 - AREAS[area]) * 0.86 ** (year - 2010) + rng.gauss(0, 0.5)


rows = []
for area in AREAS:
    for year in YEARS:
        for sex in ("_T", "F", "M"):
            rows.append((area, "ADULT_LEARN", sex, str(year), f"{adult_learning(area, year, sex):.1f}", "percent"))
        lv = f"{library_visits(area, year):.2f}"
        if area == "Hillview" and year == 2020:
            lv = ".."  # not collected: libraries closed during the survey window
        if area == "Hillview" and year == 2021:
            lv = "2.71*"  # a provisional mark typed into the cell: the run rejects this row and says why
        rows.append((area, "LIB_VISITS", "_T", str(year), lv, "visits per inhabitant"))
        rows.append((area, "ESL", "_T", str(year), f"{early_leaving(area, year):.1f}", "percent"))
        rows.append((area, "BROADBAND", "_T", str(year), f"{broadband(area, year):.1f}", "percent of households"))

with open("city_stats.csv", "w", newline="") as f:
    f.write("area,indicator,sex,period,value,unit\n")
    for r in rows:
        f.write(",".join(r) + "\n")

# National SDG 4 series of the fictional Republic of Tamar (REF_AREA "TM1", not a real ISO code) as SDMX-ML 2.1
# generic data, the way the UN SDG Global Database publishes it.
series = []
for sex, shift in (("_T", 0.0), ("F", 1.2), ("M", -1.2)):
    obs = []
    for year in YEARS:
        value = f"{34.0 + shift + 0.4 * (year - 2010) + rng.gauss(0, 0.4):.1f}"
        status = "E" if year == 2023 else "A"
        if sex == "M" and year == 2012:
            value = "NaN"  # missing in the national survey
        obs.append((str(year), value, status))
    series.append(("SE_ADT_EDUCTRN", sex, "Y25T64", "PT", obs))

lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
    ' xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"'
    ' xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">',
    "  <message:Header>",
    "    <message:ID>TAMAR-SDG4-DEMO</message:ID>",
    "    <message:Test>true</message:Test>",
    "    <message:Prepared>2026-11-01T00:00:00</message:Prepared>",
    '    <message:Sender id="TAMAR_NSO"/>',
    '    <message:Structure structureID="SDG_DSD" dimensionAtObservation="TIME_PERIOD">',
    '      <common:Structure><URN>urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.4)</URN></common:Structure>',
    "    </message:Structure>",
    "  </message:Header>",
    '  <message:DataSet structureRef="SDG_DSD">',
]
for code, sex, age, unit, obs in series:
    lines += [
        "    <generic:Series>",
        "      <generic:SeriesKey>",
        '        <generic:Value id="FREQ" value="A"/>',
        '        <generic:Value id="REPORTING_TYPE" value="N"/>',
        f'        <generic:Value id="SERIES" value="{code}"/>',
        '        <generic:Value id="REF_AREA" value="TM1"/>',
        f'        <generic:Value id="SEX" value="{sex}"/>',
        f'        <generic:Value id="AGE" value="{age}"/>',
        "      </generic:SeriesKey>",
        "      <generic:Attributes>",
        f'        <generic:Value id="UNIT_MEASURE" value="{unit}"/>',
        '        <generic:Value id="UNIT_MULT" value="0"/>',
        "      </generic:Attributes>",
    ]
    for year, value, status in obs:
        lines += [
            "      <generic:Obs>",
            f'        <generic:ObsDimension value="{year}"/>',
            f'        <generic:ObsValue value="{value}"/>',
            f'        <generic:Attributes><generic:Value id="OBS_STATUS" value="{status}"/></generic:Attributes>',
            "      </generic:Obs>",
        ]
    lines.append("    </generic:Series>")
lines += ["  </message:DataSet>", "</message:GenericData>", ""]
with open("sdg4_national.xml", "w") as f:
    f.write("\n".join(lines))
