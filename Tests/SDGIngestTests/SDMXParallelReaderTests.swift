import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// A large generic message is read in pieces on several cores: whatever the cuts, the records (with their lines),
/// the rejects and the errors must be exactly those of one parser reading the whole file.
@Suite struct SDMXParallelReaderTests {
    let dir = TemporaryDirectory()

    /// A generic message: `series` series of six observations with series and observation attributes, a bad value
    /// in series 17, and `middle` inserted before series `at`.
    func message(
        series: Int = 60, groupsFirst: Bool = true, middle: String = "", at: Int = 30, secondDataSet: Bool = true
    ) -> String {
        var xml = messageHead
        if groupsFirst {
            xml += """
                <g:Group type="Sibling"><g:GroupKey><g:Value id="SERIES" value="S1"/></g:GroupKey>
                  <g:Attributes><g:Value id="UNIT_MEASURE" value="PT"/></g:Attributes></g:Group>

                """
        }
        for s in 0..<series {
            if s == at { xml += middle }
            if secondDataSet, s == series / 2 + 7 {
                xml += "  </m:DataSet>\n  <m:DataSet structureRef=\"S\" action=\"Delete\">\n"
            }
            xml += """
                <g:Series>
                  <g:SeriesKey><g:Value id="SERIES" value="S\(s % 3)"/><g:Value id="REF_AREA" value="A\(s)"/></g:SeriesKey>
                  <g:Attributes><g:Value id="UNIT_MULT" value="\(s % 2 * 3)"/></g:Attributes>

                """
            for year in 2015..<2021 {
                let value = s == 17 && year == 2018 ? "x" : "\(Double(s * 10 + year - 2015) / 4)"
                xml +=
                    "      <g:Obs><g:ObsDimension value=\"\(year)\"/><g:ObsValue value=\"\(value)\"/>"
                    + (year == 2020 ? "<g:Attributes><g:Value id=\"OBS_STATUS\" value=\"E\"/></g:Attributes>" : "")
                    + "</g:Obs>\n"
            }
            xml += "    </g:Series>\n"
        }
        return xml + "  </m:DataSet>\n</m:GenericData>\n"
    }

    /// A structure-specific message as Eurostat and the UN write them: series with their key and attributes as XML
    /// attributes, a sibling group, a bad value in series 17, a second data set, and `middle` before series `at`.
    func structureSpecific(series: Int = 60, middle: String = "", at: Int = 30) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
                xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
                xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=T:DSD(1.0):ObsLevelDim:TIME_PERIOD"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <message:Header><message:ID>T</message:ID><message:Structure structureID="S" namespace="urn:x" dimensionAtObservation="TIME_PERIOD"/></message:Header>
              <message:DataSet ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" ss:structureID="S">
                <Group xsi:type="ns1:Sibling" SERIES="S1" UNIT_MEASURE="PT"/>

