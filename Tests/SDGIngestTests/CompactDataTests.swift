import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// SDMX-ML 2.0 `CompactData`, as OECD.Stat, the IMF and BIS still answer: series and observations in the key
/// family's namespace, the period as `TIME` (or `TIME_PERIOD`), the DataSet's 2.0 bookkeeping left out of the key.
@Suite struct CompactDataTests {
    let sample = packageRoot.appendingPathComponent("samples/formats/oecd-compact-2.0.xml").path

    @Test func readsSeriesObservationsAndAttributes() throws {
        let (obs, rejects) = try readSDMX(path: sample)
        #expect(obs.count == 4 && rejects.count == 1)
        #expect(obs.map(\.key.area) == ["AUT", "AUT", "AUT", "BEL"])
        #expect(obs.map(\.period.label) == ["2019", "2020", "2021", "2019"])
        #expect(obs.map(\.value) == [12.5, 13.25, nil, 9.5])
        #expect(obs[0].attributes.status == "A" && obs[2].attributes.status == "M" && obs[0].attributes.unit == "PC")
        #expect(obs[0].key.indicator == "L_ADULT")
        #expect(obs[0].key.value(of: "keyFamilyURI") == nil && obs[0].key.value(of: "datasetID") == nil)
        #expect(obs[0].key.value(of: "TIME_FORMAT") == nil, "an attribute, not a dimension")
        #expect(rejects[0].location.line == 17 && rejects[0].reason.contains("'abc' is not a number"))
    }

    @Test func theMessageTypeIsNamed() throws {
        let info = try SDMXDataReader(path: sample, options: SourceOptions(name: "oecd")).read { _ in }
        #expect(info.messageType == "SDMX-ML 2.0 CompactData" && info.dataSets == 1)
    }

    /// A compact root in another version's namespace is not a message sdgpipe knows: refused, naming what it expected.
    @Test func compactDataOutsideVersion2IsRefused() throws {
        let text = try String(contentsOfFile: sample, encoding: .utf8).replacingOccurrences(
            of: "http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message",
            with: "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message")
        #expect {
            _ = try readSDMX(text)
        } throws: { error in "\(error)".contains("2.0 CompactData") }
    }
}
