import SDGCore

/// The periods a CSV file's rows name, each label read once: a row's period is found by the cell's bytes (known
/// labels) or by its trimmed text, and handed on as a number into its batch's own period list.
///
/// The period cell changes every row of a long file but cycles through a few labels; decoding, trimming and hashing
/// it per row was 5% of reading one, a dictionary lookup by packed bytes another 5% (`perf`), hence the 256
/// direct-mapped slots (a clash only means a dictionary lookup).
struct CSVPeriodTable {
    /// Every period met, by number.
    private var periods: [Period] = []
    private var byLabel: [String: Int32] = [:]
    private var slotKeys = [UInt64](repeating: 0, count: 256)
    private var slotNumbers = [Int32](repeating: -1, count: 256)
    /// For each period, the batch that last listed it and its place in that batch's list.
    private var listedIn: [Int] = []
    private var placeInBatch: [Int32] = []

    /// Up to 7 printable ASCII bytes (no space) and their count in one word; `nil` for anything else, which takes
    /// the path through the cell's text (trimming, encoding checks).
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
        var word = UInt64(bytes.count) << 56
        for (i, b) in bytes.enumerated() {
            guard b > 0x20, b < 0x7F else { return nil }
            word |= UInt64(b) << (8 * UInt64(i))
        }
        return word
    }

    private static func slot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    /// The number of the period whose label has these packed bytes, if it was met before.
    func known(_ packed: UInt64) -> Int32? {
        let i = Self.slot(packed)
        let n = slotNumbers[i]
        return n >= 0 && slotKeys[i] == packed ? n : nil
    }

    /// The number of the period labelled `label` (read with `parse` the first time); `nil` when it cannot be read.
    /// `packed` is the cell's packed bytes when it has them, remembered for `known`.
    mutating func number(label: String, packed: UInt64?, parse: (String) -> Period?) -> Int32? {
        let n: Int32
        if let known = byLabel[label] {
            n = known
        } else {
            guard let period = parse(label) else { return nil }
            n = add(period)
            byLabel[label] = n
        }
        if let packed {
            let i = Self.slot(packed)
            (slotKeys[i], slotNumbers[i]) = (packed, n)
        }
        return n
    }

    /// Numbers a period that is not found by label (a wide file's period columns).
    mutating func add(_ period: Period) -> Int32 {
        periods.append(period)
        listedIn.append(-1)
        placeInBatch.append(0)
        return Int32(periods.count - 1)
    }

    /// Period `n`'s place in `batch`'s period list (numbered `batchNumber`), listing it there the first time.
    mutating func place(_ n: Int32, in batch: inout ObservationBatch, batchNumber: Int) -> Int32 {
        let i = Int(n)
        if listedIn[i] != batchNumber {
            listedIn[i] = batchNumber
            placeInBatch[i] = Int32(batch.periods.count)
            batch.periods.append(periods[i])
        }
        return placeInBatch[i]
    }
}
