import Dispatch

extension Array where Element: Sendable {
    /// `map` over both cores (or however many there are): series evaluations are independent and pure, so a city
    /// network's thousands of series split into chunks evaluated concurrently. Order is kept.
    /// `serialBelow`: fewer elements than this are mapped on the calling thread (a handful of series is not worth
    /// waking the other core for; a handful of large blocks is).
    public func parallelMap<Result: Sendable>(serialBelow: Int = 65, _ transform: @Sendable (Element) -> Result)
        -> [Result]
    {
        guard count >= Swift.max(2, serialBelow) else { return map(transform) }
        let chunks = Swift.min(count, 8 * ProcessInfoCores.count)
        let chunkSize = (count + chunks - 1) / chunks
        // Made in place: an array of optionals mapped to the results at the end held every result twice at the
        // peak of a network run's evaluation (bench/run).
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UncheckedSendable(buffer)
            self.withUnsafeBufferPointer { input in
                let source = UncheckedSendable(input)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let lower = chunk * chunkSize
                    let upper = Swift.min(lower + chunkSize, source.value.count)
                    guard lower < upper else { return }
                    for i in lower..<upper { (base.value.baseAddress! + i).initialize(to: transform(source.value[i])) }
                }
            }
            initialized = count
        }
    }
}

/// Each chunk writes only its own indices, so sharing the buffers across the concurrent iterations is safe.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#endif
