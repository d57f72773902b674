/// A result table declared once: its name, what a row is, its typed columns and its natural key. The CSV and JSON
/// headers, the database DDL (SQLite and PostgreSQL) and `docs/tables.md` all come from these declarations (a test
/// renders the page and compares it with the committed one).
///
/// A new output table is a new `TableDefinition` here, added to `all`, and a maker that fills its rows by column
/// name (`Table.made(count:row:)`).
package struct TableDefinition: Sendable {
    package let name: String
    /// One line: what a row of the table is.
    package let meaning: String
    package let columns: [Column]
    /// The natural key, `pipeline` first; empty for a table that is not written to the database.
    package let key: [String]
    /// Whether the table goes to the database (`rejects` stays in files: it describes inputs, not results).
    package var inDatabase: Bool { !key.isEmpty }
    /// Key columns besides `pipeline` that bound what a run replaces: a run of edition 2025 replaces the pipeline's
    /// 2025 rows of `editions` and keeps the other editions'. Empty for the tables a run replaces whole.
    package let scope: [String]

    package struct Column: Sendable {
        package let name: String
        package let type: TableSchema.ColumnType
    }

    init(_ name: String, _ meaning: String, key: [String], columns: [String], scope: [String] = []) {
        self.name = name
        self.meaning = meaning
        self.key = key
        self.scope = scope
        self.columns = columns.map { Column(name: $0, type: Self.type(of: $0)) }
    }

    package var columnNames: [String] { columns.map(\.name) }

    /// A new, empty table with these columns (rows appended), for tables that are small.
    package func table() -> Table { Table(name: name, columns: columnNames) }

    /// A column's position, looked up by name once where a table's row maker is built: the makers of the long tables
    /// (millions of rows) fill cells by position, never by name per row, and the positions follow the declaration.
    package func position(_ column: String) -> Int {
        guard let i = columnNames.firstIndex(of: column) else {
            preconditionFailure("table \(name) declares no column \(column)")
        }
        return i
    }

    /// The type of a column: one name has one type in every table (`n` is a count wherever it appears).
    static func type(of column: String) -> TableSchema.ColumnType {
        integerColumns.contains(column) ? .integer : realColumns.contains(column) ? .real : .text
    }

    static let integerColumns: Set<String> = [
        "line", "column", "unit_mult", "n", "n_before", "n_after", "hac_lags", "baseline_year", "target_year", "goal",
        "targets_total", "targets_covered", "series_on_track", "series_moderate", "series_off_track",
        "series_not_assessed",
    ]

    static let realColumns: Set<String> = [
        "period_start", "value", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
        "ci_low", "ci_high", "cohen_d", "hedges_g", "level_change", "slope_change", "pre_slope", "post_slope",
        "level_se",
        "slope_se", "level_p", "slope_p", "r_squared", "durbin_watson", "hac_level_se", "hac_slope_se", "estimate_2x2",
        "estimate_twfe", "se_clustered", "placebo_estimate", "p_randomization", "p_wild_bootstrap",
        "estimate_synthetic", "pre_rmspe", "post_rmspe", "slope",
        "intercept", "se", "s",
        "var_s", "z", "tau",
        "p_exact", "latest_value", "baseline_value", "target_value", "cagr_whole", "cagr_short_term", "cagr_long_term",
        "eurostat_ratio", "opensdg_score", "opensdg_progress_value", "sdsn_score", "oecd_distance",
    ]

    static let seriesKey = ["pipeline", "indicator", "area", "disaggregation"]

    package static let observations = TableDefinition(
        "observations", "every observation read, with its attributes and where it was read",
        key: ["pipeline", "source", "indicator", "area", "disaggregation", "period"],
        columns: [
            "pipeline", "source", "indicator", "indicator_label", "area", "area_label", "disaggregation",
            "disaggregation_label", "period", "period_start", "value", "unit", "unit_mult", "obs_status", "nature",
            "action", "file", "line",
        ])

    package static let localizedSeries = TableDefinition(
        "localized_series",
        "a local indicator in one area and disaggregation, with its crosswalk links, baseline and target",
        key: seriesKey,
        columns: [
            "pipeline", "indicator", "indicator_label", "area", "area_label", "disaggregation", "disaggregation_label",
            "unit", "conversion", "sdg",
            "sdg_targets", "sdg_title", "kflc", "relation", "direction", "baseline_year", "baseline_value",
            "target_value",
            "target_year", "target_source", "owner", "partners", "n", "first_period", "last_period",
        ])

    package static let impact = TableDefinition(
        "impact",
        "an action's effect on a series by one method (`before_after`, `its`, `did`, `synthetic_control`)",
        key: ["pipeline", "action", "indicator", "area", "disaggregation", "method"],
        columns: [
            "pipeline", "action", "action_start", "indicator", "indicator_label", "sdg", "area", "area_label", "role",
            "disaggregation", "disaggregation_label", "unit", "method",
            "n_before", "n_after", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
            "ci_low", "ci_high", "cohen_d", "hedges_g",
            "level_change", "slope_change", "pre_slope", "post_slope", "level_se", "slope_se", "level_p", "slope_p",
            "r_squared", "durbin_watson", "hac_lags", "hac_level_se", "hac_slope_se",
            "estimate_2x2", "estimate_twfe", "se_clustered", "placebo_estimate", "p_randomization",
            "p_wild_bootstrap", "estimate_synthetic", "pre_rmspe", "post_rmspe", "synthetic_weights",
            "comparison_areas", "comparison_area_labels", "status", "reason",
        ])

    package static let trends = TableDefinition(
        "trends", "a trend of a series over one segment (`overall`, or `pre`/`post` of an action) by one method",
        key: ["pipeline", "indicator", "area", "disaggregation", "action", "segment", "method"],
        columns: [
            "pipeline", "indicator", "indicator_label", "sdg", "area", "area_label", "disaggregation",
            "disaggregation_label", "unit", "action", "segment", "method", "n",
            "slope", "intercept", "se", "t", "p_value", "ci_low", "ci_high", "r_squared", "s", "var_s", "z", "tau",
            "p_exact", "status", "reason",
        ])

    package static let progress = TableDefinition(
        "progress", "a series' progress to its target: latest value, growth rates and the chosen assessments",
        key: seriesKey,
        columns: [
            "pipeline", "indicator", "indicator_label", "sdg", "area", "area_label", "disaggregation",
            "disaggregation_label", "unit", "direction", "first_period",
            "last_period", "latest_value", "baseline_year", "target_value", "target_year",
            "cagr_whole", "cagr_short_term", "cagr_long_term",
            "eurostat_class", "eurostat_ratio", "eurostat_status", "eurostat_reason",
            "opensdg_status", "opensdg_score", "opensdg_progress_value", "sdsn_score", "sdsn_arrow", "sdsn_status",
            "oecd_distance", "oecd_status", "oecd_reason",
        ])

    package static let coverage = TableDefinition(
        "coverage", "an SDG target (or a local one) and whether local indicators cover it; a `goal` row per goal",
        key: ["pipeline", "level", "goal", "target"],
        columns: [
            "pipeline", "level", "goal", "goal_name", "target", "target_label", "covered", "local_indicators",
            "sdg_indicators", "relations", "owners", "targets_total", "targets_covered",
        ])

    package static let accountability = TableDefinition(
        "accountability", "an owner's or partner's indicator in a treated area: latest value, target, classes, results",
        key: ["pipeline", "name", "role", "indicator", "area", "disaggregation"],
        columns: [
            "pipeline", "name", "role", "indicator", "indicator_label", "sdg", "area", "area_label", "disaggregation",
            "disaggregation_label", "latest_value", "target_value", "target_year", "eurostat_class", "opensdg_status",
            "results",
        ])

    package static let learningCityProfile = TableDefinition(
        "learning_city_profile",
        "a tier, area of focus or feature of the Key Features of Learning Cities: its local indicators, their series' progress classes in the treated areas, the actions that touch them, and whether anything measures it",
        key: ["pipeline", "level", "id"],
        columns: [
            "pipeline", "level", "id", "label", "tier", "focus_area", "covered", "local_indicators", "series_on_track",
            "series_moderate", "series_off_track", "series_not_assessed", "actions", "status",
        ])

    package static let frameworkProfile = TableDefinition(
        "framework_profile",
        "a node of a framework other than the SDGs (the KFLC, UN-Habitat's UMF, a city's plan; `frameworks:`): the local indicators linked to it or to a node below it, their series' progress classes in the treated areas, the actions that touch them, and whether anything measures it",
        key: ["pipeline", "framework", "id"],
        columns: [
            "pipeline", "framework", "level", "id", "label", "parent", "covered", "local_indicators", "series_on_track",
            "series_moderate", "series_off_track", "series_not_assessed", "actions", "status",
        ])

    package static let editions = TableDefinition(
        "editions",
        "a series' headline in one edition of the review (`report.edition`): its latest value and period and its progress class; the database keeps every edition, so that the next review says what changed (`vlr/changes.csv`)",
        key: ["pipeline", "edition", "indicator", "area", "disaggregation"],
        columns: [
            "pipeline", "edition", "recorded", "indicator", "indicator_label", "sdg_targets", "area", "area_label",
            "disaggregation", "unit", "direction", "last_period", "latest_value", "opensdg_status",
        ],
        scope: ["edition"])

    package static let rejects = TableDefinition(
        "rejects", "a record that was not read, with where it is, its code and why (files only)",
        key: [],
        columns: ["source", "file", "line", "column", "element", "severity", "code", "raw", "reason"])

    /// Every table, in the order a run writes them (the database ones first).
    package static let all: [TableDefinition] = [
        observations, localizedSeries, impact, trends, progress, coverage, accountability, learningCityProfile,
        frameworkProfile, editions, rejects,
    ]

    package static func named(_ name: String) -> TableDefinition? { all.first { $0.name == name } }

    /// `docs/tables.md`: every table with its meaning, key and columns.
    package static func reference() -> String {
        var text = """
            # Result tables

            Every table a run writes, as CSV (`<name>.csv`), JSON (`<name>.json`) and in the database (all but
            `rejects`), with the same column names everywhere. Declared once in `Sources/SDGPublish/TableDefinition.swift`;
            this page is made from those declarations (`SDGPIPE_RECORD=1 swift test --filter TableReference` rewrites it).
            Types: `integer` (SQLite `INTEGER`, PostgreSQL `BIGINT`), `real` (`REAL`, `DOUBLE PRECISION`), `text`. Key
            columns are `NOT NULL` (a missing text key is `''`).


            """
        for table in all {
            text += "## `\(table.name)`\n\nOne row: \(table.meaning).\n\n"
            text +=
                table.inDatabase
                ? "Key: " + table.key.map { "`\($0)`" }.joined(separator: ", ") + ".\n\n" : "Not in the database.\n\n"
            if !table.scope.isEmpty {
                text +=
                    "A run replaces only the rows of its own "
                    + table.scope.map { "`\($0)`" }.joined(separator: ", ") + "; the database keeps the others.\n\n"
            }
            text += "| column | type |\n|---|---|\n"
            for column in table.columns {
                let type = column.type == .integer ? "integer" : column.type == .real ? "real" : "text"
                text += "| `\(column.name)` | \(type)\(table.key.contains(column.name) ? ", key" : "") |\n"
            }
            text += "\n"
        }
        return text
    }
}
