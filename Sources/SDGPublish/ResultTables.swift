import SDGCore
import SDGEvaluate
import SDGLocalize

/// Empty tables of the declared shapes (`TableDefinition`), and the row helpers the table makers share. Method rows
/// share one table: each row fills the columns of its method, named as in `EstimateFields` (and the JSON of
/// `evaluate`).
public enum ResultTables {
    /// The columns of the `observations` table, whose rows `ObservationStore` makes.
    public static var observationColumns: [String] { TableDefinition.observations.columnNames }

    public static func rejects() -> Table { TableDefinition.rejects.table() }

    public static func append(_ r: Reject, to table: inout Table) {
        table.append([
            .init(r.source), .init(r.location.file), .init(r.location.line), .init(r.location.column),
            .init(r.location.element), .init(r.code.rawValue), .init(r.raw), .init(r.reason),
        ])
    }

    public static func impact() -> Table { TableDefinition.impact.table() }

    public static func trends() -> Table { TableDefinition.trends.table() }

    public static func progress() -> Table { TableDefinition.progress.table() }

    /// `sdg` is the indicator's SDG codes joined by `;`, when the caller has it already (rows of one indicator
    /// share it).
    public static func seriesKey(_ pipeline: String, _ s: LocalizedSeries, sdg: String? = nil) -> EstimateFields.Fields
    {
        [
            ("pipeline", .init(pipeline)), ("indicator", .init(s.indicator)),
            ("sdg", .init(sdg ?? s.sdg.map(\.description).joined(separator: ";"))), ("area", .init(s.area)),
            ("disaggregation", .init(s.disaggregation)), ("unit", .init(s.unit)),
        ]
    }
}
