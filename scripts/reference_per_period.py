#!/usr/bin/env python3
"""Reference values for `per_period:` (several values of one series in one period made one) from pandas' groupby.

Observations of a series keyed by area and sex, gathered by one local indicator over five source indicators (so up to
five values per period), arrive shuffled; about a tenth of the values are missing and some periods have none. Quarter
2013 Q1 is also spelled 2013-Q1 (one observation time, two spellings). Per (area, sex, period): mean, median, min and
max skip missing values (pandas' default); sum is missing when any of its values is (`s.sum(skipna=False)`), since a
total of some parts would be silently low. Written to Tests/SDGLocalizeTests/Fixtures/per_period.json. Run:

    python3 -m venv .venv && .venv/bin/pip install pandas==3.1.1
    .venv/bin/python scripts/reference_per_period.py
"""

import json
import pathlib
import random

import pandas as pd

rng = random.Random(20261207)
rows = []
for area in ["0101", "0202"]:
    for sex in ["F", "M"]:
        for year in range(2010, 2020):
            for indicator in ["I1", "I2", "I3", "I4", "I5"]:
                if rng.random() < 0.15:
                    continue  # not every source indicator has the period
                value = None if rng.random() < 0.1 else rng.gauss(50, 12)
                if year == 2012 and area == "0202" and sex == "M":
                    value = None  # a period with no value at all
                rows.append({"area": area, "sex": sex, "indicator": indicator, "period": str(year),
                             "time": float(year), "value": value})
        for label in ["2013 Q1", "2013-Q1", "2013 Q1"]:
            rows.append({"area": area, "sex": sex, "indicator": "I1", "period": label, "time": 2013.0,
                         "value": rng.gauss(10, 2)})
rng.shuffle(rows)
frame = pd.DataFrame(rows)
frame["value"] = frame["value"].astype(float)
# Annual 2013 and quarter 2013 Q1 start together but differ in frequency: they stay apart.
frame["frequency"] = frame["period"].map(lambda p: "Q" if "Q" in p else "A")
groups = frame.groupby(["area", "sex", "frequency", "time"]).value
expected = {
    "mean": groups.mean(),
    "median": groups.median(),
    "min": groups.min(),
    "max": groups.max(),
    "sum": groups.agg(lambda s: s.sum(skipna=False)),
}
label = frame.groupby(["area", "sex", "frequency", "time"]).period.min()  # the first spelling in period order
series = []
for (area, sex), _ in frame.groupby(["area", "sex"]):
    keys = sorted((k for k in label.index if k[0] == area and k[1] == sex), key=lambda k: (k[3], label[k]))
    series.append({
        "area": area, "sex": sex, "periods": [label[k] for k in keys],
        **{m: [None if pd.isna(v[k]) else float(v[k]) for k in keys] for m, v in expected.items()},
    })
out = pathlib.Path(__file__).resolve().parent.parent / "Tests/SDGLocalizeTests/Fixtures/per_period.json"
out.write_text(json.dumps({
    "observations": [{k: r[k] for k in ("area", "sex", "indicator", "period", "value")} for r in rows],
    "series": series,
}, indent=1) + "\n")
print(f"{len(rows)} observations, {len(series)} series -> {out}")
