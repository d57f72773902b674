import Dispatch
import Foundation

extension Table {
    /// Calls `body` with the rows in batches (`cells` holds `rows` rows of `columns.count` cells each, one after the
    /// other). A table whose rows are made on demand makes them on another core while `body` handles the previous
    /// batch: making rows from the run's compact data and writing them into SQLite each took about half of the
    /// write stage, one after the other (bench/storage).
    public func forEachBatch<E: Error>(rowsPerBatch: Int = 4096, _ body: (_ cells: [Cell], _ rows: Int) throws(E) -> Void) throws(E) {
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
            var cells: [Cell] = []
            cells.reserveCapacity(rowsPerBatch * table.columns.count)
            var rows = 0
            do throws(WriterStopped) {
                try table.forEachRow { (row) throws(WriterStopped) in
                    cells.append(contentsOf: row)
                    rows += 1
                    if rows == rowsPerBatch {
                        guard channel.send(cells, rows) else { throw WriterStopped() }
                        cells.removeAll(keepingCapacity: true)
                        rows = 0
                    }
                }
                if rows > 0 { _ = channel.send(cells, rows) }
            } catch {}
            channel.close()
        }.start()
        // If `body` throws, the maker is told to stop and is waited for, so no thread outlives the call.
        defer { channel.cancelAndDrain() }
        while let (cells, rows) = channel.receive() { try body(cells, rows) }
    }
}

/// The writer stopped taking batches (it failed): the maker stops too.
private struct WriterStopped: Error {}

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
