import Foundation

/// Work handed to one other thread while the caller goes on (reading the rest of a file), collected by index at the
/// end.
///
/// One worker thread, not libdispatch's pool: on two cores the pool ran two pieces of work beside the reading
/// thread, and reading — the longest chain of `sdgpipe evaluate` — got two thirds of a core. When the caller is done
/// it takes what is still queued, so both cores finish the rest. Items go in batches so each hand-over is worth it.
public final class BackgroundWorker<Result: Sendable>: @unchecked Sendable {
    private typealias Batch = [(Int, @Sendable () -> Result)]
    private let condition = NSCondition()
    private var queued: [Batch] = []
    private var closed = false
    private var workerDone = false
    /// Finished batches as they come; placed by index once, in `finish` (a dictionary of 100,000 results, grown
    /// while the workers wrote into it, was a visible cost).
    private var done: [[(Int, Result)]] = []
    /// Filled by the caller's thread only.
    private var batch: Batch = []
    private let batchSize: Int

    public init(name: String, batchSize: Int = 256) {
        self.batchSize = batchSize
        let worker = Thread { [self] in
            while let next = take(waiting: true) { run(next) }
            condition.withLock {
                workerDone = true
                condition.broadcast()
            }
        }
        worker.name = name
        worker.start()
    }

    /// Queues `work` as item `index` (from the caller's thread).
    public func submit(_ index: Int, _ work: @escaping @Sendable () -> Result) {
        batch.append((index, work))
        if batch.count >= batchSize { hand(over: true) }
    }

    /// Helps with what is queued, waits for the worker and returns the results by index (`nil` where nothing was
    /// submitted), `count` long. Call once, from the caller's thread.
    public func finish(count: Int) -> [Result?] {
        hand(over: false)
        while let next = take(waiting: false) { run(next) }
        condition.withLock { while !workerDone { condition.wait() } }
        var results = [Result?](repeating: nil, count: count)
        for batch in done {
            for (i, r) in batch { results[i] = r }
        }
        return results
    }

    private func hand(over more: Bool) {
        let items = batch
        batch = []
        condition.withLock {
            if !items.isEmpty { queued.append(items) }
            if !more { closed = true }
            condition.broadcast()
        }
    }

    /// The next queued batch; nil when there is none and (waiting) the queue is closed.
    private func take(waiting: Bool) -> Batch? {
        condition.withLock {
            while queued.isEmpty {
                if closed || !waiting { return nil }
                condition.wait()
            }
            return queued.removeFirst()
        }
    }

    private func run(_ items: Batch) {
        let results = items.map { ($0.0, $0.1()) }
        condition.withLock { done.append(results) }
    }
}
