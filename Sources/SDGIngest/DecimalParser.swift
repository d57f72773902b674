/// Reads a plain decimal (`-12.345`, `7`, `0.5`) straight from a cell's bytes, without making a `String` of it.
///
/// Hand-written for speed (a `String` and `Double(_:)` per value was a fifth of reading a long CSV) and exact by
/// construction: it only answers when Clinger's fast path applies — at most 15 significant digits, so the digits are
/// an integer that a `Double` holds exactly, divided by an exactly representable power of ten, one correctly rounded
/// operation. Anything else (exponents, more digits, spaces, signs in odd places) returns `nil` and the caller falls back
/// to the standard library's correctly rounded parser, so both paths give bit-identical results.
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { acc, _ in acc * 10 } }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var fraction = 0
        var seenPoint = false
        while i < n {
            let b = bytes[i]
            if b &- UInt8(ascii: "0") < 10 {
                if significant > 0 || b != UInt8(ascii: "0") { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, significant <= 15, fraction <= 22 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }
}
