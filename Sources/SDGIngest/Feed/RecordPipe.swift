import SDGSystem

/// Reading on a thread of its own: the file is parsed there while the calling thread handles the records already
/// read (duplicate check, routing, storing), in order. One core read and handled every record of a run's ingest in
/// turn while the other waited; reading alone is about half of it.
///
/// Records (or whole `ObservationBatch`es, `batchSize: 1`) go over in batches of 1,024 through a `ProducerThread`'s
/// bounded channel; the reader's progress (bytes read) travels with them, so the caller's progress callback runs on
/// the caller's thread. If the caller stops (its handler throws), the reader is stopped and waited for before the
/// error is passed on.
enum RecordPipe {
    static func run<Item: Sendable, Result: Sendable>(
        batchSize: Int = RecordPipe.batchSize, capacity: Int = 8,
        read: @escaping @Sendable (_ emit: (Item) throws -> Void, _ progress: (Int) -> Void) throws -> Result,
        handle: (Item) throws -> Void, progress: (Int) -> Void
    ) throws -> Result {
        let outcome = try ProducerThread.run(
            capacity: capacity, name: "sdgpipe-read",
            produce: { (send: (sending ([Item], Int?)) -> Bool) -> Swift.Result<Result, any Error> in
                var batch: [Item] = []
                batch.reserveCapacity(batchSize)
                var bytes: Int?
                do {
                    let value = try read(
                        { record in
                            batch.append(record)
                            if batch.count == batchSize {
                                guard send((batch, bytes)) else { throw ReaderStopped() }
                                batch.removeAll(keepingCapacity: true)
                                bytes = nil
                            }
                        }, { bytes = $0 })
                    if !batch.isEmpty || bytes != nil { _ = send((batch, bytes)) }
                    return .success(value)
                } catch {
                    if !batch.isEmpty { _ = send((batch, bytes)) }
                    return .failure(error)
                }
            },
            consume: { (records: [Item], bytes: Int?) in
                for record in records { try handle(record) }
                if let bytes { progress(bytes) }
            })
        return try outcome.get()
    }

    static let batchSize = 1024

    private struct ReaderStopped: Error {}
}
