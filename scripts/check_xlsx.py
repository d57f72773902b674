#!/usr/bin/env python3
"""Development check (not part of `make test`; needs openpyxl from PyPI): sdgpipe's control totals for a sheet of an
Excel workbook against openpyxl's reading of the same sheet, for a long sheet (a `value` column) or a wide one
(periods as columns).

usage: python3 scripts/check_xlsx.py SDGPIPE WORKBOOK SHEET [SHEET ...]
"""
import json
import subprocess
import sys

import openpyxl

binary, workbook, sheets = sys.argv[1], sys.argv[2], sys.argv[3:]
book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
failed = False
for sheet in sheets:
    rows = list(book[sheet].iter_rows(values_only=True))
    header = [str(h) if h is not None else "" for h in rows[0]]
    numbers = []
    if "value" in header:
        columns = [header.index("value")]
    else:  # wide: the columns headed by a year
        columns = [i for i, h in enumerate(header) if h.isdigit()]
    for row in rows[1:]:
        for i in columns:
            if i < len(row) and isinstance(row[i], (int, float)) and not isinstance(row[i], bool):
                numbers.append(float(row[i]))
    out = subprocess.run([binary, "inspect", workbook, "--sheet", sheet, "--format", "json"],
                         capture_output=True, text=True, check=True)
    totals = json.loads(out.stdout)
    same = totals["values"] == len(numbers) and abs(totals["value_sum"] - sum(numbers)) <= 1e-9 * max(1, abs(sum(numbers)))
    failed |= not same
    print(f"{sheet}: sdgpipe {totals['values']} values, sum {totals['value_sum']}; "
          f"openpyxl {len(numbers)} values, sum {sum(numbers)}: {'same' if same else 'DIFFERENT'}")
sys.exit(1 if failed else 0)
