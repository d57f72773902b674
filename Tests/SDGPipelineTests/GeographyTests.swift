import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// The districts sample with planted problems: a district the boundaries lack, a renamed district, an open ring;
/// the maps and the GeoJSON output of the clean sample.
@Suite struct GeographyTests {
    let dir = TemporaryDirectory("sdgpipe-geography")

    /// The districts pipeline in a temporary folder, its boundary file changed by `edit` (on the parsed JSON).
    func workspace(_ edit: (inout [[String: Any]]) -> Void = { _ in }) throws -> URL {
        let samples = packageRoot.appendingPathComponent("samples/districts")
        let data = try Data(contentsOf: samples.appendingPathComponent("riverton-districts.geojson"))
        var collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var features = try #require(collection["features"] as? [[String: Any]])
        edit(&features)
        collection["features"] = features
        dir.write(try JSONSerialization.data(withJSONObject: collection), to: "boundaries.geojson")
        var yaml = try String(
            contentsOf: packageRoot.appendingPathComponent("pipelines/districts.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "../samples/districts/riverton-districts.geojson", with: dir.path("boundaries.geojson")
        )
        .replacingOccurrences(
            of: "../samples/districts/districts.csv", with: samples.appendingPathComponent("districts.csv").path
        )
        .replacingOccurrences(of: "../output/riverton-districts", with: dir.path("out"))
        return URL(fileURLWithPath: dir.write(yaml, to: "districts.yaml"))
    }

    func run(_ pipeline: URL) throws -> RunSummary {
        try PipelineRunner(definition: PipelineFileParser.load(path: pipeline.path)).run()
    }

    func code(_ feature: [String: Any]) -> String {
        (feature["properties"] as? [String: Any])?["code"] as? String ?? ""
    }

    @Test func plantedProblemsAreEachFoundWithTheirFix() throws {
        let pipeline = try workspace { features in
            // A district the boundaries lack (a merger not yet in the file), a renamed code, an open ring.
            features.removeAll { code($0) == "RV09" }
            if let k = features.firstIndex(where: { code($0) == "RV03" }) {
                var p = features[k]["properties"] as! [String: Any]
                p["code"] = "RV003"
                features[k]["properties"] = p
            }
            if let k = features.firstIndex(where: { code($0) == "RV04" }) {
                var g = features[k]["geometry"] as! [String: Any]
                var rings = g["coordinates"] as! [[[Double]]]
                rings[0].removeLast()
                g["coordinates"] = rings
                features[k]["geometry"] = g
            }
        }
        let summary = try run(pipeline)
        let warnings = summary.manifest.warnings
        #expect(warnings.contains { $0.contains("the area `RV09` has no boundary feature") })
        #expect(
            warnings.contains { $0.contains("the area `RV03` has no boundary") && $0.contains("Did you mean 'RV003'?") }
        )
        #expect(warnings.contains { $0.contains("the feature `RV003` (Millbrook) matches no area") })
        #expect(warnings.contains { $0.contains("the feature `RV04` (Westbank) has exterior ring not closed") })
        #expect(warnings.contains { $0.contains("`Riverton` has no boundary feature") })
        let report = try String(
            contentsOf: summary.outputDirectory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Not on the map (no boundary): RV03, RV09, Riverton, Westbank."))
    }

    @Test func theSampleDrawsMapsAndWritesGeoJSONForOpenSDG() throws {
        let summary = try run(try workspace())
        #expect(!summary.manifest.warnings.contains { $0.contains("geography.invalid") })
        let report = try String(
            contentsOf: summary.outputDirectory.appendingPathComponent("report.html"), encoding: .utf8)
        // Two indicators × (latest value, progress class, effect of the one action).
        #expect(report.components(separatedBy: "<svg class=\"map\"").count - 1 == 6)
        #expect(report.components(separatedBy: "<path id=\"geo-").count - 1 == 9)
        #expect(report.contains("<title>Park: 46.1 percent (2023)</title>"))
        #expect(report.contains("Estimated effect of Library outreach programme"))
        // The indicator's own classes (`map_breaks: [40, 45, 50]`), and quantiles for the other.
        #expect(report.contains("</span>&lt; 40</li>") && report.contains("</span>45–50</li>"))
        #expect(report.contains("</span>≥ 50</li>"))
        // Names come from the boundary file where the data has codes.
        let localized = try String(
            contentsOf: summary.outputDirectory.appendingPathComponent("localized_series.csv"), encoding: .utf8)
        #expect(localized.contains("RV05,Park"))

        let file = summary.outputDirectory.appendingPathComponent("geojson/adult_learning_rate.geojson")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 9)
        let park = try #require(
            features.first { ($0["properties"] as? [String: Any])?["geocode"] as? String == "RV05" })
        let properties = try #require(park["properties"] as? [String: Any])
        #expect(properties["name"] as? String == "Park")
        #expect(properties["latest_value"] as? Double == 46.1)
        #expect(properties["latest_period"] as? String == "2023")
        let values = try #require(properties["values"] as? [[String: Double]])
        #expect(values.count == 1 && values[0].count == 12)
        #expect((properties["disaggregations"] as? [[String: Any]])?.count == 1)
        let geometry = try #require(park["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Polygon")
        #expect((geometry["coordinates"] as? [Any])?.count == 2)  // the district and its lake
    }

    @Test func geographyKeysAreChecked() {
        let base = minimal + "outputs: {geojson: true}\n"
        #expect(problems(base).contains { $0.message.contains("`outputs.geojson` writes the areas' boundaries") })
        let missing = minimal + "geography: {boundaries: nowhere.geojson, id_property: code}\n"
        #expect(problems(missing).contains { $0.message.contains("nowhere.geojson, which does not exist") })
        let breaks = minimal.replacingOccurrences(
            of: "    sdg: [4.3.1]\n", with: "    sdg: [4.3.1]\n    map_breaks: [5, 3]\n")
        #expect(problems(breaks).contains { $0.message.contains("1 to 4 increasing numbers") })
        let noID = minimal + "geography: {boundaries: nowhere.geojson}\n"
        #expect(problems(noID).contains { $0.message.contains("needs `id_property`") })
    }
}
