import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGLocalize
@testable import SDGPipeline
@testable import SDGPublish

/// Frameworks as data: the built-in UMF, a city's own framework file, `links:` in the pipeline and in a CSV
/// crosswalk, `catalog --framework`, and a framework file with mistakes refused with its lines and fixes.
@Suite struct FrameworkTests {
    @Test func theUrbanMonitoringFrameworkIsBuiltIn() throws {
        let umf = try #require(FrameworkFileParser.builtIn("umf"))
        #expect(umf.levels == ["Domain", "Objective"])
        #expect(umf.roots.map(\.id) == ["society", "economy", "environment", "culture", "governance"])
        #expect(umf.nodes.count == 5 + 5 * 4)
        #expect(
            umf.children(of: "culture").map(\.id) == [
                "culture.safe", "culture.inclusive", "culture.resilient", "culture.sustainable",
            ])
        #expect(umf.node("culture.inclusive")?.level == 1 && umf.source.contains("paraphrased"))
        let kflc = Framework.learningCity
        #expect(kflc.levels.count == 3 && kflc.nodes.count == LearningCityFramework.builtIn.allIDs.count)
    }

    @Test func theDemoLinksToTheUMFAndToItsOwnPlan() throws {
        let demo = try PipelineFileParser.load(path: packageRoot.appendingPathComponent("pipelines/demo.yaml").path)
        #expect(demo.frameworks.map(\.id) == ["kflc", "umf", "plan"])
        let plan = try #require(demo.frameworks.last)
        #expect(plan.levels == ["Priority", "Objective"] && plan.node("P1.1")?.parent == "P1")
        #expect(plan.node("P1.1")?.sdg.map(\.description) == ["4.3"])
        let byID = Dictionary(uniqueKeysWithValues: demo.indicators.map { ($0.indicator.id, $0) })
        #expect(byID["library_visits"]?.links == ["umf": ["culture.inclusive"], "plan": ["P1.2"]])
        // The spreadsheet crosswalk: a column named after a framework holds its links.
        #expect(byID["household_broadband"]?.links == ["umf": ["economy.inclusive"], "plan": ["P3.1"]])
        #expect(demo.auxiliaryFiles.contains { $0.lastPathComponent == "riverton-plan.yaml" })

        // The UMF-linked indicator shows up under its domain, and under the objective it names.
        let browser = CatalogBrowser(indicators: demo.indicators, frameworks: Array(demo.frameworks.dropFirst()))
        let domains = try browser.lookup(nil, search: nil, framework: "umf")
        let culture = try #require(domains.first { $0.code == "culture" })
        #expect(culture.level == "domain" && culture.localIndicators == ["library_visits"])
        #expect(culture.children.first { $0.code == "culture.inclusive" }?.localIndicators == ["library_visits"])
        #expect(domains.first { $0.code == "society" }?.localIndicators == ["early_school_leaving"])
        #expect(domains.first { $0.code == "environment" }?.localIndicators == [])
        let priority = try browser.lookup("P1", search: nil, framework: "plan")
        #expect(priority.first?.localIndicators == ["adult_learning_rate", "library_visits"])
        #expect(throws: CatalogBrowser.UnknownFramework.self) { try browser.lookup(nil, search: nil, framework: "pln") }
    }

    static let brokenPlan = """
        framework: plan
        name: A plan with mistakes
        levels: [Priority, Objective]
        nodes:
          - {id: P1, label: Learning for all}
          - {id: P1.1, parent: P1, label: Adults}
          - {id: P1.1, parent: P1, label: Adults again}
          - {id: P2.1, parent: P2, label: Schools}

        """

    @Test func aFrameworkFileWithMistakesIsRefusedWithItsLinesAndFixes() throws {
        let dir = TemporaryDirectory()
        dir.write(Self.brokenPlan, to: "plan.yaml")
        let yaml =
            minimal.replacingOccurrences(of: "sdg: [4.3.1]", with: "sdg: [4.3.1]\n    links: {plan: [P1.1]}")
            + "frameworks: [plan.yaml]\n"
        let found: [PipelineProblem]
        do {
            _ = try PipelineFileParser.load(path: dir.write(yaml, to: "p.yaml"))
            found = []
        } catch {
            found = error.problems
        }
        let duplicate = try #require(found.first { $0.message.contains("duplicate node id 'P1.1'") })
        #expect(duplicate.file?.hasSuffix("plan.yaml") == true && duplicate.line == 7)
        #expect(duplicate.message.contains("first at line 6"))
        let parent = try #require(found.first { $0.message.contains("parent 'P2'") })
        #expect(parent.file?.hasSuffix("plan.yaml") == true && parent.line == 8)
        #expect(parent.message.contains("Did you mean 'P1'") && parent.message.contains("Add the parent node"))
        // Following the advice (a parent node P2, the duplicate renamed) makes the pipeline valid.
        let fixed =
            Self.brokenPlan.replacingOccurrences(
                of: "id: P1.1, parent: P1, label: Adults again", with: "id: P1.2, parent: P1, label: Adults again")
            + "  - {id: P2, label: Schools for all}\n"
        dir.write(fixed, to: "plan.yaml")
        let definition = try PipelineFileParser.load(path: dir.path("p.yaml"))
        #expect(definition.frameworks.last?.node("P2.1")?.level == 1)
    }

    @Test func linksNameADeclaredFrameworkAndOneOfItsNodes() {
        let unknownNode = problems(
            minimal.replacingOccurrences(of: "sdg: [4.3.1]", with: "sdg: [4.3.1]\n    links: {umf: [culture.inclusiv]}")
                + "frameworks: [umf]\n")
        #expect(
            unknownNode.contains {
                $0.message.contains("'culture.inclusiv', which is not a node of umf")
                    && $0.message.contains("Did you mean 'culture.inclusive'?") && $0.line == 5
            }, "\(unknownNode)")
        let undeclared = problems(
            minimal.replacingOccurrences(of: "sdg: [4.3.1]", with: "sdg: [4.3.1]\n    links: {umf: [culture]}"))
        #expect(undeclared.contains { $0.message.contains("the framework 'umf', which the pipeline does not declare") })
        let unknownName = problems(minimal + "frameworks: [umf, unesco]\n")
        #expect(unknownName.contains { $0.message.contains("names 'unesco', which is neither built in") })
        let levels = problems(
            minimal + "frameworks: [deep.yaml]\n",
            files: [
                "deep.yaml":
                    "framework: deep\nname: Deep\nlevels: [Top]\nnodes:\n  - {id: a, label: A}\n  - {id: b, parent: a, label: B}\n"
            ])
        #expect(levels.contains { $0.message.contains("sits at level 2, but `levels` names 1") && $0.line == 6 })
    }

    func problems(_ yaml: String, files: [String: String] = [:]) -> [PipelineProblem] {
        let dir = TemporaryDirectory()
        for (name, text) in files { dir.write(text, to: name) }
        do {
            _ = try PipelineFileParser.load(path: dir.write(yaml, to: "p.yaml"))
            return []
        } catch {
            return error.problems
        }
    }
}

