import Foundation
import SDGCore
import SDGTestSupport
import Testing

/// Diagnostic codes are an interface (scripts filter on them): every registered code is documented, codes are
/// unique, and the rejects a reader makes carry registered codes.
@Suite struct DiagnosticCodeTests {
    @Test func everyCodeIsDocumentedOnce() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let documented = doc.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        let codes = DiagnosticCode.all.map(\.rawValue)
        #expect(Set(codes).count == codes.count, "codes are unique")
        #expect(documented.sorted() == codes.sorted(), "docs/diagnostics.md lists exactly the registered codes")
    }

    @Test func aCodeIsFoundByNameAndRendersWhereItIs() {
        #expect(DiagnosticCode(rawValue: "csv.field-count") == .csvFieldCount)
        #expect(DiagnosticCode(rawValue: "csv.no-such-thing") == nil)
        let d = Diagnostic(
            .warning, .mixedUnits, at: SourceLocation(file: "p.yaml", line: 7), "indicator 'x' mixes units")
        #expect(d.description == "p.yaml:7: indicator 'x' mixes units")
    }
}
