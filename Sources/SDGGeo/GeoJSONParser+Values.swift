import Foundation

/// The JSON values around the coordinates: objects walked key by key, arrays element by element, scalars as text,
/// anything unneeded skipped without being built.
extension GeoJSONParser {
    mutating func object(_ member: (inout GeoJSONParser, String) throws(GeoError) -> Void) throws(GeoError) {
        try expect(UInt8(ascii: "{"), "{")
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw fail("at most \(Self.maxDepth) nested objects and arrays") }
        var first = true
        while peek() != UInt8(ascii: "}") {
            if !first { try expect(UInt8(ascii: ","), ", or } in an object") }
            first = false
            guard peek() == UInt8(ascii: "\"") else { throw fail("a \"key\" in an object") }
            let key = try string()
            try expect(UInt8(ascii: ":"), ": after a key")
            try member(&self, key)
        }
        i += 1
    }

    mutating func array(_ element: (inout GeoJSONParser) throws(GeoError) -> Void) throws(GeoError) {
        try expect(UInt8(ascii: "["), "[")
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw fail("at most \(Self.maxDepth) nested objects and arrays") }
        var first = true
        while peek() != UInt8(ascii: "]") {
            if !first { try expect(UInt8(ascii: ","), ", or ] in an array") }
            first = false
            try element(&self)
        }
        i += 1
    }

    /// A string's text, a number's literal (`0363` stays `0363` only as a string; the number 363 reads "363"), or
    /// true/false; nil for null and for objects and arrays (skipped).
    mutating func scalarText() throws(GeoError) -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue()
            return nil
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        case UInt8(ascii: "t"):
            try literal("true")
            return "true"
        case UInt8(ascii: "f"):
            try literal("false")
            return "false"
        default:
            let start = i
            _ = try number()
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
    }

    mutating func skipValue() throws(GeoError) {
        switch peek() {
        case UInt8(ascii: "{"): try object { (parser, _) throws(GeoError) in try parser.skipValue() }
        case UInt8(ascii: "["): try array { (parser) throws(GeoError) in try parser.skipValue() }
        default: _ = try scalarText()
        }
    }

    mutating func literal(_ word: String) throws(GeoError) {
        for byte in word.utf8 {
            guard i < bytes.count, bytes[i] == byte else { throw fail(word) }
            i += 1
        }
    }

    mutating func number() throws(GeoError) -> Double {
        _ = peek()
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            guard
                (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            else { break }
            i += 1
        }
        guard i > start,
            let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        else {
            i = start
            throw fail("a number")
        }
        return value
    }

    mutating func string() throws(GeoError) -> String {
        try expect(UInt8(ascii: "\""), "\"")
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                continue
            }
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                    bytes[i + 1] == UInt8(ascii: "u")
                {
                    i += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e)
            }
        }
        throw fail("the end of a string (\")")
    }

    private mutating func hex4() throws(GeoError) -> UInt32 {
        guard i + 4 <= bytes.count,
            let value = UInt32(
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + 4)]), as: UTF8.self), radix: 16)
        else { throw fail("four hexadecimal digits after \\u") }
        i += 4
        return value
    }
}
