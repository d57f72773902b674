import Dispatch
import Foundation

/// Work started at once on another thread, whose result is waited for where it is needed — the pieces of a large
/// file read on all cores, the output files written while the database is loaded. The result is written once by
/// the worker and read only after the semaphore says it is there.
public final class Pending<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Value?

    /// Runs `work` on the system's worker threads (short work that never waits on other work).
    public init(_ work: @escaping @Sendable () -> sending Value) {
        DispatchQueue.global().async { [self] in finish(work()) }
    }

    /// Runs `work` on a thread of its own: for work that waits on other threads (a writer reading batches made
    /// elsewhere), which a worker pool that does not see blocked workers could starve.
    public init(threadNamed name: String, _ work: @escaping @Sendable () -> sending Value) {
        let thread = Thread { [self] in finish(work()) }
        thread.name = name
        thread.start()
    }

    private func finish(_ value: sending Value) {
        lock.withLock { result = value }
        done.signal()
    }

    /// The result, waiting for it; any number of times, from any thread.
    public func wait() -> Value {
        done.wait()
        done.signal()  // the next wait passes at once
        return lock.withLock { result! }
    }
}

/// Pieces of one input worked on ahead, at most `inFlight` at a time, and taken in the order they were started:
/// the readers that cut a file into pieces hand the pieces' records on in file order.
///
/// Call `abandon()` (waits for every started piece and drops them) before leaving early, and when a piece shows the
/// pieces after it must be redone.
public struct OrderedPieces<Output> {
    private var started: [Pending<Output>] = []
    public let inFlight: Int

    public init(inFlight: Int) {
        precondition(inFlight > 0)
        self.inFlight = inFlight
    }

    /// Whether another piece may be started now.
    public var hasRoom: Bool { started.count < inFlight }
    public var isEmpty: Bool { started.isEmpty }

    public mutating func start(_ work: @escaping @Sendable () -> sending Output) {
        started.append(Pending(work))
    }

    /// The oldest started piece's output, waiting for it; `nil` when none is started.
    public mutating func next() -> Output? {
        guard !started.isEmpty else { return nil }
        return started.removeFirst().wait()
    }

    /// Waits for every started piece and drops their outputs.
    public mutating func abandon() {
        for piece in started { _ = piece.wait() }
        started = []
    }
}
