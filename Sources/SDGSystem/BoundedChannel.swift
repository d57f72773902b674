import Foundation

/// A bounded first-in-first-out hand-over from one producer thread to one consumer: the producer waits while
/// `capacity` elements are waiting (so memory stays flat however fast it is), the consumer waits while none is.
/// Either side can end it: the producer closes it when done, the consumer cancels it when it stops early, and then
/// waits until the producer has noticed and closed it, so no thread outlives the work it was started for.
public final class BoundedChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// At most `capacity` elements: taking the first moves the rest, which costs less than keeping taken ones (a
    /// ring of batches held the batches already handed on, megabytes each).
    private var elements: [Element] = []
    private var closed = false
    private var cancelled = false
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "a channel holds at least one element")
        self.capacity = capacity
    }

    /// Hands `element` over, waiting while the channel is full; `false` (and the element dropped) once the consumer
    /// has cancelled: the producer should stop.
    public func send(_ element: sending Element) -> Bool {
        condition.withLock {
            while elements.count >= capacity && !cancelled { condition.wait() }
            if !cancelled { elements.append(element) }
            condition.broadcast()
            return !cancelled
        }
    }

    /// The producer is done: the consumer receives what is waiting, then `nil`.
    public func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// The next element, waiting for it; `nil` once the channel is closed and empty.
    public func receive() -> Element? {
        condition.withLock {
            while elements.isEmpty && !closed { condition.wait() }
            guard !elements.isEmpty else { return nil }
            let element = elements.removeFirst()
            condition.broadcast()
            return element
        }
    }

    /// The consumer stops early: waiting elements are dropped, the producer's next `send` returns `false`, and this
    /// waits until the producer has closed the channel.
    public func cancelAndWaitForClose() {
        condition.withLock {
            cancelled = true
            elements.removeAll()
            condition.broadcast()
            while !closed { condition.wait() }
        }
    }
}
