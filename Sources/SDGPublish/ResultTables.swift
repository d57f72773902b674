import SDGCore
import SDGEvaluate
import SDGLocalize

/// Empty tables of the declared shapes (`TableDefinition`), and the row helpers the table makers share. Method rows
/// share one table: each row fills the columns of its method, named as in `EstimateFields` (and the JSON of
/// `evaluate`).
package enum ResultTables {
    package static func rejects() -> Table { TableDefinition.rejects.table() }

    /// A reject as a row of `rejects`: its diagnostic (location, severity, code, message) with the source and the
    /// raw text.
    package static func append(_ r: Reject, to table: inout Table) {
        let d = r.diagnostic
        let location = d.location ?? SourceLocation(file: r.location.file)
        table.append([
            .init(r.source), .init(location.file), .init(location.line), .init(location.column),
            .init(location.element), .init(d.severity.rawValue), .init(d.code.rawValue), .init(r.raw),
            .init(d.message),
        ])
    }

    package static func impact() -> Table { TableDefinition.impact.table() }

    package static func trends() -> Table { TableDefinition.trends.table() }

    package static func progress() -> Table { TableDefinition.progress.table() }

    /// `sdg` is the indicator's SDG codes joined by `;`, when the caller has it already (rows of one indicator
    /// share it).
    package static func seriesKey(
        _ pipeline: String, _ s: LocalizedSeries, sdg: String? = nil, labels: LabelCells
    ) -> EstimateFields.Fields {
        [
            ("pipeline", .init(pipeline)), ("indicator", .init(s.indicator)),
            ("sdg", .init(sdg ?? s.sdg.map(\.description).joined(separator: ";"))), ("area", .init(s.area)),
            ("disaggregation", .init(s.disaggregation)), ("unit", .init(s.unit)),
        ] + labels.fields(s)
    }
}
