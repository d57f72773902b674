import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// `validate --structure`: each of `samples/sdmx/conformance`'s broken files breaks exactly the rule its name says,
/// at the line it breaks it; the valid files (SDMX-ML generic and structure-specific, SDMX-CSV) and the corpus's SDG
/// files conform.
@Suite struct SDMXConformanceTests {
    static let folder = packageRoot.appendingPathComponent("samples/sdmx/conformance")
    static let structure = try! SDMXStructureReader.read(path: folder.appendingPathComponent("structure.xml").path)

    func check(_ name: String, structure: SDMXStructure = Self.structure) throws -> SDMXConformance.Report {
        try SDMXConformance.check(path: Self.folder.appendingPathComponent(name).path, structure: structure)
    }

    @Test func theStructureFileGivesFacetsAndConstraints() {
        let s = Self.structure
        #expect(s.primaryMeasure == "OBS_VALUE")
        #expect(s.textFormats["OBS_VALUE"]?.textType == "Double")
        #expect(s.textFormats["COMMENT_OBS"]?.maxLength == 40)
        #expect(s.textFormats["TIME_PERIOD"]?.textType == "ObservationalTimePeriod")
        #expect(s.constraints.cubeRegions == [.init(include: true, values: ["REF_AREA": ["RV", "NT", "BK"]])])
        #expect(s.constraints.dataKeySets.first?.keys.count == 3)
        #expect(s.constraints.dataKeySets.first?.keys.last == ["SERIES": "SE_ADT_ACTS"])
        #expect(s.mandatoryAttributes == ["OBS_STATUS", "UNIT_MULT", "UNIT_MEASURE"])
    }

    @Test(arguments: ["valid.xml", "valid-generic.xml", "valid.csv"])
    func validFilesConform(_ name: String) throws {
        let report = try check(name)
        #expect(report.conforms, "\(report.findings.map(\.message))")
        #expect(report.message.observations > 2)
        #expect(report.message.structureReference?.contains("CITY_SDG") == true)
    }

    /// Rule, file, line of the first finding (nil for a rule about the whole file), observations.
    static let broken: [(SDMXConformanceRule, String, Int?, Int)] = [
        (.ss01, "SS01-dimension-missing.csv", nil, 1),
        (.ss02, "SS02-value-missing.xml", 19, 1),
        (.ss03, "SS03-mandatory-attribute-missing.csv", nil, 1),
        (.ss04, "SS04-code-not-in-codelist.xml", 19, 2),
        (.ss05, "SS05-dimension-empty.csv", 4, 1),
        (.ss06, "SS06-mandatory-attribute-empty.xml", 32, 1),
        (.ss07, "SS07-duplicate-key.xml", 39, 1),
        (.ss08, "SS08-representation.csv", 3, 1),
        (.ss09, "SS09-time-format.xml", 20, 1),
        (.ss10, "SS10-cube-region.csv", 4, 1),
        (.ss11, "SS11-series-constraint.xml", 14, 3),
    ]

