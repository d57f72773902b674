import Foundation
import SDGCore
import SDGStorage

/// The sorted observations, held or spilled, read by index while the table's rows are made. Rows are asked for in
/// order, so a spilled chunk is read once; two are kept for two readers at once (a table shared by the database and
/// the CSV writer is read once, but a scoped copy may be read beside it).
final class SortedObservations<Entry: BitwiseCopyable>: @unchecked Sendable {
    private let held: (values: [Double], entries: [Entry])?
    private let spilled: SpilledColumns<Entry>?
    private let lock = NSLock()
    private var cached:
        [(chunk: Int, values: UnsafeMutableBufferPointer<Double>, entries: UnsafeMutableBufferPointer<Entry>)] = []
    private var victim = 0
    let count: Int

    init(values: [Double], entries: [Entry]) {
        held = (values, entries)
        spilled = nil
        count = values.count
    }

    init(spilled: SpilledColumns<Entry>, count: Int) {
        held = nil
        self.spilled = spilled
        self.count = count
        for _ in 0..<2 { cached.append((-1, .allocate(capacity: spilled.size), .allocate(capacity: spilled.size))) }
    }

    deinit {
        for c in cached {
            c.values.deallocate()
            c.entries.deallocate()
        }
    }

    subscript(i: Int) -> (value: Double, entry: Entry) {
        if let held { return (held.values[i], held.entries[i]) }
        let spilled = spilled!
        let chunk = i / spilled.size
        let offset = i % spilled.size
        return lock.withLock {
            if let c = cached.first(where: { $0.chunk == chunk }) { return (c.values[offset], c.entries[offset]) }
            let n = min(spilled.size, count - chunk * spilled.size)
            let slot = victim
            victim = (victim + 1) % cached.count
            spilled.read(
                chunk: chunk, values: UnsafeMutableBufferPointer(rebasing: cached[slot].values[..<n]),
                entries: UnsafeMutableBufferPointer(rebasing: cached[slot].entries[..<n]))
            cached[slot].chunk = chunk
            return (cached[slot].values[offset], cached[slot].entries[offset])
        }
    }
}