/// `framework_profile`: every node of every framework the demo links to, reached by a link to it or below it.
@Suite struct FrameworkProfileTests {
    @Test func theDemoProfileCoversTheUMFDomainsItsIndicatorsLinkTo() throws {
        let demo = DemoWorkspace()
        _ = try demo.run()
        let rows = try demo.rows("framework_profile.csv")
        func row(_ framework: String, _ id: String) -> [String: String]? {
            rows.first { $0["framework"] == framework && $0["id"] == id }
        }
        #expect(Set(rows.map { $0["framework"] ?? "" }) == ["kflc", "umf", "plan"])
        #expect(rows.filter { $0["framework"] == "umf" }.count == 25)
        #expect(row("umf", "culture")?["local_indicators"] == "library_visits")
        #expect(row("umf", "culture")?["level"] == "Domain" && row("umf", "culture.inclusive")?["parent"] == "culture")
        #expect(row("umf", "culture.inclusive")?["covered"] == "yes")
        #expect(row("umf", "environment")?["covered"] == "no" && row("umf", "environment")?["status"] == "no_indicator")
        #expect(row("plan", "P1")?["local_indicators"] == "adult_learning_rate;library_visits")
        #expect(row("plan", "P1")?["actions"]?.isEmpty == false, "the actions on its indicators")
        // The report shows each framework after the learning-city profile, the indicator under its domain.
        let html = try String(contentsOf: demo.outputs.appendingPathComponent("report.html"), encoding: .utf8)
        let umf = try #require(html.range(of: "data-framework=\"umf\""))
        let culture = try #require(html.range(of: "<tr data-node=\"culture\">", range: umf.upperBound..<html.endIndex))
        let rowEnd = try #require(html.range(of: "</tr>", range: culture.upperBound..<html.endIndex))
        #expect(html[culture.upperBound..<rowEnd.lowerBound].contains("library_visits"))
        #expect(html.contains("<h3>Urban Monitoring Framework (UN-Habitat)</h3>"))
        #expect(html.contains("data-framework=\"plan\"") && !html.contains("data-framework=\"kflc\""))
        // The KFLC's rows say what learning_city_profile says, node by node.
        let kflc = try demo.rows("learning_city_profile.csv")
        for k in kflc {
            let r = try #require(row("kflc", k["id"] ?? ""))
            #expect(r["covered"] == k["covered"] && r["status"] == k["status"], "\(k["id"] ?? "")")
        }
    }
}
