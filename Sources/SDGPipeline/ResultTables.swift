import SDGCore
import SDGEvaluate
import SDGLocalize
import SDGPublish

/// The tables of SPEC §6 that this run writes, with their column names fixed in one place.
enum ResultTables {
    static func observations() -> Table {
        Table(name: "observations", columns: [
            "source", "indicator", "area", "disaggregation", "period", "period_start", "value", "unit", "unit_mult",
            "obs_status", "file", "line",
        ])
    }

    static func append(_ o: Observation, to table: inout Table) {
        table.append([
            .init(o.key.source), .init(o.key.indicator), .init(o.key.area), .init(o.key.disaggregation),
            .init(o.period.label), .init(o.period.start), .init(o.value), .init(o.attributes.unit),
            .init(o.attributes.unitMultiplier), .init(o.attributes.status),
            .init(o.location.file), .init(o.location.line),
        ])
    }

    static func rejects() -> Table {
        Table(name: "rejects", columns: ["source", "file", "line", "column", "element", "code", "raw", "reason"])
    }

    static func append(_ r: Reject, to table: inout Table) {
        table.append([
            .init(r.source), .init(r.location.file), .init(r.location.line), .init(r.location.column),
            .init(r.location.element), .init(r.code), .init(r.raw), .init(r.reason),
        ])
    }

    static func impact() -> Table {
        Table(name: "impact", columns: [
            "pipeline", "action", "action_start", "indicator", "sdg", "area", "role", "disaggregation", "unit", "method",
            "n_before", "n_after", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
            "status", "reason",
        ])
    }

    static func append(
        pipeline: String, action: LocalAction, series: LocalizedSeries, role: String, estimate e: BeforeAfterEstimate,
        to table: inout Table
    ) {
        table.append([
            .init(pipeline), .init(action.id), .init(action.start.label), .init(series.indicator),
            .init(series.sdg.map(\.description).joined(separator: ";")), .init(series.area), .init(role),
            .init(series.disaggregation), .init(series.unit), .init("before_after_welch"),
            .init(e.nBefore), .init(e.nAfter), .init(e.meanBefore), .init(e.meanAfter), .init(e.difference),
            .init(e.relativeChange), .init(e.t), .init(e.degreesOfFreedom), .init(e.pValue),
            .init(e.status.code), .init(e.status.reason),
        ])
    }
}
