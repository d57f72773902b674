import Foundation
import SDGTestSupport
import Testing
import Yams

@testable import SDGIngest
@testable import SDGLocalize
@testable import SDGPipeline
@testable import SDGPublish

/// `outputs.opensdg: true`: the demo as an Open SDG data repository, held to open-sdg-data-starter's data rules and
/// to the run's own tables.
@Suite struct OpenSDGRepositoryTests {
    /// The demo as it is: it writes `opensdg/` (and `opensdg-kflc/`).
    static func run() throws -> DemoWorkspace {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        #expect(yaml.contains("opensdg: true"))
        _ = try workspace.run()
        return workspace
    }

    /// The learning-city features as a non-SDG framework: areas of focus as goals, features as targets, the linked
    /// local indicators under them with the SDG repository's own data, labels in `translations/en`.
    @Test func theLearningCityFeaturesAsANonSDGFramework() throws {
        let workspace = try Self.run()
        let root = workspace.outputs.appendingPathComponent("opensdg-kflc")
        func yaml(_ path: String) throws -> [String: Any] {
            try #require(
                try Yams.load(yaml: String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
                    as? [String: Any])
        }
        let goals = try yaml("translations/en/global_goals.yml")
        let targets = try yaml("translations/en/global_targets.yml")
        let indicators = try yaml("translations/en/global_indicators.yml")
        let kflc = LearningCityFramework.builtIn
        #expect(goals.count == 2 * kflc.areas.count && targets.count == kflc.features.count)
        #expect(goals["1-title"] as? String == kflc.areas[0].label)
        #expect(try yaml("translations/en/general.yml")["target"] as? String == "Feature")
        let records = try workspace.load().indicators
        let linked = records.flatMap { r in
            r.kflc.filter { id in kflc.features.contains { $0.id == id } }.map { _ in r }
        }
        #expect(indicators.count == linked.count && !linked.isEmpty)
        let sdgIDs = OpenSDGRepository.ids(records)
        for (key, title) in indicators {
            let id = String(key.dropLast("-title".count))
            let parts = id.split(separator: "-").compactMap { Int($0) }
            #expect(parts.count == 3, "\(id): area.feature.n")
            let area = kflc.areas[parts[0] - 1]
            let feature = kflc.features.filter { $0.area == area.id }[parts[1] - 1]
            let record = try #require(records.first { $0.displayName == title as? String })
            #expect(record.kflc.contains(feature.id), "\(id) sits under a feature it is linked to")
            let config = try yaml("indicator-config/\(id).yml")
            #expect(config["indicator_number"] as? String == parts.map(String.init).joined(separator: "."))
            #expect(config["standalone"] as? Bool == false)
            // The same data as the SDG repository's file of that local indicator.
            let sdgID = try #require(sdgIDs.first { $0.record.indicator.id == record.indicator.id }).id
            let own = root.appendingPathComponent("data/indicator_\(id).csv")
            let sdg = workspace.outputs.appendingPathComponent("opensdg/data/indicator_\(sdgID).csv")
            #expect(try Data(contentsOf: own) == Data(contentsOf: sdg), "\(id) and \(sdgID)")
        }
        let data = try yaml("config_data.yml")
        #expect((data["translations"] as? [[String: Any]])?.last?["source"] as? String == "translations")
    }

    func csv(_ path: URL) throws -> (header: [String], rows: [[String]]) {
        let reader = try CSVRecordReader(path: path.path, delimiter: UInt8(ascii: ","))
        let header = try #require(try reader.next()?.fields)
        var rows: [[String]] = []
        while let r = try reader.next() { rows.append(r.fields) }
        return (header, rows)
    }

