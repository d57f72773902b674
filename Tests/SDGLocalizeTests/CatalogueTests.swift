import Foundation
import SDGCore
import SDGTestSupport
import Testing
import Yams

@testable import SDGLocalize

@Suite struct CatalogueTests {
    let catalogue = SDGCatalogue.builtIn

    @Test func everyGoalTargetAndIndicatorIsThere() {
        #expect(catalogue.targets.count == 169)
        let targetsPerGoal = (1...17).map { catalogue.targets(ofGoal: $0).count }
        #expect(targetsPerGoal == [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19])
        #expect(catalogue.indicators.count == 252)
        let indicatorsPerGoal = (1...17).map { g in catalogue.indicators.filter { $0.code.goal == g }.count }
        #expect(indicatorsPerGoal == [14, 14, 28, 12, 14, 11, 6, 17, 12, 14, 15, 13, 9, 10, 14, 24, 25])
        // Every indicator belongs to a target of the catalogue; every target has at least one indicator.
        for i in catalogue.indicators { #expect(catalogue.target(i.code.targetCode!) != nil, "\(i.code)") }
        for t in catalogue.targets {
            #expect(!catalogue.indicators(ofTarget: t.code).isEmpty, "\(t.code) has no indicator")
        }
    }

    @Test func repeatedIndicatorsKnowEachOther() {
        let disasters = catalogue.indicator(SDGCode("1.5.1")!)!
        #expect(Set(disasters.repeats.map(\.description)) == ["11.5.1", "13.1.1"])
        #expect(catalogue.indicator(SDGCode("13.3.1")!)!.repeats.map(\.description).sorted() == ["12.8.1", "4.7.1"])
        let unique = Set(catalogue.indicators.map { ([$0.code] + $0.repeats).min()! })
        // 11.5.1 11.b.1 11.b.2 12.2.1 12.2.2 12.8.1 12.a.1 13.1.1 13.1.2 13.1.3 13.3.1 15.b.1 15.c.1 16.8.1 16.b.1
        #expect(unique.count == 252 - 15, "15 listings repeat another indicator")
    }

    @Test func suggestionsAndSearch() {
        #expect(catalogue.contains(SDGCode("4.3.1")!) && !catalogue.contains(SDGCode("4.3.9")!))
        #expect(catalogue.suggestions(for: "4.3.2").contains("4.3.1"))
        #expect(
            catalogue.suggestions(for: "11.9").contains("11.a") || catalogue.suggestions(for: "11.9").contains("11.1"))
        #expect(catalogue.search("literacy").map(\.code.description).contains("4.6"))
        #expect(catalogue.search("broadband").map(\.code.description).contains("17.6.1"))
    }

    @Test func learningCityFramework() {
        let kflc = LearningCityFramework.builtIn
        #expect(kflc.tiers.count == 3)
        #expect(kflc.areas.count == 12)
        #expect(kflc.areas.filter { $0.tier == "building-blocks" }.count == 6)
        #expect(kflc.features.count >= 36)
        #expect(kflc.contains("revitalized-learning-in-families-and-communities"))
        #expect(Set(kflc.allIDs).count == kflc.allIDs.count, "ids are unique")
    }
}

/// The built-in codes against the IAEG-SDGs DSD and the Open SDG lists in ../shared/corpus (skipped when absent).
@Suite(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: catalogue conformance skipped"))
struct CatalogueConformanceTests {
    @Test func openSDGListsMatchTheBuiltInCodes() throws {
        let folder = try #require(sharedCorpus).appendingPathComponent("sdg-catalogue/open-sdg-translations/en")
        func keys(_ file: String) throws -> Set<String> {
            let node = try #require(
                try Yams.compose(yaml: String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
            return Set(
                node.mapping!.keys.compactMap(\.string).filter { $0.hasSuffix("-title") }
                    .map { String($0.dropLast(6)).replacingOccurrences(of: "-", with: ".") })
        }
        let catalogue = SDGCatalogue.builtIn
        #expect(try keys("global_targets.yml") == Set(catalogue.targets.map(\.code.description)))
        #expect(try keys("global_indicators.yml") == Set(catalogue.indicators.map(\.code.description)))
        #expect(try keys("global_goals.yml") == Set((1...17).map(String.init)))
    }

    @Test func everyIndicatorOfTheSDGDSDIsKnown() throws {
        let url = try #require(sharedCorpus).appendingPathComponent(
            "sdg-catalogue/iaeg-sdgs-dsd/SDG_DSD_IAEG-SDGs_1.4.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let marker = "<com:AnnotationType>Indicator</com:AnnotationType><com:AnnotationText xml:lang=\"en\">"
        var codes = Set<String>()
        for chunk in text.components(separatedBy: marker).dropFirst() {
            let value = chunk.prefix { $0 != "<" }
            for code in value.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
                codes.insert(String(code))
            }
        }
        #expect(codes.count > 200)
        let unknown = codes.filter { SDGCode($0).map { !SDGCatalogue.builtIn.contains($0) } ?? true }
        #expect(unknown.isEmpty, "DSD indicator codes missing from the catalogue: \(unknown.sorted())")
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
