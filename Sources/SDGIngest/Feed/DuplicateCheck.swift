import SDGCore

/// Finds duplicate observations (same series key and period) while a source streams, in memory that grows with the
/// number of series, not observations.
///
/// Each series keeps a bitmap of the periods it has had (`PeriodSet`, a bit per year of an annual series) under its
/// 128-bit fingerprint; only the series being read keeps each period's line, so that a duplicate within it (the usual
/// case: rows pasted twice) names the first occurrence's line. Keeping 16 bytes per observation for every series grew
/// `sdgpipe inspect` to 387 MiB on a 318 MB file.
struct DuplicateCheck {
    private struct Seen {
        var start: Double
        var line: Int32
        var frequency: Period.Frequency
    }

    /// Finished series in 256 tables chosen by the fingerprint's top byte, 24 bytes an entry: a table that grows
    /// exists twice for a moment, and one table of 627,000 series (a 1 GB structure-specific file) peaked at 63 MB.
    private var finished = [[SeriesFingerprint: PeriodSet.Stored]](repeating: [:], count: 256)
    /// The few series whose periods do not fit in `PeriodSet.Stored`.
    private var spilled: [SeriesFingerprint: PeriodSet] = [:]

    /// How many distinct series have been met.
    var seriesCount: Int { finished.reduce(0) { $0 + $1.count } + (currentKey == nil ? 0 : 1) }
    private var currentKey: SeriesKey?
    private var currentFingerprint: SeriesFingerprint?
    private var periods = PeriodSet()
    private var block: [Seen] = []
    /// The first series met, by key, for `SplitSeriesCheck`: a few thousand keys tell which dimension splits what
    /// should be one series, whatever the file's length.
    private(set) var sample: [(key: SeriesKey, fingerprint: SeriesFingerprint)] = []
    static let sampleSize = 20_000

    enum Verdict: Equatable {
        case new
        /// A duplicate of the row at `line` (in the rows of this series read without interruption).
        case duplicateOfLine(Int)
        /// A duplicate of a row read before the series was interrupted by another one; its line is not kept.
        case duplicateOfEarlierRow
    }

    /// Records the observation's period for its series; says whether it was there already.
    mutating func check(key: SeriesKey, period: Period, line: Int) -> Verdict {
        enter(key)
        return check(period: period, line: line)
    }

    /// Makes `key` the series that `check(period:line:)` records periods for.
    mutating func enter(_ key: SeriesKey) {
        guard key != currentKey else { return }
        if let currentFingerprint {
            if let stored = periods.stored {
                finished[Self.table(currentFingerprint)][currentFingerprint] = stored
            } else {
                finished[Self.table(currentFingerprint)][currentFingerprint] = .spilled
                spilled[currentFingerprint] = periods
            }
        }
        let fingerprint = key.fingerprint
        switch finished[Self.table(fingerprint)].removeValue(forKey: fingerprint) {
        case nil:
            periods = PeriodSet()
            if sample.count < Self.sampleSize { sample.append((key, fingerprint)) }
        case let stored? where stored.isSpilled: periods = spilled.removeValue(forKey: fingerprint)!
        case let stored?: periods = PeriodSet(stored)
        }
        let previous = block.count
        block = []
        block.reserveCapacity(previous)
        currentKey = key
        currentFingerprint = fingerprint
    }

    /// Records the period for the series last entered; says whether it was there already.
    mutating func check(period: Period, line: Int) -> Verdict {
        check(start: period.start, frequency: period.frequency, line: line)
    }

    /// `check(period:line:)` by the period's start and frequency (a `Period` carries its label along).
    mutating func check(start: Double, frequency: Period.Frequency, line: Int) -> Verdict {
        // Rows usually come in period order: a later period is appended after one comparison.
        var insertAt = block.count
        if let last = block.last, !(last.start < start) {
            var low = 0
            var high = block.count
            while low < high {
                let mid = (low + high) / 2
                if block[mid].start < start { low = mid + 1 } else { high = mid }
            }
            var i = low
            while i < block.count, block[i].start == start {
                if block[i].frequency == frequency { return .duplicateOfLine(Int(block[i].line)) }
                i += 1
            }
            insertAt = low
        }
        guard periods.insert(start: start, frequency: frequency) else { return .duplicateOfEarlierRow }
        let seen = Seen(start: start, line: Int32(clamping: line), frequency: frequency)
        if insertAt == block.count { block.append(seen) } else { block.insert(seen, at: insertAt) }
        return .new
    }

    private static func table(_ fingerprint: SeriesFingerprint) -> Int { Int(fingerprint.high >> 56) }

    /// Series with exactly one period, over all series met.
    var singlePeriodSeries: Int {
        finished.reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1.singlePeriod == nil ? 0 : 1) } }
            + (currentFingerprint != nil && periods.stored?.singlePeriod != nil ? 1 : 0)
    }

    /// The sampled series that have exactly one period, each with that period's number (`PeriodSet.number`) and
    /// frequency.
    var singlePeriodSample: [(key: SeriesKey, period: Int, frequency: Period.Frequency)] {
        sample.compactMap { entry in
            let stored =
                entry.fingerprint == currentFingerprint
                ? periods.stored
                : finished[Self.table(entry.fingerprint)][
                    entry.fingerprint]
            guard let single = stored?.singlePeriod else { return nil }
            return (entry.key, single.number, single.frequency)
        }
    }
}

