import SDGEvaluate
import SDGPipeline
import SDGPublish

/// The terminal view of `sdgpipe evaluate`: one line per series with the numbers a statistician looks at first.
enum EvaluationTable {
    /// Writes the table to `output`: on 100,000 series it is 30 MB, so it is never one `String`.
    static func render(_ result: QuickEvaluation, to output: TextOutput) throws(PublishError) {
        let header = ["indicator", "area", "disaggregation", "n", "before→after", "diff [95% CI]", "p", "OLS/yr", "MK p",
            "Sen/yr", "ITS level", "Eurostat", "Open SDG", "DiD"]
        // Rows made and laid out on every core, as bytes: one `[String]` per row, `String.count` (grapheme breaking)
        // and joined lines took a fifth of `sdgpipe evaluate` on 100,000 series.
        let series = result.series
        let columns = header.count
        let chunk = 4096
        let parts = Array(stride(from: 0, to: series.count, by: chunk)).parallelMap { lower in
            let cells = series[lower..<min(lower + chunk, series.count)].flatMap(row)
            var widths = [Int](repeating: 0, count: columns)
            for (i, cell) in cells.enumerated() { widths[i % columns] = max(widths[i % columns], width(cell)) }
            return (cells, widths)
        }
        var widths = header.map(width)
        for (_, w) in parts { widths = zip(widths, w).map { max($0, $1) } }
        let final = widths
        @Sendable func layOut(_ cells: [String]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity((final.reduce(0, +) + 2 * columns) * (cells.count / columns + 1))
            for (i, cell) in cells.enumerated() {
                var cell = cell
                let w = cell.withUTF8 { bytes in
                    out.append(contentsOf: bytes)
                    return bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                }
                let column = i % columns
                if column < columns - 1 {
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: final[column] - w + 2))
                } else {
                    out.append(UInt8(ascii: "\n"))
                }
            }
            return out
        }
        try output.write(bytes: layOut(header + widths.map { String(repeating: "-", count: $0) }))
        for part in parts.map(\.0).parallelMap(layOut) { try output.write(bytes: part) }
        if let did = result.did, let estimate = did.estimateTWFE {
            try output.write("\nDifference-in-differences: \(fmt(estimate)) (2×2: \(did.estimate2x2.map(fmt) ?? "–"), clustered SE \(did.seClustered.map(fmt) ?? "–"), p \(did.pValue.map(fmtP) ?? "–"), placebo \(did.placeboEstimate.map(fmt) ?? "–"))\n")
        }
        try output.finish()
    }

    static func row(_ s: QuickEvaluation.SeriesResult) -> [String] {
        let e = s.evaluation
        let ba = e.beforeAfter
        let overall = e.trends.first
        return [
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
        ]
    }

    /// Columns a cell takes in a terminal: its Unicode scalars (the cells hold no combining marks or wide characters).
    static func width(_ cell: String) -> Int {
        var n = 0
        for byte in cell.utf8 where byte & 0xC0 != 0x80 { n += 1 }
        return n
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
