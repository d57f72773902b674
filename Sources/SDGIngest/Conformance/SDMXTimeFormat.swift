/// SDMX time periods (SDMX 2.1 Technical Notes, section 4.2 "Time and time-related formats") and the forms each
/// frequency (`FREQ`, codelist CL_FREQ) takes, for the conformance rule SS09. Written out by hand rather than as
/// regular expressions: the check runs once per observation.
enum SDMXTimeFormat {
    /// The forms a period of this frequency may take, for messages; `nil` for a frequency without a rule here.
    static func forms(of frequency: String) -> String? {
        switch frequency {
        case "A": "YYYY or YYYY-A1"
        case "S": "YYYY-S1 or YYYY-S2"
        case "Q": "YYYY-Q1 to YYYY-Q4"
        case "M": "YYYY-MM or YYYY-M01 to YYYY-M12"
        case "W": "YYYY-W01 to YYYY-W53"
        case "D", "B": "YYYY-MM-DD or YYYY-D001 to YYYY-D366"
        case "H", "N", "I": "a date and time, YYYY-MM-DDThh:mm:ss"
        default: nil
        }
    }

    /// Whether `text` is an SDMX observational time period, and (when `frequency` has a rule) one of its forms. A time
    /// range (`start/duration`) is accepted whatever the frequency, when both parts are well formed.
    static func isValid(_ text: String, frequency: String?) -> Bool {
        let bytes = Array(text.utf8)
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            // A time range starts on a date or a date and time (xs:date, xs:dateTime), not a year or a month.
            switch form(Array(bytes[..<slash])) {
            case .date, .dateTime: return isDuration(Array(bytes[(slash + 1)...]))
            default: return false
            }
        }
        return isPeriod(bytes, frequency: frequency.flatMap { forms(of: $0) == nil ? nil : $0 })
    }

    private enum Form { case year, yearMonth, date, dateTime, reporting(UInt8) }

    private static func isPeriod(_ b: [UInt8], frequency: String?) -> Bool {
        guard let form = form(b) else { return false }
        guard let frequency else { return true }
        switch (frequency, form) {
        case ("A", .year), ("A", .reporting(UInt8(ascii: "A"))): return true
        case ("S", .reporting(UInt8(ascii: "S"))), ("Q", .reporting(UInt8(ascii: "Q"))): return true
        case ("M", .yearMonth), ("M", .reporting(UInt8(ascii: "M"))), ("W", .reporting(UInt8(ascii: "W"))): return true
        case ("D", .date), ("B", .date), ("D", .reporting(UInt8(ascii: "D"))), ("B", .reporting(UInt8(ascii: "D"))):
            return true
        case ("H", .dateTime), ("N", .dateTime), ("I", .dateTime): return true
        default: return false
        }
    }

    private static func number(_ b: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= b.count, !range.isEmpty else { return nil }
        var n = 0
        for i in range {
            guard b[i] >= 48, b[i] <= 57 else { return nil }
            n = n * 10 + Int(b[i] - 48)
        }
        return n
    }

    private static func form(_ b: [UInt8]) -> Form? {
        guard number(b, 0..<4) != nil else { return nil }
        if b.count == 4 { return .year }
        guard b.count >= 7, b[4] == UInt8(ascii: "-") else { return nil }
        if let month = number(b, 5..<7), (1...12).contains(month) {
            if b.count == 7 { return .yearMonth }
            guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = number(b, 8..<10), (1...31).contains(day)
            else { return nil }
            if b.count == 10 { return .date }
            return isTime(Array(b[10...])) ? .dateTime : nil
        }
        let letter = b[5]
        let rest = b.count - 6
        guard let n = number(b, 6..<b.count) else { return nil }
        switch letter {
        case UInt8(ascii: "A") where rest == 1 && n == 1: return .reporting(letter)
        case UInt8(ascii: "S") where rest == 1 && (1...2).contains(n): return .reporting(letter)
        case UInt8(ascii: "T") where rest == 1 && (1...3).contains(n): return .reporting(letter)
        case UInt8(ascii: "Q") where rest == 1 && (1...4).contains(n): return .reporting(letter)
        case UInt8(ascii: "M") where rest == 2 && (1...12).contains(n): return .reporting(letter)
        case UInt8(ascii: "W") where rest == 2 && (1...53).contains(n): return .reporting(letter)
        case UInt8(ascii: "D") where rest == 3 && (1...366).contains(n): return .reporting(letter)
        default: return nil
        }
    }

    /// `Thh:mm[:ss[.fff]][Z|±hh:mm]`.
    private static func isTime(_ b: [UInt8]) -> Bool {
        guard b.count >= 6, b[0] == UInt8(ascii: "T"), let h = number(b, 1..<3), h <= 24, b[3] == UInt8(ascii: ":"),
            let m = number(b, 4..<6), m < 60
        else { return false }
        var i = 6
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = number(b, (i + 1)..<(i + 3)), s <= 60 else { return false }
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                if i == start { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count == i + 6,
            number(b, (i + 1)..<(i + 3)) != nil, b[i + 3] == UInt8(ascii: ":"), number(b, (i + 4)..<(i + 6)) != nil
        else { return false }
        return true
    }

    /// An XML Schema duration: `P`, then numbers with Y, M, D, and after `T` with H, M, S; at least one part.
    private static func isDuration(_ b: [UInt8]) -> Bool {
        guard b.first == UInt8(ascii: "P"), b.count > 1 else { return false }
        var inTime = false
        var digits = 0
        var parts = 0
        for c in b.dropFirst() {
            if c >= 48 && c <= 57 || c == UInt8(ascii: ".") {
                digits += 1
            } else if c == UInt8(ascii: "T"), !inTime, digits == 0 {
                inTime = true
            } else if digits > 0, (inTime ? "HMS" : "YMWD").utf8.contains(c) {
                digits = 0
                parts += 1
            } else {
                return false
            }
        }
        return digits == 0 && parts > 0
    }
}
