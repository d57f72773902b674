import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGPipeline

func parse(_ yaml: String) throws -> PipelineDefinition {
    let dir = TemporaryDirectory()
    return try PipelineFileParser.load(path: dir.write(yaml, to: "p.yaml"))
}

func problems(_ yaml: String) -> [PipelineProblem] {
    do {
        _ = try parse(yaml)
        return []
    } catch {
        return (error as? PipelineFileError)?.problems ?? []
    }
}

let minimal = """
    pipeline: test
    sources:
      city: {path: city.csv}
    indicators:
      - id: adult_learning
        from: {source: city, where: {indicator: AL}}
        sdg: [4.3.1]
    actions:
      - {id: festival, start: 2017, indicators: [adult_learning]}

    """

@Suite struct PipelineFileParserTests {
    @Test func readsTheDemoPipeline() throws {
        let p = try PipelineFileParser.load(path: packageRoot.appendingPathComponent("pipelines/demo.yaml").path)
        #expect(p.name == "riverton-demo")
        #expect(p.sources.map(\.name).sorted() == ["city_stats", "un_sdg"])
        #expect(p.indicators.count == 5)
        #expect(p.actions.map(\.id) == ["learning-festival", "library-modernisation"])
        #expect(p.actions[0].start.label == "2017")
        #expect(p.evaluation.comparison == ["Lakeside", "Hillview"])
        #expect(p.evaluation.yearsBefore == 6)
        let adult = try #require(p.indicators.first)
        #expect(adult.indicator.selection == ["indicator": "ADULT_LEARN", "sex": "_T"])
        #expect(adult.targetValue == 50 && adult.targetYear == 2030 && adult.owner == "Department of Education")
        #expect(p.outputs.directory.path.hasSuffix("output/riverton-demo"))
    }

    /// `postgres` in `outputs.tables` used to be accepted and change nothing; it is an error whose advice works.
    @Test func postgresIsNotATableFormatAndTheAdviceWorks() throws {
        let wrong = problems(minimal + "outputs: {tables: [csv, postgres]}\n")
        #expect(wrong.count == 1)
        #expect(wrong.first?.message.contains("outputs.database: postgres://") == true)
        #expect(wrong.first?.line == 10)
        let followed = try parse(
            minimal + "outputs: {tables: [csv], database: \"postgres://city@127.0.0.1:5432/sdg\"}\n")
        #expect(followed.outputs.tables == [.csv] && followed.outputs.database == "postgres://city@127.0.0.1:5432/sdg")
    }

    @Test func aMissingFileIsNotFound() {
        #expect(throws: PipelineFileError.notFound(path: "/nonexistent/p.yaml")) {
            _ = try PipelineFileParser.load(path: "/nonexistent/p.yaml")
        }
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() {
        let found = problems("pipeline: test\nsources:\n  city: {path: city.csv\nindicators: []\n")
        #expect(found.count == 1)
        #expect(found[0].line == 4)
        #expect(found[0].message.contains("YAML syntax error"))
    }

    @Test func anUnknownKeyNamesLineAndSuggests() {
        let found = problems(minimal.replacingOccurrences(of: "sources:", with: "sorces:"))
        let unknown = found.first { $0.message.contains("unknown key `sorces`") }
        #expect(unknown?.line == 2 && unknown?.column == 1)
        #expect(unknown?.message.contains("Did you mean 'sources'?") == true)
    }

    @Test func aMalformedSDGCodeNamesLineAndKey() {
        let found = problems(minimal.replacingOccurrences(of: "sdg: [4.3.1]", with: "sdg: [4.3.1, 18.1.1]"))
        #expect(found.count == 1)
        #expect(found[0].line == 7)
        #expect(found[0].message.contains("'18.1.1' in `indicators[0].sdg` is not an SDG code"))
    }

    @Test func everyProblemIsListedAtOnce() {
        let bad =
            minimal
            .replacingOccurrences(of: "sdg: [4.3.1]", with: "sdg: [10.x]\n    relation: exactly\n    direction: up")
            .replacingOccurrences(of: "indicators: [adult_learning]", with: "indicators: [adult_learnin]")
            .replacingOccurrences(of: "source: city,", with: "source: cty,")
        let messages = problems(bad).map(\.message)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.contains { $0.contains("unknown source 'cty'") && $0.contains("Did you mean 'city'?") })
        #expect(
            messages.contains {
                $0.contains("`indicators[0].relation` is 'exactly'") && $0.contains("Did you mean 'exact'?")
            })
        #expect(messages.contains { $0.contains("`indicators[0].direction` is 'up'") })
        #expect(messages.contains { $0.contains("'10.x' is a local target") })
        #expect(
            messages.contains {
                $0.contains("unknown indicator 'adult_learnin'") && $0.contains("Did you mean 'adult_learning'?")
            })
    }

    @Test func duplicateIdsAndBadStartAreProblems() {
        let bad = minimal + "  - {id: festival, start: someday, indicators: [adult_learning]}\n"
        let messages = problems(bad).map(\.message)
        #expect(messages.contains { $0.contains("action id 'festival' is used twice") })
        #expect(messages.contains { $0.contains("'someday' is not a period") })
    }

    @Test func codesStayTextEvenWhenYAMLWouldReadThemAsBooleans() throws {
        let p = try parse(minimal.replacingOccurrences(of: "{indicator: AL}", with: "{indicator: AL, REF_AREA: NO}"))
        #expect(p.indicators[0].indicator.selection["REF_AREA"] == "NO")
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
