#!/usr/bin/env python3
"""The loop a statistician would write: pandas groupby, then per series scipy's Welch test, a statsmodels OLS trend,
pymannkendall's Mann-Kendall test and scipy's Sen slope, around an action starting in 2015.

usage: python_loop.py IN.csv MAX_SERIES OUT.csv   (evaluates the first MAX_SERIES series; writes area,indicator,t,slope,mk_p,sen)
"""
import sys

import numpy as np
import pandas as pd
import pymannkendall as mk
import statsmodels.api as sm
from scipy import stats

path, limit, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
df = pd.read_csv(path)
rows = []
for i, ((area, indicator), g) in enumerate(df.groupby(["area", "indicator"], sort=True)):
    if i >= limit:
        break
    g = g.sort_values("period")
    t, y = g["period"].to_numpy(float), g["value"].to_numpy(float)
    before, after = y[t < 2015], y[t >= 2015]
    welch = stats.ttest_ind(after, before, equal_var=False)
    ols = sm.OLS(y, sm.add_constant(t)).fit()
    trend = mk.original_test(y)
    sen = stats.theilslopes(y, t)
    rows.append((area, indicator, welch.statistic, ols.params[1], trend.p, sen.slope))
pd.DataFrame(rows, columns=["area", "indicator", "t", "slope", "mk_p", "sen"]).to_csv(out, index=False)
print(len(rows), "series")