            """
        for s in 0..<series {
            if s == at { xml += middle }
            if s == series / 2 + 7 {
                xml += "  </message:DataSet>\n  <message:DataSet ss:structureID=\"S\" action=\"Delete\">\n"
            }
            xml += "    <Series SERIES=\"S\(s % 3)\" REF_AREA=\"A\(s)\" UNIT_MULT=\"\(s % 2 * 3)\">\n"
            for year in 2015..<2021 {
                let value = s == 17 && year == 2018 ? "x" : "\(Double(s * 10 + year - 2015) / 4)"
                xml +=
                    "      <Obs TIME_PERIOD=\"\(year)\" OBS_VALUE=\"\(value)\""
                    + (year == 2020 ? " OBS_STATUS=\"E\"" : "")
                    + "/>\n"
            }
            xml += "    </Series>\n"
        }
        return xml + "  </message:DataSet>\n</message:StructureSpecificData>\n"
    }

    func parallel(_ path: String, pieceSize: Int) throws -> (records: [String], info: SDMXDataReader.MessageInfo?) {
        var reader = SDMXParallelReader(path: path, options: SourceOptions(name: "un"))
        (reader.pieceSize, reader.minimumFileSize, reader.inFlight) = (pieceSize, 0, 3)
        var records: [String] = []
        let info = try reader.read { $0.forEachRecord { records.append(Self.describe($0)) } }
        return (records, info)
    }

    func sequential(_ path: String) throws -> (records: [String], info: SDMXDataReader.MessageInfo) {
        var records: [String] = []
        let info = try SDMXDataReader(path: path, options: SourceOptions(name: "un")).read {
            records.append(Self.describe($0))
        }
        return (records, info)
    }

    static func describe(_ record: IngestRecord) -> String {
        switch record {
        case .observation(let o):
            "\(o.key) \(o.period.label) \(o.value.map { "\($0)" } ?? "-") \(o.attributes.unit ?? "") \(o.attributes.unitMultiplier ?? -1) \(o.attributes.status ?? "") \(o.attributes.action ?? "") line \(o.location.line ?? 0)"
        case .reject(let r): "reject \(r.code) line \(r.location.line ?? 0)"
        case .notice(let d): "notice \(d)"
        }
    }

    @Test(arguments: [300, 1_000, 4_096])
    func piecesGiveWhatOneParserGives(pieceSize: Int) throws {
        for (name, xml) in [
            ("plain", message()),
            (
                "a group met midway",
                message(
                    groupsFirst: false,
                    middle:
                        "<g:Group type=\"Sibling\"><g:GroupKey><g:Value id=\"SERIES\" value=\"S2\"/></g:GroupKey><g:Attributes><g:Value id=\"UNIT_MEASURE\" value=\"KG\"/></g:Attributes></g:Group>\n"
                )
            ),
            ("a comment midway", message(middle: "<!-- a comment with <g:Series> inside -->\n")),
            ("one data set", message(secondDataSet: false)),
            ("structure-specific", structureSpecific()),
            (
                "structure-specific, a group met midway",
                structureSpecific(middle: "    <Group xsi:type=\"ns1:Sibling\" SERIES=\"S2\" UNIT_MEASURE=\"KG\"/>\n")
            ),
            ("structure-specific, a comment midway", structureSpecific(middle: "<!-- <Series> -->\n")),
        ] {
            let path = dir.write(xml, to: "\(name).xml")
            let (expected, info) = try sequential(path)
            let (records, parallelInfo) = try parallel(path, pieceSize: pieceSize)
            #expect(expected.count == 60 * 6, "\(name)")
            #expect(records == expected, "\(name), pieces of \(pieceSize)")
            #expect(parallelInfo?.dataSets == info.dataSets, "\(name)")
            #expect(parallelInfo?.messageType == info.messageType)
        }
    }

    /// Line feeds are counted 32 bytes at a time: every length and starting offset around the vector width, and a run
    /// long enough for the lane counters to be summed several times (255 vectors), must give a byte loop's count.
    @Test func lineFeedsAreCountedAsAByteLoopWould() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<40_000).map { _ in
            [0x0A, 0x0D, 0x3C, 0x8A, 0xFF, 0x00][Int.random(in: 0..<6, using: &generator)]
        }
        .map(UInt8.init)
        for start in 0..<33 {
            for end in [start, start + 1, start + 31, start + 32, start + 33, start + 64 * 255 + 5, bytes.count] {
                let slice = bytes[start..<end]
                #expect(SDMXParallelReader.newlines(slice) == slice.filter { $0 == 0x0A }.count)
            }
        }
        #expect(SDMXParallelReader.newlines([UInt8](repeating: 0x0A, count: 32 * 300)[...]) == 32 * 300)
    }

    @Test func aTruncatedFileFailsAtTheSameLine() throws {
        let xml = message()
        let path = dir.write(String(xml.prefix(xml.utf8.count * 2 / 3)), to: "truncated.xml")
        func line(_ body: () throws -> Void) -> Int? {
            do { try body() } catch let IngestError.malformedXML(location, _) { return location.line } catch {
                return -1
            }
            return nil
        }
        let expected = line { _ = try sequential(path) }
        #expect(expected != nil && expected! > 100)
        #expect(line { _ = try parallel(path, pieceSize: 500) } == expected)
    }

    @Test func flatSmallAndCommentedMessagesAreLeftToOneParser() throws {
        let flat = """
            <?xml version="1.0"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
              <message:DataSet><Obs SERIES="S" REF_AREA="A" TIME_PERIOD="2015" OBS_VALUE="1"/></message:DataSet>
            </message:StructureSpecificData>
            """
        #expect(try parallel(dir.write(flat, to: "flat.xml"), pieceSize: 100).info == nil, "no series to cut before")
        let commentedFirst = message(middle: "<!-- early -->", at: 1)
        #expect(try parallel(dir.write(commentedFirst, to: "early.xml"), pieceSize: 100_000).info == nil)
        var reader = SDMXParallelReader(path: dir.write(message(), to: "small.xml"), options: SourceOptions(name: "un"))
        reader.pieceSize = 300
        #expect(try reader.read { _ in } == nil, "under the minimum size")
    }
}
