import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Eurostat's TSV: the key's codes joined by commas in the first column, a tab-separated column per period, `:` for a
/// missing value and flags after the value kept as the observation's status.
@Suite struct EurostatTSVTests {
    static let file = """
        freq,unit,sex,age,geo\\TIME_PERIOD\t2021 \t2022 \t2023 
        A,PC,F,Y25-64,AT\t12.3 \t11.9 b\t: 
        A,PC,F,Y25-64,BE\t: c\t8.1 \t8.4 p
        A,PC,M,Y25-64,AT\t10.0 \t10.2 \t10.5 e
        A,PC,M,Y25-64\t1 \t2 \t3 
        A,PC,M,Y25-64,DE\t9.9 \tabc\t9.7 

        """

    @Test func readsKeysPeriodsMissingValuesAndFlags() throws {
        let (obs, rejects, _) = try readCSV(Self.file, name: "estat_trng_lfse_01.tsv")
        // 3 good rows × 3 periods, and the row with a bad cell keeps its two good ones.
        #expect(obs.count == 11)
        #expect(obs.compactMap(\.value).count == 9)
        #expect(abs(obs.compactMap(\.value).reduce(0, +) - 91.0) < 1e-9)
        let at = obs.filter { $0.key.area == "AT" && $0.key.value(of: "sex") == "F" }
        #expect(at.map(\.period.label) == ["2021", "2022", "2023"])
        #expect(at.map(\.value) == [12.3, 11.9, nil])
        #expect(at.map(\.attributes.status) == [nil, "b", nil])
        #expect(at[0].key.indicator == "trng_lfse_01" && at[0].attributes.unit == "PC")
        #expect(at[0].key.value(of: "freq") == "A" && at[0].key.value(of: "unit") == "PC")
        let be = obs.filter { $0.key.area == "BE" }
        #expect(be[0].value == nil && be[0].attributes.status == "c" && be[2].attributes.status == "p")
        #expect(at[0].location.line == 2 && be[0].location.line == 3)
        // A key with a code missing, and a cell that is no number: rejects with line and column, the reason named.
        #expect(rejects.count == 2)
        #expect(rejects[0].location.line == 5 && rejects[0].reason.contains("has 4 codes where the header names 5"))
        #expect(rejects[1].location.line == 6 && rejects[1].location.column == 3)
        #expect(rejects[1].reason.contains("'abc' is not a number") && rejects[1].reason.contains("82.3 b"))
    }

    /// The older bulk files (`geo\time`), months and quarters, a tab count that makes commas more frequent on the
    /// header line, and the layout named in the pipeline instead of detected.
    @Test func olderHeadersMonthsAndAnExplicitLayout() throws {
        let text = "unit,sex,age,geo\\time\t2023M01\t2023M02\nNR,T,TOTAL,AT\t1 \t2 u\n"
        let (obs, rejects, _) = try readCSV(text, name: "lfsq_egan.tsv")
        #expect(rejects.isEmpty && obs.count == 2)
        #expect(obs.map(\.period.label) == ["2023M01", "2023M02"] && obs[1].attributes.status == "u")
        #expect(obs[0].key.indicator == "lfsq_egan")
        var options = SourceOptions(name: "estat")
        options.layout = .eurostatTSV
        options.defaults[.indicator] = "EMP"
        let (named, _, _) = try readCSV(text, name: "download.txt", options: options)
        #expect(named.count == 2 && named[0].key.indicator == "EMP")
    }

    @Test func aHeaderWithoutGeoOrWithANonPeriodColumnIsAnError() throws {
        #expect {
            _ = try readCSV("unit,country\\TIME_PERIOD\t2021\nPC,AT\t1\n", name: "x.tsv")
        } throws: { "\($0)".contains("geo") }
        #expect {
            _ = try readCSV("unit,geo\\TIME_PERIOD\t2021\tnotes\nPC,AT\t1\tx\n", name: "x.tsv")
        } throws: { "\($0)".contains("column 3 is 'notes'") }
        var options = SourceOptions(name: "estat")
        options.columns[.area] = "country"
        let (obs, _, _) = try readCSV("unit,country\\TIME_PERIOD\t2021\nPC,AT\t1\n", name: "x.tsv", options: options)
        #expect(obs.first?.key.area == "AT")
    }
}
