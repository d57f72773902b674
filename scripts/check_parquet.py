#!/usr/bin/env python3
"""Reads sdgpipe's Parquet tables back with pyarrow, polars and DuckDB and compares every row with the CSV tables.

Usage: check_parquet.py OUTPUT_FOLDER

For each table with a `parquet/<table>/` folder and a `<table>.csv`: the same number of rows, the same columns, and
the same values (text exactly; numbers to 1e-12 relative, the CSV's shortest decimal against the file's double),
compared after sorting both by every column. Each reader must also see `indicator` as text. Exit 0 when all three
readers agree with the CSV, 1 on a difference, 77 when a reader is not installed (make parquet-check then says so).
"""
import csv, glob, math, os, sys

folder = sys.argv[1]
try:
    import duckdb, polars as pl, pyarrow.dataset as ds
except ImportError as e:
    print(f"parquet check skipped: {e.name} is not installed (pip install pyarrow polars duckdb)")
    sys.exit(77)

failures = []


def same(a, b):
    if a in ("", None) and b in ("", None):
        return True
    if isinstance(b, float) or isinstance(b, int) and not isinstance(b, bool):
        try:
            x = float(a)
        except (TypeError, ValueError):
            return False
        y = float(b)
        if math.isnan(x) and math.isnan(y):
            return True
        return x == y or abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    return str(a) == str(b)


def canonical(v):
    """A value as text that is the same for the CSV's string and the reader's number (3, "3", 3.0 and "3.0" alike)."""
    if v is None or v == "":
        return ""
    try:
        return repr(float(v))
    except (TypeError, ValueError):
        return str(v)


def key(row):
    return tuple(canonical(v) for v in row)


tables = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "parquet", "*")))
checked = 0
for table in tables:
    path = os.path.join(folder, f"{table}.csv")
    if not os.path.exists(path):
        continue
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        expected = sorted((row for row in reader), key=key)
    files = os.path.join(folder, "parquet", table, "**", "*.parquet")
    readers = {
        "pyarrow": lambda: ds.dataset(os.path.join(folder, "parquet", table), format="parquet").to_table().to_pylist(),
        "polars": lambda: pl.scan_parquet(files).collect().to_dicts(),
        "duckdb": lambda: [
            dict(zip([d[0] for d in r.description], row)) for r in [duckdb.sql(f"SELECT * FROM read_parquet('{files}')")]
            for row in r.fetchall()
        ],
    }
    for name, read in readers.items():
        try:
            rows = read()
        except Exception as e:  # a reader refusing the file is a failure, with its message
            failures.append(f"{table}: {name} cannot read it: {e}")
            continue
        if rows and list(rows[0].keys()) != header:
            failures.append(f"{table}: {name} columns {list(rows[0].keys())} != CSV {header}")
            continue
        got = sorted(([r[c] for c in header] for r in rows), key=key)
        if len(got) != len(expected):
            failures.append(f"{table}: {name} has {len(got)} rows, the CSV {len(expected)}")
            continue
        if "indicator" in header and any(r["indicator"] is not None and not isinstance(r["indicator"], str) for r in rows):
            failures.append(f"{table}: {name} reads indicator as {type(rows[0]['indicator']).__name__}, not text")
        for e_row, g_row in zip(expected, got):
            bad = [(c, e, g) for c, e, g in zip(header, e_row, g_row) if not same(e, g)]
            if bad:
                failures.append(f"{table}: {name} differs from the CSV: {bad[:3]}")
                break
    checked += 1

if checked == 0:
    failures.append(f"no Parquet table with its CSV in {folder}")
for f in failures:
    print("parquet check:", f)
if failures:
    sys.exit(1)
print(f"parquet check: {checked} tables read by pyarrow, polars and DuckDB, every row equal to the CSV")
