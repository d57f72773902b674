import CSystemZlib

/// The pages of a column chunk: definition levels (every column is optional) and values, as Parquet's v1 data page
/// lays them out, after a dictionary page for text.
extension ParquetFileWriter {
    /// Text: dictionary-encoded while the chunk has at most 65,536 distinct values in at most 1 MiB (a code or a
    /// label repeats on every row of a network's table), `PLAIN` otherwise.
    func textChunk(_ values: [String?], at offset: Int64, into out: inout [UInt8]) -> Chunk {
        var chunk = Chunk(
            type: 6, encodings: [], values: 0, uncompressed: 0, compressed: 0, dataOffset: offset,
            dictionaryOffset: nil, nulls: Int64(values.count { $0 == nil }), min: nil, max: nil)
        var index: [String: UInt32] = [:]
        var dictionary: [UInt8] = []
        var codes: [UInt32] = []
        codes.reserveCapacity(values.count)
        var fits = true
        // Rows in key order repeat a cell's text from the row before (the pipeline, the indicator, the unit, the
        // file): compared first, it spares most of the hashing.
        var last: (text: String, code: UInt32)?
        for case let v? in values {
            if let last, last.text == v {
                codes.append(last.code)
                continue
            }
            if let code = index[v] {
                codes.append(code)
                last = (v, code)
            } else if index.count < 65_536 && dictionary.count < 1 << 20 {
                let code = UInt32(index.count)
                index[v] = code
                Self.appendPlain(v, to: &dictionary)
                codes.append(code)
                last = (v, code)
            } else {
                fits = false
                break
            }
        }
        // The statistics from the distinct values when the dictionary has them all, from every value otherwise.
        var minimum: String?
        var maximum: String?
        func consider(_ v: String) {
            if minimum.map({ Self.bytesPrecede(v, $0) }) ?? true { minimum = v }
            if maximum.map({ Self.bytesPrecede($0, v) }) ?? true { maximum = v }
        }
        if fits {
            for v in index.keys { consider(v) }
        } else {
            for case let v? in values { consider(v) }
        }
        chunk.min = minimum.map { Array($0.utf8) }
        chunk.max = maximum.map { Array($0.utf8) }
        let levels = Self.definitionLevels(values.map { $0 != nil })
        let start = out.count
        if fits {
            chunk.dictionaryOffset = offset
            let (u, c) = page(data: dictionary, count: index.count, dictionary: true, into: &out)
            chunk.dataOffset = offset + Int64(out.count - start)
            let width = max(1, UInt32.bitWidth - UInt32(max(index.count - 1, 0)).leadingZeroBitCount)
            let body = levels + [UInt8(width)] + Self.rleHybrid(codes, bitWidth: width)
            let (u2, c2) = page(data: body, count: values.count, encoding: 8, into: &out)
            chunk.uncompressed = u + u2
            chunk.compressed = c + c2
            chunk.encodings = [0, 3, 8]
        } else {
            var plain: [UInt8] = []
            for case let v? in values { Self.appendPlain(v, to: &plain) }
            (chunk.uncompressed, chunk.compressed) = page(
                data: levels + plain, count: values.count, encoding: 0, into: &out)
            chunk.encodings = [0, 3]
        }
        return chunk
    }

    func numberChunk(_ values: [Double?], at offset: Int64, into out: inout [UInt8]) -> Chunk {
        var plain: [UInt8] = []
        plain.reserveCapacity(values.count * 8)
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for case let v? in values {
            withUnsafeBytes(of: v.bitPattern.littleEndian) { plain += $0 }
            if !v.isNaN {
                minimum = Swift.min(minimum, v)
                maximum = Swift.max(maximum, v)
            }
        }
        let levels = Self.definitionLevels(values.map { $0 != nil })
        let (u, c) = page(data: levels + plain, count: values.count, encoding: 0, into: &out)
        let found = minimum <= maximum
        return Chunk(
            type: 5, encodings: [0, 3], values: 0, uncompressed: u, compressed: c, dataOffset: offset,
            dictionaryOffset: nil, nulls: Int64(values.count { $0 == nil }),
            min: found ? withUnsafeBytes(of: minimum.bitPattern.littleEndian, Array.init) : nil,
            max: found ? withUnsafeBytes(of: maximum.bitPattern.littleEndian, Array.init) : nil)
    }

