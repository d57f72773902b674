#!/usr/bin/env python3
"""Reads sdgpipe's SDMX export with two independent readers from PyPI and compares their control totals
(observations, value sum) with sdgpipe's own reading: sdmx1 reads the SDMX-ML file against the DSD, pysdmx reads
the SDMX-CSV and the SDMX-ML files. Every key value is also checked against the DSD's codelists (with sdmx1).

usage: PYTHON scripts/check_sdmx_export.py SDGPIPE DSD.xml EXPORT_DIR
Needs sdmx1 and pysdmx[data,xml] (`.ci/run` installs them into a virtual environment); exit 77 when missing.
"""
import json
import os
import subprocess
import sys

try:
    import sdmx
    from pysdmx.io import read_sdmx
except ImportError as e:
    print(f"SDMX export check skipped: {e} (install sdmx1 and pysdmx[data,xml])")
    sys.exit(77)

binary, dsd_path, folder = sys.argv[1], sys.argv[2], sys.argv[3]
dsd = next(iter(sdmx.read_sdmx(dsd_path).structure.values()))
failures = []


def ours(path):
    out = subprocess.run([binary, "inspect", path, "--format", "json"], capture_output=True, text=True, check=True)
    totals = json.loads(out.stdout)
    return totals["observations"], totals["value_sum"]


def same(a, b):
    return a[0] == b[0] and abs(a[1] - b[1]) <= 1e-9 * max(1.0, abs(a[1]))


xml = os.path.join(folder, "data.xml")
csv = os.path.join(folder, "data.csv")
reference = ours(xml)
if not same(ours(csv), reference):
    failures.append(f"sdgpipe reads data.csv as {ours(csv)}, data.xml as {reference}")

message = sdmx.read_sdmx(xml, structure=dsd)
data_set = message.data[0]
values = [float(o.value) for s in data_set.series.values() for o in s]
if not same((len(values), sum(values)), reference):
    failures.append(f"sdmx1 reads data.xml as {(len(values), sum(values))}, sdgpipe as {reference}")
for key in data_set.series:
    for kv in key.values.values():
        dimension = dsd.dimensions.get(kv.id)
        codelist = dimension.local_representation.enumerated if dimension.local_representation else None
        if codelist is not None and kv.value not in codelist:
            failures.append(f"data.xml: {kv.id}={kv.value} is not in the DSD's codelist {codelist.id}")

for path in (csv, xml):
    frame = read_sdmx(path).data[0].data
    totals = (len(frame), float(frame["OBS_VALUE"].astype(float).sum()))
    if not same(totals, reference):
        failures.append(f"pysdmx reads {os.path.basename(path)} as {totals}, sdgpipe as {reference}")

for failure in failures:
    print("FAIL:", failure)
print(f"SDMX export check: {reference[0]} observations, sum {reference[1]}; sdmx1 (SDMX-ML against the DSD) and pysdmx "
      f"(SDMX-CSV, SDMX-ML) " + ("agree" if not failures else f"disagree ({len(failures)} failures)"))
sys.exit(1 if failures else 0)
