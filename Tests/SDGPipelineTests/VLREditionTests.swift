import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGPipeline
@testable import SDGPublish

/// `report.edition`: each edition's headline values are kept in the database, and the next edition's VLR pack says
/// what changed since the previous one (`vlr/changes.csv`, `vlr/changes.html`, the GNLC summary).
@Suite struct VLREditionTests {
    typealias Entry = ReviewEdition.Entry

    @Test func thePreviousEditionIsTheGreatestBelowYearsAsNumbers() {
        let recorded = ["2019", "2023", "2021", "2025"]
        #expect(ReviewEdition.previous(of: "2025", among: recorded) == "2023")
        #expect(ReviewEdition.previous(of: "2022", among: recorded) == "2021")
        #expect(ReviewEdition.previous(of: "2019", among: recorded) == nil, "the first edition")
        #expect(ReviewEdition.previous(of: "2023", among: recorded) == "2021", "re-recording 2023 compares with 2021")
        #expect(ReviewEdition.previous(of: "10000", among: ["999", "9999"]) == "9999", "numbers, not text")
        #expect(ReviewEdition.previous(of: "2025-b", among: ["2025-a", "2024-c", "2025-c"]) == "2025-a")
    }

    @Test func valuesMoveByTheIndicatorsDirectionAndClassesByTheirOrder() {
        func entry(
            _ id: String, _ period: String, _ value: Double?, direction: String = "increase", unit: String = "%",
            status: String = "", targets: String = "4.3", area: String = "A"
        ) -> Entry {
            Entry(
                indicator: id, sdgTargets: targets, area: area, unit: unit, direction: direction, period: period,
                value: value, progressClass: status)
        }
        let before = ReviewEdition(
            label: "2023", recorded: "2024-01-01T00:00:00Z",
            entries: [
                entry("up", "2022", 46.7, status: "moderate_progress"),
                entry("down", "2022", 10, direction: "decrease", status: "substantial_progress"),
                entry("same", "2022", 5),
                entry("stale", "2022", 7),
                entry("undirected", "2022", 1, direction: ""),
                entry("unit", "2022", 3, unit: "per 1,000"),
                entry("gone", "2022", 9, targets: "4.7"),
                entry("other-area", "2022", 9, area: "B"),
            ])
        let after = ReviewEdition(
            label: "2025", recorded: "2026-01-01T00:00:00Z",
            entries: [
                entry("up", "2024", 48.1, status: "target_achieved"),
                entry("down", "2024", 12, direction: "decrease", status: "limited_progress"),
                entry("same", "2024", 5),
                entry("stale", "2022", 7),
                entry("undirected", "2024", 2, direction: ""),
                entry("unit", "2024", 0.3, unit: "%"),
                entry("new", "2024", 1, targets: "4.6"),
            ])
        let changes = EditionChanges(current: after, previous: before, areas: ["A"])
        func change(_ id: String) -> EditionChanges.SeriesChange? {
            changes.series.first { $0.entry.indicator == id }
        }
        #expect(change("up")?.movement == .improved && change("up")?.difference == 1.4)
        #expect(change("up")?.classChange == "better")
        #expect(change("down")?.movement == .worsened && change("down")?.classChange == "worse", "a fall is progress")
        #expect(change("same")?.movement == .unchanged)
        #expect(change("stale")?.movement == .noNewData)
        #expect(change("undirected")?.movement == .changed)
        #expect(change("unit")?.movement == .notComparable && change("unit")?.difference == nil)
        #expect(change("gone")?.coverage == .noLongerCovered && change("new")?.coverage == .newlyCovered)
        #expect(change("other-area") == nil, "a run of area A does not compare area B")
        let targets = Dictionary(uniqueKeysWithValues: changes.targets.map { ($0.target, $0.coverage) })
        #expect(targets == ["4.3": .compared, "4.6": .newlyCovered, "4.7": .noLongerCovered])

        let first = EditionChanges(current: after, previous: nil)
        #expect(first.series.isEmpty && first.targets.isEmpty)
    }

