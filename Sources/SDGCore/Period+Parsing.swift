extension Period {
    /// Reads a period label in any of the forms docs/pipeline.md lists, or returns `nil`.
    ///
    /// Accepted: `2015`, `2013-Q1`, `2013 Q1`, `2013Q1`, `2013-03`, `2013-M03`, `2013-S1`, `2013-H1`, `2013-W05`,
    /// `2013-03-31` (a date; any time part after `T` is ignored), and school/fiscal years `2009/10`, `2009/2010`,
    /// `2009-10` is a month, so school years need the slash. Years must lie in 1000...2999.
    public static func parse(_ raw: some StringProtocol) -> Period? {
        parse(String(raw))
    }

    /// The same for a `String`, not generic: readers call it for every observation from other modules, where a generic
    /// function runs unspecialised.
    public static func parse(_ raw: String) -> Period? {
        // Plain years are most periods a pipeline reads: no trimming or byte array for them.
        if raw.utf8.count == 4 {
            let year =
                raw.utf8.withContiguousStorageIfAvailable { b -> Int in
                    var year = 0
                    for byte in b {
                        guard byte &- UInt8(ascii: "0") < 10 else { return -1 }
                        year = year * 10 + Int(byte &- UInt8(ascii: "0"))
                    }
                    return year
                } ?? -1
            if (1000...2999).contains(year) { return Period(label: raw, start: Double(year), frequency: .annual) }
        }
        let label = raw.trimmingASCIIWhitespace()
        let bytes = Array(label.utf8)
        guard bytes.count >= 4, let year = digits(bytes, 0, 4), (1000...2999).contains(year) else { return nil }
        let y = Double(year)
        if bytes.count == 4 { return Period(label: label, start: y, frequency: .annual) }
        var rest = bytes[4...]
        // School or fiscal year: 2009/10 or 2009/2010, the second year following the first.
        if rest.first == UInt8(ascii: "/") {
            let tail = Array(rest.dropFirst())
            if tail.count == 2, let yy = digits(tail, 0, 2), yy == (year + 1) % 100 {
                return Period(label: label, start: y, frequency: .schoolYear)
            }
            if tail.count == 4, let next = digits(tail, 0, 4), next == year + 1 {
                return Period(label: label, start: y, frequency: .schoolYear)
            }
            return nil
        }
        if rest.first == UInt8(ascii: "-") || rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
        let tail = Array(rest)
        guard let first = tail.first else { return nil }
        switch first {
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            guard tail.count == 2, let q = digits(tail, 1, 1), (1...4).contains(q) else { return nil }
            return Period(label: label, start: y + Double(q - 1) / 4, frequency: .quarterly)
        case UInt8(ascii: "S"), UInt8(ascii: "H"), UInt8(ascii: "s"), UInt8(ascii: "h"):
            guard tail.count == 2, let h = digits(tail, 1, 1), (1...2).contains(h) else { return nil }
            return Period(label: label, start: y + Double(h - 1) / 2, frequency: .halfYear)
        case UInt8(ascii: "W"), UInt8(ascii: "w"):
            guard tail.count == 3, let w = digits(tail, 1, 2), (1...53).contains(w) else { return nil }
            return Period(label: label, start: y + Double(w - 1) * 7 / 365.25, frequency: .weekly)
        case UInt8(ascii: "M"), UInt8(ascii: "m"):
            guard tail.count == 3, let m = digits(tail, 1, 2), (1...12).contains(m) else { return nil }
            return Period(label: label, start: y + Double(m - 1) / 12, frequency: .monthly)
        default:
            guard bytes[4] == UInt8(ascii: "-"), let m = digits(tail, 0, 2), tail.count >= 2, (1...12).contains(m)
            else { return nil }
            if tail.count == 2 { return Period(label: label, start: y + Double(m - 1) / 12, frequency: .monthly) }
            guard tail.count >= 5, tail[2] == UInt8(ascii: "-"), let d = digits(tail, 3, 2),
                d >= 1, d <= daysIn(month: m, year: year),
                tail.count == 5 || tail[5] == UInt8(ascii: "T")
            else { return nil }
            let dayOfYear = cumulativeDays(beforeMonth: m, year: year) + d - 1
            let length = isLeap(year) ? 366.0 : 365.0
            return Period(label: label, start: y + Double(dayOfYear) / length, frequency: .daily)
        }
    }

    private static func digits(_ bytes: [UInt8], _ from: Int, _ count: Int) -> Int? {
        guard from + count <= bytes.count else { return nil }
        var value = 0
        for b in bytes[from..<(from + count)] {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static func cumulativeDays(beforeMonth month: Int, year: Int) -> Int {
        (1..<month).reduce(0) { $0 + daysIn(month: $1, year: year) }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String { self[...].trimmingASCIIWhitespace() }
}

extension Substring {
    /// The text without leading and trailing ASCII spaces, tabs, CR and LF. Most cells have none, so the first and
    /// last bytes are checked before anything is scanned (this runs for every cell of every row).
    public func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return "" }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        if !isSpace(first) && !isSpace(last) { return String(self) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}

extension String {
    /// The text without leading and trailing whitespace of any kind, the no-break space included (real feeds carry
    /// `211\u{00A0}`). The ASCII version is faster and used where a file format defines its own spaces.
    public func trimmingWhitespace() -> String {
        // Fast path: printable ASCII at both ends needs no Unicode property lookups.
        if let a = utf8.first, let b = utf8.last, a > 0x20, a < 0x7F, b > 0x20, b < 0x7F { return self }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

extension String {
    /// The parts between occurrences of `separator` (a string, unlike `split`), without Foundation.
    public func splitting(by separator: String) -> [String] {
        guard !separator.isEmpty else { return [self] }
        var parts: [String] = []
        var rest = self[...]
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