    func integerChunk(_ values: [Int64?], at offset: Int64, into out: inout [UInt8]) -> Chunk {
        var plain: [UInt8] = []
        plain.reserveCapacity(values.count * 8)
        for case let v? in values { withUnsafeBytes(of: v.littleEndian) { plain += $0 } }
        let present = values.compactMap { $0 }
        let levels = Self.definitionLevels(values.map { $0 != nil })
        let (u, c) = page(data: levels + plain, count: values.count, encoding: 0, into: &out)
        return Chunk(
            type: 2, encodings: [0, 3], values: 0, uncompressed: u, compressed: c, dataOffset: offset,
            dictionaryOffset: nil, nulls: Int64(values.count - present.count),
            min: present.min().map { withUnsafeBytes(of: $0.littleEndian, Array.init) },
            max: present.max().map { withUnsafeBytes(of: $0.littleEndian, Array.init) })
    }

    /// A page: its header, then its body GZIP-compressed. A data page (v1) of `count` values in `encoding` (its
    /// levels RLE), or the dictionary page (`dictionary`, `PLAIN`). Returns its uncompressed and compressed sizes,
    /// header included, as the column chunk's metadata counts them.
    func page(
        data body: [UInt8], count: Int, encoding: Int32 = 0, dictionary: Bool = false, into out: inout [UInt8]
    ) -> (Int64, Int64) {
        let stored = Self.gzip(body)
        var header = ThriftCompactWriter()
        header.i32(1, dictionary ? 2 : 0)  // DICTIONARY_PAGE or DATA_PAGE
        header.i32(2, Int32(body.count))
        header.i32(3, Int32(stored.count))
        header.begin(dictionary ? 7 : 5)
        header.i32(1, Int32(count))
        header.i32(2, encoding)
        if !dictionary {
            header.i32(3, 3)  // definition levels: RLE
            header.i32(4, 3)  // repetition levels: RLE (none in a flat schema)
        }
        header.end()
        header.end()
        out += header.bytes
        out += stored
        return (Int64(header.bytes.count + body.count), Int64(header.bytes.count + stored.count))
    }

    /// Text compared as UTF-8 bytes, the order Parquet's statistics of a `STRING` column use.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// `PLAIN` text: its byte length (4 bytes, little-endian), then its bytes.
    static func appendPlain(_ s: String, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(s.utf8.count).littleEndian) { out += $0 }
        out += s.utf8
    }

    /// Definition levels of an optional column (1 present, 0 null): their byte length, then the RLE/bit-packed
    /// hybrid of width 1.
    static func definitionLevels(_ present: [Bool]) -> [UInt8] {
        let encoded = rleHybrid(present.map { $0 ? 1 : 0 }, bitWidth: 1)
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { out += $0 }
        return out + encoded
    }

    /// The RLE/bit-packed hybrid: runs of 8 or more equal values as a run (length, value), the rest bit-packed in
    /// groups of 8 (padded with zeros at the end; readers stop at the page's value count).
    static func rleHybrid(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        var literals: [UInt32] = []
        func varint(_ value: Int) {
            var v = UInt64(value)
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }
        func flushLiterals() {
            guard !literals.isEmpty else { return }
            while literals.count % 8 != 0 { literals.append(0) }
            varint((literals.count / 8) << 1 | 1)
            var accumulator: UInt64 = 0
            var bits = 0
            for v in literals {
                accumulator |= UInt64(v) << bits
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(accumulator & 0xFF))
                    accumulator >>= 8
                    bits -= 8
                }
            }
            literals.removeAll(keepingCapacity: true)
        }
        let valueBytes = (bitWidth + 7) / 8
        var i = 0
        while i < values.count {
            var run = 1
            while i + run < values.count && values[i + run] == values[i] { run += 1 }
            if run >= 8 {
                // Literals end on a group of 8: take the run's first values to fill it.
                let fill = (8 - literals.count % 8) % 8
                if fill > 0 {
                    literals += repeatElement(values[i], count: Swift.min(fill, run))
                    i += Swift.min(fill, run)
                    run -= Swift.min(fill, run)
                }
                flushLiterals()
                if run >= 8 {
                    varint(run << 1)
                    for b in 0..<valueBytes { out.append(UInt8((values[i] >> (8 * b)) & 0xFF)) }
                    i += run
                } else {
                    literals += repeatElement(values[i], count: run)
                    i += run
                }
            } else {
                literals += values[i..<(i + run)]
                i += run
            }
        }
        flushLiterals()
        return out
    }

    /// GZIP (RFC 1952) through the system zlib, at level 1: most of what level 6 saves on these tables' dictionary
    /// codes and repeated numbers, at a fraction of its time.
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else { preconditionFailure("zlib: deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib: deflate did not finish (\(status))")
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }
}
