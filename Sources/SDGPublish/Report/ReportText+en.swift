import SDGLocalize

extension ReportText {
    /// The report in English. The learning-city framework's labels are the framework's own (`kflc`), and a reason
    /// the estimators give is printed as they wrote it (`why`).
    static let english: [String: String] = {
        var t: [String: String] = [
            "title.default": "{0}: SDG localization and impact report",
            "meta.generated": "Generated {0} by sdgpipe {1}.",
            "date": "{0} {1} {2}, {3} UTC",
            "footer": "sdgpipe {0} · tables next to this file: {1}",
            "nav.label": "Sections", "nav.summary": "At a glance", "nav.overview": "Overview by goal",
            "nav.actions": "Actions", "nav.progress": "Progress to 2030", "nav.gap": "Coverage gap",
            "nav.profile": "Learning-city profile", "nav.accountability": "Accountability",
            "nav.methods": "Methods and data",
            "h.summary": "At a glance", "h.overview": "Overview by SDG goal",
            "h.actions": "What changed after each action",
            "h.progress": "Progress towards 2030", "h.gap": "The localization gap",
            "h.profile": "Learning-city profile",
            "h.accountability": "Accountability", "h.methods": "Methods and data",
            "overflow.intro":
                "This report draws {0} of the {1} series of the treated areas in full, in the crosswalk's order with each indicator's total first; the other {2} are counted by indicator under each action, as in “At a glance”. The tables next to this file have every row.",
            "overflow.caption": "The other {0} series, by indicator",
            "col.series": "Series", "col.improved": "Improved clearly", "col.worsened": "Worsened clearly",
            "col.unclear": "No clear change", "col.not_estimated": "Too few values",
            "col.better": "Better than comparison", "col.worse": "Worse than comparison",
            "col.no_evidence": "No evidence of a difference", "col.not_compared": "No comparison",
            "overflow.areas": "Areas summarised in this report ({0})",
            "overflow.command":
                "To write one area's full report (every card and chart, with the comparison areas), run:",
            "overflow.list": "The areas, with their number of summarised series",
            "overflow.more_areas": "and {0} more areas (localized_series.csv lists every series).",
            "overflow.progress": "The other {0} series by progress class and indicator (progress.csv has every row)",
            "overflow.accountability.one": "{0} more row, for a series not drawn in full, is in accountability.csv.",
            "overflow.accountability.other":
                "{0} more rows, for the series not drawn in full, are in accountability.csv.",
            "col.trajectory": "Median and middle half over time",
            "sparkline.desc": "{0}: median of the series not drawn went from {1} to {2}; the band is their middle half",
            "overview.intro":
                "Each tile is a goal, coloured by the progress of the city's local indicators linked to it (the mean Open SDG score of the treated areas); the status is written on the tile.",
            "n.local_indicators.one": "{0} local indicator", "n.local_indicators.other": "{0} local indicators",
            "glance.action": "{0} ({1}): ", "from": "from {0}",
            "glance.no_results": "no evaluated indicator in the treated areas.",
            "glance.results.one":
                "of {0} result in the treated areas, {1} improved clearly, {2} worsened clearly, {3} showed no clear change",
            "glance.results.other":
                "of {0} results in the treated areas, {1} improved clearly, {2} worsened clearly, {3} showed no clear change",
            "glance.not_estimated": ", {0} had too few values to compare",
            "glance.compared": "Against the comparison areas: {0} better, {1} worse, {2} no evidence of a difference",
            "glance.differed": ", {0} different (no desired direction)",
            "glance.not_compared": ", {0} not possible",
            "glance.targets": "{0} of {1} SDG targets have a local indicator",
            "glance.no_trend": "; {0} of {1} series in the treated areas had too few values for a trend",
            "glance.rejected.one": "; {0} record of {1} rejected",
            "glance.rejected.other": "; {0} records of {1} rejected",
            "glance.goals_caption": "Series of the treated areas by goal and progress class (Open SDG)",
            "action.heading": "{0} (from {1})", "action.none": "No evaluated series for this action.",
            "col.before_after": "Before → after", "col.relative": "Relative change", "col.ci": "95% CI", "col.p": "p",
            "col.its_level": "ITS level change",
            "col.its_slope": "ITS slope change / yr", "col.did": "DiD vs comparison areas",
            "col.synthetic": "Synthetic control", "col.indicator": "Indicator", "col.area": "Area",
            "col.latest": "Latest",
            "col.target": "Target", "col.actual_growth": "Actual growth / yr",
            "col.required_growth": "Required growth / yr", "col.eurostat": "Eurostat", "col.opensdg": "Open SDG",
            "col.goal": "Goal", "col.covered": "Covered", "col.targets_without": "Targets without a local indicator",
            "col.on_track": "On track", "col.moderate": "Moderate", "col.off_track": "Off track",
            "col.not_assessed": "Not assessed", "col.role": "Role", "col.status": "Status", "col.results": "Results",
            "col.source": "Source", "col.file": "File", "col.records": "Records", "col.rejected": "Rejected",
            "col.sha": "SHA-256", "col.feature": "Area of focus and feature",
            "col.local_indicators": "Local indicators",
            "col.actions": "Actions",
            "meta.definition": "Definition:", "meta.source": "Source:", "meta.last_updated": "Last updated:",
            "meta.link": "More about this indicator", "methods.metadata_caption": "Indicator metadata",
            "col.definition": "Definition", "col.last_updated": "Last updated", "col.link": "Link",
            "cli.summary": "{0}: {1} records read, {2}, {3} localized series, {4} impact rows",
            "cli.outputs": "outputs: {0}", "cli.unchanged": "{0}: unchanged, nothing to do",
            "cli.rejected.one": "{0} rejected", "cli.rejected.other": "{0} rejected",
            "range": "{0} to {1}", "of": "{0} of {1}", "target.by": "{0} by {1}", "target.none": "none set",
            "progress.caption":
                "Latest value against the target; growth per year actually achieved (last five years) and required from then to reach the target.",
            "gap.intro":
                "{0} of {1} SDG targets have at least one local indicator. The targets without one, by goal:",
            "profile.intro":
                "Each area of focus is coloured by the progress of the local indicators linked to it (the mean Open SDG score of the treated areas' series); {0} of {1} features have a local indicator.",
            "profile.none":
                "No local indicator is linked to the Key Features of Learning Cities (<code>kflc:</code> in the crosswalk).",
            "profile.gap": "none: a gap",
            "profile.figure": "The Key Features of Learning Cities coloured by the progress of their local indicators",
            "profile.legend": "{0} (columns) · {1} (foundation)",
            "accountability.none": "No owner or partner is named in the crosswalk.",
            "accountability.no_data": "no data", "role.owner": "owner", "role.partner": "partner",
            "methods.fetched.downloaded": "downloaded {0} (HTTP {2})",
            "methods.fetched.not_modified": "downloaded {0}; unchanged on the server at {1} (HTTP 304)",
            "methods.fetched.offline": "downloaded {0}; read from the cache, offline",
            "methods.fetched.cache_after_error": "downloaded {0}; the server failed at {1}, so this copy was read",
            "methods.sources_caption": "Sources read in this run",
            "methods.rejected.one":
                "{0} record was rejected; each is listed with its file, line and reason in <a href=\"rejects.csv\">rejects.csv</a>.",
            "methods.rejected.other":
                "{0} records were rejected; each is listed with its file, line and reason in <a href=\"rejects.csv\">rejects.csv</a>.",
            "methods.before_after":
                "Before/after: difference of means around the action's start, Welch's t-test with Welch–Satterthwaite degrees of freedom and its 95% confidence interval (Welch 1947); Hedges' g (Hedges 1981).",
            "methods.trends":
                "Trends: ordinary least squares on real time; Mann–Kendall test (Mann 1945; Kendall 1975); Sen's slope with its confidence interval (Sen 1968).",
            "methods.its":
                "Interrupted time series: segmented regression with level and slope change at the start (Wagner et al. 2002), Newey–West standard errors (Newey &amp; West 1987).",
            "methods.did":
                "Difference-in-differences against the comparison areas: 2×2 of cell means and two-way fixed effects with area-clustered standard errors, and a placebo start before the action. With fewer than 10 areas the clustered p-value is unreliable: the table prints instead the exact randomization p-value, the action moved to each area in turn (its smallest value is 1 ÷ the number of areas).",
            "methods.progress":
                "Progress: compound annual growth; Eurostat's classes (Sustainable development in the EU, methodological annex); the Open SDG / Statistics Canada progress measure; an SDSN-style 0–100 score and trend arrow; the OECD distance to the 2030 value.",
            "area.code": "area {0}",
            "chart.went": "{0} in {1} went from {2} in {3} to {4} in {5}",
            "chart.means": "Mean {0} before and {1} after {2} ({3}).", "chart.target": "Target {0} by {1}.",
            "chart.no_values": "No values.", "chart.no_values_desc": "No values to draw.",
            "chart.empty": "{0}: no values",
            "chart.multiples": "Each of the {0} comparison areas (grey) against {1} (blue)",
            "chart.target_line": "{0} target {1}",
            "legend.comparison": "comparison areas", "legend.band": "{0} comparison areas: range and median",
            "legend.ols": "OLS trend", "legend.sen": "Sen trend", "legend.action": "action start, mean before/after",
            "legend.target": "target", "legend.excluded": "excluded periods (hatched)",
            "did.randomization": "randomization p {0} over {1} areas",
            "did.placebo": "placebo start {1}: {0}", "did.too_few": "{0} areas, too few for a p-value",
            "p.randomization": "randomization p", "p.wild_bootstrap": "wild bootstrap p",
            "over_areas": "over {0} areas",
            "verdict.not_possible": "Comparison with the comparison areas not possible: {0}.",
            "verdict.no_evidence": "No evidence of a difference from the comparison areas ({0}).",
            "verdict.rose_more": "It rose more (or fell less) than in the comparison areas ({0}).",
            "verdict.fell_more": "It fell more (or rose less) than in the comparison areas ({0}).",
            "synthetic.poor_fit": "poor fit before the start: not to be read",
            "synthetic.placebo": "placebo p {0} over {1} areas",
            "sentence.too_few": "{0} in {1}: not enough values around {2} to compare before and after.",
            "ci": "95% CI {0} to {1}", "sentence.rose": "{0} in {1} rose by {2} ({3})",
            "sentence.fell": "{0} in {1} fell by {2} ({3})",
            "sentence.no_clear_change": "{0} in {1} showed no clear change ({2})", "no_interval": "no interval",
            "sentence.after": "after {0} began in {1}",
            "sentence.peers_rose": "; in the comparison areas it rose by {0} on average",
            "sentence.peers_fell": "; in the comparison areas it fell by {0} on average",
            "percentage_points": "percentage points",
            "number.million": " million", "number.millions": " million", "number.billion": " billion",
            "number.billions": " billion",
            "sdmx.sex.F": "female", "sdmx.sex.M": "male", "sdmx.sex._T": "total",
            "status.target_achieved": "Target achieved", "status.substantial_progress": "On track",
            "status.moderate_progress": "Progress, acceleration needed", "status.limited_progress": "Limited progress",
            "status.deterioration": "Deterioration", "status.not_assessed": "Not assessed",
            "status.no_indicator": "No local indicator", "status.not_available": "Not available",
            "eurostat.significant_progress": "significant progress", "eurostat.moderate_progress": "moderate progress",
            "eurostat.insufficient_progress": "insufficient progress",
            "eurostat.moderate_movement_away": "moderate movement away",
            "eurostat.significant_movement_away": "significant movement away", "eurostat.target_met": "target met",
        ]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        for (i, m) in months.enumerated() { t["month.\(i + 1)"] = m }
        for (goal, name) in SDGGoal.shortNames { t["goal.\(goal)"] = name }
        return t
    }()
}
