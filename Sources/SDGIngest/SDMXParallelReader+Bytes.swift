import SDGSystem

/// The byte work of `SDMXParallelReader` before any parsing: reading a piece, counting its line feeds, finding where
/// the message may be cut, and passing over blocks with nothing a piece's survey looks for.
extension SDMXParallelReader {
    /// Line feeds in `bytes`, 32 bytes at a time: each lane of a vector counts the line feeds at its position (a
    /// comparison's lane is all ones, -1, where it holds), for up to 255 vectors before the lanes are summed. A byte
    /// loop took a second per gigabyte on the scanning thread; eight bytes at a time, 22 ms per 100 MB, 4% of reading
    /// a generic message (`perf`); this, 4.3 ms. (`replacing(with:where:)` in place of the subtraction ran lane by
    /// lane: 820 ms.)
    static func newlines(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBytes { b -> Int in
            typealias Vector = SIMD32<UInt8>
            let width = Vector.scalarCount
            let vectors = b.count / width
            let feed = Vector(repeating: 0x0A)
            var n = 0
            var v = 0
            while v < vectors {
                let end = min(vectors, v + 255)
                var lanes = Vector(repeating: 0)
                while v < end {
                    let chunk = b.loadUnaligned(fromByteOffset: v * width, as: Vector.self)
                    lanes &-= unsafeBitCast(chunk .== feed, to: Vector.self)
                    v += 1
                }
                n += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
            for i in (vectors * width)..<b.count where b[i] == 0x0A { n += 1 }
            return n
        }
    }

    /// `count` bytes from `offset` (fewer at the end of the file), read into a buffer that is not zeroed first.
    static func bytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n <= 0 { break }
                done += n
            }
            initialized = done
        }
    }

    /// What the header says about where the message may be cut.
    struct Layout {
        /// Everything before the first data set's start tag (XML declaration, root start tag, header).
        let header: [UInt8]
        let dataSetOpen: [UInt8], seriesOpen: [UInt8], groupOpen: [UInt8]
        /// `</DataSet></Root>` with their prefixes.
        let closing: [UInt8]

        init?(head: [UInt8]) {
            guard Self.find(Array("<!DOCTYPE".utf8), in: head[...]) == nil else { return nil }
            // The root: the first start tag after the prolog.
            var i = 0
            while let lt = head[i...].firstIndex(of: UInt8(ascii: "<")), lt + 1 < head.count {
                i = lt + 1
                if head[lt + 1] != UInt8(ascii: "?"), head[lt + 1] != UInt8(ascii: "!") { break }
            }
            guard let root = Self.name(head, at: i),
                ["GenericData", "GenericTimeSeriesData", "StructureSpecificData", "StructureSpecificTimeSeriesData"]
                    .contains(Self.local(root))
            else { return nil }
            // The first data set's start tag, then the first series' (their prefixes as written).
            guard let dataSet = Self.startTag(local: "DataSet", in: head, from: i),
                let series = Self.startTag(local: "Series", in: head, from: dataSet.end)
            else { return nil }
            header = Array(head[..<dataSet.start])
            dataSetOpen = Array("<\(dataSet.name)".utf8)
            seriesOpen = Array("<\(series.name)".utf8)
            let prefix = series.name.contains(":") ? String(series.name.split(separator: ":")[0]) + ":" : ""
            groupOpen = Array("<\(prefix)Group".utf8)
            closing = Array("</\(dataSet.name)></\(root)>".utf8)
        }

        static func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }

        /// The element name starting at `i` (up to white space, `>` or `/`).
        static func name(_ bytes: [UInt8], at i: Int) -> String? {
            var j = i
            while j < bytes.count, !isNameEnd(bytes[j]) { j += 1 }
            return j > i && j < bytes.count ? String(decoding: bytes[i..<j], as: UTF8.self) : nil
        }

        static func isNameEnd(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
        }

        /// The first start tag whose local name is `local`, from `i`: its name as written and where it starts and ends.
        static func startTag(local: String, in bytes: [UInt8], from i: Int) -> (name: String, start: Int, end: Int)? {
            var at = i
            while let lt = bytes[at...].firstIndex(of: UInt8(ascii: "<")) {
                at = lt + 1
                guard let name = self.name(bytes, at: lt + 1), Self.local(name) == local else { continue }
                guard let gt = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                return (name, lt, gt + 1)
            }
            return nil
        }

        /// The first occurrence of `needle` (`memchr` for its first byte, then `memcmp`; glibc's `memmem` is not
        /// in Swift's Glibc module).
        static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
            guard let first = needle.first else { return bytes.startIndex }
            return bytes.withUnsafeBytes { b -> Int? in
                needle.withUnsafeBytes { n -> Int? in
                    guard let base = b.baseAddress else { return nil }
                    var p = base
                    let last = base + b.count - n.count
                    while p <= last, let hit = memchr(p, Int32(first), last - p + 1) {
                        let at = UnsafeRawPointer(hit)
                        if memcmp(at, n.baseAddress!, n.count) == 0 { return bytes.startIndex + (at - base) }
                        p = at + 1
                    }
                    return nil
                }
            }
        }
    }

    /// Whether a `<` among the 32 bytes from `at` may start what `survey` looks for: `<!`, `<?`, or a `D` or `G`
    /// where a data set's or group's name would have it. Most blocks hold none and are passed over in a few vector
    /// instructions; a `memchr` for every `<` and a look at the bytes after it was 4% of reading a generic message
    /// (`perf`).
    enum Candidates {
        typealias Vector = SIMD32<UInt8>
        static let width = Vector.scalarCount

        @inline(__always) static func any(_ b: UnsafeRawBufferPointer, _ at: Int, dKey: Int, gKey: Int) -> Bool {
            let open = b.loadUnaligned(fromByteOffset: at, as: Vector.self)
            let next = b.loadUnaligned(fromByteOffset: at + 1, as: Vector.self)
            let d = b.loadUnaligned(fromByteOffset: at + dKey, as: Vector.self)
            let g = b.loadUnaligned(fromByteOffset: at + gKey, as: Vector.self)
            let hits =
                (open .== Vector(repeating: UInt8(ascii: "<")))
                .& ((next .== Vector(repeating: UInt8(ascii: "!")))
                    .| (next .== Vector(repeating: UInt8(ascii: "?")))
                    .| (d .== Vector(repeating: UInt8(ascii: "D"))) .| (g .== Vector(repeating: UInt8(ascii: "G"))))
            let words = unsafeBitCast(hits, to: SIMD4<UInt64>.self)
            return (words[0] | words[1] | words[2] | words[3]) != 0
        }
    }
}
