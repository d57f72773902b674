extension TrendChart {
    /// Tick values at 1, 2 or 5 × 10^k covering [low, high] with about five ticks.
    static func niceTicks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let span = high - low
        guard span > 0 else {
            let step = max(abs(low) * 0.1, 1)
            return [low - step, low, low + step]
        }
        let raw = span / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        return stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    /// Years to label on the time axis: every year, or every 2nd or 5th when the span is long.
    static func yearTicks(_ t0: Double, _ t1: Double) -> [Double] {
        let first = t0.rounded(.up)
        let last = t1.rounded(.down)
        guard last >= first else { return [first] }
        let span = last - first
        let step = span <= 12 ? 1.0 : span <= 30 ? 2 : 5
        let start = (first / step).rounded(.up) * step
        return Array(stride(from: start, through: last, by: step))
    }

    /// A tick label with as many decimals as the step needs.
    static func label(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        var text = "\(rounded)"
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// SVG coordinates with one decimal: enough at screen resolution, and small files.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : "\(rounded)"
    }

    /// Text safe inside XML and HTML elements and attributes. Unicode scalars, not Characters: "<" followed by a
    /// combining mark is one Character, and a Character switch would let it through unescaped.
    package static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(u)
            }
        }
        return String(out)
    }
}
