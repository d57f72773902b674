/// The Thrift compact protocol, as much of it as Parquet's page headers and file footer need: structs of i32, i64,
/// binary and nested structs, and lists of i32, binary and structs. Written by hand (no Thrift package is in the set
/// available to the build), checked by reading our files back with pyarrow, polars and DuckDB (`make parquet-check`).
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    /// The last field id written in each open struct: field headers carry the difference.
    private var lastField: [Int16] = [0]

    enum Kind: UInt8 {
        case i32 = 5
        case i64 = 6
        case binary = 8
        case list = 9
        case structure = 12
    }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    private mutating func field(_ id: Int16, _ kind: Kind) {
        let delta = id - lastField[lastField.count - 1]
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | kind.rawValue)
        } else {
            bytes.append(kind.rawValue)
            varint(Self.zigzag(Int64(id)))
        }
        lastField[lastField.count - 1] = id
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        field(id, .i32)
        varint(Self.zigzag(Int64(value)))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        field(id, .i64)
        varint(Self.zigzag(value))
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        field(id, .binary)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    /// A nested struct: its fields, then `end()`.
    mutating func begin(_ id: Int16) {
        field(id, .structure)
        lastField.append(0)
    }

    /// Ends a struct (nested, a list element, or the outermost).
    mutating func end() {
        bytes.append(0)
        if lastField.count > 1 { lastField.removeLast() }
    }

    mutating func list(_ id: Int16, of kind: Kind, count: Int) {
        field(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | kind.rawValue)
        } else {
            bytes.append(0xF0 | kind.rawValue)
            varint(UInt64(count))
        }
    }

    mutating func element(_ value: Int32) { varint(Self.zigzag(Int64(value))) }

    mutating func element(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes += Array(value.utf8)
    }

    /// A struct element of a list: its fields, then `end()`.
    mutating func beginElement() { lastField.append(0) }
}
