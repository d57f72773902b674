import SDGSystem

/// Strings for short byte sequences that repeat (SDMX codes, attribute ids, periods), each made once.
///
/// An SDMX message spells the same few hundred codes millions of times; making a `String` from each occurrence was a
/// large share of reading one (`perf` on bench/ingest). Lookup is an open-addressing table keyed by an FNV-1a hash of
/// the bytes, compared byte for byte on a hit; a full table, or a long text, falls back to a fresh `String`.
final class TextInterner {
    private struct Slot {
        var hash: UInt64 = 0
        var offset: Int = 0
        var length: Int = -1
        /// The first eight bytes, so that most texts (codes, periods) are compared without calling `memcmp`.
        var head: UInt64 = 0
    }

    @exclusivity(unchecked) private var slots: [Slot]
    @exclusivity(unchecked) private var strings: [String]
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var used = 0
    private let mask: Int
    private static let maximumLength = 48

    init(capacity: Int = 8192) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        strings = Array(repeating: "", count: size)
        mask = size - 1
    }

    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { interned(bytes).text }

    /// The text and the number of its slot (the same for the same bytes, for a caller's own cache of what the text
    /// stands for; `nil` when the text was not interned).
    func interned(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, slot: Int?) {
        guard bytes.count <= Self.maximumLength, used * 2 < slots.count else {
            return (String(decoding: bytes, as: UTF8.self), nil)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var head: UInt64 = 0
        for (k, b) in bytes.enumerated() {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
            if k < 8 { head |= UInt64(b) << (8 * UInt64(k)) }
        }
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.length < 0 { break }
            if slot.hash == hash, slot.length == bytes.count, slot.head == head,
                bytes.count <= 8
                    || arena.withUnsafeBufferPointer({ a in
                        memcmp(a.baseAddress! + slot.offset + 8, bytes.baseAddress! + 8, bytes.count - 8) == 0
                    })
            {
                return (strings[i], i)
            }
            i = (i + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        slots[i] = Slot(hash: hash, offset: arena.count, length: bytes.count, head: head)
        arena.append(contentsOf: bytes)
        strings[i] = text
        used += 1
        return (text, i)
    }

    /// Only the slot of `interned(bytes)`, without handing out its text.
    @inline(__always) func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? { interned(bytes).slot }

    func string(_ pointer: UnsafePointer<UInt8>) -> String {
        string(UnsafeBufferPointer(start: pointer, count: strlen(pointer)))
    }
}
