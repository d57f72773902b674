import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Files of the shapes public SDMX REST services and national Open SDG platforms send, each read with the right
/// roles and nothing that is not a dimension in the series key.
@Suite struct LayoutDetectionTests {
    /// OECD's and .Stat Suite's `format=csvfilewithlabels`: every code column followed by its label column.
    @Test func labelColumnsOfLabelsBothAreNotDimensions() throws {
        let text = """
            STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,ACTION,REF_AREA,Reference area,FREQ,Frequency of observation,MEASURE,Measure,SEX,Sex,TIME_PERIOD,Time period,OBS_VALUE,Observation value,OBS_STATUS,Observation status,UNIT_MEASURE,Unit of measure
            DATAFLOW,OECD.EDU:DF_ADULT(1.0),Adult learning,I,FRA,France,A,Annual,ADULT_LEARN,Adult learning rate,F,Female,2016,,35.2,,A,Normal value,PT,Percentage
            DATAFLOW,OECD.EDU:DF_ADULT(1.0),Adult learning,I,FRA,France,A,Annual,ADULT_LEARN,Adult learning rate,F,Female,2017,,36.0,,A,Normal value,PT,Percentage
            DATAFLOW,OECD.EDU:DF_ADULT(1.0),Adult learning,I,DEU,Germany,A,Annual,ADULT_LEARN,Adult learning rate,M,Male,2016,,41.9,,E,Estimated value,PT,Percentage

            """
        let read = try readCSV(text, name: "oecd.csv")
        #expect(read.rejects.isEmpty && read.observations.count == 3)
        let first = try #require(read.observations.first)
        #expect(first.key.area == "FRA" && first.key.indicator == "ADULT_LEARN")
        #expect(first.key.dimensions.map(\.id) == ["FREQ", "SEX"], "\(first.key.dimensions)")
        #expect(first.attributes.unit == "PT" && first.attributes.status == "A" && first.value == 35.2)
        #expect(Set(read.observations.map(\.key)).count == 2, "France's two years are one series")
        let dir = TemporaryDirectory()
        let layout = try LongCSVReader(path: dir.write(text, to: "oecd.csv"), options: .init(name: "o")).layout()
        #expect(layout.layout == "sdmx_csv", "\(layout)")
    }

    /// An SDMX REST `format=csv` response without the STRUCTURE column: still SDMX-CSV, so its attributes (here
    /// DECIMALS and UNIT_MULT) stay out of the key.
    @Test func anSDMXCSVResponseWithoutStructureColumn() throws {
        let text = """
            FREQ,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,DECIMALS
            A,0101,LIB_VISITS,_T,2015,3.5,A,0,1
            A,0101,LIB_VISITS,_T,2016,3.7,A,0,2

            """
        let read = try readCSV(text, name: "rest.csv")
        #expect(read.rejects.isEmpty && read.observations.count == 2)
        #expect(Set(read.observations.map(\.key)).count == 1, "DECIMALS differs between the rows but is an attribute")
        let key = try #require(read.observations.first?.key)
        #expect(key.area == "0101" && key.indicator == "LIB_VISITS" && key.dimensions.map(\.id) == ["FREQ", "SEX"])
        let dir = TemporaryDirectory()
        let layout = try LongCSVReader(path: dir.write(text, to: "rest.csv"), options: .init(name: "r")).layout()
        #expect(layout.layout == "sdmx_csv")
    }

    /// A national Open SDG platform's file by region: `REF_AREA` is the area (before, every region was one blank
    /// area, and their rows duplicates of each other).
    @Test func openSDGWithRefArea() throws {
        let text = """
            Year,REF_AREA,Sex,Units,Value
            2015,,,Percent,12.5
            2015,R01,,Percent,11.0
            2015,R02,,Percent,14.0
            2016,,,Percent,12.9
            2016,R01,,Percent,11.4

            """
        let read = try readCSV(text, name: "indicator_4-3-1.csv")
        #expect(read.rejects.isEmpty && read.observations.count == 5, "\(read.rejects)")
        #expect(Set(read.observations.map(\.key.area)) == ["", "R01", "R02"])
        #expect(read.observations.allSatisfy { $0.key.indicator == "4.3.1" })
    }
}

/// Columns whose nature only the data tells: a record number and a label column that is not one.
@Suite struct LayoutRefinementTests {
    static func rows(_ header: String, _ make: (Int) -> String, count: Int = 30) -> String {
        ([header] + (0..<count).map(make)).joined(separator: "\n") + "\n"
    }

    @Test func aRecordNumberColumnIsLeftOutWithANotice() throws {
        // An ArcGIS-style export: OBJECTID 1…30, five districts × six years.
        let text = Self.rows("OBJECTID,district,indicator,year,value") { i in
            "\(i + 1),D\(i % 5),LIB,\(2015 + i / 5),\(Double(i) / 2)"
        }
        let read = try readCSV(text)
        #expect(Set(read.observations.map(\.key)).count == 5, "one series per district, not per row")
        #expect(read.observations.allSatisfy { $0.key.dimensions.isEmpty })
        #expect(read.notices.contains { $0.contains("column 1 ('OBJECTID') numbers the rows") }, "\(read.notices)")
    }

    @Test func singleYearsOfAgeAreADimensionNotRecordNumbers() throws {
        // Consecutive integers, one per row, but named as a dimension: kept.
        let text = Self.rows("area,indicator,year,age,value") { i in "0101,POP,2021,\(i),\(100 + i)" }
        let read = try readCSV(text)
        #expect(Set(read.observations.map(\.key)).count == 30 && read.rejects.isEmpty)
        // Named as a record number but not consecutive: kept, and the split-series check is there for it.
        let shuffled = Self.rows("id,area,indicator,year,value") { i in "\(i * 37 % 101),0101,POP,\(2000 + i),\(i)" }
        #expect(Set(try readCSV(shuffled).observations.map(\.key)).count == 30)
    }

    @Test func aWordNamedColumnThatIsNotALabelStaysADimension() throws {
        // After REF_AREA, a column named in words whose values do not follow the area: a dimension after all.
        let text = Self.rows("DATAFLOW,REF_AREA,Household type,TIME_PERIOD,OBS_VALUE") { i in
            "X:DF(1.0),\(i % 2 == 0 ? "FR" : "DE"),\(i % 3 == 0 ? "Single" : "Couple"),\(2000 + i / 6),\(i)"
        }
        let read = try readCSV(text)
        #expect(read.rejects.isEmpty, "\(read.rejects.prefix(2))")
        #expect(read.observations.first?.key.dimensions.map(\.id) == ["Household type"])
    }
}
