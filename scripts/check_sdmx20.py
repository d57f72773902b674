#!/usr/bin/env python3
"""Development check (not part of `make test`; standard library only): sdgpipe's control totals for an SDMX-ML 2.0
message (CompactData or GenericData) against an independent reading with Python's ElementTree. sdmx1 and pysdmx read
SDMX-ML 2.1 and 3.0 only, so this reader follows the 2.0 schemas directly: in CompactData every `Obs` element's
`OBS_VALUE` attribute, in GenericData every `generic:ObsValue`'s `value`; `NaN` and empty values are missing, a
value that is not a number is a reject.

usage: python3 scripts/check_sdmx20.py SDGPIPE FILE.xml[.gz]
"""
import gzip
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET

binary, path = sys.argv[1], sys.argv[2]
opener = gzip.open if path.endswith(".gz") else open
values, rejects, observations = [], 0, 0
with opener(path, "rb") as f:
    for _, element in ET.iterparse(f, events=("end",)):
        local = element.tag.rsplit("}", 1)[-1]
        text = None
        if local == "Obs" and "OBS_VALUE" in element.attrib:  # CompactData
            text = element.attrib["OBS_VALUE"]
        elif local == "ObsValue":  # GenericData
            text = element.attrib.get("value", "")
        if local == "Series":
            element.clear()
        if text is None:
            continue
        observations += 1
        if text.strip() in ("", "NaN"):
            continue
        try:
            number = float(text)
        except ValueError:
            rejects += 1
            continue
        if math.isfinite(number):
            values.append(number)

totals = json.loads(subprocess.run([binary, "inspect", path, "--format", "json"], capture_output=True, text=True,
                                   check=True).stdout)
same = totals["values"] == len(values) and abs(totals["value_sum"] - sum(values)) <= 1e-9 * max(1, abs(sum(values)))
print(f"{path}: sdgpipe {totals['values']} values, sum {totals['value_sum']}, {totals['rejects']} rejects; "
      f"ElementTree {len(values)} values, sum {sum(values)}, {rejects} not numbers, of {observations} observations: "
      f"{'same' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
