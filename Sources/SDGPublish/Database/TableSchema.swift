/// The database schema of the result tables, derived from their declarations (`TableDefinition`).
package enum TableSchema {
    package enum ColumnType: String, Sendable {
        case text = "TEXT", integer = "INTEGER", real = "REAL"

        /// The PostgreSQL spelling.
        package var postgres: String {
            switch self {
            case .text: return "TEXT"
            case .integer: return "BIGINT"
            case .real: return "DOUBLE PRECISION"
            }
        }
    }

    package enum Dialect: Sendable { case sqlite, postgres }

    /// The natural key of each database table (`TableDefinition.key`).
    package static let keys: [String: [String]] = Dictionary(
        uniqueKeysWithValues: TableDefinition.all.filter(\.inDatabase).map { ($0.name, $0.key) })

    /// The tables written to the database, in order (rejects stay in files: they describe inputs, not results).
    package static let databaseTables = TableDefinition.all.filter(\.inDatabase).map(\.name)

    package static func type(of column: String) -> ColumnType { TableDefinition.type(of: column) }

    /// SQLite tables stored in their primary key's order (`WITHOUT ROWID`): one B-tree instead of a table and a key
    /// index. For `observations` the shell's `.import` of 1.94 M rows took 4.4 s instead of 5.3 s and the file was a
    /// third smaller (bench/storage notes in the README).
    package static let withoutRowID: Set<String> = ["observations"]

    /// `CREATE TABLE` for a result table with its columns.
    package static func createStatement(table: String, columns: [String], dialect: Dialect = .sqlite) -> String {
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
