import Foundation
import SDGTestSupport
import Testing

@testable import SDGIngest

@Suite struct SDMXStructureReaderTests {
    @Test func readsCodeNamesAndSeriesIndicators() throws {
        let dir = TemporaryDirectory()
        let s = try SDMXStructureReader.read(path: dir.write(smallStructure, to: "dsd.xml"))
        #expect(s.codelists["CL_SEX"]?["F"] == "Female")
        #expect(s.codelists["CL_SERIES"]?["SE_ADT_EDUCTRN"] == "Participation rate of youth and adults")
        #expect(s.seriesIndicators["SE_ADT_EDUCTRN"] == ["4.3.1"])
        #expect(s.indicatorTitles["4.3.1"] == "Participation rate in education & training")
        #expect(s.dimensions == ["SERIES", "SEX", "TIME_PERIOD"])
        #expect(s.dimensionCodelists == ["SERIES": "CL_SERIES", "SEX": "CL_SEX"])
        #expect(
            s.attributeCodelists == ["UNIT_MEASURE": "CL_UNIT"],
            "a relationship's Dimension is a reference, not a component")
        #expect(s.codes(of: "SEX") == ["F": "Female"])
    }

    @Test func aDataMessageIsNotAStructure() throws {
        let dir = TemporaryDirectory()
        #expect(throws: IngestError.self) {
            _ = try SDMXStructureReader.read(
                path: dir.write(messageHead + "</m:DataSet></m:GenericData>", to: "data.xml"))
        }
        #expect(throws: IngestError.self) {
            _ = try SDMXStructureReader.read(path: dir.write(String(smallStructure.prefix(600)), to: "cut.xml"))
        }
    }

    @Test(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: SDG DSD conformance skipped"))
    func readsTheIAEGSDGsDSD() throws {
        let path = try #require(sharedCorpus).appendingPathComponent(
            "sdg-catalogue/iaeg-sdgs-dsd/SDG_DSD_IAEG-SDGs_1.4.xml"
        ).path
        let s = try SDMXStructureReader.read(path: path)
        #expect(s.seriesIndicators["SE_ADT_EDUCTRN"] == ["4.3.1"])
        #expect(s.seriesIndicators["SE_ADT_ACTS"] == ["4.4.1"])
        #expect((s.codelists["CL_SERIES"]?.count ?? 0) > 600)
        #expect(s.codelists["CL_AGE"]?["Y25T64"] == "25 to 64 years old")
        #expect(s.indicatorTitles["4.3.1"]?.lowercased().contains("participation") == true)
        #expect(s.dimensions.first == "FREQ" && s.dimensions.contains("REF_AREA") && s.dimensions.last == "TIME_PERIOD")
        #expect(s.dimensionCodelists["SEX"] == "CL_SEX" && s.codes(of: "SEX")?["F"] == "Female")
        #expect(s.attributeCodelists["UNIT_MEASURE"] == "CL_UNIT_MEASURE")
    }
}
