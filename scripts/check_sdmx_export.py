#!/usr/bin/env python3
"""Reads sdgpipe's SDMX export with two independent readers from PyPI and compares their control totals
(observations, value sum) with sdgpipe's own reading, for the localized series (data.*) and, when exported, the
observations read (observations.*): sdmx1 reads the SDMX-ML file against the DSD, pysdmx reads the SDMX-CSV and the
SDMX-ML files, and sdmxthon, where installed, reads the SDMX-ML file and validates it against the DSD (its rules
SS01-SS11, which `sdgpipe validate --structure` numbers alike). Every key value is also checked against the DSD's
codelists (with sdmx1).

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
try:  # A third reader and validator where it installs (its own pins may not suit every Python).
    import warnings

    warnings.filterwarnings("ignore")
    from sdmxthon.api.api import get_datasets
except ImportError:
    get_datasets = None

binary, dsd_path, folder = sys.argv[1], sys.argv[2], sys.argv[3]
dsd = next(iter(sdmx.read_sdmx(dsd_path).structure.values()))
failures = []


def ours(path):
    out = subprocess.run([binary, "inspect", path, "--format", "json"], capture_output=True, text=True, check=True)
    totals = json.loads(out.stdout)
    return totals["observations"], totals["value_sum"]


def same(a, b):
    return a[0] == b[0] and abs(a[1] - b[1]) <= 1e-9 * max(1.0, abs(a[1]))


def check(stem):
    """One export (`data`: the localized series; `observations`: the observations read): sdgpipe, sdmx1, pysdmx and,
    where it installs, sdmxthon read the same observations and sum; every key is in the DSD's codelists."""
    xml = os.path.join(folder, stem + ".xml")
    csv = os.path.join(folder, stem + ".csv")
    reference = ours(xml)
    if not same(ours(csv), reference):
        failures.append(f"sdgpipe reads {stem}.csv as {ours(csv)}, {stem}.xml as {reference}")

    message = sdmx.read_sdmx(xml, structure=dsd)
    data_set = message.data[0]
    values = [v for s in data_set.series.values() for v in (float(o.value) for o in s) if v == v]
    count = sum(len(s) for s in data_set.series.values())
    if not same((count, sum(values)), reference):
        failures.append(f"sdmx1 reads {stem}.xml as {(count, sum(values))}, sdgpipe as {reference}")
    for key in data_set.series:
        for kv in key.values.values():
            dimension = dsd.dimensions.get(kv.id)
            codelist = dimension.local_representation.enumerated if dimension.local_representation else None
            if codelist is not None and kv.value not in codelist:
                failures.append(f"{stem}.xml: {kv.id}={kv.value} is not in the DSD's codelist {codelist.id}")

    for path in (csv, xml):
        frame = read_sdmx(path).data[0].data
        totals = (len(frame), float(frame["OBS_VALUE"].astype(float).fillna(0).sum()))
        if not same(totals, reference):
            failures.append(f"pysdmx reads {os.path.basename(path)} as {totals}, sdgpipe as {reference}")

    if get_datasets is not None:
        found = get_datasets(xml, dsd_path)
        data_set = found if not isinstance(found, dict) else next(iter(found.values()))
        frame = data_set.data
        totals = (len(frame), float(frame["OBS_VALUE"].astype(float).fillna(0).sum()))
        if not same(totals, reference):
            failures.append(f"sdmxthon reads {stem}.xml as {totals}, sdgpipe as {reference}")
        for error in data_set.structural_validation():
            failures.append(f"sdmxthon's validation of {stem}.xml: {error['Code']} {error['Message']}")
    readers.append(f"{stem}: {reference[0]} observations, sum {reference[1]}")


readers = []
check("data")
if os.path.exists(os.path.join(folder, "observations.xml")):
    check("observations")

for failure in failures:
    print("FAIL:", failure)
third = ", sdmxthon (SDMX-ML, its structural validation)" if get_datasets is not None else " (sdmxthon not installed)"
print(f"SDMX export check: {'; '.join(readers)}; sdmx1 (SDMX-ML against the DSD), pysdmx (SDMX-CSV, SDMX-ML){third} "
      + ("agree" if not failures else f"disagree ({len(failures)} failures)"))
sys.exit(1 if failures else 0)