    /// The "done when": the demo twice, with two editions on changed data; the pack shows what changed, and
    /// the database keeps both editions.
    @Test func twoEditionsOnChangedDataShowWhatChanged() throws {
        let feed = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        let demo = DemoWorkspace(csv: feed)
        _ = try demo.run()
        let first = try demo.read("vlr/changes.html")
        #expect(first.contains("Edition 2023 is the first this pipeline has recorded"))
        #expect(try demo.rows("vlr/changes.csv").isEmpty)
        #expect(try demo.rows("editions.csv").count == 5)
        #expect(try demo.read("vlr/index.html").contains("href=\"changes.html\""))

        // Two years later: adult learning rose, library visits fell, broadband stayed, early leaving has no new year.
        let later =
            feed + """
                Riverton,ADULT_LEARN,_T,2024,48.1,percent
                Riverton,LIB_VISITS,_T,2024,3.41,visits per inhabitant
                Riverton,BROADBAND,_T,2024,87.3,percent of households
                Lakeside,ADULT_LEARN,_T,2024,39.9,percent
                Hillview,ADULT_LEARN,_T,2024,43.2,percent

                """
        try later.write(to: demo.dir.url.appendingPathComponent("city.csv"), atomically: true, encoding: .utf8)
        try setEdition("2025", in: demo)
        _ = try demo.run()
        let rows = try demo.rows("vlr/changes.csv")
        func series(_ id: String) -> [String: String]? {
            rows.first { $0["level"] == "series" && $0["indicator"] == id }
        }
        #expect(series("adult_learning_rate")?["change"] == "improved")
        #expect(series("adult_learning_rate")?["difference"] == "1.4")
        #expect(series("adult_learning_rate")?["previous_value"] == "46.7")
        #expect(series("adult_learning_rate")?["current_period"] == "2024")
        #expect(series("library_visits")?["change"] == "worsened")
        #expect(series("household_broadband")?["change"] == "unchanged")
        #expect(series("early_school_leaving")?["change"] == "no_new_data")
        #expect(rows.filter { $0["level"] == "target" }.allSatisfy { $0["coverage"] == "compared" })
        let page = try demo.read("vlr/changes.html")
        #expect(page.contains("Edition 2025 compared with edition 2023"))
        #expect(
            page.contains("3.55 visits per inhabitant (2023)") && page.contains("3.41 visits per inhabitant (2024)"))
        let gnlc = try demo.rows("vlr/gnlc/revitalized-learning-in-families-and-communities.csv")
        let adult = try #require(gnlc.first { $0["indicator"] == "adult_learning_rate" })
        #expect(adult["previous_edition"] == "2023" && adult["previous_value"] == "46.7")
        #expect(adult["current_edition"] == "2025" && adult["current_value"] == "48.1")
        #expect(adult["actions"]?.contains("Lifelong Learning Festival") == true)

        let database = demo.outputs.appendingPathComponent("sdgpipe.sqlite").path
        let store = SQLiteResultStore(
            database: URL(fileURLWithPath: database), stagingFolder: nil, outputFolder: demo.outputs, onWait: { _ in })
        #expect(try store.previousEdition(pipeline: "riverton-demo", before: "2025")?.entries.count == 5)
        #expect(try store.previousEdition(pipeline: "riverton-demo", before: "2027")?.label == "2025")
        #expect(try store.previousEdition(pipeline: "another-pipeline", before: "2027") == nil)

        // Recording 2025 again, on newer data, still compares with 2023 and keeps 2023's rows.
        try (later + "Riverton,ESL,_T,2024,9.0,percent\n").write(
            to: demo.dir.url.appendingPathComponent("city.csv"), atomically: true, encoding: .utf8)
        _ = try demo.run()
        let again = try demo.rows("vlr/changes.csv")
        #expect(again.contains { $0["indicator"] == "early_school_leaving" && $0["change"] == "improved" })
        #expect(again.allSatisfy { $0["level"] == "target" || $0["previous_edition"] == "2023" })
    }

    @Test func anEditionNeedsADatabaseAndTheAdviceWorks() throws {
        let demo = DemoWorkspace()
        let path = demo.dir.path("demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        try yaml.replacingOccurrences(of: "tables: [csv, json, sqlite]", with: "tables: [csv]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try demo.run()
        } throws: { error in
            let problems = (error as? PipelineFileError)?.problems ?? []
            let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("edition: 2023")
            }
            return problems.count == 1 && problems[0].message.contains("add `sqlite` to `outputs.tables`")
                && problems[0].line == line.map { $0 + 1 } && problems[0].file == path
        }
        // `sdgpipe validate` says so too, before any run.
        #expect(throws: PipelineFileError.self) {
            _ = try PipelineValidator(definition: PipelineFileParser.load(path: path)).validate()
        }
        #expect(throws: Never.self) {
            _ = try PipelineValidator(definition: PipelineFileParser.load(path: path)).validate(
                database: demo.dir.path("elsewhere.sqlite"))
        }
        try yaml.replacingOccurrences(of: "tables: [csv, json, sqlite]", with: "tables: [csv, sqlite]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        _ = try demo.run()
        #expect(try demo.rows("editions.csv").count == 5)
    }

    @Test func aBadEditionIsRefusedWithItsLine() throws {
        let demo = DemoWorkspace()
        for bad in ["[2023, 2025]", "\"\""] {
            try setEdition(bad, in: demo)
            #expect {
                _ = try PipelineFileParser.load(path: demo.dir.path("demo.yaml"))
            } throws: { error in
                let problems = (error as? PipelineFileError)?.problems ?? []
                return problems.count == 1 && problems[0].message.contains("report.edition")
                    && problems[0].line != nil
            }
        }
    }

    func setEdition(_ edition: String, in demo: DemoWorkspace) throws {
        let path = demo.dir.path("demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let pattern = try Regex("2010–2023, edition: [^}\\n]+\\}")
        try yaml.replacing(pattern, with: "2010–2023, edition: \(edition)}").write(
            toFile: path, atomically: true, encoding: .utf8)
    }
}
