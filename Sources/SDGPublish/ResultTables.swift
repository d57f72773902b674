import SDGCore
import SDGEvaluate
import SDGLocalize

/// The tables of SPEC §6 that this run writes, with their column names fixed in one place. Method rows share one
/// table: each row fills the columns of its method, named as in `EstimateFields` (and the JSON of `evaluate`).
public enum ResultTables {
    /// The columns of the `observations` table, whose rows `ObservationStore` makes.
    public static let observationColumns = [
        "pipeline", "source", "indicator", "area", "disaggregation", "period", "period_start", "value", "unit", "unit_mult",
        "obs_status", "nature", "action", "file", "line",
    ]

    public static func rejects() -> Table {
        Table(name: "rejects", columns: ["source", "file", "line", "column", "element", "code", "raw", "reason"])
    }

    public static func append(_ r: Reject, to table: inout Table) {
        table.append([
            .init(r.source), .init(r.location.file), .init(r.location.line), .init(r.location.column),
            .init(r.location.element), .init(r.code.rawValue), .init(r.raw), .init(r.reason),
        ])
    }

    public static let seriesKeyColumns = ["pipeline", "indicator", "sdg", "area", "disaggregation", "unit"]

    /// One row per action × indicator × area × method (`before_after`, `its`, `did`).
    public static func impact() -> Table {
        Table(name: "impact", columns: ["pipeline", "action", "action_start", "indicator", "sdg", "area", "role",
            "disaggregation", "unit", "method",
            "n_before", "n_after", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
            "ci_low", "ci_high", "cohen_d", "hedges_g",
            "level_change", "slope_change", "pre_slope", "post_slope", "level_se", "slope_se", "level_p", "slope_p",
            "r_squared", "durbin_watson", "hac_lags", "hac_level_se", "hac_slope_se",
            "estimate_2x2", "estimate_twfe", "se_clustered", "placebo_estimate", "comparison_areas",
            "status", "reason"])
    }

    /// One row per series × segment (`overall`, or `pre`/`post` of an action) × method (`ols`, `mann_kendall`, `sen`).
    public static func trends() -> Table {
        Table(name: "trends", columns: ["pipeline", "indicator", "sdg", "area", "disaggregation", "unit", "action",
            "segment", "method", "n", "slope", "intercept", "se", "t", "p_value", "ci_low", "ci_high", "r_squared",
            "s", "var_s", "z", "tau", "p_exact", "status", "reason"])
    }

    /// One row per series: latest value, target, growth rates and the four progress assessments.
    public static func progress() -> Table {
        Table(name: "progress", columns: ["pipeline", "indicator", "sdg", "area", "disaggregation", "unit", "direction",
            "first_period", "last_period", "latest_value", "baseline_year", "target_value", "target_year",
            "cagr_whole", "cagr_short_term", "cagr_long_term",
            "eurostat_class", "eurostat_ratio", "eurostat_status", "eurostat_reason",
            "opensdg_status", "opensdg_score", "opensdg_progress_value", "sdsn_score", "sdsn_arrow", "oecd_distance"])
    }

    /// `sdg` is the indicator's SDG codes joined by `;`, when the caller has it already (rows of one indicator
    /// share it).
    public static func seriesKey(_ pipeline: String, _ s: LocalizedSeries, sdg: String? = nil) -> EstimateFields.Fields {
        [("pipeline", .init(pipeline)), ("indicator", .init(s.indicator)),
         ("sdg", .init(sdg ?? s.sdg.map(\.description).joined(separator: ";"))), ("area", .init(s.area)),
         ("disaggregation", .init(s.disaggregation)), ("unit", .init(s.unit))]
    }
}