    @Test(arguments: broken.indices)
    func eachBrokenFileBreaksItsRuleOnly(_ i: Int) throws {
        let (rule, name, line, count) = Self.broken[i]
        let report = try check(name)
        #expect(report.findings.map(\.rule) == [rule], "\(name): \(report.findings.map(\.message))")
        let finding = try #require(report.findings.first)
        #expect(finding.location.line == line)
        #expect(finding.location.file.hasSuffix(name))
        #expect(finding.count == count)
        let reject = finding.reject(source: name)
        #expect(reject.code == rule.code && reject.code.rawValue == "sdmx-dsd." + rule.rawValue)
        #expect(reject.reason.hasPrefix(rule.rawValue + ": "))
        if line != nil { #expect(reject.raw.contains("FREQ=A"), "the raw text is the observation") }
    }

    @Test func messagesSayWhatToDo() throws {
        #expect(try check("SS04-code-not-in-codelist.xml").findings[0].message.contains("Did you mean 'F' or 'M'"))
        #expect(try check("SS09-time-format.xml").findings[0].message.contains("write YYYY or YYYY-A1"))
        #expect(try check("SS10-cube-region.csv").findings[0].message.contains("Allowed: BK, NT, RV"))
        #expect(try check("SS01-dimension-missing.csv").findings[0].message.contains("`_T`"))
    }

    /// Following the advice of each finding makes the file conform: the fixed text is what the message asks for.
    @Test func followingTheAdviceFixesTheFile() throws {
        let dir = TemporaryDirectory()
        let original = try String(
            contentsOf: Self.folder.appendingPathComponent("SS09-time-format.xml"), encoding: .utf8)
        let fixed = dir.write(original.replacingOccurrences(of: "2020-Q1", with: "2020-A1"), to: "fixed.xml")
        #expect(try SDMXConformance.check(path: fixed, structure: Self.structure).conforms)
        let csv = try String(contentsOf: Self.folder.appendingPathComponent("SS08-representation.csv"), encoding: .utf8)
        let point = dir.write(csv.replacingOccurrences(of: "\"49,0\"", with: "49.0"), to: "fixed.csv")
        #expect(try SDMXConformance.check(path: point, structure: Self.structure).conforms)
    }

    @Test func findingsAreBoundedPerRule() throws {
        let dir = TemporaryDirectory()
        var csv =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,UNIT_MEASURE\n"
        for year in 1000..<1300 {
            csv += "datastructure,SDGPIPE:CITY_SDG(1.0),I,A,N,SE_TOT_PRFL,RV,F,\(year),1,A,0,UNIT\(year % 50)\n"
        }
        var check = SDMXConformanceCheck(structure: Self.structure)
        check.limitPerRule = 20
        let path = dir.write(csv, to: "many.csv")
        let message = try SDMXComponentReader.read(path: path, structure: Self.structure) {
            check.check($0)
        }
        let findings = check.findings(of: message)
        #expect(findings.count == 20, "20 distinct wrong units kept")
        #expect(findings.reduce(0) { $0 + $1.count } + check.overflow[.ss04, default: 0] == 300)
    }

    @Test func timePeriodsByFrequency() {
        for (period, frequency) in [
            ("2020", "A"), ("2020-A1", "A"), ("2020-S2", "S"), ("2020-Q4", "Q"), ("2020-03", "M"), ("2020-M12", "M"),
            ("2020-W53", "W"), ("2020-03-31", "D"), ("2020-D366", "D"), ("2020-03-31T12:30:00Z", "H"),
            ("2020-01-01/P1Y", "A"), ("2020-Q1", nil), ("2020-01-01T00:00:00.5+02:00", nil), ("2020", "X"),
        ] as [(String, String?)] {
            #expect(
                SDMXTimeFormat.isValid(period, frequency: frequency), "\(period) is a period of \(frequency ?? "-")")
        }
        for (period, frequency) in [
            ("2020-Q1", "A"), ("2020", "Q"), ("2020-Q5", "Q"), ("2020-13", "M"), ("2020-W54", "W"), ("20", nil),
            ("2020-02-30x", nil), ("2020/P1Y", "A"), ("2020-01-01/1Y", "A"), ("2020-01-01/P", nil), ("", nil),
        ] as [(String, String?)] {
            #expect(
                !SDMXTimeFormat.isValid(period, frequency: frequency),
                "\(period) is not a period of \(frequency ?? "-")")
        }
    }

    @Test func aStructureMessageOrAnotherCSVIsRefusedWithAWayOut() throws {
        #expect {
            _ = try check("structure.xml")
        } throws: { "\($0)".contains("give it with --structure") }
        let dir = TemporaryDirectory()
        let path = dir.write("area,year,value\nRV,2020,1\n", to: "long.csv")
        #expect {
            _ = try SDMXConformance.check(path: path, structure: Self.structure)
        } throws: { "\($0)".contains("DATAFLOW (1.0) or STRUCTURE (2.0)") }
    }

    @Test(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: SDG conformance skipped"))
    func theCorpusSDGAndECBFilesConform() throws {
        let corpus = try #require(sharedCorpus)
        let sdg = try SDMXStructureReader.read(
            path: corpus.appendingPathComponent("sdg-catalogue/iaeg-sdgs-dsd/SDG_DSD_IAEG-SDGs_1.4.xml").path)
        for name in ["1-1-1--structure-specific.xml", "1-1-1--structure.xml"] {
            let path = corpus.appendingPathComponent("sdmx-ml/sdg/open-sdg-sdg-build/" + name).path
            let report = try SDMXConformance.check(path: path, structure: sdg)
            #expect(report.conforms && report.message.observations == 6, "\(name): \(report.findings.map(\.message))")
        }
        // Kenya's file follows its national extension KE1:SDG(1.0): its own series and city codes are not the
        // global DSD's, and the check says so rather than passing it.
        let kenya = try SDMXConformance.check(
            path: corpus.appendingPathComponent("sdmx-ml/sdg/kenya/KE1.xml").path, structure: sdg)
        #expect(Set(kenya.findings.map(\.rule)) == [.ss04])
        #expect(kenya.findings.contains { $0.component == "REF_AREA" && $0.value == "KE_NBO" })
        let ecb = try SDMXStructureReader.read(
            path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/ng-structure.xml").path)
        for name in [
            "ng-flat.xml", "ng-flat-ss.xml", "ng-ts.xml", "ng-ts-ss.xml", "ng-xs.xml", "ng-xs-ss.xml", "sg-ts-gf.xml",
        ] {
            let report = try SDMXConformance.check(
                path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/" + name).path, structure: ecb)
            #expect(report.conforms && report.message.observations == 12, "\(name): \(report.findings.map(\.message))")
        }
    }
}
