#!/usr/bin/env python3
"""Writes the reference values the evaluation tests compare against (run by hand, from the package root):

    python3 -m venv .venv && .venv/bin/pip install scipy==1.17.1 numpy==2.4.6
    .venv/bin/python scripts/reference_values.py

Output: Tests/SDGEvaluateTests/Fixtures/welch.json and student_t.json. Commit them with any change to this script.
"""
import json
import math

import numpy as np
import scipy
from scipy import special, stats

assert scipy.__version__ == "1.17.1", f"pinned scipy 1.17.1, found {scipy.__version__}"

# Before/after pairs: ordinary, ties, n = 2, negative values, a very large effect (tiny p), unequal sizes, tiny spread.
CASES = {
    "ordinary": ([38.1, 37.9, 38.6, 38.4, 39.0, 38.8], [42.5, 43.1, 43.9, 44.2, 45.0, 45.6]),
    "ties": ([3.0, 3.0, 3.1, 3.1, 3.0], [3.1, 3.1, 3.0, 3.2, 3.2]),
    "two_each": ([1.0, 2.0], [2.5, 4.5]),
    "negative": ([-4.2, -3.9, -5.1, -4.4], [-1.2, -0.8, -2.5, -1.9, -0.4]),
    "large_effect": ([10.0, 10.01, 9.99, 10.02, 9.98, 10.0, 10.01, 9.99], [20.0, 20.02, 19.99, 20.01, 19.98, 20.0, 20.01, 19.99]),
    "unequal_sizes": ([5.5, 6.1, 5.9, 6.4, 5.2, 6.0, 5.8, 6.3, 5.7, 6.1], [6.9, 7.4]),
    "no_effect": ([12.1, 11.8, 12.4, 11.9, 12.2], [12.0, 12.3, 11.7, 12.1, 12.2]),
    "offset_large": ([1e6 + 0.1, 1e6 + 0.3, 1e6 + 0.2], [1e6 + 0.5, 1e6 + 0.4, 1e6 + 0.7]),
}

welch = []
for name, (before, after) in CASES.items():
    r = stats.ttest_ind(after, before, equal_var=False)
    ci = r.confidence_interval(0.95)
    student = stats.ttest_ind(after, before, equal_var=True)
    student_ci = student.confidence_interval(0.95)
    n1, n2 = len(before), len(after)
    pooled = math.sqrt(((n1 - 1) * np.var(before, ddof=1) + (n2 - 1) * np.var(after, ddof=1)) / (n1 + n2 - 2))
    d = (np.mean(after) - np.mean(before)) / pooled
    m = n1 + n2 - 2
    j = math.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2)) / math.sqrt(m / 2)  # exact Hedges correction
    welch.append({
        "name": name, "before": before, "after": after,
        "mean_before": float(np.mean(before)), "mean_after": float(np.mean(after)),
        "t": float(r.statistic), "df": float(r.df), "p_value": float(r.pvalue),
        "ci_low": float(ci.low), "ci_high": float(ci.high), "cohen_d": float(d), "hedges_g": float(j * d),
        "student_t": float(student.statistic), "student_df": float(student.df), "student_p": float(student.pvalue),
        "student_ci_low": float(student_ci.low), "student_ci_high": float(student_ci.high),
    })

student_t = []
for df in (1.0, 2.5, 4.457869, 9.08, 30.0, 250.0):
    for t in (0.0, 0.01, 0.5, 1.96, 3.2, 8.0, 40.0, -2.2):
        student_t.append({"df": df, "t": t, "two_sided_p": float(2 * stats.t.sf(abs(t), df)), "cdf": float(stats.t.cdf(t, df))})

quantiles = []
for df in (1.0, 2.0, 2.5, 4.457869, 9.08, 30.0, 250.0):
    for p in (0.975, 0.995, 0.5, 0.025, 0.9, 1e-10):
        quantiles.append({"df": df, "p": p, "t": float(stats.t.ppf(p, df))})
normal = [{"p": p, "z": float(stats.norm.ppf(p))} for p in (1e-300, 1e-20, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999999)]

for path, data in (("welch.json", welch), ("student_t.json", student_t), ("quantiles.json", quantiles), ("normal.json", normal)):
    with open(f"Tests/SDGEvaluateTests/Fixtures/{path}", "w") as f:
        json.dump({"generator": "scripts/reference_values.py", "scipy": scipy.__version__, "cases": data}, f, indent=1)
        f.write("\n")
print("wrote", len(welch), "Welch cases and", len(student_t), "t-distribution points")
