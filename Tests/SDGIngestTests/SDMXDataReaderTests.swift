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

func readSDMX(_ xml: String, options: SourceOptions = SourceOptions(name: "un")) throws -> (
    observations: [Observation], rejects: [Reject]
) {
    let dir = TemporaryDirectory()
    return try readSDMX(path: dir.write(xml, to: "data.xml"), options: options)
}

func readSDMX(path: String, options: SourceOptions = SourceOptions(name: "un")) throws -> (
    observations: [Observation], rejects: [Reject]
) {
    var observations: [Observation] = []
    var rejects: [Reject] = []
    try SDMXDataReader(path: path, options: options).read { record in
        switch record {
        case .observation(let o): observations.append(o)
        case .reject(let r): rejects.append(r)
        case .notice: break
        }
    }
    return (observations, rejects)
}

@Suite struct SDMXGenericReaderTests {
    @Test func readsSeriesWithAttributesAtEveryLevel() throws {
        let xml =
            messageHead + """
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
        #expect(
            o.key
                == SeriesKey(
                    source: "un", indicator: "SE_ADT_EDUCTRN", area: "TM1", dimensions: [.init(id: "SEX", value: "F")]))
        #expect(o.period.label == "2015" && o.value == 35.5)
        #expect(o.attributes == ObservationAttributes(unit: "PT", unitMultiplier: 3, status: "E"))
        #expect(o.location.line == 9 && o.location.element == "generic:Obs")
        #expect(obs[1].value == nil && obs[1].attributes.status == nil)
    }

    @Test func rejectsABadValueAndAnUnreadablePeriodWithTheirLines() throws {
        let xml =
            messageHead + """
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
        let xml =
            messageHead + """
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

    @Test func otherMessagesAreNamed() throws {
        let structure = """
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><mes:Header/></mes:Structure>
            """
        #expect {
            _ = try readSDMX(structure)
        } throws: { error in
            guard case .unsupportedMessage(_, let root, let hint) = error as? IngestError else { return false }
            return root == "Structure" && hint.contains("catalogue:")
        }
        #expect {
            _ = try readSDMX("<html><body>Service unavailable</body></html>")
        } throws: { error in
            guard case .unsupportedMessage(_, let root, _) = error as? IngestError else { return false }
            return root == "html"
        }
    }

    @Test func structureSpecificDataWithGroupsAndSeveralDataSets() throws {
        let xml = """
            <?xml version="1.0"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
                xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
                xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.8):ObsLevelDim:TIME_PERIOD"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <message:Header><message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></message:Header>
              <message:DataSet ss:structureRef="S" xsi:type="ns1:DataSetType" action="Replace">
                <Group xsi:type="ns1:Sibling" SERIES="SE_ADT_EDUCTRN" REF_AREA="TM1" UNIT_MEASURE="PT"/>
                <Series SERIES="SE_ADT_EDUCTRN" REF_AREA="TM1" SEX="F" UNIT_MULT="0">
                  <Obs TIME_PERIOD="2015" OBS_VALUE="35.5" OBS_STATUS="E"/>
                  <Obs TIME_PERIOD="2016" OBS_VALUE="NaN"/>
                </Series>
              </message:DataSet>
              <message:DataSet ss:structureRef="S">
                <Obs SERIES="SE_ADT_EDUCTRN" REF_AREA="TM2" SEX="M" TIME_PERIOD="2015-Q1" OBS_VALUE="12,5"/>
              </message:DataSet>
            </message:StructureSpecificData>
            """
        let (obs, rejects) = try readSDMX(xml)
        #expect(obs.count == 2 && rejects.count == 1)
        #expect(
            obs[0].key
                == SeriesKey(
                    source: "un", indicator: "SE_ADT_EDUCTRN", area: "TM1", dimensions: [.init(id: "SEX", value: "F")]))
        #expect(
            obs[0].attributes == ObservationAttributes(unit: "PT", unitMultiplier: 0, status: "E", action: "Replace"),
            "the group's unit applies")
        #expect(obs[1].value == nil)
        #expect(rejects[0].code == "sdmx.value-not-a-number" && rejects[0].location.line == 15)
    }

    /// Observations of a structure-specific series reuse the series' key (and periods their parsed form): one that
    /// brings a dimension of its own, or a reject in between, must still get its own key, and the next series its own.
    @Test func structureSpecificObservationsWithTheirOwnDimensionsGetTheirOwnKeys() throws {
        let xml = """
            <?xml version="1.0"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
                xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">
              <message:Header><message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></message:Header>
              <message:DataSet ss:structureRef="S">
                <Series SERIES="S1" REF_AREA="A" SEX="F">
                  <Obs TIME_PERIOD="2015" OBS_VALUE="1"/>
                  <Obs TIME_PERIOD="2016" OBS_VALUE="2" SEX="M"/>
                  <Obs TIME_PERIOD="2017" OBS_VALUE="x"/>
                  <Obs TIME_PERIOD="2017" OBS_VALUE="3"/>
                </Series>
                <Series SERIES="S1" REF_AREA="B" SEX="F">
                  <Obs TIME_PERIOD="2015" OBS_VALUE="4"/>
                  <Obs TIME_PERIOD="2016" OBS_VALUE="5"/>
                </Series>
              </message:DataSet>
            </message:StructureSpecificData>
            """
        let (obs, rejects) = try readSDMX(xml)
        #expect(rejects.count == 1)
        func key(_ area: String, _ sex: String) -> SeriesKey {
            SeriesKey(source: "un", indicator: "S1", area: area, dimensions: [.init(id: "SEX", value: sex)])
        }
        #expect(obs.map(\.key) == [key("A", "F"), key("A", "M"), key("A", "F"), key("B", "F"), key("B", "F")])
        #expect(obs.map(\.period.label) == ["2015", "2016", "2017", "2015", "2016"])
        #expect(obs.map(\.value) == [1, 2, 3, 4, 5])
    }

    @Test func aFooterOnlyMessageIsReportedWithItsText() throws {
        let xml = """
            <message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
              xmlns:footer="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message/footer"
              xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
              <message:Header/>
              <footer:Footer><footer:Message code="413"><common:Text xml:lang="en">Too large: fetch it later</common:Text></footer:Message></footer:Footer>
            </message:GenericData>
            """
        #expect {
            _ = try readSDMX(xml)
        } throws: { error in "\(error)".contains("only a footer from its publisher: Too large: fetch it later") }
    }

    @Test func deepNestingAndQuadraticBlowupStopCleanly() throws {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(throws: IngestError.self) { _ = try readSDMX(deep) }
        let big = String(repeating: "x", count: 100_000)
        let quadratic =
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"\(big)\">]><m>" + String(repeating: "&a;", count: 10_000)
            + "</m>"
        #expect(throws: IngestError.self) { _ = try readSDMX(quadratic) }
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
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE m:GenericData [\(entities)]>"
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
