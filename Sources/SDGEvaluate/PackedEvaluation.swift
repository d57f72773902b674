/// Many evaluations packed into one array: a block of series evaluated together keeps one allocation instead of one
/// per series (an array's header and the allocator's rounding were a tenth of a packed evaluation's size).
package struct PackedEvaluations: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []

    package init() {}

    package var count: Int { starts.count }

    package mutating func append(_ evaluation: SeriesEvaluation) {
        starts.append(Int32(bytes.count))
        PackedEvaluation.append(evaluation, to: &bytes)
    }

    /// Drops the spare room of the arrays once the block is complete.
    package mutating func trim() {
        bytes = bytes.withUnsafeBufferPointer { Array($0) }
        starts = starts.withUnsafeBufferPointer { Array($0) }
    }

    package subscript(i: Int) -> SeriesEvaluation {
        bytes.withUnsafeBufferPointer { PackedEvaluation.unpack($0, at: Int(starts[i])) }
    }
}

/// A `SeriesEvaluation` packed into bytes, unpacked exactly (every optional, number and text comes back as it was).
///
/// Why: a pipeline keeps every series' evaluation until its tables are written, and as structs one took 2.1 KB
/// (optionals padded to 16 bytes, nil before/after and ITS estimates reserving their room, a heap array per list):
/// a 12 M-observation network held ~1 GB of them (bench/run). Packed, one takes ~0.4 KB: a present number is a
/// byte and its 8 bytes, an absent one a byte, the usual texts (status codes, segment and class names) one byte.
package struct PackedEvaluation: Sendable {
    private let bytes: [UInt8]

    package init(_ evaluation: SeriesEvaluation) {
        var w = Writer()
        w.put(evaluation)
        // Copied to its exact size: the writer's array has grown by doubling.
        bytes = w.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// The evaluation, unpacked.
    package var evaluation: SeriesEvaluation {
        bytes.withUnsafeBufferPointer { buffer in
            var r = Reader(bytes: buffer)
            return r.evaluation()
        }
    }

    /// Packs into the end of `bytes` (`PackedEvaluations` keeps many in one array).
    static func append(_ evaluation: SeriesEvaluation, to bytes: inout [UInt8]) {
        var w = Writer(bytes: bytes)
        bytes = []
        w.put(evaluation)
        bytes = w.bytes
    }

    static func unpack(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> SeriesEvaluation {
        var r = Reader(bytes: bytes, at: offset)
        return r.evaluation()
    }

    /// Texts the evaluators write over and over, each packed as its index (below 128).
    static let commonTexts: [String] = [
        "", "ok", "overall", "pre", "post", "whole", "short_term", "long_term", "too_few_points", "zero_variance",
        "too_few_clusters", "target_already_met", "sign_change", "no_target", "no_direction", "collinear",
        "cagr_base_not_positive", "not_available", "on_track", "target_met", "target_achieved", "decreasing",
        "deterioration", "insufficient_progress", "limited_progress", "moderate_movement_away", "moderate_progress",
        "moderately_improving", "movement_away", "significant_movement_away", "significant_progress", "stagnating",
        "substantial_progress",
    ]
    static let commonIndex: [String: UInt8] = Dictionary(
        commonTexts.enumerated().map { ($1, UInt8($0)) }, uniquingKeysWith: { a, _ in a })

    fileprivate struct Writer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(512) }
        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func put(_ n: Int) {
            // Zigzag, then 7 bits a byte: counts are small.
            var z = UInt64(bitPattern: Int64((n << 1) ^ (n >> 63)))
            while z >= 0x80 {
                bytes.append(UInt8(z & 0x7F) | 0x80)
                z >>= 7
            }
            bytes.append(UInt8(z))
        }

        mutating func put(_ x: Double?) {
            guard let x else { return bytes.append(0) }
            bytes.append(1)
            withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func put(_ n: Int?) {
            guard let n else { return bytes.append(0) }
            bytes.append(1)
            put(n)
        }

        mutating func put(_ text: String) {
            if let i = PackedEvaluation.commonIndex[text] { return bytes.append(i) }
            bytes.append(0x80)
            put(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func put(_ text: String?) {
            guard let text else { return bytes.append(0) }
            bytes.append(1)
            put(text)
        }

        mutating func put(_ s: EstimateStatus) {
            put(s.code)
            put(s.reason)
        }

        mutating func put<R: EstimateRecord>(_ record: R) {
            var r = record
            r.visitFields(&self)
        }

        mutating func put(_ e: SeriesEvaluation) {
            put(e.n)
            put(e.firstTime)
            put(e.lastTime)
            if let b = e.beforeAfter {
                bytes.append(1)
                put(b)
            } else {
                bytes.append(0)
            }
            put(e.trends.count)
            for t in e.trends {
                put(t.segment)
                put(t.ols)
                put(t.mannKendall)
                put(t.sen)
            }
            if let i = e.its {
                bytes.append(1)
                put(i)
            } else {
                bytes.append(0)
            }
            put(e.growth.count)
            for g in e.growth { put(g) }
            put(e.progress.eurostat)
            put(e.progress.openSDG)
            put(e.progress.sdsn)
            put(e.progress.oecd)
        }
    }

    fileprivate struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func byte() -> UInt8 {
            defer { at += 1 }
            return bytes[at]
        }

        mutating func int() -> Int {
            var z: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = byte()
                z |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
        }

        mutating func double() -> Double? {
            guard byte() == 1 else { return nil }
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            return Double(bitPattern: bits)
        }

        mutating func optionalInt() -> Int? { byte() == 1 ? int() : nil }

        mutating func text() -> String {
            let b = byte()
            if b < 0x80 { return PackedEvaluation.commonTexts[Int(b)] }
            let n = int()
            defer { at += n }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
        }

        mutating func optionalText() -> String? { byte() == 1 ? text() : nil }

        mutating func status() -> EstimateStatus { EstimateStatus(code: text(), reason: text()) }

        mutating func record<R: EstimateRecord>() -> R {
            var r = R.blank
            r.visitFields(&self)
            return r
        }

        mutating func evaluation() -> SeriesEvaluation {
            let n = int()
            let first = double()
            let last = double()
            let beforeAfter: BeforeAfterEstimate? = byte() == 1 ? record() : nil
            let trends = (0..<int()).map { _ in
                TrendSegment(segment: text(), ols: record(), mannKendall: record(), sen: record())
            }
            let its: InterruptedTimeSeriesEstimate? = byte() == 1 ? record() : nil
            let growth: [GrowthRateEstimate] = (0..<int()).map { _ in record() }
            let progress = ProgressAssessment(eurostat: record(), openSDG: record(), sdsn: record(), oecd: record())
            return SeriesEvaluation(
                n: n, firstTime: first, lastTime: last, beforeAfter: beforeAfter, trends: trends, its: its,
                growth: growth, progress: progress)
        }
    }
}

extension PackedEvaluation.Writer: EstimateFieldVisitor {
    mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse) { put(value) }
    mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse) { put(value) }
    mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse) { put(value) }
    mutating func text(_ name: String, _ value: inout String, _ use: FieldUse) { put(value) }
    mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse) { put(value) }
    mutating func status(_ value: inout EstimateStatus, reason: FieldUse) { put(value) }
}

extension PackedEvaluation.Reader: EstimateFieldVisitor {
    mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse) { value = int() }
    mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse) { value = optionalInt() }
    mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse) { value = double() }
    mutating func text(_ name: String, _ value: inout String, _ use: FieldUse) { value = text() }
    mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse) { value = optionalText() }
    mutating func status(_ value: inout EstimateStatus, reason: FieldUse) { value = status() }
}
