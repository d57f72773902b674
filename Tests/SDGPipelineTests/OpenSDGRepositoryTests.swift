import Foundation
import SDGTestSupport
import Testing
import Yams

@testable import SDGIngest
@testable import SDGPipeline
@testable import SDGPublish

/// `outputs.opensdg: true`: the demo as an Open SDG data repository, held to open-sdg-data-starter's data rules and
/// to the run's own tables.
@Suite struct OpenSDGRepositoryTests {
    static func run() throws -> DemoWorkspace {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        _ = workspace.dir.write(
            yaml.replacingOccurrences(of: "report: html}", with: "report: html, opensdg: true}"), to: "demo.yaml")
        _ = try workspace.run()
        return workspace
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
