import Foundation
import SDGTestSupport
import Testing
@testable import SDGIngest

/// Real public files from ../shared/corpus; skipped with a message when the folder is absent.
@Suite(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: corpus conformance tests skipped"))
struct CorpusConformanceTests {
    /// The ECB's flat, time-series and cross-sectional generic messages hold the same 12 observations; the expected
    /// listing under ecb/expected names each value.
    @Test(arguments: ["ng-flat.xml", "ng-ts.xml", "ng-xs.xml", "sg-ts-gf.xml"])
    func ecbGenericMessagesMatchTheExpectedListing(file: String) throws {
        let corpus = try #require(sharedCorpus)
        let (obs, rejects) = try readSDMX(path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/\(file)").path)
        #expect(rejects.isEmpty)
        let expected = try String(contentsOf: corpus.appendingPathComponent("sdmx-ml/ecb/expected/ng-flat-xml.txt"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let got = Set(obs.map { o in "\(o.key.value(of: "CURRENCY") ?? "?") \(o.period.label) \(o.value!)" })
        let want = Set(expected.map { "\($0[1]) \($0[5]) \(Double($0[6])!)" })
        #expect(got == want)
    }

    @Test func ecbMonthlySeriesHas252Observations() throws {
        let corpus = try #require(sharedCorpus)
        let (obs, rejects) = try readSDMX(path: corpus.appendingPathComponent("sdmx-ml/ecb/ECB_EXR/1/M.USD.EUR.SP00.A.xml").path)
        #expect(obs.count == 252 && rejects.isEmpty)
        #expect(obs.allSatisfy { $0.period.frequency == .monthly })
    }
}
