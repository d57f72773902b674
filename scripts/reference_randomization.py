#!/usr/bin/env python3
"""Reference values for the placebo-in-space randomization p-value of a difference-in-differences.

For each panel of the `did` cases in Tests/SDGEvaluateTests/Fixtures/methods.json (written by reference_methods.py),
the treatment is moved to each area in turn and the two-way fixed-effects coefficient refitted with statsmodels
(`value ~ C(area) + C(time) + d`), a direct permutation with no algebra shared with sdgpipe's Frisch-Waugh-Lovell
shortcut. p = #{areas whose |estimate| >= |treated estimate| (1 - 1e-9)} / G. Run:

    python3 -m venv .venv && .venv/bin/pip install statsmodels==0.15.0 pandas
    .venv/bin/python scripts/reference_randomization.py
"""

import json
import pathlib

import pandas as pd
import statsmodels.formula.api as smf

fixtures = pathlib.Path(__file__).resolve().parent.parent / "Tests/SDGEvaluateTests/Fixtures"


def twfe(frame, area, start):
    d = frame.assign(d=((frame.area == area) & (frame.time >= start)).astype(float))
    return smf.ols("value ~ C(area) + C(time) + d", d).fit().params["d"]


def case(name, panel, start, treated=None):
    frame = pd.DataFrame(panel)
    if treated is None:
        treated = frame[frame.treated].area.iloc[0]
    areas = sorted(frame.area.unique())
    estimates = {a: twfe(frame, a, start) for a in areas}
    observed = abs(estimates[treated])
    rank = sum(abs(e) >= observed * (1 - 1e-9) for e in estimates.values())
    return {"name": name, "start": start, "panel": panel, "estimates": estimates, "p_randomization": rank / len(areas)}


methods = json.loads((fixtures / "methods.json").read_text())
cases = [case(c["name"], c["panel"], c["start"]) for c in methods["did"]]
# An unbalanced panel (one area misses two years) where the treated area is not the most extreme: p is not 1/G.
base = methods["did"][0]
unbalanced = [o for o in base["panel"] if not (o["area"] != base["panel"][0]["area"] and o["time"] in (2012, 2019))]
flipped = [dict(o, treated=(o["area"] == sorted({p["area"] for p in unbalanced})[0])) for o in unbalanced]
cases.append(case("unbalanced_other_treated", flipped, base["start"]))
(fixtures / "randomization.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
print("\n".join(f'{c["name"]}: p {c["p_randomization"]}' for c in cases))
