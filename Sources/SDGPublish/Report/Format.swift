/// Numbers as a report shows them, one rule for every sentence, table and caption: three significant digits below
/// 1,000 ("0.315", "6.92", "43.2", "0.00123"), whole numbers with thousands separators up to a million ("12,345"),
/// then millions and billions ("1.23 million"); no exponent below 10¹², never "-0"; no number for NaN or infinity.
package enum Format {
    package static func short(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let magnitude = abs(x)
        let sign = x < 0 ? "-" : ""
        if magnitude >= 1e12 { return "\(x)" }  // beyond any indicator's scale: as Swift writes it, never a trap
        if magnitude >= 1e9 { return sign + significant(magnitude / 1e9) + " billion" }
        if magnitude >= 1e6 { return sign + significant(magnitude / 1e6) + " million" }
        if magnitude >= 1000 {
            let whole = Int(magnitude.rounded())
            if whole >= 1_000_000 { return sign + "1 million" }
            var digits = String(whole)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return sign + digits + grouped
        }
        let text = significant(magnitude)
        return text == "0" ? "0" : sign + text
    }

    /// A non-negative number below 1,000 to three significant digits, written out in decimals (at most 9, below
    /// which it is 0).
    static func significant(_ magnitude: Double) -> String {
        guard magnitude > 0 else { return "0" }
        var decimals = 0
        var bound = 100.0
        while magnitude < bound, decimals < 9 {
            decimals += 1
            bound /= 10
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var rounded = (magnitude * scale).rounded() / scale
        // 9.996 → 10.0: the rounding reached the next power of ten, which needs one decimal fewer.
        if rounded >= bound * 10, decimals > 0 {
            scale /= 10
            decimals -= 1
            rounded = (magnitude * scale).rounded() / scale
        }
        if rounded == 0 { return "0" }
        if decimals == 0 { return String(Int(rounded)) }
        var text = String(Int(rounded))
        let fraction = Int(((rounded - rounded.rounded(.down)) * scale).rounded())
        var tail = String(fraction)
        tail = String(repeating: "0", count: max(0, decimals - tail.count)) + tail
        while tail.hasSuffix("0") { tail.removeLast() }
        if !tail.isEmpty { text += "." + tail }
        return text
    }

    package static func percent(_ x: Double) -> String { short(x * 100) + "%" }

    package static func p(_ x: Double) -> String { x < 0.001 ? "< 0.001" : short(x) }

    /// The shortest text that reads back as exactly `x`, whole numbers without `.0` (`46.1`, `2004`): values in
    /// exchange formats (SDMX, GeoJSON), where a reader must get back the value computed.
    package static func exact(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
