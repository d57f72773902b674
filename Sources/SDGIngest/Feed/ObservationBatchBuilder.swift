import SDGCore

/// Gathers observations into `ObservationBatch`es, so that every format reaches the ingest checks and the sinks in the
/// same shape: records handed on one by one (`add`), or rows whose key, attribute set and period the caller has
/// already numbered in the batch (`append`, the SDMX-ML readers', which keep those numbers per series and period
/// while `generation` stays the same). Series keys, attribute sets, periods and element names are numbered once per
/// batch; consecutive observations of a series share them, so the last one of each is tried before the batch's index.
public struct ObservationBatchBuilder {
    public static let capacity = 4096
    private let file: String
    private var batch: ObservationBatch
    private var keyIndex: [SeriesKey: Int32] = [:]
    private var attributeIndex: [ObservationAttributes: Int32] = [:]
    private var periodIndex: [Period.Spelling: Int32] = [:]
    /// Batch period numbers by a hash of the period's start (256 slots), tried before `periodIndex`.
    private var periodSlots = [Int32?](repeating: nil, count: 256)
    private var lastKey: (SeriesKey, Int32)?
    private var lastAttributes: (ObservationAttributes, Int32)?
    private var lastPeriod: (Period, Int32)?
    /// Bytes of the file read so far, carried by the next batch handed on.
    public var bytesRead = 0
    /// Counts the batches taken: the numbers `number` gave hold while it stays the same.
    public private(set) var generation = 0

    public init(file: String) {
        self.file = file
        batch = ObservationBatch(file: file)
        batch.reserve(Self.capacity)
    }

    /// Adds one record; returns the batch when it is full (a new one is then begun).
    public mutating func add(_ record: IngestRecord) -> ObservationBatch? {
        switch record {
        case .observation(let o):
            return append(
                key: number(o.key), attributes: number(o.attributes), period: number(o.period), value: o.value ?? .nan,
                line: o.location.line ?? 0, element: o.location.element)
        case .reject, .notice:
            batch.events.append((batch.count, record))
            return nil
        }
    }

    /// Adds a row whose key, attribute set and period were numbered in this generation; `value` is NaN when missing.
    /// Returns the batch when it is full.
    mutating func append(key: Int32, attributes: Int32, period: Int32, value: Double, line: Int, element: String?)
        -> ObservationBatch?
    {
        batch.append(key: key, attributes: attributes, period: period, value: value, line: line)
        batch.appendElement(element)
        return batch.count >= Self.capacity ? take() : nil
    }

    /// The last batch, if it holds anything.
    public mutating func finish() -> ObservationBatch? {
        batch.count > 0 || !batch.events.isEmpty ? take() : nil
    }

    private mutating func take() -> ObservationBatch {
        var full = ObservationBatch(file: file)
        full.reserve(Self.capacity)
        swap(&full, &batch)
        full.bytesRead = bytesRead
        keyIndex.removeAll(keepingCapacity: true)
        attributeIndex.removeAll(keepingCapacity: true)
        periodIndex.removeAll(keepingCapacity: true)
        for i in periodSlots.indices { periodSlots[i] = nil }
        (lastKey, lastAttributes, lastPeriod) = (nil, nil, nil)
        generation += 1
        return full
    }

    mutating func number(_ key: SeriesKey) -> Int32 {
        if let (last, n) = lastKey, last == key { return n }
        let n =
            keyIndex[key]
            ?? {
                batch.keys.append(key)
                let n = Int32(batch.keys.count - 1)
                keyIndex[key] = n
                return n
            }()
        lastKey = (key, n)
        return n
    }

    mutating func number(_ attributes: ObservationAttributes) -> Int32 {
        if let (last, n) = lastAttributes, last == attributes { return n }
        let n =
            attributeIndex[attributes]
            ?? {
                batch.attributes.append(attributes)
                let n = Int32(batch.attributes.count - 1)
                attributeIndex[attributes] = n
                return n
            }()
        lastAttributes = (attributes, n)
        return n
    }

    /// A period by its spelling and frequency: periods equal as times may be spelled differently, and the batch keeps
    /// the label read. Consecutive observations of a series have different periods, so the last one rarely matches:
    /// a small table keyed by the period's start (a multiply and a shift) is tried before the batch's dictionary, whose
    /// string hashing per row cost a few percent of reading a structure-specific message (perf).
    mutating func number(_ period: Period) -> Int32 {
        func same(_ a: Period) -> Bool {
            a.start == period.start && a.frequency == period.frequency && a.label == period.label
        }
        if let (last, n) = lastPeriod, same(last) { return n }
        let slot = Int(truncatingIfNeeded: (period.start.bitPattern &* 0x9E37_79B9_7F4A_7C15) >> 56)
        let n: Int32
        if let cached = periodSlots[slot], same(batch.periods[Int(cached)]) {
            n = cached
        } else if let known = periodIndex[period.spelling], same(batch.periods[Int(known)]) {
            n = known
            periodSlots[slot] = known
        } else {
            batch.periods.append(period)
            n = Int32(batch.periods.count - 1)
            periodIndex[period.spelling] = n
            periodSlots[slot] = n
        }
        lastPeriod = (period, n)
        return n
    }
}
