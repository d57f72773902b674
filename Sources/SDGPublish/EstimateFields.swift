import SDGEvaluate

/// The field names of every estimate, exactly as docs/methods.md lists them. The JSON of `sdgpipe evaluate` and
/// the columns of the `impact`, `trends` and `progress` tables are both built from these lists, so they cannot drift.
package enum EstimateFields {
    package typealias Fields = [(String, Table.Cell)]

    /// The columns an estimate declares (`EstimateRecord.visitFields`), in their order.
    package static func columns<R: EstimateRecord>(_ record: R) -> Fields {
        var collector = ColumnCollector()
        var r = record
        r.visitFields(&collector)
        return collector.fields
    }

    package static func beforeAfter(_ e: BeforeAfterEstimate) -> Fields { columns(e) }
    package static func ols(_ e: TrendEstimate) -> Fields { columns(e) }
    package static func mannKendall(_ e: MannKendallEstimate) -> Fields { columns(e) }
    package static func its(_ e: InterruptedTimeSeriesEstimate) -> Fields { columns(e) }
    package static func growth(_ e: GrowthRateEstimate) -> Fields { columns(e) }
    package static func eurostat(_ e: EurostatAssessment) -> Fields { columns(e) }
    package static func openSDG(_ e: OpenSDGAssessment) -> Fields { columns(e) }
    package static func sdsn(_ e: SDSNAssessment) -> Fields { columns(e) }
    package static func oecd(_ e: OECDAssessment) -> Fields { columns(e) }
    package static func sen(_ e: SenSlopeEstimate) -> Fields { columns(e) }

    package static func did(_ e: DiDEstimate) -> Fields {
        [
            ("estimate_2x2", .init(e.estimate2x2)), ("estimate_twfe", .init(e.estimateTWFE)),
            ("se_clustered", .init(e.seClustered)), ("p_value", .init(e.pValue)),
            ("placebo_estimate", .init(e.placeboEstimate)), ("p_randomization", .init(e.pRandomization)),
            ("p_wild_bootstrap", .init(e.pWildBootstrap)),
        ]
            + status(e.status)
    }

    /// `synthetic_weights` reads `Lakeside 0.63; Hillview 0.37` (areas with a weight above zero, largest first).
    package static func syntheticControl(_ e: SyntheticControlEstimate) -> Fields {
        [
            ("p_randomization", .init(e.pValue)), ("estimate_synthetic", .init(e.estimate)),
            ("pre_rmspe", .init(e.preRMSPE)), ("post_rmspe", .init(e.postRMSPE)),
            (
                "synthetic_weights",
                .init(e.weights.isEmpty ? nil : e.weights.map { "\($0.area) \($0.weight)" }.joined(separator: "; "))
            ),
        ] + status(e.status)
    }

    static func status(_ s: EstimateStatus) -> Fields {
        [("status", .init(s.code)), ("reason", .init(s.reason.isEmpty ? nil : s.reason))]
    }

    /// The `progress` object of `evaluate --format json`: eurostat, opensdg, sdsn, oecd.
    package static func progressJSON(_ p: ProgressAssessment) -> JSONValue {
        .object([
            ("eurostat", .fields(eurostat(p.eurostat))), ("opensdg", .fields(openSDG(p.openSDG))),
            ("sdsn", .fields(sdsn(p.sdsn))), ("oecd", .fields(oecd(p.oecd))),
        ])
    }

    /// The progress columns of the `progress` table: the nested names joined with `_` (`eurostat_class`).
    /// The `progress` table's assessment columns; those of methods not in `methods` are left empty.
    package static func progressColumns(
        _ p: ProgressAssessment, methods: Set<ProgressMethod> = Set(ProgressMethod.allCases)
    ) -> Fields {
        func columns(_ method: ProgressMethod, _ fields: Fields) -> Fields {
            fields.map { (method.rawValue + "_" + $0.0, methods.contains(method) ? $0.1 : .missing) }
        }
        return columns(.eurostat, eurostat(p.eurostat)) + columns(.opensdg, openSDG(p.openSDG))
            + columns(.sdsn, sdsn(p.sdsn))
            + columns(.oecd, oecd(p.oecd))
    }
}

/// Collects the `.column` fields of an estimate as table cells.
private struct ColumnCollector: EstimateFieldVisitor {
    var fields: EstimateFields.Fields = []

    mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse) {
        if use == .column { fields.append((name, .init(value))) }
    }
    mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse) {
        if use == .column { fields.append((name, .init(value))) }
    }
    mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse) {
        if use == .column { fields.append((name, .init(value))) }
    }
    mutating func text(_ name: String, _ value: inout String, _ use: FieldUse) {
        if use == .column { fields.append((name, .init(value))) }
    }
    mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse) {
        if use == .column { fields.append((name, .init(value))) }
    }
    mutating func status(_ value: inout EstimateStatus, reason: FieldUse) {
        fields.append(("status", .init(value.code)))
        if reason == .column { fields.append(("reason", .init(value.reason.isEmpty ? nil : value.reason))) }
    }
}

/// Writes an estimate's `.column` fields straight into a row's cells: the k-th such field (in `visitFields` order,
/// which a type declares once) to `positions[k]`, found from the names once per table (`positions(of:in:)`). For
/// the tables of millions of rows: collected as named fields and placed by name, a national run's `trends` rows cost
/// a tenth of its samples.
struct CellPlacer: EstimateFieldVisitor {
    let positions: [Int]
    var next = 0
    var cells: UnsafeMutableBufferPointer<Table.Cell>

    /// The cells' positions of `R`'s columns in `columns`.
    static func positions<R: EstimateRecord>(of type: R.Type, in columns: [String]) -> [Int] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return EstimateFields.columns(R.blank).map { field in
            guard let p = index[field.0] else { preconditionFailure("no column \(field.0)") }
            return p
        }
    }

    private mutating func place(_ cell: Table.Cell) {
        cells[positions[next]] = cell
        next += 1
    }
    mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse) {
        if use == .column { place(.init(value)) }
    }
    mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse) {
        if use == .column { place(.init(value)) }
    }
    mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse) {
        if use == .column { place(.init(value)) }
    }
    mutating func text(_ name: String, _ value: inout String, _ use: FieldUse) {
        if use == .column { place(.init(value)) }
    }
    mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse) {
        if use == .column { place(.init(value)) }
    }
    mutating func status(_ value: inout EstimateStatus, reason: FieldUse) {
        place(.init(value.code))
        if reason == .column { place(.init(value.reason.isEmpty ? nil : value.reason)) }
    }
}
