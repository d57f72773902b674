import SDGCore

/// The points a localizer gathers, in the order they arrive — the series they belong to, the period's number, the
/// value — 16 bytes each, and beyond one chunk of 65,536 in a temporary file (`SpillFile`).
///
/// Why: gathered in one growing array per series, the points of a 12 M-observation network held ~180 MB while its
/// feeds were read (12 bytes a point, and arrays that grow by doubling), and freeing them left the heap holed under
/// the series made from them (bench/run, 300 cities with 25 and with 50 years: 16 bytes an observation at every stage).
/// Logged, reading holds memory for the series only, and the series' values are laid out in one pass at the end.
struct PointLog: Sendable {
    struct Place: BitwiseCopyable, Sendable {
        var series: UInt32
        var period: Int32
    }

    private var values: [Double] = []
    private var places: [Place] = []
    private var spill: SpilledColumns<Place>?
    private var spilledChunks = 0
    private let chunkSize: Int
    private(set) var count = 0

    init(chunkSize: Int = 1 << 16) {
        self.chunkSize = chunkSize
    }

    mutating func append(series: Int, period: Int32, value: Double) throws(SpillError) {
        if values.isEmpty {
            values.reserveCapacity(chunkSize)
            places.reserveCapacity(chunkSize)
        }
        values.append(value)
        places.append(Place(series: UInt32(series), period: period))
        count += 1
        guard values.count == chunkSize else { return }
        if spill == nil { spill = SpilledColumns(file: try SpillFile(), chunkSize: chunkSize) }
        try values.withUnsafeBufferPointer { (v) throws(SpillError) in
            try places.withUnsafeBufferPointer { (p) throws(SpillError) in try spill!.write(chunk: spilledChunks, values: v, entries: p) }
        }
        spilledChunks += 1
        values.removeAll(keepingCapacity: true)
        places.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the points in the order they arrived, a chunk at a time.
    func forEachChunk(_ body: (UnsafeBufferPointer<Place>, UnsafeBufferPointer<Double>) -> Void) {
        if let spill, spilledChunks > 0 {
            let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunkSize)
            let p = UnsafeMutableBufferPointer<Place>.allocate(capacity: chunkSize)
            defer {
                v.deallocate()
                p.deallocate()
            }
            for c in 0..<spilledChunks {
                spill.read(chunk: c, values: v, entries: p)
                body(UnsafeBufferPointer(p), UnsafeBufferPointer(v))
            }
        }
        places.withUnsafeBufferPointer { p in values.withUnsafeBufferPointer { v in body(p, v) } }
    }
}
