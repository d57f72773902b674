import Dispatch
import Foundation

/// Work handed to other cores while the caller goes on (reading the rest of a file), collected by index at the end.
/// Items are sent in batches so that each dispatch carries enough work to be worth it.
final class BackgroundEvaluation<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var results: [Int: Result] = [:]
    private var batch: [(Int, @Sendable () -> Result)] = []
    private static var batchSize: Int { 256 }

    /// Queues `work` as item `index`.
    func submit(_ index: Int, _ work: @escaping @Sendable () -> Result) {
        batch.append((index, work))
        if batch.count >= Self.batchSize { dispatch() }
    }

    /// Waits for every item and returns the results by index.
    func finish() -> [Int: Result] {
        dispatch()
        group.wait()
        return lock.withLock { results }
    }

    private func dispatch() {
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        DispatchQueue.global().async(group: group) {
            let done = items.map { ($0.0, $0.1()) }
            self.lock.withLock { for (i, r) in done { self.results[i] = r } }
        }
    }
}
