#!/usr/bin/env python3
"""Reference values for the trend, ITS and DiD estimators (run by hand from the package root):

    python3 -m venv .venv && .venv/bin/pip install scipy==1.17.1 numpy==2.4.6 statsmodels==0.15.0 pymannkendall==1.4.3
    .venv/bin/python scripts/reference_methods.py

Writes Tests/SDGEvaluateTests/Fixtures/methods.json. Commit it with any change to this script. Conventions follow
Time is the real period start (fractional years), missing years stay gaps, post = periods >= start.
"""
import json
import math

import numpy as np
import pymannkendall as mk
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

assert scipy.__version__ == "1.17.1" and statsmodels.__version__ == "0.15.0" and mk.__version__ == "1.4.3"

# (name, times, values, action start)
SERIES = [
    ("trend_gap", [2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023],
     [37.5, 37.9, 38.6, 38.9, 39.4, 39.3, 44.1, 44.9, 45.6, 46.3, 47.2, 47.5], 2017),
    ("ties", [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019], [3.0, 3.1, 3.1, 3.0, 3.2, 3.2, 3.3, 3.3, 3.1], 2015),
    ("n4", [2015, 2016, 2017, 2018], [10.0, 12.0, 11.0, 15.0], 2017),
    ("negative", [2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019], [-4.2, -3.9, -5.1, -4.4, -1.2, -0.8, -2.5, -1.9], 2016),
    ("level_break", [2008 + i for i in range(16)], [12 + 0.2 * i + (3.0 if i >= 8 else 0) + 0.1 * ((i * 7) % 5 - 2) for i in range(16)], 2016),
    ("quarterly", [2018 + q / 4 for q in range(14)], [5.1, 5.3, 5.2, 5.6, 5.5, 5.9, 6.4, 6.3, 6.8, 6.7, 7.1, 7.3, 7.2, 7.6], 2019.5),
    ("decline_noisy", [2005 + i for i in range(20)], [20 - 0.4 * i + math.sin(i * 1.7) for i in range(20)], 2015),
]

out = []
for name, t, y, start in SERIES:
    t = np.array(t, float)
    y = np.array(y, float)
    rec = {"name": name, "times": t.tolist(), "values": y.tolist(), "start": start}
    # OLS trend on real time (statsmodels)
    fit = sm.OLS(y, sm.add_constant(t)).fit()
    ci = fit.conf_int(0.05)
    rec["ols"] = {"slope": fit.params[1], "intercept": fit.params[0], "se": fit.bse[1], "t": fit.tvalues[1],
                  "p_value": fit.pvalues[1], "ci_low": ci[1][0], "ci_high": ci[1][1], "r_squared": fit.rsquared}
    # Mann-Kendall (pymannkendall, original test) and exact p for n <= 10 without ties (scipy kendalltau exact)
    r = mk.original_test(y)
    rec["mann_kendall"] = {"s": r.s, "var_s": r.var_s, "z": r.z, "p_value": r.p, "tau": r.Tau}
    if len(y) <= 10 and len(set(y.tolist())) == len(y):
        rec["mann_kendall"]["p_exact"] = stats.kendalltau(t, y, method="exact").pvalue
    # Sen slope on real time with the Sen (1968) 95% CI (scipy)
    s = stats.theilslopes(y, t, 0.95)
    rec["sen"] = {"slope": s.slope, "intercept": s.intercept, "ci_low": s.low_slope, "ci_high": s.high_slope}
    # Interrupted time series: y = b0 + b1 (t - t_first) + b2 post + b3 (t - T) post
    post = (t >= start).astype(float)
    if len(y) < 6:  # 4 parameters: too few points for a segmented regression (our status: too_few_points)
        rec["its"] = None
        out.append(rec)
        continue
    X = np.column_stack([np.ones_like(t), t - t[0], post, (t - start) * post])
    its = sm.OLS(y, X).fit()
    lags = int(math.floor(4 * (len(y) / 100) ** (2 / 9)))
    hac = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    resid = its.resid
    rec["its"] = {"level_change": its.params[2], "slope_change": its.params[3], "pre_slope": its.params[1],
                  "post_slope": its.params[1] + its.params[3], "level_se": its.bse[2], "slope_se": its.bse[3],
                  "level_p": its.pvalues[2], "slope_p": its.pvalues[3], "r_squared": its.rsquared,
                  "durbin_watson": float(np.sum(np.diff(resid) ** 2) / np.sum(resid ** 2)),
                  "hac_lags": lags, "hac_level_se": hac.bse[2], "hac_slope_se": hac.bse[3]}
    out.append(rec)

# Difference-in-differences: a treated city and comparison cities, balanced and unbalanced.
def did_case(name, panel, start):
    areas = sorted({a for a, _, _, _ in panel})
    times = sorted({t for _, t, _, _ in panel})
    y = np.array([v for _, _, v, _ in panel])
    treated = np.array([tr for _, _, _, tr in panel], float)
    post = np.array([t >= start for _, t, _, _ in panel], float)
    cell = lambda tr, po: y[(treated == tr) & (post == po)].mean()
    est2x2 = (cell(1, 1) - cell(1, 0)) - (cell(0, 1) - cell(0, 0))
    cols = [np.ones(len(y))]
    cols += [np.array([a == area for a, _, _, _ in panel], float) for area in areas[1:]]
    cols += [np.array([t == tt for _, t, _, _ in panel], float) for tt in times[1:]]
    cols.append(treated * post)
    X = np.column_stack(cols)
    groups = np.array([areas.index(a) for a, _, _, _ in panel])
    fit = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    return {"name": name, "start": start,
            "panel": [{"area": a, "time": t, "value": v, "treated": bool(tr)} for a, t, v, tr in panel],
            "estimate_2x2": est2x2, "estimate_twfe": fit.params[-1], "se_clustered": fit.bse[-1],
            "p_value": fit.pvalues[-1], "df": int(fit.df_resid_inference) if hasattr(fit, "df_resid_inference") else None}

rng = np.random.default_rng(7)
balanced = []
for area, base, tr in (("Riverton", 38.0, True), ("Lakeside", 35.0, False), ("Hillview", 39.5, False), ("Eastport", 36.2, False)):
    for year in range(2011, 2023):
        v = base + 0.35 * (year - 2011) + (4.0 if tr and year >= 2017 else 0.0) + float(rng.normal(0, 0.6))
        balanced.append((area, float(year), round(v, 2), tr))
unbalanced = [row for row in balanced if not (row[0] == "Hillview" and row[1] in (2013.0, 2020.0)) and not (row[0] == "Riverton" and row[1] == 2012.0)]
dids = [did_case("balanced", balanced, 2017), did_case("unbalanced", unbalanced, 2017)]

with open("Tests/SDGEvaluateTests/Fixtures/methods.json", "w") as f:
    json.dump({"generator": "scripts/reference_methods.py", "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
               "pymannkendall": mk.__version__, "cases": out, "did": dids}, f, indent=1, default=float)
    f.write("\n")
print("wrote", len(out), "series and", len(dids), "DiD panels")
print(json.dumps(dids[0], default=float)[-300:])
