/// How messages quote what a file held: a cell can be a megabyte long (an unterminated quote swallows the rest of a
/// file) or hold control bytes (a NUL, an escape sequence) that a terminal or a log viewer would act on.
public enum CellText {
    /// `text` between single quotes, control characters written as `\u{0}`, cut after `limit` characters with the
    /// length said.
    public static func quoted(_ text: some StringProtocol, limit: Int = 200) -> String {
        var result = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "…' (\(text.count) characters)"
                return result
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result + "'"
    }

    /// `Double(text)`, except that any byte left after the number (a NUL included, where `Double(_:)` would stop
    /// reading, so that `12<NUL>abc` became 12) makes it not a number.
    public static func number(_ text: some StringProtocol) -> Double? {
        if text.utf8.contains(0) { return nil }
        return Double(text)
    }
}
