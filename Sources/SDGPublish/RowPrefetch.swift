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
    /// batches, made once for every writer reading it (`shared`), or else made on a thread of their own a few batches
    /// ahead, so that making rows, encoding them and the server's load run side by side (made between the awaits, a
    /// 12 M-observation load left a quarter of both cores idle). `close` when done or given up.
    package struct BatchCursor {
        private let stream: (SharedStream<Batch>, Int)?
        private let table: Table
        private var position = 0

        init(_ table: Table, rowsPerBatch: Int) {
            self.table = table
            if let shared = table.sharedBatches() {
                stream = shared
            } else if table.isMade, table.count > rowsPerBatch {
                let own = SharedStream<Batch>(consumers: 1, capacity: 4) { send in
                    table.makeBatches(rowsPerBatch: rowsPerBatch) { send(($0, $1)) }
                }
                stream = (own, 0)
            } else {
                stream = nil
            }
        }

        /// The next batch (`rows` rows of `columns.count` cells each, one after the other); nil after the last.
        package mutating func next() -> (cells: [Cell], rows: Int)? {
            if let (batches, consumer) = stream { return batches.receive(consumer) }
            guard position < table.count else { return nil }
            var cells: [Cell] = []
            cells.reserveCapacity(table.count * table.columns.count)
            table.forEachRow { cells.append(contentsOf: $0) }
            position = table.count
            return (cells, table.count)
        }

        /// Reads no more: the rows' maker stops, and a shared table's other writers no longer wait for this one.
        package func close() {
            if let (batches, consumer) = stream { batches.detach(consumer) }
        }
    }

    /// The rows in batches of `rowsPerBatch` (a shared table's batches are its own size).
    package func batchCursor(rowsPerBatch: Int = 8192) -> BatchCursor { BatchCursor(self, rowsPerBatch: rowsPerBatch) }
}
