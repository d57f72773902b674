import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core: series evaluations are independent and pure, so a city network's thousands of series
    /// split into chunks evaluated concurrently. Order is kept.
    /// `serialBelow`: fewer elements than this are mapped on the calling thread (a handful of series is not worth
    /// waking the other core for; a handful of large blocks is).
    public func parallelMap<Result: Sendable>(serialBelow: Int = 65, _ transform: @Sendable (Element) -> Result)
        -> [Result]
    {
        guard count >= Swift.max(2, serialBelow) else { return map(transform) }
        let chunks = Swift.min(count, 8 * Platform.processorCount)
        let chunkSize = (count + chunks - 1) / chunks
        // Made in place: an array of optionals mapped to the results at the end held every result twice at the
        // peak of a network run's evaluation (bench/run).
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each chunk writes only its own indices, so sharing the buffers across the iterations is safe.
            let base = Unchecked(buffer)
            self.withUnsafeBufferPointer { input in
                let source = Unchecked(input)
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
