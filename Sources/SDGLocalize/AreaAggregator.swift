import SDGCore

/// Combines district series into one area per period: a sum, or a mean weighted by another indicator's values for
/// the same district and period. A period enters the result only when every district has a value (and a weight):
/// a city total from some districts only would be silently wrong.
enum AreaAggregator {
    static func combine(_ members: [LocalizedSeries], into aggregation: AreaAggregation, weights: [LocalizedSeries])
        -> LocalizedSeries
    {
        let first = members[0]
        var byPeriod: [Period: [(area: String, value: Double?)]] = [:]
        for m in members { for p in m.readPoints() { byPeriod[p.period, default: []].append((m.area, p.value)) } }
        var weightOf: [String: [Period: Double]] = [:]
        for w in weights where w.disaggregation.isEmpty || w.disaggregation == first.disaggregation {
            for p in w.readPoints() { if let v = p.value { weightOf[w.area, default: [:]][p.period] = v } }
        }
        var points: [LocalizedSeries.Point] = []
        for (period, values) in byPeriod.sorted(by: { $0.key < $1.key }) {
            guard values.count == members.count, values.allSatisfy({ $0.value != nil }) else {
                points.append(.init(period: period, value: nil))
                continue
            }
            switch aggregation.method {
            case .sum:
                points.append(.init(period: period, value: values.reduce(0) { $0 + $1.value! }))
            case .weightedMean:
                let pairs = values.map { ($0.value!, weightOf[$0.area]?[period]) }
                guard pairs.allSatisfy({ $0.1 != nil }) else {
                    points.append(.init(period: period, value: nil))
                    continue
                }
                let total = pairs.reduce(0) { $0 + $1.1! }
                points.append(
                    .init(period: period, value: total > 0 ? pairs.reduce(0) { $0 + $1.0 * $1.1! } / total : nil))
            }
        }
        return LocalizedSeries(
            indicator: first.indicator, area: aggregation.target, disaggregation: first.disaggregation,
            unit: first.unit, sdg: first.sdg, direction: first.direction, points: points)
    }
}
