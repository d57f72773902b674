#!/usr/bin/env python3
"""The pipeline a statistician would otherwise write for the network: pandas reads the CSV, groups it by series, and
per series computes scipy's Welch test around the 2015 start, a statsmodels OLS trend, pymannkendall's Mann-Kendall
test and scipy's Sen slope, then writes one table to SQLite.

usage: python_pipeline.py network.csv out.sqlite
Prints `series sen_slope_sum`, which run checks against sdgpipe's trends table before it reports a time.
"""
import sqlite3
import sys

import pandas as pd
import pymannkendall as mk
import statsmodels.api as sm
from scipy import stats

path, db = sys.argv[1], sys.argv[2]
df = pd.read_csv(path, engine="c", keep_default_na=False, na_values=[""], dtype={"sex": str})
rows = []
for (city, indicator, sex), g in df.groupby(["city", "indicator", "sex"], sort=True):
    g = g.sort_values("period")
    t, y = g["period"].to_numpy(float), g["value"].to_numpy(float)
    before, after = y[t < 2015], y[t >= 2015]
    welch = stats.ttest_ind(after, before, equal_var=False)
    ols = sm.OLS(y, sm.add_constant(t)).fit()
    trend = mk.original_test(y)
    sen = stats.theilslopes(y, t)
    rows.append((city, indicator, sex, len(y), after.mean() - before.mean(), welch.statistic, welch.pvalue,
                 ols.params[1], ols.pvalues[1], trend.s, trend.p, sen.slope, sen.intercept))
out = pd.DataFrame(rows, columns=["area", "indicator", "sex", "n", "difference", "t", "p_value", "ols_slope", "ols_p",
                                  "mk_s", "mk_p", "sen_slope", "sen_intercept"])
with sqlite3.connect(db) as connection:
    out.to_sql("impact", connection, if_exists="replace", index=False)
print(len(out), float(out["sen_slope"].sum()))