/// A set of periods as bitmaps of period numbers (years, quarters, months, … since year 0), one per frequency met.
/// The usual series — one frequency, periods within 32 consecutive ones (32 years of an annual series) — is kept by a
/// finished series in 8 bytes (`Stored`): 627,000 series of a 1 GB structure-specific file then take 27 MB with their
/// fingerprints; a dictionary of arrays took 110 MB.
struct PeriodSet {
    private struct Bitmap {
        let frequency: Period.Frequency
        /// The number of the period of bit 0 of `words[0]`; a multiple of 64.
        var base: Int
        var words: [UInt64]

        /// The bits of `word` from period `from` on, realigned.
        init(frequency: Period.Frequency, from: Int, word: UInt64) {
            self.frequency = frequency
            base = PeriodSet.floor64(from)
            let shift = UInt64(from - base)
            words = shift == 0 ? [word] : [word << shift, word >> (64 - shift)]
        }

        mutating func insert(_ n: Int) -> Bool {
            if n < base {
                let grow = (base - PeriodSet.floor64(n)) / 64
                words.insert(contentsOf: repeatElement(0, count: grow), at: 0)
                base -= grow * 64
            }
            let offset = n - base
            let word = offset / 64
            if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
            let bit = UInt64(1) << UInt64(offset % 64)
            if words[word] & bit != 0 { return false }
            words[word] |= bit
            return true
        }
    }

    /// The inline bitmap: 64 periods from `base` at `frequency` (nil while empty).
    private var word: UInt64 = 0
    private var base = 0
    private var frequency: Period.Frequency?
    /// Every bitmap once the inline one does not do (another frequency, or periods further apart).
    private var bitmaps: [Bitmap]?

    /// A set as a finished series keeps it, in 8 bytes: 32 bits of bitmap, its first period's number (24 bits), the
    /// frequency (4 bits); or a mark that the set is kept whole elsewhere.
    struct Stored {
        fileprivate let bits: UInt64
        var isSpilled: Bool { bits >> 63 != 0 }
        static let spilled = Stored(bits: 1 << 63)
        fileprivate static let frequencies = Period.Frequency.allCases
        fileprivate static let baseBias = 1 << 23

        /// The one period of a set that holds exactly one.
        var singlePeriod: (number: Int, frequency: Period.Frequency)? {
            guard !isSpilled, (bits & 0xFFFF_FFFF).nonzeroBitCount == 1 else { return nil }
            let f = Int(bits >> 56) & 0xF
            guard f > 0 else { return nil }
            return (Int((bits >> 32) & 0xFF_FFFF) - Self.baseBias, Self.frequencies[f - 1])
        }
    }

    init() {}

    init(_ stored: Stored) {
        word = stored.bits & 0xFFFF_FFFF
        base = Int((stored.bits >> 32) & 0xFF_FFFF) - Stored.baseBias
        let f = Int(stored.bits >> 56) & 0xF
        frequency = f == 0 ? nil : Stored.frequencies[f - 1]
    }

    /// The set in 8 bytes, when it is one bitmap whose periods lie within 32 consecutive ones.
    var stored: Stored? {
        guard bitmaps == nil else { return nil }
        guard let frequency, word != 0 else { return Stored(bits: 0) }
        let low = word.trailingZeroBitCount
        let high = 63 - word.leadingZeroBitCount
        let first = base + low
        guard high - low < 32, first + Stored.baseBias >= 0, first + Stored.baseBias < 1 << 24 else { return nil }
        let f = UInt64(Stored.frequencies.firstIndex(of: frequency)! + 1)
        return Stored(bits: (word >> UInt64(low)) | UInt64(first + Stored.baseBias) << 32 | f << 56)
    }

    /// Adds the period; false when it was there already.
    mutating func insert(_ period: Period) -> Bool {
        insert(start: period.start, frequency: period.frequency)
    }

    mutating func insert(start: Double, frequency periodFrequency: Period.Frequency) -> Bool {
        let n = Self.number(start: start, frequency: periodFrequency)
        if bitmaps == nil {
            guard let frequency else {
                // A little room before the first period: rows in nearly ascending order stay inline.
                frequency = periodFrequency
                base = n - 4
                word = 1 << 4
                return true
            }
            let offset = n - base
            if frequency == periodFrequency, offset >= 0, offset < 64 {
                let bit = UInt64(1) << UInt64(offset)
                if word & bit != 0 { return false }
                word |= bit
                return true
            }
            bitmaps = [Bitmap(frequency: frequency, from: base, word: word)]
        }
        let index =
            bitmaps!.firstIndex { $0.frequency == periodFrequency }
            ?? {
                bitmaps!.append(Bitmap(frequency: periodFrequency, from: Self.floor64(n), word: 0))
                return bitmaps!.count - 1
            }()
        return bitmaps![index].insert(n)
    }

    fileprivate static func floor64(_ n: Int) -> Int { n & ~63 }

    /// Consecutive periods of a frequency have consecutive numbers (weeks and days may skip numbers at year ends:
    /// only distinctness matters).
    static func number(_ p: Period) -> Int { number(start: p.start, frequency: p.frequency) }

    static func number(start: Double, frequency: Period.Frequency) -> Int {
        let year = start.rounded(.down)
        switch frequency {
        case .annual, .schoolYear: return Int(year)
        case .halfYear: return Int((start * 2).rounded())
        case .quarterly: return Int((start * 4).rounded())
        case .monthly: return Int((start * 12).rounded())
        case .weekly: return Int(year) * 54 + Int(((start - year) * 365.25 / 7).rounded())
        case .daily: return Int(year) * 367 + Int(((start - year) * 366).rounded())
        }
    }
}
