import Foundation

/// One producer on a thread of its own, one consumer on the calling thread, a `BoundedChannel` between them: the
/// shape of reading a file while the caller handles what was read, and of making table rows while the caller writes
/// the previous batch. Both took about half of their stage one after the other on one core.
///
/// A thread of its own, not a dispatch queue's: the producer blocks on the consumer, and a worker pool that does not
/// see blocked workers (libdispatch on Linux) could leave another waiting producer without a thread.
public enum ProducerThread {
    /// Runs `produce` on a new thread and `consume` on the calling thread with each element `produce` sends, in
    /// order; returns what `produce` returned. When `consume` throws, the channel is cancelled (`send` returns `false`
    /// and the producer should stop), the producer is waited for, and the error is passed on: no thread outlives
    /// the call.
    public static func run<Element, Outcome>(
        capacity: Int, name: String,
        produce: @escaping @Sendable (_ send: (sending Element) -> Bool) -> sending Outcome,
        consume: (Element) throws -> Void
    ) throws -> Outcome {
        let channel = BoundedChannel<Element>(capacity: capacity)
        let outcome = Locked<Unchecked<Outcome>?>(nil)
        let thread = Thread {
            let value = produce { channel.send($0) }
            outcome.withLock { $0 = Unchecked(value) }
            channel.close()
        }
        thread.name = name
        thread.start()
        do {
            while let element = channel.receive() { try consume(element) }
        } catch {
            channel.cancelAndWaitForClose()
            throw error
        }
        // `receive` returned nil: the producer closed the channel after storing its outcome.
        return outcome.withLock { $0!.value }
    }
}
