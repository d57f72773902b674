#!/usr/bin/env python3
"""Seeded SDMX-ML 2.1 data for the ingest benchmark, generic or structure-specific, about SIZE_MB megabytes.

usage: generate_sdmx.py generic|ss SIZE_MB OUT.xml
City-network SDG series: REF_AREA (cities) × SERIES × SEX × 25 years, with OBS_STATUS on each observation.
"""
import random
import sys

kind, size_mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rng = random.Random(7)
target = int(size_mb * 1_000_000)
M = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
with open(out, "w") as f:
    if kind == "generic":
        f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<message:GenericData xmlns:message="{M}" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
                'xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">\n'
                '<message:Header><message:ID>BENCH</message:ID><message:Structure structureID="SDG" dimensionAtObservation="TIME_PERIOD"><common:Structure><Ref agencyID="IAEG-SDGs" id="SDG" version="1.8"/></common:Structure></message:Structure></message:Header>\n'
                '<message:DataSet structureRef="SDG">\n')
    else:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<message:StructureSpecificData xmlns:message="{M}" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
                'xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" '
                'xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.8):ObsLevelDim:TIME_PERIOD">\n'
                '<message:Header><message:ID>BENCH</message:ID><message:Structure structureID="SDG" dimensionAtObservation="TIME_PERIOD"><common:Structure><Ref agencyID="IAEG-SDGs" id="SDG" version="1.8"/></common:Structure></message:Structure></message:Header>\n'
                '<message:DataSet ss:structureRef="SDG">\n')
    city = 0
    while f.tell() < target:
        for series in ("SE_ADT_EDUCTRN", "SE_TOT_CPLR", "IT_NET_BBND", "EN_ATM_PM25"):
            for sex in ("_T", "F", "M"):
                base = rng.uniform(10, 90)
                if kind == "generic":
                    f.write(f'<generic:Series><generic:SeriesKey><generic:Value id="FREQ" value="A"/>'
                            f'<generic:Value id="SERIES" value="{series}"/><generic:Value id="REF_AREA" value="C{city:05d}"/>'
                            f'<generic:Value id="SEX" value="{sex}"/></generic:SeriesKey>'
                            f'<generic:Attributes><generic:Value id="UNIT_MEASURE" value="PT"/></generic:Attributes>\n')
                    for year in range(2000, 2025):
                        f.write(f'<generic:Obs><generic:ObsDimension value="{year}"/><generic:ObsValue value="{base + rng.gauss(0, 1):.3f}"/>'
                                f'<generic:Attributes><generic:Value id="OBS_STATUS" value="A"/></generic:Attributes></generic:Obs>\n')
                    f.write("</generic:Series>\n")
                else:
                    f.write(f'<Series FREQ="A" SERIES="{series}" REF_AREA="C{city:05d}" SEX="{sex}" UNIT_MEASURE="PT">\n')
                    for year in range(2000, 2025):
                        f.write(f'<Obs TIME_PERIOD="{year}" OBS_VALUE="{base + rng.gauss(0, 1):.3f}" OBS_STATUS="A"/>\n')
                    f.write("</Series>\n")
        city += 1
    f.write("</message:DataSet>\n</message:" + ("GenericData" if kind == "generic" else "StructureSpecificData") + ">\n")
