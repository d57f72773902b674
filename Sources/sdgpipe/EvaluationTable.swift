import SDGEvaluate
import SDGPipeline
import SDGPublish

/// The terminal view of `sdgpipe evaluate`: one line per series with the numbers a statistician looks at first.
enum EvaluationTable {
    /// Writes the table to `output`: on 100,000 series it is 30 MB, so it is never one `String`.
    static func render(_ result: QuickEvaluation, to output: TextOutput) throws(PublishError) {
        let header = [
            "indicator", "area", "disaggregation", "n", "before→after", "diff [95% CI]", "p", "OLS/yr", "MK p",
            "Sen/yr", "ITS level", "Eurostat", "Open SDG", "DiD",
        ]
        // Cells written straight into bytes and laid out on every core: a `String` per cell (and `String.count`,
        // which breaks graphemes) was a fifth of `sdgpipe evaluate` on 100,000 series.
        let series = result.series
        let columns = header.count
        let chunk = 4096
        let parts = Array(stride(from: 0, to: series.count, by: chunk)).parallelMap { lower in
            var cells = Cells(columns: columns, rows: chunk)
            for s in series[lower..<min(lower + chunk, series.count)] { row(s, into: &cells) }
            return cells
        }
        var heading = Cells(columns: columns)
        for title in header { heading.add(title) }
        var widths = heading.widths
        for part in parts { widths = zip(widths, part.widths).map { max($0, $1) } }
        var rule = Cells(columns: columns)
        for w in widths { rule.add(String(repeating: "-", count: w)) }
        let final = widths
        try output.write(bytes: heading.laidOut(widths: final))
        try output.write(bytes: rule.laidOut(widths: final))
        for part in parts.parallelMap({ $0.laidOut(widths: final) }) { try output.write(bytes: part) }
        if let did = result.did, let estimate = did.estimateTWFE {
            try output.write(
                "\nDifference-in-differences: \(fmt(estimate)) (2×2: \(did.estimate2x2.map(fmt) ?? "–"), clustered SE \(did.seClustered.map(fmt) ?? "–"), p \(did.pValue.map(fmtP) ?? "–"), randomization p \(did.pRandomization.map(fmtP) ?? "–"), wild bootstrap p \(did.pWildBootstrap.map(fmtP) ?? "–"), placebo \(did.placeboEstimate.map(fmt) ?? "–"))\n"
            )
            if !did.status.isOK { try output.write("  \(did.status.code): \(did.status.reason)\n") }
        }
        if let sc = result.synthetic {
            let weights = sc.weights.prefix(5).map { "\($0.area) \(fmt($0.weight))" }.joined(separator: ", ")
            try output.write(
                "Synthetic control: \(sc.estimate.map(fmt) ?? "–") (pre-period RMSPE \(sc.preRMSPE.map(fmt) ?? "–"), placebo p \(sc.pValue.map(fmtP) ?? "–") over \(sc.placeboAreas) areas\(weights.isEmpty ? "" : "; \(weights)"))\n"
            )
            if !sc.status.isOK || !sc.status.reason.isEmpty {
                try output.write("  \(sc.status.code): \(sc.status.reason)\n")
            }
        }
        try output.finish()
    }

    static func row(_ s: QuickEvaluation.SeriesResult, into cells: inout Cells) {
        let e = s.evaluation
        let ba = e.beforeAfter
        let overall = e.trends.first
        cells.add(s.key.indicator)
        cells.add(s.key.area)
        cells.add(s.key.disaggregation.isEmpty ? "total" : s.key.disaggregation)
        cells.add("\(e.n)")
        if let b = ba, let mb = b.meanBefore, let ma = b.meanAfter {
            cells.add(fmt(mb), "→", fmt(ma))
        } else {
            cells.add("–")
        }
        if let b = ba, let d = b.difference {
            if let low = b.ciLow {
                cells.add(fmt(d), " [", fmt(low), ", ", fmt(b.ciHigh!), "]")
            } else {
                cells.add(fmt(d), " (", b.status.code, ")")
            }
        } else {
            cells.add("–")
        }
        cells.add(ba?.pValue.map(fmtP) ?? "–")
        cells.add(overall?.ols.slope.map(fmt) ?? "–")
        cells.add(overall?.mannKendall.pValue.map(fmtP) ?? "–")
        cells.add(overall?.sen.slope.map(fmt) ?? "–")
        cells.add(e.its.flatMap { $0.levelChange.map(fmt) } ?? (e.its?.status.code ?? "–"))
        cells.add(e.progress.eurostat.progressClass ?? e.progress.eurostat.status.code)
        cells.add(e.progress.openSDG.status)
        cells.add(s.did.flatMap { $0.estimateTWFE.map(fmt) } ?? "–")
    }

    /// Rows of cells as UTF-8 bytes with each cell's end, and each column's widest cell (in Unicode scalars: the
    /// cells hold no combining marks or wide characters).
    struct Cells: Sendable {
        let columns: Int
        private(set) var bytes: [UInt8] = []
        private var ends: [Int] = []
        private(set) var widths: [Int]

        init(columns: Int, rows: Int = 2) {
            self.columns = columns
            widths = [Int](repeating: 0, count: columns)
            bytes.reserveCapacity(rows * 128)
            ends.reserveCapacity(rows * columns)
        }

        mutating func add(
            _ a: String, _ b: String = "", _ c: String = "", _ d: String = "", _ e: String = "", _ f: String = ""
        ) {
            let start = bytes.count
            func append(_ piece: String) {
                guard !piece.isEmpty else { return }
                var piece = piece
                piece.withUTF8 { bytes.append(contentsOf: $0) }
            }
            append(a)
            append(b)
            append(c)
            append(d)
            append(e)
            append(f)
            let column = ends.count % columns
            widths[column] = max(widths[column], Self.width(bytes[start...]))
            ends.append(bytes.count)
        }

        static func width(_ cell: ArraySlice<UInt8>) -> Int {
            var n = 0
            for byte in cell where byte & 0xC0 != 0x80 { n += 1 }
            return n
        }

        /// The rows, each cell padded to its column's width plus two spaces, the last one ended by a line break.
        func laidOut(widths: [Int]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + (widths.reduce(0, +) + 2 * columns) * (ends.count / columns + 1) / 2)
            var start = 0
            for (i, end) in ends.enumerated() {
                let cell = bytes[start..<end]
                out.append(contentsOf: cell)
                let column = i % columns
                if column < columns - 1 {
                    out.append(
                        contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] - Self.width(cell) + 2))
                } else {
                    out.append(UInt8(ascii: "\n"))
                }
                start = end
            }
            return out
        }
    }

    static func fmt(_ x: Double) -> String {
        let magnitude = abs(x)
        let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return ((x * scale).rounded() / scale).description
    }

    static func fmtP(_ p: Double) -> String { p < 0.001 ? "<0.001" : fmt(p) }
}
