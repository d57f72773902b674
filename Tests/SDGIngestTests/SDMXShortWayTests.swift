import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// A structure-specific observation whose series, attributes and period were met before takes a short way into its
/// batch (`StructureSpecificMessageState.knownObservation`, `SDMXObservationAssembler.appendKnown`), reusing numbers
/// the long way gave. It must give exactly the rows and rejects of the long way, whatever changes between two
/// observations: the status, an attribute more or less, a value that is not a plain decimal, a period never seen, a
/// dimension of the observation's own, a new series with the same or other attributes, a group, a new data set, and
/// batches filling up in the middle of a series.
@Suite struct SDMXShortWayTests {
    let dir = TemporaryDirectory()

    /// A message with every change above: 300 series of 30 years (more rows than a batch holds), then one of 600
    /// months (more distinct periods than the assembler's period slots), then a second data set.
    func message() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.8):ObsLevelDim:TIME_PERIOD">
              <message:Header><message:ID>T</message:ID><message:Structure structureID="SDG" dimensionAtObservation="TIME_PERIOD"/></message:Header>
              <message:DataSet ss:structureRef="SDG">

            """
        var i = 0
        func obs(period: String) -> String {
            i += 1
            var attributes = "TIME_PERIOD=\"\(period)\""
            switch i % 23 {
            case 3: attributes += " OBS_VALUE=\"NaN\""  // a missing-value marker
            case 5: attributes += " OBS_VALUE=\"1.5e2\""  // a number, not a plain decimal
            case 8: attributes += " OBS_VALUE=\"n/a\""  // a reject
            case 11: break  // no value at all
            default: attributes += " OBS_VALUE=\"\(Double(i % 97) / 8 - 3)\""
            }
            // Runs of the same status, changing now and then (E to A: as many attributes, another value).
            switch i / 4 % 6 {
            case 0: break  // no status
            case 1: attributes += " OBS_STATUS=\"E\""
            case 2: attributes += " OBS_STATUS=\"A\""
            case 3: attributes += " OBS_STATUS=\"A\" OBS_CONF=\"F\""
            case 4: attributes += " OBS_CONF=\"F\" OBS_STATUS=\"A\""  // the same attributes in another order
            default: attributes += " OBS_STATUS=\"E\" OBS_CONF=\"F\""
            }
            if i % 101 == 50 { attributes += " SEX=\"M\"" }  // a dimension of its own
            return "      <Obs \(attributes)/>\n"
        }
        func series(_ area: String, unit: String, periods: [String]) -> String {
            var s = "    <Series SERIES=\"SE_ADT_EDUCTRN\" REF_AREA=\"\(area)\" SEX=\"F\" UNIT_MEASURE=\"\(unit)\">\n"
            for period in periods { s += obs(period: i % 211 == 17 ? "20x\(i % 10)" : period) }
            return s + "    </Series>\n"
        }
        let years = (1990..<2020).map(String.init)
        for s in 0..<300 {
            // Runs of series with the same attributes.
            xml += series("A\(s)", unit: s % 40 < 25 ? "PT" : "NUMBER", periods: years)
            if s == 150 { xml += "    <Group xsi:type=\"ns1:Sibling\" SERIES=\"SE_ADT_EDUCTRN\" UNIT_MULT=\"3\"/>\n" }
        }
        xml += series(
            "M", unit: "PT", periods: (0..<600).map { String(format: "%04d-%02d", 1950 + $0 / 12, $0 % 12 + 1) })
        xml += "  </message:DataSet>\n  <message:DataSet ss:structureRef=\"SDG\" action=\"Delete\">\n"
        // The group ended with its data set.
        for s in 0..<5 { xml += series("A\(s)", unit: "PT", periods: years) }
        return xml + "  </message:DataSet>\n</message:StructureSpecificData>\n"
    }

    func records(_ path: String, shortWay: Bool) throws -> [String] {
        var reader = SDMXDataReader(path: path, options: SourceOptions(name: "un"))
        reader.shortWay = shortWay
        var records: [String] = []
        try reader.read { record in
            switch record {
            case .observation(let o):
                let a = o.attributes
                records.append(
                    "\(o.key) \(o.period.label) \(o.value.map { "\($0.bitPattern)" } ?? "-") "
                        + "\(a.unit ?? "") \(a.unitMultiplier ?? -1) \(a.status ?? "") \(a.action ?? "") "
                        + "\(o.location.line ?? 0) \(o.location.element ?? "")")
            case .reject(let r): records.append("reject \(r.code) \(r.location.line ?? 0) \(r.raw)")
            case .notice(let d): records.append("notice \(d.message)")
            }
        }
        return records
    }

    /// The records read the long way, after checking that the short way gives the same ones, record by record.
    func longWayMatchingShortWay(_ path: String) throws -> [String] {
        let long = try records(path, shortWay: false)
        let short = try records(path, shortWay: true)
        #expect(short.count == long.count)
        for (i, (s, l)) in zip(short, long).enumerated() where s != l {
            Issue.record("record \(i): \(s) against \(l)")
            break
        }
        return long
    }

    /// The rows of one area's female series.
    static func rows(_ area: String, in records: [String]) -> [String] {
        records.filter { $0.hasPrefix("un:SE_ADT_EDUCTRN@\(area)[SEX=F] ") }
    }

    @Test func theShortWayGivesTheRowsAndRejectsOfTheLongWay() throws {
        let path = try dir.write(message(), to: "data.xml")
        let long = try longWayMatchingShortWay(path)
        // The message holds what it should: rows of both statuses, missing values, rejects and the second data set.
        #expect(long.count == 300 * 30 + 600 + 5 * 30)
        #expect(long.filter { $0.hasPrefix("reject") }.count > 300)
        #expect(long.contains { $0.contains(" - ") && $0.contains(" E ") })
        #expect(long.contains { $0.contains("SEX=M") })
        // Each series has its own attributes, whether or not the one before had the same.
        func rows(_ area: String) -> [String] { Self.rows(area, in: long) }
        #expect(rows("A24").allSatisfy { $0.contains(" PT -1 ") } && rows("A24").count > 20)
        #expect(rows("A25").allSatisfy { $0.contains(" NUMBER -1 ") } && rows("A25").count > 20)
        #expect(rows("A40").allSatisfy { $0.contains(" PT -1 ") } && rows("A40").count > 20)
        #expect(
            rows("A151").allSatisfy { $0.contains(" NUMBER 3 ") } && rows("A151").count > 20, "the group's multiplier")
        #expect(long.suffix(30).allSatisfy { $0.hasPrefix("reject") || $0.contains(" Delete ") })
    }

    /// The same changes in a generic message: 200 series of 30 years, a group, one series of 600 months, a second
    /// data set.
    func genericMessage() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
              <message:Header><message:ID>T</message:ID><message:Structure structureID="SDG" dimensionAtObservation="TIME_PERIOD"/></message:Header>
              <message:DataSet structureRef="SDG">

            """
        var i = 0
        func value(_ id: String, _ value: String) -> String { "<generic:Value id=\"\(id)\" value=\"\(value)\"/>" }
        func obs(period: String) -> String {
            i += 1
            var o = "<generic:Obs><generic:ObsDimension value=\"\(i % 211 == 17 ? "20x\(i % 10)" : period)\"/>"
            switch i % 23 {
            case 3: o += "<generic:ObsValue value=\"NaN\"/>"
            case 5: o += "<generic:ObsValue value=\"1.5e2\"/>"
            case 8: o += "<generic:ObsValue value=\"n/a\"/>"
            case 11: break
            default: o += "<generic:ObsValue value=\"\(Double(i % 97) / 8 - 3)\"/>"
            }
            switch i / 4 % 6 {
            case 0: break
            case 1: o += "<generic:Attributes>\(value("OBS_STATUS", "E"))</generic:Attributes>"
            case 2: o += "<generic:Attributes>\(value("OBS_STATUS", "A"))</generic:Attributes>"
            case 3: o += "<generic:Attributes>\(value("OBS_STATUS", "A"))\(value("OBS_CONF", "F"))</generic:Attributes>"
            case 4: o += "<generic:Attributes>\(value("OBS_CONF", "F"))\(value("OBS_STATUS", "A"))</generic:Attributes>"
            default:
                o += "<generic:Attributes>\(value("OBS_STATUS", "E"))\(value("OBS_CONF", "F"))</generic:Attributes>"
            }
            return o + "</generic:Obs>\n"
        }
        func series(_ area: String, unit: String, periods: [String]) -> String {
            var s = "<generic:Series><generic:SeriesKey>\(value("SERIES", "SE_ADT_EDUCTRN"))\(value("REF_AREA", area))"
            s += "\(value("SEX", "F"))</generic:SeriesKey><generic:Attributes>\(value("UNIT_MEASURE", unit))"
            s += "</generic:Attributes>\n"
            for period in periods { s += obs(period: period) }
            return s + "</generic:Series>\n"
        }
        let years = (1990..<2020).map(String.init)
        for s in 0..<200 {
            xml += series("A\(s)", unit: s % 40 < 25 ? "PT" : "NUMBER", periods: years)
            if s == 150 {
                xml += "<generic:Group><generic:GroupKey>\(value("SERIES", "SE_ADT_EDUCTRN"))</generic:GroupKey>"
                xml += "<generic:Attributes>\(value("UNIT_MULT", "3"))</generic:Attributes></generic:Group>\n"
            }
        }
        xml += series(
            "M", unit: "PT", periods: (0..<600).map { String(format: "%04d-%02d", 1950 + $0 / 12, $0 % 12 + 1) })
        xml += "</message:DataSet>\n<message:DataSet structureRef=\"SDG\" action=\"Delete\">\n"
        for s in 0..<5 { xml += series("A\(s)", unit: "PT", periods: years) }
        return xml + "</message:DataSet>\n</message:GenericData>\n"
    }

    @Test func theGenericShortWayGivesTheRowsAndRejectsOfTheLongWay() throws {
        let path = try dir.write(genericMessage(), to: "generic.xml")
        let long = try longWayMatchingShortWay(path)
        #expect(long.count == 200 * 30 + 600 + 5 * 30)
        #expect(long.filter { $0.hasPrefix("reject") }.count > 200)
        func rows(_ area: String) -> [String] { Self.rows(area, in: long) }
        #expect(rows("A24").allSatisfy { $0.contains(" PT -1 ") } && rows("A24").count > 20)
        #expect(rows("A25").allSatisfy { $0.contains(" NUMBER -1 ") } && rows("A25").count > 20)
        #expect(
            rows("A151").allSatisfy { $0.contains(" NUMBER 3 ") } && rows("A151").count > 20, "the group's multiplier")
        #expect(long.contains { $0.contains(" E ") } && long.contains { $0.contains(" A ") })
        #expect(long.suffix(30).allSatisfy { $0.hasPrefix("reject") || $0.contains(" Delete ") })
    }
}
