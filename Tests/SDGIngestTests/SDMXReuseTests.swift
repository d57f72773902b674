import SDGCore
import Testing

@testable import SDGIngest

/// The SDMX readers reuse keys, attribute sets, periods and interned codes from one observation to the next; these
/// messages change each of them between observations, so a reuse that went too far would show.
@Suite struct SDMXReuseTests {
    let ssHead = """
        <?xml version="1.0"?>
        <m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
            xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">
          <m:Header><m:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></m:Header>
        """

    @Test func structureSpecificAttributesChangeWithTheObservationAndTheSeries() throws {
        let xml =
            ssHead + """
                  <m:DataSet ss:structureRef="S">
                    <Series SERIES="X" REF_AREA="A" UNIT_MEASURE="PT">
                      <Obs TIME_PERIOD="2015" OBS_VALUE="1.5" OBS_STATUS="A"/>
                      <Obs TIME_PERIOD="2016" OBS_VALUE="2.5" OBS_STATUS="E"/>
                      <Obs TIME_PERIOD="2017" OBS_VALUE="3.5"/>
                      <Obs TIME_PERIOD="2018" OBS_VALUE="4.5" OBS_STATUS="E"/>
                    </Series>
                    <Series SERIES="X" REF_AREA="B" UNIT_MEASURE="NUMBER">
                      <Obs TIME_PERIOD="2015" OBS_VALUE="-9999" OBS_STATUS="E"/>
                      <Obs TIME_PERIOD="2015-Q2" OBS_VALUE="6.25"/>
                    </Series>
                  </m:DataSet>
                </m:StructureSpecificData>
                """
        let (obs, rejects) = try readSDMX(xml)
        #expect(rejects.isEmpty)
        #expect(obs.map(\.attributes.status) == ["A", "E", nil, "E", "E", nil])
        #expect(obs.map(\.attributes.unit) == ["PT", "PT", "PT", "PT", "NUMBER", "NUMBER"])
        #expect(obs.map(\.key.area) == ["A", "A", "A", "A", "B", "B"])
        #expect(obs.map(\.period.label) == ["2015", "2016", "2017", "2018", "2015", "2015-Q2"])
        #expect(obs.map(\.value) == [1.5, 2.5, 3.5, 4.5, -9999, 6.25])

        var options = SourceOptions(name: "un")
        options.missingMarkers = ["-9999", "NaN"]
        let (withMarker, _) = try readSDMX(xml, options: options)
        #expect(
            withMarker[4].value == nil, "a numeric missing-value marker is seen before the value is read as a number")
    }

    @Test func genericObservationAttributesDoNotLeakIntoTheNextObservation() throws {
        let xml =
            messageHead + """
                    <g:Series>
                      <g:SeriesKey><g:Value id="SERIES" value="X"/><g:Value id="REF_AREA" value="A"/></g:SeriesKey>
                      <g:Attributes><g:Value id="UNIT_MEASURE" value="PT"/></g:Attributes>
                      <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="1"/>
                        <g:Attributes><g:Value id="OBS_STATUS" value="E"/><g:Value id="UNIT_MEASURE" value="NUMBER"/></g:Attributes></g:Obs>
                      <g:Obs><g:ObsDimension value="2016"/><g:ObsValue value="2"/></g:Obs>
                    </g:Series>
                    <g:Series>
                      <g:SeriesKey><g:Value id="SERIES" value="X"/><g:Value id="REF_AREA" value="B"/></g:SeriesKey>
                      <g:Obs><g:ObsDimension value="2016"/><g:ObsValue value="3"/></g:Obs>
                    </g:Series>
                  </m:DataSet>
                </m:GenericData>
                """
        let (obs, rejects) = try readSDMX(xml)
        #expect(rejects.isEmpty)
        #expect(obs.map(\.attributes.status) == ["E", nil, nil])
        #expect(
            obs.map(\.attributes.unit) == ["NUMBER", "PT", nil],
            "the observation's own unit wins, then the series' applies")
        #expect(obs.map(\.key.area) == ["A", "A", "B"])
    }

    @Test func internedTextsAreTheTextsRead() {
        let interner = TextInterner(capacity: 4)
        var seen: [String] = []
        for text in [
            "2015", "2016", "2015", "", "TM1", "a much longer code than the interner keeps, sixty bytes or so", "2016",
        ] {
            let bytes = Array(text.utf8)
            seen.append(bytes.withUnsafeBufferPointer { interner.string($0) })
        }
        #expect(
            seen == [
                "2015", "2016", "2015", "", "TM1", "a much longer code than the interner keeps, sixty bytes or so",
                "2016",
            ])
        // A full table still answers, with fresh strings.
        for i in 0..<100 {
            #expect(Array("code\(i)".utf8).withUnsafeBufferPointer { interner.string($0) } == "code\(i)")
        }
    }

    /// Texts are compared by their first eight bytes before the rest: texts that differ only past the first eight, past
    /// sixteen, in their last byte, or by a trailing zero byte must keep apart, and the same text must find its slot
    /// again, at every length the interner keeps.
    @Test func textsThatDifferInAnyByteKeepApart() {
        let interner = TextInterner(capacity: 4096)
        var texts: [[UInt8]] = []
        for length in 0...48 {
            let base = (0..<length).map { UInt8(ascii: "A") + UInt8($0 % 26) }
            texts.append(base)
            for at in [0, 7, 8, 15, 16, length - 1] where at >= 0 && at < length {
                var other = base
                other[at] ^= 1
                texts.append(other)
            }
            texts.append(base + [0])
        }
        var slots: [Int: [UInt8]] = [:]
        for text in texts {
            let (string, slot) = text.withUnsafeBufferPointer { interner.interned($0) }
            #expect(Array(string.utf8) == text)
            guard let slot else { continue }
            if let earlier = slots[slot] { #expect(earlier == text, "two texts share slot \(slot)") }
            slots[slot] = text
            #expect(text.withUnsafeBufferPointer { interner.interned($0).slot } == slot)
        }
        #expect(slots.count > 250)
    }
}
