/// The database schema of the result tables: every table's natural key and every column's type, in one place. CSV,
/// JSON and the database share the column names; the README's schema section is this file in prose.
public enum TableSchema {
    public enum ColumnType: String, Sendable {
        case text = "TEXT", integer = "INTEGER", real = "REAL"

        /// The PostgreSQL spelling.
        public var postgres: String {
            switch self {
            case .text: return "TEXT"
            case .integer: return "BIGINT"
            case .real: return "DOUBLE PRECISION"
            }
        }
    }

    public enum Dialect: Sendable { case sqlite, postgres }

    /// The natural key of each table (with `pipeline` first). Key columns are NOT NULL; a missing text key is ''.
    public static let keys: [String: [String]] = [
        "observations": ["pipeline", "source", "indicator", "area", "disaggregation", "period"],
        "localized_series": ["pipeline", "indicator", "area", "disaggregation"],
        "impact": ["pipeline", "action", "indicator", "area", "disaggregation", "method"],
        "trends": ["pipeline", "indicator", "area", "disaggregation", "action", "segment", "method"],
        "progress": ["pipeline", "indicator", "area", "disaggregation"],
        "coverage": ["pipeline", "level", "goal", "target"],
        "accountability": ["pipeline", "name", "role", "indicator", "area", "disaggregation"],
    ]

    /// The tables written to the database, in order (rejects stay in files: they describe inputs, not results).
    public static let databaseTables = ["observations", "localized_series", "impact", "trends", "progress", "coverage", "accountability"]

    static let integerColumns: Set<String> = [
        "line", "column", "unit_mult", "n", "n_before", "n_after", "hac_lags", "baseline_year", "target_year", "goal",
        "targets_total", "targets_covered",
    ]

    static let realColumns: Set<String> = [
        "period_start", "value", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
        "ci_low", "ci_high", "cohen_d", "hedges_g", "level_change", "slope_change", "pre_slope", "post_slope", "level_se",
        "slope_se", "level_p", "slope_p", "r_squared", "durbin_watson", "hac_level_se", "hac_slope_se", "estimate_2x2",
        "estimate_twfe", "se_clustered", "placebo_estimate", "slope", "intercept", "se", "s", "var_s", "z", "tau",
        "p_exact", "latest_value", "baseline_value", "target_value", "cagr_whole", "cagr_short_term", "cagr_long_term",
        "eurostat_ratio", "opensdg_score", "opensdg_progress_value", "sdsn_score", "oecd_distance",
    ]

    public static func type(of column: String) -> ColumnType {
        integerColumns.contains(column) ? .integer : realColumns.contains(column) ? .real : .text
    }

    /// SQLite tables stored in their primary key's order (`WITHOUT ROWID`): one B-tree instead of a table and a key
    /// index. For `observations` the shell's `.import` of 1.94 M rows took 4.4 s instead of 5.3 s and the file was a
    /// third smaller (bench/storage notes in the README).
    public static let withoutRowID: Set<String> = ["observations"]

    /// `CREATE TABLE` for a result table with its columns.
    public static func createStatement(table: String, columns: [String], dialect: Dialect = .sqlite) -> String {
        let key = keys[table] ?? []
        // PostgreSQL compares key text by bytes (COLLATE "C"), as SQLite does: keys are codes, and a cluster's
        // language collation made every index comparison of a bulk load a locale-aware one.
        let definitions = columns.map { c in
            "\"\(c)\" \(dialect == .sqlite ? type(of: c).rawValue : type(of: c).postgres)"
                + (key.contains(c) && dialect == .postgres && type(of: c) == .text ? " COLLATE \"C\"" : "")
                + (key.contains(c) ? " NOT NULL" : "")
        }
        return "CREATE TABLE IF NOT EXISTS \"\(table)\" (" + definitions.joined(separator: ", ")
            + (key.isEmpty ? "" : ", PRIMARY KEY (" + key.map { "\"\($0)\"" }.joined(separator: ", ") + ")") + ")"
            + (dialect == .sqlite && !key.isEmpty && withoutRowID.contains(table) ? " WITHOUT ROWID" : "")
    }
}
