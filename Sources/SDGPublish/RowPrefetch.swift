import SDGSystem

extension Table {
    /// A batch of rows: `rows` rows of `columns.count` cells each, one after the other.
    typealias Batch = (cells: [Cell], rows: Int)

    /// Calls `body` with the rows in batches (`cells` holds `rows` rows of `columns.count` cells each, one after the
    /// other). A table whose rows are made on demand makes them on another core while `body` handles the previous
    /// batch: making rows from the run's compact data and writing them into SQLite each took about half of the
    /// write stage, one after the other (bench/storage).
    package func forEachBatch<E: Error>(
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
        let table = self
        do {
            try ProducerThread.run(
                capacity: 4, name: "sdgpipe-rows",
                produce: { (send: (sending Batch) -> Bool) in
                    table.makeBatches(rowsPerBatch: rowsPerBatch) { send(($0, $1)) }
                },
                consume: { (batch: Batch) in try body(batch.cells, batch.rows) })
        } catch {
            // Only `body` throws here, and it throws `E`.
            throw error as! E
        }
    }
}

/// The writer stopped taking batches (it failed): the maker stops too.
private struct WriterStopped: Error {}

extension Table {
    /// Makes the rows in batches of `rowsPerBatch` and hands each to `send`, until the rows end or `send` says no
    /// one takes them any more.
    func makeBatches(rowsPerBatch: Int, send: ([Cell], Int) -> Bool) {
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

extension Table {
    /// The rows one batch at a time, for a writer that awaits between batches (PostgreSQL's COPY): a shared table's
    /// batches, made once for every writer reading it (`shared`), or else made here as each is asked for.
    package struct BatchCursor {
        private let table: Table
        private let shared: (SharedStream<Batch>, Int)?
        private let rowsPerBatch: Int
        private var position = 0

        init(_ table: Table, rowsPerBatch: Int) {
            self.table = table
            shared = table.sharedBatches()
            self.rowsPerBatch = rowsPerBatch
        }

        /// The next batch (`rows` rows of `columns.count` cells each, one after the other); nil after the last.
        package mutating func next() -> (cells: [Cell], rows: Int)? {
            if let (batches, consumer) = shared {
                guard let batch = batches.receive(consumer) else {
                    batches.detach(consumer)
                    return nil
                }
                return batch
            }
            guard position < table.count else { return nil }
            let end = min(position + rowsPerBatch, table.count)
            var cells: [Cell] = []
            cells.reserveCapacity((end - position) * table.columns.count)
            table.forEachRow(in: position..<end) { cells.append(contentsOf: $0) }
            defer { position = end }
            return (cells, end - position)
        }
    }

    /// The rows in batches of about `rowsPerBatch` (a shared table's batches are its own size).
    package func batchCursor(rowsPerBatch: Int = 8192) -> BatchCursor { BatchCursor(self, rowsPerBatch: rowsPerBatch) }
}
