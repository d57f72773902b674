import Dispatch
import Foundation

extension Table {
    /// Calls `body` with the rows in batches (`cells` holds `rows` rows of `columns.count` cells each, one after the
    /// other). A table whose rows are made on demand makes them on another core while `body` handles the previous
    /// batch: making rows from the run's compact data and writing them into SQLite each took about half of the
    /// write stage, one after the other (bench/storage).
    public func forEachBatch<E: Error>(
        rowsPerBatch: Int = 4096, _ body: (_ cells: [Cell], _ rows: Int) throws(E) -> Void
    ) throws(E) {
        if let (batches, consumer) = sharedBatches() {
            defer { batches.detach(consumer) }
            while let (cells, rows) = batches.receive(consumer) { try body(cells, rows) }
            return
        }
        guard isMade, count > rowsPerBatch else {
            var cells: [Cell] = []
            var rows = 0
            try forEachRow { (row) throws(E) in
                cells.append(contentsOf: row)
                rows += 1
                if rows == rowsPerBatch {
                    try body(cells, rows)
                    cells.removeAll(keepingCapacity: true)
                    rows = 0
                }
            }
            if rows > 0 { try body(cells, rows) }
            return
        }
        let channel = BatchChannel(capacity: 4)
        let table = self
        // A thread of its own, not a dispatch queue's: the maker waits on the writer, and a worker pool that does not
        // see blocked workers (libdispatch on Linux) could leave another waiting maker without a thread.
        Thread {
            table.makeBatches(rowsPerBatch: rowsPerBatch, send: channel.send)
            channel.close()
        }.start()
        // If `body` throws, the maker is told to stop and is waited for, so no thread outlives the call.
        defer { channel.cancelAndDrain() }
        while let (cells, rows) = channel.receive() { try body(cells, rows) }
    }
}

/// The writer stopped taking batches (it failed): the maker stops too.
private struct WriterStopped: Error {}

extension Table {
    /// Makes the rows in batches of `rowsPerBatch` and hands each to `send`, until the rows end or `send` says no
    /// one takes them any more.
    fileprivate func makeBatches(rowsPerBatch: Int, send: ([Cell], Int) -> Bool) {
        var cells: [Cell] = []
        cells.reserveCapacity(rowsPerBatch * columns.count)
        var rows = 0
        do throws(WriterStopped) {
            try forEachRow { (row) throws(WriterStopped) in
                cells.append(contentsOf: row)
                rows += 1
                if rows == rowsPerBatch {
                    guard send(cells, rows) else { throw WriterStopped() }
                    cells.removeAll(keepingCapacity: true)
                    rows = 0
                }
            }
            if rows > 0 { _ = send(cells, rows) }
        } catch {}
    }
}

/// A bounded hand-over of row batches from one maker thread to one writer.
private final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [([Table.Cell], Int)] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Hands a batch over, waiting while the writer is `capacity` batches behind; `false` once the writer gave up.
    func send(_ cells: [Table.Cell], _ rows: Int) -> Bool {
        condition.withLock {
            while queue.count >= capacity && !cancelled { condition.wait() }
            if !cancelled { queue.append((cells, rows)) }
            condition.broadcast()
            return !cancelled
        }
    }

    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    func receive() -> ([Table.Cell], Int)? {
        condition.withLock {
            while queue.isEmpty && !closed { condition.wait() }
            guard !queue.isEmpty else { return nil }
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
    }

    /// Stops the maker (if still running) and waits until it has closed the channel.
    func cancelAndDrain() {
        condition.withLock {
            cancelled = true
            queue.removeAll()
            condition.broadcast()
            while !closed { condition.wait() }
        }
    }
}

/// The batches of one made table, made once on a thread of their own and handed to every consumer (the database
/// writer and the CSV writer of a run): making a network run's rows took as long as one writer, and each writer made
/// them again. Batches are kept until every consumer still reading has taken them; the maker waits while it is
/// `capacity` batches ahead of the slowest.
final class SharedBatches: @unchecked Sendable {
    let base: Table
    private let condition = NSCondition()
    private var batches: [([Table.Cell], Int)] = []
    /// The index of `batches[0]` in the table's sequence of batches.
    private var first = 0
    private var next: [Int]
    private var reading: [Bool]
    private var started = false
    private var finished = false
    private let capacity = 4

    init(base: Table, consumers: Int) {
        self.base = base
        next = Array(repeating: 0, count: consumers)
        reading = Array(repeating: true, count: consumers)
    }

    /// The consumer's next batch, made when needed; nil at the end.
    func receive(_ consumer: Int) -> ([Table.Cell], Int)? {
        condition.withLock {
            if !started {
                started = true
                startMaker()
            }
            while next[consumer] >= first + batches.count && !finished { condition.wait() }
            guard next[consumer] < first + batches.count else { return nil }
            let batch = batches[next[consumer] - first]
            next[consumer] += 1
            dropTaken()
            condition.broadcast()
            return batch
        }
    }

    /// The consumer reads no more (it finished, or failed): it no longer holds the maker back.
    func detach(_ consumer: Int) {
        condition.withLock {
            guard reading[consumer] else { return }
            reading[consumer] = false
            dropTaken()
            condition.broadcast()
        }
    }

    private var slowest: Int? {
        next.indices.filter { reading[$0] }.map { next[$0] }.min()
    }

    private func dropTaken() {
        let low = slowest ?? first + batches.count
        if low > first {
            batches.removeFirst(low - first)
            first = low
        }
    }

    /// Adds a made batch; false when no consumer reads any more.
    private func send(_ cells: [Table.Cell], _ rows: Int) -> Bool {
        condition.withLock {
            while let slowest, first + batches.count - slowest >= capacity { condition.wait() }
            guard slowest != nil else { return false }
            batches.append((cells, rows))
            condition.broadcast()
            return true
        }
    }

    private func startMaker() {
        let table = base
        // A thread of its own, not a dispatch queue's (it waits on the consumers; see `forEachBatch`).
        Thread { [self] in
            table.makeBatches(rowsPerBatch: 4096, send: send)
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }.start()
    }
}
