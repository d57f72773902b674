#!/usr/bin/env python3
"""Development check (not part of `make test`; needs pandas from PyPI): sdgpipe's control totals for a Eurostat TSV
file against pandas reading it on its own terms (tab-separated, the first column the key, `:` missing, flags after
a space).

usage: python3 scripts/check_tsv.py SDGPIPE FILE.tsv[.gz]
"""
import json
import subprocess
import sys

import pandas as pd

binary, path = sys.argv[1], sys.argv[2]
frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
values = []
cells = 0
dimensions = frame.columns[0].split("\\")[0].count(",") + 1
keyed = frame[frame.iloc[:, 0].str.count(",") + 1 == dimensions]  # a row whose key lacks a code is a reject
for column in keyed.columns[1:]:
    for cell in keyed[column]:
        cells += 1
        text = cell.strip().split(" ")[0]
        if text != ":":
            try:
                values.append(float(text))
            except ValueError:
                pass  # sdgpipe rejects it; counted by the difference below
totals = json.loads(subprocess.run([binary, "inspect", path, "--format", "json"], capture_output=True, text=True,
                                   check=True).stdout)
same = totals["values"] == len(values) and abs(totals["value_sum"] - sum(values)) <= 1e-9 * max(1, abs(sum(values)))
print(f"{path}: sdgpipe {totals['values']} values, sum {totals['value_sum']}, {totals['rejects']} rejects; "
      f"pandas {len(values)} values, sum {sum(values)} of {cells} cells: {'same' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
