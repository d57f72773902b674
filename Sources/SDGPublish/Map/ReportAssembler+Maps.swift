import SDGCore
import SDGEvaluate
import SDGLocalize

/// The maps of the report: for each local indicator with data on the map (in the crosswalk's order, at most
/// `MapSection.maxIndicators`), its latest value by area, its progress class by area, and each action's estimated
/// effect in its treated areas against their comparison areas. An area's headline series is the one with the least
/// disaggregation (as Open SDG chooses it).
extension ReportAssembler {
    func mapSection(_ geography: AreaGeography) -> MapSection? {
        guard !geography.features.isEmpty else { return nil }
        // Per indicator and area, the outcome of the headline series.
        var headline: [String: [String: Int]] = [:]
        for (k, o) in evaluation.outcomes.enumerated() {
            let s = o.series
            if let current = headline[s.indicator]?[s.area],
                evaluation.outcomes[current].series.disaggregation.count <= s.disaggregation.count
            {
                continue
            }
            headline[s.indicator, default: [:]][s.area] = k
        }
        var groups: [MapSection.Group] = []
        var withData = 0
        for record in plan.records {
            let id = record.indicator.id
            guard let byArea = headline[id] else { continue }
            let mapped = byArea.compactMap { area, k in
                geography.feature(for: area, label: labels.area(area)).map { (area: area, feature: $0, outcome: k) }
            }
            guard !mapped.isEmpty else { continue }
            withData += 1
            guard groups.count < MapSection.maxIndicators else { continue }
            let leftOut = byArea.keys.filter { geography.feature(for: $0, label: labels.area($0)) == nil }.map(place)
                .sorted()
            var panels = [valuePanel(record, mapped)]
            if let progress = progressPanel(record, mapped) { panels.append(progress) }
            panels += effectPanels(record, geography)
            groups.append(.init(indicator: record.displayName, panels: panels, leftOut: leftOut))
        }
        guard !groups.isEmpty else { return nil }
        return MapSection(
            geometry: MapGeometry(geography.features), names: geography.features.map { $0.name ?? $0.id },
            groups: groups, notDrawn: withData - groups.count)
    }

    typealias Mapped = (area: String, feature: Int, outcome: Int)

    func valuePanel(_ record: CrosswalkRecord, _ mapped: [Mapped]) -> MapSection.Panel {
        let t = text
        var latest: [(feature: Int, value: Double, tip: String)] = []
        var years = Set<String>()
        for m in mapped {
            let o = evaluation.outcomes[m.outcome]
            guard let point = o.series.readPoints().last(where: { $0.value != nil }), let value = point.value else {
                continue
            }
            years.insert(point.period.label)
            let unit = o.series.unit.map { " " + $0 } ?? ""
            latest.append((m.feature, value, "\(place(m.area)): \(t.number(value))\(unit) (\(point.period.label))"))
        }
        let own = !record.mapBreaks.isEmpty
        let breaks = own ? record.mapBreaks : MapPalette.quantileBreaks(latest.map(\.value))
        let colours = MapPalette.colours(breaks.count + 1)
        var fills: [Int: MapSection.Fill] = [:]
        for l in latest {
            fills[l.feature] = .init(colour: colours[MapPalette.classIndex(l.value, breaks)], tip: l.tip)
        }
        var legend: [MapSection.LegendItem] = []
        if own {
            for c in 0..<colours.count {
                let label =
                    c == 0
                    ? "< \(t.number(breaks[0]))"
                    : c == breaks.count
                        ? "≥ \(t.number(breaks[c - 1]))" : "\(t.number(breaks[c - 1]))–\(t.number(breaks[c]))"
                legend.append(.init(colour: colours[c], label: label))
            }
        } else if let low = latest.map(\.value).min(), let high = latest.map(\.value).max() {
            let bounds = [low] + breaks + [high]
            for c in 0..<colours.count {
                let (from, to) = (t.number(bounds[c]), t.number(bounds[c + 1]))
                let label = colours.count == 1 || from == to ? from : "\(from)–\(to)"
                legend.append(.init(colour: colours[c], label: label))
            }
        }
        legend.append(.init(colour: MapPalette.noData, label: t("maps.no_data")))
        let period = years.count == 1 ? years.first! : t("maps.latest_each")
        return .init(title: t("maps.latest", period), fills: fills, outlined: [], legend: legend)
    }

