import Foundation

/// Reading on a thread of its own: the file is parsed there while the calling thread handles the records already
/// read (duplicate check, routing, storing), in order. One core read and handled every record of a run's ingest in
/// turn while the other waited; reading alone is about half of it.
///
/// Records (or whole `ObservationBatch`es, `batchSize: 1`) go over in batches of 1,024 through a bounded queue; the reader's progress (bytes read) travels with
/// them, so the caller's progress callback runs on the caller's thread. If the caller stops (its handler throws),
/// the reader is stopped and waited for before the error is passed on: no thread outlives the call.
enum RecordPipe {
    static func run<Item: Sendable, Result: Sendable>(
        batchSize: Int = RecordPipe.batchSize, capacity: Int = 8,
        read: @escaping @Sendable (_ emit: (Item) throws -> Void, _ progress: (Int) -> Void) throws -> Result,
        handle: (Item) throws -> Void, progress: (Int) -> Void
    ) throws -> Result {
        let queue = BatchQueue<Item, Result>(capacity: capacity)
        Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var bytes: Int?
            let outcome: Swift.Result<Result, any Error>
            do {
                let value = try read(
                    { record in
                        batch.append(record)
                        if batch.count == batchSize {
                            guard queue.send(batch, bytes: bytes) else { throw ReaderStopped() }
                            batch.removeAll(keepingCapacity: true)
                            bytes = nil
                        }
                    }, { bytes = $0 })
                if !batch.isEmpty || bytes != nil { _ = queue.send(batch, bytes: bytes) }
                outcome = .success(value)
            } catch {
                if !batch.isEmpty { _ = queue.send(batch, bytes: bytes) }
                outcome = .failure(error)
            }
            queue.finish(outcome)
        }.start()
        do {
            while let (records, bytes) = queue.receive() {
                for record in records { try handle(record) }
                if let bytes { progress(bytes) }
            }
        } catch {
            queue.cancelAndWait()
            throw error
        }
        return try queue.outcome!.get()
    }

    static let batchSize = 1024

    private struct ReaderStopped: Error {}

    private final class BatchQueue<Item: Sendable, Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var batches: [([Item], Int?)] = []
        private var cancelled = false
        private let capacity: Int
        /// Set by the reader when it ends; read by the caller after the last batch.
        private(set) var outcome: Swift.Result<Result, any Error>?

        init(capacity: Int) { self.capacity = capacity }

        func send(_ records: [Item], bytes: Int?) -> Bool {
            condition.withLock {
                while batches.count >= capacity && !cancelled { condition.wait() }
                if !cancelled { batches.append((records, bytes)) }
                condition.broadcast()
                return !cancelled
            }
        }

        func finish(_ outcome: Swift.Result<Result, any Error>) {
            condition.withLock {
                self.outcome = outcome
                condition.broadcast()
            }
        }

        /// The next batch, waiting for it; nil once the reader has ended and every batch was taken.
        func receive() -> ([Item], Int?)? {
            condition.withLock {
                while batches.isEmpty && outcome == nil { condition.wait() }
                guard !batches.isEmpty else { return nil }
                condition.broadcast()
                return batches.removeFirst()
            }
        }

        func cancelAndWait() {
            condition.withLock {
                cancelled = true
                batches.removeAll()
                condition.broadcast()
                while outcome == nil { condition.wait() }
            }
        }
    }
}
