import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Markup that SDMX-ML does not allow but a file may hold: each is an error or a reject at its own line, never a
/// value read differently from what the file says.
@Suite struct SDMXHostileMarkupTests {
    /// With an external DTD named in the DOCTYPE, libxml2 treats an undefined entity as a warning and drops the
    /// reference: `3&xxe;4.2` would be read as 34.2 and `&xxe;TM1` as `TM1`. Both are errors at line and column.
    @Test(arguments: [
        (#"<g:ObsValue value="3&xxe;4.2"/>"#, #"<g:Value id="REF_AREA" value="TM1"/>"#, 4),
        (#"<g:ObsValue value="34.2"/>"#, #"<g:Value id="REF_AREA" value="&xxe;TM1"/>"#, 3),
    ])
    func anUndefinedEntityIsAnErrorWhateverTheDoctype(value: String, area: String, line: Int) throws {
        for doctype in [#"<!DOCTYPE m:GenericData SYSTEM "http://example.org/sdmx.dtd">"#, ""] {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>\(doctype)
                <m:GenericData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:g="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"><m:Header><m:ID>T</m:ID></m:Header><m:DataSet>
                <g:Series><g:SeriesKey>\(area)</g:SeriesKey>
                <g:Obs><g:ObsDimension value="2015"/>\(value)</g:Obs>
                </g:Series></m:DataSet></m:GenericData>
                """
            #expect {
                _ = try readSDMX(xml)
            } throws: { error in
                guard case .undefinedEntity(let location, _) = error as? IngestError else { return false }
                let text = "\(error)"
                return location.line == line && location.column != nil && text.contains("Entity 'xxe' not defined")
                    && text.contains("Replace the reference with that text")
            }
            // The advice, followed: the reference replaced by its text reads.
            let fixed = try readSDMX(xml.replacingOccurrences(of: "&xxe;", with: ""))
            #expect(fixed.observations.count == 1 && fixed.observations[0].value == 34.2)
        }
    }

    @Test func anObsInsideAGenericObsIsARejectAtItsLineAndTheOuterOneIsReadWhole() throws {
        let xml =
            messageHead + """

                <g:Series><g:SeriesKey><g:Value id="SERIES" value="X"/></g:SeriesKey>
                  <g:Obs><g:ObsDimension value="2015"/>
                    <g:Obs><g:ObsDimension value="2001"/><g:ObsValue value="x"/></g:Obs>
                    <g:ObsValue value="7.5"/>
                  </g:Obs>
                  <g:Obs><g:ObsDimension value="2016"/><g:ObsValue value="8"/></g:Obs>
                </g:Series></m:DataSet></m:GenericData>
                """
        let (observations, rejects) = try readSDMX(xml)
        #expect(observations.map(\.value) == [7.5, 8])
        #expect(observations.map(\.period.label) == ["2015", "2016"])
        #expect(rejects.count == 1)
        #expect(rejects.first?.location.line == 8 && rejects.first?.code == .sdmxNestedObservation)
        #expect(rejects.first?.reason.contains("inside the <generic:Obs> of line 7") == true)
    }

    @Test func anObsInsideAStructureSpecificObsIsARejectAtItsLine() throws {
        let xml = """
            <?xml version="1.0"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
              <message:Header/>
              <message:DataSet>
                <Series SERIES="X" REF_AREA="A">
                  <Obs TIME_PERIOD="2015" OBS_VALUE="1">
                    <Obs TIME_PERIOD="2001" OBS_VALUE="9"/>
                  </Obs>
                  <Obs TIME_PERIOD="2016" OBS_VALUE="2"/>
                </Series>
              </message:DataSet>
            </message:StructureSpecificData>
            """
        let (observations, rejects) = try readSDMX(xml)
        #expect(observations.map(\.value) == [1, 2])
        #expect(rejects.map(\.location.line) == [7] && rejects.first?.code == .sdmxNestedObservation)
    }
}
