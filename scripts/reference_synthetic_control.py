#!/usr/bin/env python3
"""Reference values for the synthetic control (Abadie, Diamond & Hainmueller 2010) from pysyncon.

Each case is a panel of one treated area and its comparison areas. The predictors are the outcome in each period
before the start (pysyncon `special_predictors`, one per period, `mean` over that period), V = I (`custom_V`), so the
weights solve pysyncon's inner problem: rows scaled by their standard deviation across the areas, least squares on
the simplex. pysyncon solves it with SLSQP at its default tolerance (`weights_pysyncon`, which sdgpipe is held to
2e-3); on pysyncon's own scaled matrices the problem is also solved exactly, by enumerating the supports of the
weights (`weights`, held to 1e-9), and checked against SLSQP at `ftol` 1e-15 (1e-4). Gaps are Z1 - Z0 W with those weights. The placebo p-value is taken
from pysyncon's PlaceboTest gaps (each comparison area treated in turn, fitted from the other comparison areas, same
V) with Abadie et al.'s rank: p = #{areas, the treated one included, whose post/pre mean squared gap ratio >= the
treated area's} / (J + 1). (pysyncon's own `pvalue()` counts the start period in both windows and leaves the treated
area out of the count, so it can print 0.) Run:

    python3 -m venv .venv && .venv/bin/pip install pysyncon==1.7.0 pandas
    .venv/bin/python scripts/reference_synthetic_control.py
"""

import itertools
import json
import pathlib

import numpy as np
import pandas as pd
from pysyncon import Dataprep, Synth
from pysyncon.utils import PlaceboTest

fixtures = pathlib.Path(__file__).resolve().parent.parent / "Tests/SDGEvaluateTests/Fixtures"


def panel_frame(panel):
    return pd.DataFrame(
        [(area, t, v) for area, path in panel.items() for t, v in path.items()], columns=["area", "time", "value"]
    )


def dataprep(frame, treated, controls, pre):
    return Dataprep(
        foo=frame, predictors=["value"], predictors_op="mean", dependent="value", unit_variable="area",
        time_variable="time", treatment_identifier=treated, controls_identifier=controls,
        time_predictors_prior=pre, time_optimize_ssr=pre,
        special_predictors=[("value", [t], "mean") for t in pre],
    )


def exact_simplex_least_squares(A, b):
    """min |A w - b|^2 over the simplex, by enumerating supports: on each support S the equality-constrained least
    squares is solved from its KKT system; the feasible one whose gradient is no smaller off S is the optimum (an
    algorithm that shares nothing with sdgpipe's active-set steps)."""
    n = A.shape[1]
    G, c = A.T @ A, A.T @ b
    best = None
    for size in range(1, n + 1):
        for S in itertools.combinations(range(n), size):
            S = list(S)
            K = np.zeros((size + 1, size + 1))
            K[:size, :size] = G[np.ix_(S, S)]
            K[:size, size] = 1
            K[size, :size] = 1
            rhs = np.append(c[S], 1.0)
            try:
                sol = np.linalg.solve(K, rhs)
            except np.linalg.LinAlgError:
                continue
            w = np.zeros(n)
            w[S] = sol[:size]
            if (w[S] <= 0).any():
                continue
            g = G @ w - c
            mu = g[S].mean()
            if (g >= mu - 1e-10 * np.abs(G).max()).all():
                value = np.sum((A @ w - b) ** 2)
                if best is None or value < best[0]:
                    best = (value, w)
    return best[1]


def case(name, panel, treated, start):
    frame = panel_frame(panel)
    times = sorted(panel[treated])
    pre = [t for t in times if t < start]
    controls = sorted(a for a in panel if a != treated)
    prep = dataprep(frame, treated, controls, pre)
    v = np.ones(len(pre) + 1)  # the plain `predictors` mean over the pre-period, then one row per period
    # The plain predictor (the pre-period mean) is dropped by weighting it 0: V = I on the per-period rows only.
    v[0] = 0.0
    synth = Synth()
    synth.fit(dataprep=prep, custom_V=v)
    X0, X1 = prep.make_covariate_mats()
    X = pd.concat([X0, X1], axis=1)
    scaled = X.divide(X.std(axis=1), axis=0)
    A = np.diag(np.sqrt(v)) @ scaled.drop(columns=X1.name).to_numpy()
    b = np.sqrt(v) * scaled[X1.name].to_numpy()
    precise = exact_simplex_least_squares(A, b)
    slsqp_tight, _ = Synth.w_optimize(
        V_mat=np.diag(v), X0=scaled.drop(columns=X1.name).to_numpy(), X1=scaled[X1.name].to_numpy(),
        qp_options={"maxiter": 10000, "ftol": 1e-15},
    )
    assert np.abs(slsqp_tight - precise).max() < 1e-4, (slsqp_tight, precise)
    Z0 = frame.pivot(index="time", columns="area", values="value").loc[times, controls]
    Z1 = frame.pivot(index="time", columns="area", values="value").loc[times, treated]
    gaps = Z1.to_numpy() - Z0.to_numpy() @ precise
    pre_gaps = gaps[: len(pre)]
    post_gaps = gaps[len(pre):]
    placebo = PlaceboTest()
    placebo.fit(dataprep=prep, scm=Synth(), scm_options={"custom_V": v})
    all_gaps = pd.concat([placebo.gaps, placebo.treated_gap], axis=1)
    ratios = (all_gaps.loc[[t for t in times if t >= start]].pow(2).mean(axis=0)) / (
        all_gaps.loc[pre].pow(2).mean(axis=0)
    )
    p = float((ratios >= ratios[treated] * (1 - 1e-9)).sum() / len(ratios))
    return {
        "name": name, "start": start, "treated": treated,
        "panel": [{"area": a, "time": t, "value": v} for a in sorted(panel) for t, v in sorted(panel[a].items())],
        "controls": controls,
        "weights": [float(w) for w in precise],
        "weights_pysyncon": [float(w) for w in synth.W],
        "gaps": [float(g) for g in gaps],
        "pre_rmspe": float(np.sqrt(np.mean(pre_gaps ** 2))),
        "post_rmspe": float(np.sqrt(np.mean(post_gaps ** 2))),
        "estimate": float(np.mean(post_gaps)),
        "p_value": p,
    }


rng = np.random.default_rng(20261206)
years = list(range(2008, 2020))
# Five comparison cities; the treated one is 0.6 of the second and 0.4 of the fourth plus noise, +3 from 2016.
donors = {
    f"C{i}": {y: float(40 + 2 * i + (0.3 + 0.2 * i) * (y - 2008) + rng.normal(0, 0.8)) for y in years}
    for i in range(1, 6)
}
treated = {
    y: float(0.6 * donors["C2"][y] + 0.4 * donors["C4"][y] + rng.normal(0, 0.3) + (3.0 if y >= 2016 else 0.0))
    for y in years
}
cases = [case("mixture", {"T": treated, **donors}, "T", 2016)]
# A treated city above every comparison city: the nearest vertex, and a poor pre-period fit.
above = {y: v + 15.0 for y, v in treated.items()}
cases.append(case("outside_the_hull", {"T": above, **donors}, "T", 2016))
# Three comparison areas only, with municipality codes.
small = {"0101": treated, "0203": donors["C2"], "0305": donors["C4"], "0407": donors["C5"]}
cases.append(case("three_areas", small, "0101", 2016))
(fixtures / "synthetic_control.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
print("\n".join(f"{c['name']}: W {np.round(c['weights'], 4)} p {c['p_value']:.3f}" for c in cases))
