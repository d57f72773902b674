import Foundation
import SDGEvaluate
import SDGGeo
import SDGLocalize

/// `geojson/<indicator>.geojson` (`outputs.geojson: true`): per local indicator the areas with data, as Open SDG's
/// map layer reads them (sdg-build's `OutputGeoJson`): `geocode`, `name`, `disaggregations` (one object per series,
/// the headline, least disaggregated, first) and `values` (per series, year → value), plus sdgpipe's
/// `latest_value`, `latest_period` and `progress` of the headline series. The geometry is the boundary file's,
/// simplified to 1/5000 of the map's extent (about a metre in a city, 200 m across a country) with six decimals.
package enum GeoJSONOutput {
    package static func forEachFile(
        _ evaluation: ImpactEvaluation, geography: AreaGeography, labels: Labels,
        _ body: (_ name: String, _ contents: String) throws -> Void
    ) rethrows {
        let box = GeoBox.of(geography.features)
        let tolerance = max(box.width, box.height) / 5000
        var geometry: [String] = []
        geometry.reserveCapacity(geography.features.count)
        for f in geography.features { geometry.append(Self.geometry(f, tolerance: tolerance)) }
        // Per indicator, per feature, its series (headline first).
        var byIndicator: [String: [Int: [Int]]] = [:]
        for (k, o) in evaluation.outcomes.enumerated() {
            let s = o.series
            guard let feature = geography.feature(for: s.area, label: labels.area(s.area)) else { continue }
            byIndicator[s.indicator, default: [:]][feature, default: []].append(k)
        }
        let useEurostat = evaluation.plan.settings.progress.contains(.eurostat)
        for record in evaluation.plan.records {
            guard let features = byIndicator[record.indicator.id] else { continue }
            var out =
                "{\"type\":\"FeatureCollection\",\"name\":\(JSONTableWriter.quote(record.indicator.id)),\"features\":[\n"
            var first = true
            for (feature, series) in features.sorted(by: { $0.key < $1.key }) {
                let ordered = series.sorted {
                    let a = evaluation.outcomes[$0].series.disaggregation
                    let b = evaluation.outcomes[$1].series.disaggregation
                    return a.count != b.count ? a.count < b.count : a < b
                }
                let f = geography.features[feature]
                let headline = evaluation.outcomes[ordered[0]]
                var disaggregations: [String] = []
                var values: [String] = []
                var latest: LocalizedSeries.Point?
                for k in ordered {
                    let s = evaluation.outcomes[k].series
                    let pairs = s.disaggregation.split(separator: ";").compactMap { part -> String? in
                        let kv = part.split(separator: "=", maxSplits: 1)
                        return kv.count == 2
                            ? "\(JSONTableWriter.quote(String(kv[0]))):\(JSONTableWriter.quote(String(kv[1])))" : nil
                    }
                    disaggregations.append("{" + pairs.joined(separator: ",") + "}")
                    let read = s.readPoints()
                    if k == ordered[0] { latest = read.last { $0.value != nil } }
                    let points = read.compactMap { p in
                        p.value.map { "\(JSONTableWriter.quote(p.period.label)):\(Format.exact($0))" }
                    }
                    values.append("{" + points.joined(separator: ",") + "}")
                }
                let progress =
                    useEurostat
                    ? headline.overall.progress.eurostat.progressClass : headline.overall.progress.openSDG.status
                let name = labels.area(f.id) ?? f.name ?? f.id
                out += first ? "" : ",\n"
                first = false
                out +=
                    "{\"type\":\"Feature\",\"properties\":{\"geocode\":\(JSONTableWriter.quote(f.id)),\"name\":\(JSONTableWriter.quote(name)),\"disaggregations\":[\(disaggregations.joined(separator: ","))],\"values\":[\(values.joined(separator: ","))],\"latest_value\":\(latest?.value.map(Format.exact) ?? "null"),\"latest_period\":\(latest.map { JSONTableWriter.quote($0.period.label) } ?? "null"),\"progress\":\(progress.map(JSONTableWriter.quote) ?? "null")},\"geometry\":\(geometry[feature])}"
            }
            out += "\n]}\n"
            try body("geojson/\(record.indicator.id).geojson", out)
        }
    }

    static func geometry(_ f: GeoFeature, tolerance: Double) -> String {
        func ring(_ r: [GeoPoint]) -> String {
            "["
                + Simplifier.simplify(r, tolerance: tolerance).map { "[\(coordinate($0.x)),\(coordinate($0.y))]" }
                .joined(separator: ",") + "]"
        }
        func polygon(_ p: GeoPolygon) -> String { "[" + p.rings.map(ring).joined(separator: ",") + "]" }
        if f.polygons.count == 1 { return "{\"type\":\"Polygon\",\"coordinates\":\(polygon(f.polygons[0]))}" }
        return "{\"type\":\"MultiPolygon\",\"coordinates\":[\(f.polygons.map(polygon).joined(separator: ","))]}"
    }

    static func coordinate(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
