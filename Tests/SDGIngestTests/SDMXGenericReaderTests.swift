import Foundation
import SDGCore
import SDGTestSupport
import Testing
@testable import SDGIngest

let messageHead = """
    <?xml version="1.0" encoding="UTF-8"?>
    <m:GenericData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
        xmlns:g="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
      <m:Header><m:ID>T</m:ID><m:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></m:Header>
      <m:DataSet structureRef="S">
    """

func readSDMX(_ xml: String, options: SourceOptions = SourceOptions(name: "un")) throws -> (observations: [Observation], rejects: [Reject]) {
    let dir = TemporaryDirectory()
    return try readSDMX(path: dir.write(xml, to: "data.xml"), options: options)
}

func readSDMX(path: String, options: SourceOptions = SourceOptions(name: "un")) throws -> (observations: [Observation], rejects: [Reject]) {
    var observations: [Observation] = [], rejects: [Reject] = []
    try SDMXGenericReader(path: path, options: options).read { record in
        switch record {
        case .observation(let o): observations.append(o)
        case .reject(let r): rejects.append(r)
        }
    }
    return (observations, rejects)
}

@Suite struct SDMXGenericReaderTests {
    @Test func readsSeriesWithAttributesAtEveryLevel() throws {
        let xml = messageHead + """
            <g:Attributes><g:Value id="UNIT_MULT" value="3"/></g:Attributes>
            <g:Series>
              <g:SeriesKey><g:Value id="SERIES" value="SE_ADT_EDUCTRN"/><g:Value id="REF_AREA" value="TM1"/><g:Value id="SEX" value="F"/></g:SeriesKey>
              <g:Attributes><g:Value id="UNIT_MEASURE" value="PT"/></g:Attributes>
              <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="35.5"/>
                <g:Attributes><g:Value id="OBS_STATUS" value="E"/></g:Attributes></g:Obs>
              <g:Obs><g:ObsDimension value="2016"/><g:ObsValue value="NaN"/></g:Obs>
            </g:Series>
          </m:DataSet>
        </m:GenericData>
        """
        let (obs, rejects) = try readSDMX(xml)
        #expect(rejects.isEmpty)
        #expect(obs.count == 2)
        let o = obs[0]
        #expect(o.key == SeriesKey(source: "un", indicator: "SE_ADT_EDUCTRN", area: "TM1", dimensions: [.init(id: "SEX", value: "F")]))
        #expect(o.period.label == "2015" && o.value == 35.5)
        #expect(o.attributes == ObservationAttributes(unit: "PT", unitMultiplier: 3, status: "E"))
        #expect(o.location.line == 9 && o.location.element == "generic:Obs")
        #expect(obs[1].value == nil && obs[1].attributes.status == nil)
    }

    @Test func rejectsABadValueAndAnUnreadablePeriodWithTheirLines() throws {
        let xml = messageHead + """
            <g:Series><g:SeriesKey><g:Value id="SERIES" value="X"/><g:Value id="REF_AREA" value="A"/></g:SeriesKey>
              <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="12,5"/></g:Obs>
              <g:Obs><g:ObsDimension value="sometime"/><g:ObsValue value="1"/></g:Obs>
            </g:Series></m:DataSet></m:GenericData>
            """
        let (obs, rejects) = try readSDMX(xml)
        #expect(obs.isEmpty)
        #expect(rejects.map(\.code) == ["sdmx.value-not-a-number", "sdmx.period"])
        #expect(rejects.map { $0.location.line } == [6, 7])
        #expect(rejects[0].raw.contains("OBS_VALUE=12,5"))
    }

    @Test func aTruncatedFileIsAnErrorWithItsLine() throws {
        let xml = messageHead + """
            <g:Series><g:SeriesKey><g:Value id="SERIES" value="X"/></g:SeriesKey>
              <g:Obs><g:ObsDimension value="2015"/><g:Obs
            """
        #expect {
            _ = try readSDMX(xml)
        } throws: { error in
            guard case .malformedXML(let location, _) = error as? IngestError else { return false }
            return location.line == 6 && "\(error)".contains("data.xml:6:")
        }
    }

    @Test func aFileThatIsNotXMLIsAnError() throws {
        #expect {
            _ = try readSDMX("area,value\nA,1\n")
        } throws: { error in
            guard case .malformedXML(let location, _) = error as? IngestError else { return false }
            return location.line == 1
        }
    }

    @Test func anotherMessageTypeIsNamed() throws {
        let xml = """
            <mes:StructureSpecificData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><mes:DataSet/></mes:StructureSpecificData>
            """
        #expect {
            _ = try readSDMX(xml)
        } throws: { error in
            guard case .unsupportedMessage(_, let root, _) = error as? IngestError else { return false }
            return root == "StructureSpecificData"
        }
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let dir = TemporaryDirectory()
        let secret = dir.write("TOPSECRET", to: "secret.txt")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE m:GenericData [<!ENTITY x SYSTEM "file://\(secret)">]>
            """ + messageHead.split(separator: "\n", maxSplits: 1)[1] + """
            <g:Series><g:SeriesKey><g:Value id="SERIES" value="&x;"/></g:SeriesKey>
              <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="1"/></g:Obs></g:Series></m:DataSet></m:GenericData>
            """
        let result = try? readSDMX(path: dir.write(xml, to: "xxe.xml"))
        #expect(result?.observations.contains { $0.key.indicator.contains("TOPSECRET") } != true)
    }

    @Test func aBillionLaughsBombStopsWithAnError() throws {
        var entities = "<!ENTITY a0 \"lol\">"
        for i in 1...10 { entities += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE m:GenericData [\(entities)]>"
            + messageHead.split(separator: "\n", maxSplits: 1)[1]
            + "<g:Series><g:SeriesKey><g:Value id=\"SERIES\" value=\"&a10;\"/></g:SeriesKey></g:Series></m:DataSet></m:GenericData>"
        #expect(throws: IngestError.self) { _ = try readSDMX(xml) }
    }

    @Test func aMessageWithoutDataSetIsReportedNotEmpty() throws {
        let xml = """
            <m:GenericData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><m:Header/></m:GenericData>
            """
        #expect {
            _ = try readSDMX(xml)
        } throws: { error in "\(error)".contains("no DataSet") }
    }
}
