#!/usr/bin/env python3
"""Reference values for the few-cluster p-values of a difference-in-differences: the placebo-in-space randomization
p-value and the restricted wild cluster bootstrap-t with Webb weights, fully enumerated.

For each panel of the `did` cases in Tests/SDGEvaluateTests/Fixtures/methods.json (written by reference_methods.py),
the treatment is moved to each area in turn and the two-way fixed-effects coefficient refitted with statsmodels
(`value ~ C(area) + C(time) + d`), a direct permutation with no algebra shared with sdgpipe's Frisch-Waugh-Lovell
shortcut. p = #{areas whose |estimate| >= |treated estimate| (1 - 1e-9)} / G. The wild bootstrap is brute force too: the null
imposed (the restricted fit without `d`), every one of the 6^G Webb weight vectors applied to the restricted residuals
area by area, each bootstrap sample refitted by statsmodels with CR1 clustered errors; p = share of samples with
|t*| >= |t| (1 - 1e-9); and again with wildboottest's WCR11 algebra given the 6^G weight vectors, which must agree.
Run:

    python3 -m venv .venv && .venv/bin/pip install statsmodels==0.15.0 pandas wildboottest==0.3.2
    .venv/bin/python scripts/reference_randomization.py
"""

import itertools
import json
import math
import pathlib

import numpy as np

import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from wildboottest.wildboottest import WildboottestCL

fixtures = pathlib.Path(__file__).resolve().parent.parent / "Tests/SDGEvaluateTests/Fixtures"


def twfe(frame, area, start):
    d = frame.assign(d=((frame.area == area) & (frame.time >= start)).astype(float))
    return smf.ols("value ~ C(area) + C(time) + d", d).fit().params["d"]


WEBB = [-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)]


def wild_bootstrap(frame, area, start):
    d = frame.assign(d=((frame.area == area) & (frame.time >= start)).astype(float))
    groups = pd.factorize(d.area, sort=True)[0]
    cluster = {"cov_type": "cluster", "cov_kwds": {"groups": groups}, "use_t": True}
    full = smf.ols("value ~ C(area) + C(time) + d", d).fit(**cluster)
    column = list(full.params.index).index("d")
    t = abs(full.params["d"] / full.bse["d"])
    restricted = smf.ols("value ~ C(area) + C(time)", d).fit()
    fitted, residuals = restricted.fittedvalues.to_numpy(), restricted.resid.to_numpy()
    exog = full.model.exog
    count = total = 0
    for weights in itertools.product(WEBB, repeat=groups.max() + 1):
        sample = sm.OLS(fitted + residuals * np.array(weights)[groups], exog).fit(**cluster)
        count += abs(sample.params[column] / sample.bse[column]) >= t * (1 - 1e-9)
        total += 1
    return count / total


def wildboottest_enumeration(frame, area, start):
    """The same p-value from wildboottest's own algebra (WCR11, the null imposed): its class is given every one of the
    6^G Webb weight vectors in place of random draws (it enumerates only Rademacher weights itself), and the share of
    |t*| >= |t| (1 - 1e-9) is taken from its bootstrap t statistics (its own `pvalue` counts strictly greater ones,
    which leaves out the weight vectors +1 and -1 that reproduce the data)."""
    d = frame.assign(d=((frame.area == area) & (frame.time >= start)).astype(float))
    design = pd.get_dummies(d[["area", "time"]].astype(str), drop_first=True).astype(float)
    design.insert(0, "const", 1.0)
    design["d"] = d["d"]
    X = design.to_numpy()
    R = np.zeros(X.shape[1])
    R[-1] = 1
    clusters = pd.factorize(d.area, sort=True)[0]
    G = clusters.max() + 1
    boot = WildboottestCL(X=X, Y=d["value"].to_numpy(), cluster=clusters, R=R, B=6 ** G, seed=1)
    boot.get_scores(bootstrap_type="11", impose_null=True)
    boot.v = np.array(list(itertools.product(WEBB, repeat=G))).T
    boot.B = boot.v.shape[1]
    boot.get_numer()
    boot.get_denom()
    boot.get_tboot()
    boot.get_vcov()
    boot.get_tstat()
    t = abs(np.asarray(boot.t_stat).ravel()[0])
    return float(np.mean(np.abs(np.asarray(boot.t_boot).ravel()) >= t * (1 - 1e-9)))


def case(name, panel, start, treated=None):
    frame = pd.DataFrame(panel)
    if treated is None:
        treated = frame[frame.treated].area.iloc[0]
    areas = sorted(frame.area.unique())
    estimates = {a: twfe(frame, a, start) for a in areas}
    observed = abs(estimates[treated])
    rank = sum(abs(e) >= observed * (1 - 1e-9) for e in estimates.values())
    brute_force = wild_bootstrap(frame, treated, start)
    enumerated = wildboottest_enumeration(frame, treated, start)
    assert abs(brute_force - enumerated) < 1e-12, (name, brute_force, enumerated)
    return {"name": name, "start": start, "panel": panel, "estimates": estimates, "p_randomization": rank / len(areas),
            "p_wild_bootstrap": brute_force, "p_wild_bootstrap_wildboottest": enumerated}


methods = json.loads((fixtures / "methods.json").read_text())
cases = [case(c["name"], c["panel"], c["start"]) for c in methods["did"]]
# An unbalanced panel (one area misses two years) where the treated area is not the most extreme: p is not 1/G.
base = methods["did"][0]
unbalanced = [o for o in base["panel"] if not (o["area"] != base["panel"][0]["area"] and o["time"] in (2012, 2019))]
flipped = [dict(o, treated=(o["area"] == sorted({p["area"] for p in unbalanced})[0])) for o in unbalanced]
cases.append(case("unbalanced_other_treated", flipped, base["start"]))
(fixtures / "randomization.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
print("\n".join(f'{c["name"]}: p {c["p_randomization"]}, wild {c["p_wild_bootstrap"]}' for c in cases))