    func progressPanel(_ record: CrosswalkRecord, _ mapped: [Mapped]) -> MapSection.Panel? {
        let chosen = plan.settings.progress
        guard !chosen.isEmpty else { return nil }
        let t = text
        let useEurostat = chosen.contains(.eurostat)
        var fills: [Int: MapSection.Fill] = [:]
        var seen = Set<String>()
        for m in mapped {
            let progress = evaluation.outcomes[m.outcome].overall.progress
            guard let code = useEurostat ? progress.eurostat.progressClass : progress.openSDG.status,
                let colour = MapPalette.progressColour(code)
            else { continue }
            let words = useEurostat ? t.eurostat(code) : t.status(code)
            seen.insert(code)
            fills[m.feature] = .init(colour: colour, tip: "\(place(m.area)): \(words)")
        }
        guard !fills.isEmpty else { return nil }
        var legend = MapPalette.progressOrder.filter(seen.contains).map {
            MapSection.LegendItem(
                colour: MapPalette.progressColour($0)!, label: useEurostat ? t.eurostat($0) : t.status($0))
        }
        legend.append(.init(colour: MapPalette.noData, label: t("maps.not_assessed")))
        return .init(
            title: t(useEurostat ? "maps.progress_eurostat" : "maps.progress_opensdg"), fills: fills, outlined: [],
            legend: legend)
    }

    /// Per action on this indicator: the difference-in-differences in each treated area, blue where it went the
    /// desired way, and its comparison areas outlined.
    func effectPanels(_ record: CrosswalkRecord, _ geography: AreaGeography) -> [MapSection.Panel] {
        let t = text
        let sign = record.indicator.direction?.sign ?? 1
        var panels: [MapSection.Panel] = []
        for action in plan.actions where action.indicators.contains(record.indicator.id) {
            let dids = evaluation.differences.filter {
                $0.action.id == action.id && $0.series.indicator == record.indicator.id
                    && geography.feature(for: $0.series.area, label: labels.area($0.series.area)) != nil
            }
            // The headline breakdown only: the shortest disaggregation among them.
            guard let shortest = dids.map(\.series.disaggregation.count).min() else { continue }
            let headline = dids.filter { $0.series.disaggregation.count == shortest }
            // An estimate is drawn whenever it exists: a status such as `few_clusters` concerns its standard error,
            // and is said on hover beside the value.
            let estimates = headline.compactMap { d in d.estimate.estimateTWFE.flatMap { $0.isFinite ? $0 : nil } }
            let scale = estimates.map { abs($0) }.max() ?? 0
            var fills: [Int: MapSection.Fill] = [:]
            var outlined = Set<Int>()
            for d in headline {
                for area in d.comparisonAreas {
                    guard let k = geography.feature(for: area, label: labels.area(area)), fills[k] == nil else {
                        continue
                    }
                    outlined.insert(k)
                    fills[k] = .init(colour: MapPalette.noData, tip: "\(place(area)): \(t("maps.comparison"))")
                }
            }
            for d in headline {
                guard let k = geography.feature(for: d.series.area, label: labels.area(d.series.area)) else {
                    continue
                }
                outlined.remove(k)
                guard let e = d.estimate.estimateTWFE, e.isFinite else {
                    fills[k] = .init(
                        colour: MapPalette.noData,
                        tip: "\(place(d.series.area)): \(t.why((d.estimate.status.code, d.estimate.status.reason)))")
                    continue
                }
                let desired = e * sign
                let strong = scale > 0 && abs(e) >= scale / 2
                let colour =
                    desired >= 0
                    ? (strong ? MapPalette.good : MapPalette.fair) : (strong ? MapPalette.bad : MapPalette.poor)
                let unit = d.series.unit.map { " " + $0 } ?? ""
                let caveat =
                    d.estimate.status.isOK ? "" : " (\(t.why((d.estimate.status.code, d.estimate.status.reason))))"
                fills[k] = .init(
                    colour: colour, tip: "\(place(d.series.area)): \(e > 0 ? "+" : "")\(t.number(e))\(unit)\(caveat)")
            }
            guard !headline.isEmpty else { continue }
            let half = t.number(scale / 2)
            let legend: [MapSection.LegendItem] = [
                .init(colour: MapPalette.good, label: t("maps.effect_strong_good", half)),
                .init(colour: MapPalette.fair, label: t("maps.effect_good")),
                .init(colour: MapPalette.poor, label: t("maps.effect_bad")),
                .init(colour: MapPalette.bad, label: t("maps.effect_strong_bad", half)),
                .init(colour: MapPalette.noData, label: t("maps.comparison"), dashed: true),
            ]
            panels.append(
                .init(title: t("maps.effect", action.title), fills: fills, outlined: outlined, legend: legend))
        }
        return panels
    }
}
