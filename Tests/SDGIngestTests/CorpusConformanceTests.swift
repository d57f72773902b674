import Foundation
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Real public files from ../shared/corpus; skipped with a message when the folder is absent.
@Suite(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: corpus conformance tests skipped"))
struct CorpusConformanceTests {
    /// The ECB's flat, time-series and cross-sectional generic messages hold the same 12 observations; the expected
    /// listing under ecb/expected names each value.
    @Test(arguments: [
        "ng-flat.xml", "ng-ts.xml", "ng-xs.xml", "sg-ts-gf.xml", "ng-flat-ss.xml", "ng-ts-ss.xml", "ng-xs-ss.xml",
    ])
    func ecbGenericMessagesMatchTheExpectedListing(file: String) throws {
        let corpus = try #require(sharedCorpus)
        let (obs, rejects) = try readSDMX(path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/\(file)").path)
        #expect(rejects.isEmpty)
        let expected = try String(
            contentsOf: corpus.appendingPathComponent("sdmx-ml/ecb/expected/ng-flat-xml.txt"), encoding: .utf8
        )
        .split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let got = Set(obs.map { o in "\(o.key.value(of: "CURRENCY") ?? "?") \(o.period.label) \(o.value!)" })
        let want = Set(expected.map { "\($0[1]) \($0[5]) \(Double($0[6])!)" })
        #expect(got == want)
    }

    /// Eurostat's dissemination API writes the structure-specific `DataSet` in the structure's own namespace (its
    /// `xsi:type` names a type there) rather than the message's: the same 12 ECB observations, time series and
    /// cross-sectional, read the same whichever namespace holds the DataSet.
    @Test(arguments: ["ng-ts-ss.xml", "ng-xs-ss.xml"])
    func aDataSetInTheStructuresNamespaceReads(file: String) throws {
        let corpus = try #require(sharedCorpus)
        let original = try String(
            contentsOf: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/\(file)"), encoding: .utf8)
        let moved = original.replacingOccurrences(of: "<message:DataSet ", with: "<exr:DataSet ")
            .replacingOccurrences(of: "</message:DataSet>", with: "</exr:DataSet>")
        #expect(moved != original && moved.contains("<exr:DataSet "))
        let dir = TemporaryDirectory("estat-dataset")
        let (obs, rejects) = try readSDMX(path: dir.write(moved, to: file))
        let (want, _) = try readSDMX(path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/\(file)").path)
        #expect(rejects.isEmpty && obs.count == 12)
        #expect(
            Set(obs.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" })
                == Set(want.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" }))
    }

    /// Every data message of the corpus reads with the observation count its file holds.
    @Test(arguments: [
        ("sdmx-ml/insee/CNA-2010-CONSO-SI-A17.xml", 2), ("sdmx-ml/sdg/open-sdg-sdg-build/1-1-1--structure.xml", 6),
        ("sdmx-ml/sdg/open-sdg-sdg-build/1-1-1--structure-specific.xml", 6), ("sdmx-ml/sdg/kenya/KE1.xml", 68),
        ("sdmx-ml/istat/22_289.xml", 8), ("sdmx-ml-3.0/ecb/ECB_EXR0.xml", 116),
        ("sdmx-ml-2.0/sdg/tajikistan/TAJSTAT_Data.xml", 188),
    ])
    func corpusMessagesRead(file: String, count: Int) throws {
        let corpus = try #require(sharedCorpus)
        let (obs, rejects) = try readSDMX(path: corpus.appendingPathComponent(file).path)
        #expect(obs.count + rejects.count == count, "\(file): \(obs.count) observations, \(rejects.count) rejects")
        #expect(rejects.isEmpty, "\(file): \(rejects.prefix(3).map(\.reason))")
    }

    @Test func theSameDataGenericAndStructureSpecificGiveTheSameObservations() throws {
        let corpus = try #require(sharedCorpus)
        let generic = try readSDMX(
            path: corpus.appendingPathComponent("sdmx-ml/sdg/open-sdg-sdg-build/1-1-1--structure.xml").path)
        let specific = try readSDMX(
            path: corpus.appendingPathComponent("sdmx-ml/sdg/open-sdg-sdg-build/1-1-1--structure-specific.xml").path)
        #expect(
            Set(generic.observations.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" })
                == Set(specific.observations.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" }))
    }

    @Test func aFooterOnlyEurostatMessage() throws {
        let corpus = try #require(sharedCorpus)
        #expect {
            _ = try readSDMX(path: corpus.appendingPathComponent("sdmx-ml/estat/footer.xml").path)
        } throws: { error in "\(error)".contains("Due to the large query") }
    }

    @Test func ecbMonthlySeriesHas252Observations() throws {
        let corpus = try #require(sharedCorpus)
        let (obs, rejects) = try readSDMX(
            path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/1/M.USD.EUR.SP00.A.xml").path)
        #expect(obs.count == 252 && rejects.isEmpty)
        #expect(obs.allSatisfy { $0.period.frequency == .monthly })
    }
}
