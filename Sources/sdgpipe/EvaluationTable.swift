import SDGEvaluate
import SDGPipeline

/// The terminal view of `sdgpipe evaluate`: one line per series with the numbers a statistician looks at first.
enum EvaluationTable {
    static func render(_ result: QuickEvaluation) -> String {
        let header = ["indicator", "area", "disaggregation", "n", "before→after", "diff [95% CI]", "p", "OLS/yr", "MK p",
            "Sen/yr", "ITS level", "Eurostat", "Open SDG", "DiD"]
        var rows: [[String]] = []
        for s in result.series {
            let e = s.evaluation
            let ba = e.beforeAfter
            let overall = e.trends.first
            rows.append([
                s.key.indicator, s.key.area, s.key.disaggregation.isEmpty ? "total" : s.key.disaggregation, "\(e.n)",
                ba.flatMap { b in b.meanBefore.flatMap { mb in b.meanAfter.map { "\(fmt(mb))→\(fmt($0))" } } } ?? "–",
                ba.flatMap { b in b.difference.map { d in
                    b.ciLow.map { "\(fmt(d)) [\(fmt($0)), \(fmt(b.ciHigh!))]" } ?? "\(fmt(d)) (\(b.status.code))"
                } } ?? "–",
                ba?.pValue.map(fmtP) ?? "–",
                overall?.ols.slope.map(fmt) ?? "–", overall?.mannKendall.pValue.map(fmtP) ?? "–",
                overall?.sen.slope.map(fmt) ?? "–",
                e.its.flatMap { $0.levelChange.map(fmt) } ?? (e.its?.status.code ?? "–"),
                e.progress.eurostat.progressClass ?? e.progress.eurostat.status.code,
                e.progress.openSDG.status,
                s.did.flatMap { $0.estimateTWFE.map(fmt) } ?? "–",
            ])
        }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1 + String(repeating: " ", count: max(0, widths[$0] - $1.count)) }.joined(separator: "  ")
        }
        var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
        if let did = result.did, let estimate = did.estimateTWFE {
            out.append("\nDifference-in-differences: \(fmt(estimate)) (2×2: \(did.estimate2x2.map(fmt) ?? "–"), clustered SE \(did.seClustered.map(fmt) ?? "–"), p \(did.pValue.map(fmtP) ?? "–"), placebo \(did.placeboEstimate.map(fmt) ?? "–"))")
        }
        return out.joined(separator: "\n")
    }

    static func fmt(_ x: Double) -> String {
        let magnitude = abs(x)
        let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        return "\(rounded)"
    }

    static func fmtP(_ p: Double) -> String { p < 0.001 ? "<0.001" : fmt(p) }
}
