import Foundation

/// One producer's elements handed to several consumers, each reading all of them in order at its own pace (the
/// database writer and the CSV writer of one table): the elements are made once, on a thread of their own started by
/// the first `receive`. An element is kept until every consumer still reading has taken it; the producer waits
/// while it is `capacity` elements ahead of the slowest, so memory stays flat.
public final class SharedStream<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    /// The index of `elements[0]` in the stream.
    private var first = 0
    private var next: [Int]
    private var reading: [Bool]
    private var started = false
    private var finished = false
    private let capacity: Int
    private let produce: @Sendable (_ send: (Element) -> Bool) -> Void

    /// `produce` sends each element and stops when `send` returns `false` (no consumer reads any more).
    public init(consumers: Int, capacity: Int = 4, produce: @escaping @Sendable (_ send: (Element) -> Bool) -> Void) {
        next = Array(repeating: 0, count: consumers)
        reading = Array(repeating: true, count: consumers)
        self.capacity = capacity
        self.produce = produce
    }

    /// Consumer `consumer`'s next element, waiting for it; nil at the end, and for a consumer that detached (a writer
    /// given up on while it still ran, such as a database writer past its connection's loss).
    public func receive(_ consumer: Int) -> Element? {
        condition.withLock {
            guard reading[consumer] else { return nil }
            if !started {
                started = true
                startProducer()
            }
            while next[consumer] >= first + elements.count && !finished { condition.wait() }
            guard next[consumer] < first + elements.count else { return nil }
            let element = elements[next[consumer] - first]
            next[consumer] += 1
            dropTaken()
            condition.broadcast()
            return element
        }
    }

    /// The consumer reads no more (it finished, or failed): it no longer holds the producer back.
    public func detach(_ consumer: Int) {
        condition.withLock {
            guard reading[consumer] else { return }
            reading[consumer] = false
            dropTaken()
            condition.broadcast()
        }
    }

    private var slowest: Int? {
        next.indices.filter { reading[$0] }.map { next[$0] }.min()
    }

    private func dropTaken() {
        let low = slowest ?? first + elements.count
        if low > first {
            elements.removeFirst(low - first)
            first = low
        }
    }

    private func send(_ element: Element) -> Bool {
        condition.withLock {
            while let slowest, first + elements.count - slowest >= capacity { condition.wait() }
            guard slowest != nil else { return false }
            elements.append(element)
            condition.broadcast()
            return true
        }
    }

    private func startProducer() {
        // A thread of its own, not a dispatch queue's: it waits on the consumers (see `ProducerThread`).
        Thread { [self] in
            produce(send)
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }.start()
    }
}