    @Test func theDemoAsAnOpenSDGRepository() throws {
        let workspace = try Self.run()
        let root = workspace.outputs.appendingPathComponent("opensdg")
        let dataFiles = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("data").path)
            .sorted()
        // national_adult_learning is `exact` for 4.3.1 and claims its id; the city's proxy gets a local id of goal 4,
        // as does early school leaving (proxy for 4.1.2 would claim 4-1-2: it is the only one).
        #expect(dataFiles.contains("indicator_4-3-1.csv") && dataFiles.contains("indicator_11-x-1.csv"), "\(dataFiles)")
        let series = try workspace.rows("localized_series.csv")
        let ids = OpenSDGRepository.ids(try workspace.load().indicators)
        for file in dataFiles {
            let (header, rows) = try csv(root.appendingPathComponent("data/" + file))
            // The starter's data rules: Year first, Value last, no whitespace around a header, every row complete.
            #expect(header.first == "Year" && header.last == "Value", "\(file): \(header)")
            #expect(header.allSatisfy { $0 == $0.trimmingCharacters(in: .whitespaces) && !$0.isEmpty })
            #expect(
                rows.allSatisfy { $0.count == header.count && Double($0.last!) != nil && !$0[0].isEmpty }, "\(file)")
            #expect(
                rows.first.map { $0.dropFirst().dropLast().allSatisfy(\.isEmpty) } ?? false, "headline first: \(file)")
            // Every value of the indicator's series in the treated areas, and only those.
            let id = String(file.dropFirst("indicator_".count).dropLast(4))
            let local = try #require(ids.first { $0.id == id }).record.indicator.id
            let own = series.filter { $0["indicator"] == local }
            let treated = own.filter { $0["area"] == "Riverton" }
            let expected = (treated.isEmpty ? own : treated).reduce(0) { $0 + Int($1["n"]!)! }
            #expect(rows.count == expected, "\(file): \(rows.count) rows, \(expected) values")
        }
        // The city's proxy: a local id, the target line, the progress status of its total series.
        let proxy = try #require(ids.first { $0.record.indicator.id == "adult_learning_rate" })
        #expect(proxy.id == "4-x-1")
        let config = try #require(
            try Yams.load(
                yaml: String(
                    contentsOf: root.appendingPathComponent("indicator-config/\(proxy.id).yml"), encoding: .utf8))
                as? [String: Any])
        #expect(config["indicator_number"] as? String == "4.x.1")
        #expect(config["indicator_name"] as? String == "Adult participation in learning")
        #expect(config["reporting_status"] as? String == "complete" && config["proxy"] as? String == "proxy")
        let lines = try #require(config["graph_target_lines"] as? [[String: Any]])
        #expect(lines.first?["value"] as? Int == 50)
        let progress = try workspace.rows("progress.csv").first {
            $0["indicator"] == "adult_learning_rate" && $0["area"] == "Riverton"
        }
        #expect(config["progress_status"] as? String == progress?["opensdg_status"])
        #expect(config["auto_progress_calculation"] as? Bool == false)
        let meta = try #require(
            try Yams.load(
                yaml: String(contentsOf: root.appendingPathComponent("meta/\(proxy.id).yml"), encoding: .utf8))
                as? [String: Any])
        #expect(meta["SDG_INDICATOR"] as? String == "4.3.1" && meta["owner"] as? String == "Department of Education")
        let data = try #require(
            try Yams.load(yaml: String(contentsOf: root.appendingPathComponent("config_data.yml"), encoding: .utf8))
                as? [String: Any])
        #expect((data["inputs"] as? [[String: Any]])?.first?["path_pattern"] as? String == "data/*-*.csv")
    }

    /// A disaggregated indicator: one column per dimension, a blank cell for the total, labels for codes.
    @Test func breakdownsAreColumnsWithTheTotalBlank() throws {
        let workspace = LabelsTests.CodedWorkspace(edit: {
            $0.replacingOccurrences(of: "report: html}", with: "report: html, opensdg: true}")
        })
        _ = try workspace.run()
        let (header, rows) = try csv(workspace.outputs.appendingPathComponent("opensdg/data/indicator_4-3-1.csv"))
        #expect(header == ["Year", "Sex", "Value"])
        #expect(Set(rows.map { $0[1] }) == ["", "women", "men"])
        #expect(rows.prefix(13).allSatisfy { $0[1].isEmpty }, "the total first")
    }

    @Test func aPathIsRefusedWithTheAdvice() throws {
        let workspace = LabelsTests.CodedWorkspace(edit: {
            $0.replacingOccurrences(of: "report: html}", with: "report: html, opensdg: ../site-data}")
        })
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("`outputs.opensdg` is `true` or `false`") && text.contains("coded.yaml:")
        }
    }
}

extension DemoWorkspace {
    func load() throws -> PipelineDefinition { try PipelineFileParser.load(path: dir.path("demo.yaml")) }
}
