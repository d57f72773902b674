import Foundation
import SDGSystem
import Testing

/// The concurrency toolkit: order kept, memory bounded, and no thread outliving the call whichever side stops.
@Suite struct ConcurrencyToolkitTests {
    @Test func aBoundedChannelKeepsOrderAndHoldsTheProducerBack() throws {
        let channel = BoundedChannel<Int>(capacity: 3)
        let sent = Locked(0)
        let producer = Thread {
            for i in 0..<100 {
                guard channel.send(i) else { break }
                sent.withLock { $0 = i + 1 }
            }
            channel.close()
        }
        producer.start()
        // The consumer has taken nothing yet: the producer is held at the capacity.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(sent.withLock { $0 } == 3)
        var received: [Int] = []
        while let i = channel.receive() { received.append(i) }
        #expect(received == Array(0..<100))
        #expect(channel.receive() == nil)
    }

    @Test func aCancelledChannelStopsItsProducerAndWaitsForIt() throws {
        let channel = BoundedChannel<Int>(capacity: 2)
        let stoppedAt = Locked<Int?>(nil)
        Thread {
            var i = 0
            while channel.send(i) { i += 1 }
            Thread.sleep(forTimeInterval: 0.05)  // the consumer must wait for the close, not only for the refusal
            stoppedAt.withLock { $0 = i }
            channel.close()
        }.start()
        #expect(channel.receive() == 0)
        channel.cancelAndWaitForClose()
        let stopped = stoppedAt.withLock { $0 }
        #expect(stopped != nil && stopped! <= 4)
    }

    @Test func aProducerThreadHandsOverInOrderAndReturnsItsOutcome() throws {
        let outcome = try ProducerThread.run(
            capacity: 2, name: "test",
            produce: { (send: (sending Int) -> Bool) -> String in
                for i in 0..<1_000 where !send(i) { return "stopped" }
                return "done"
            },
            consume: { (i: Int) in #expect(i >= 0) })
        #expect(outcome == "done")
        var seen: [Int] = []
        _ = try ProducerThread.run(
            capacity: 2, name: "test", produce: { (send: (sending Int) -> Bool) in for i in 0..<50 { _ = send(i) } },
            consume: { seen.append($0) })
        #expect(seen == Array(0..<50))
    }

    @Test func aFailingConsumerStopsTheProducerBeforeTheErrorComesBack() throws {
        struct Full: Error {}
        let producerEnded = Locked(false)
        #expect(throws: Full.self) {
            try ProducerThread.run(
                capacity: 1, name: "test",
                produce: { (send: (sending Int) -> Bool) in
                    var i = 0
                    while send(i) { i += 1 }
                    producerEnded.withLock { $0 = true }
                },
                consume: { (i: Int) in if i == 10 { throw Full() } })
        }
        #expect(producerEnded.withLock { $0 })
    }

    @Test func orderedPiecesComeBackInStartOrderWhateverTheirSpeed() throws {
        var pieces = OrderedPieces<Int>(inFlight: 4)
        var out: [Int] = []
        var next = 0
        while true {
            while pieces.hasRoom, next < 40 {
                let i = next
                next += 1
                pieces.start {
                    usleep(UInt32((40 - i) % 7 * 500))  // later pieces often finish first
                    return i * i
                }
            }
            guard let value = pieces.next() else { break }
            out.append(value)
        }
        #expect(out == (0..<40).map { $0 * $0 })
        #expect(pieces.isEmpty)
    }

    @Test func abandonedPiecesAreWaitedFor() throws {
        let finished = Locked(0)
        var pieces = OrderedPieces<Int>(inFlight: 3)
        for i in 0..<3 {
            pieces.start {
                usleep(20_000)
                finished.withLock { $0 += 1 }
                return i
            }
        }
        pieces.abandon()
        #expect(finished.withLock { $0 } == 3)
        #expect(pieces.next() == nil)
    }

    @Test func pendingWorkOnAThreadOfItsOwnIsWaitedForOnceAndReadMany() throws {
        let pending = Pending(threadNamed: "test") { () -> [Int] in
            usleep(10_000)
            return [1, 2, 3]
        }
        #expect(pending.wait() == [1, 2, 3])
        #expect(pending.wait() == [1, 2, 3])
    }

    @Test func aBackgroundWorkerReturnsEveryResultByIndex() throws {
        let worker = BackgroundWorker<Int>(name: "test", batchSize: 7)
        for i in stride(from: 0, through: 1_000, by: 2) { worker.submit(i) { i * 3 } }
        let results = worker.finish(count: 1_001)
        #expect(results.count == 1_001)
        for i in 0...1_000 { #expect(results[i] == (i % 2 == 0 ? i * 3 : nil)) }
    }

    @Test func parallelMapKeepsOrderAboveAndBelowItsSerialThreshold() throws {
        let small = [1, 2, 3].parallelMap { $0 * 2 }
        #expect(small == [2, 4, 6])
        let large = Array(0..<10_007).parallelMap(serialBelow: 2) { $0 &* 31 }
        #expect(large == (0..<10_007).map { $0 &* 31 })
    }

    @Test func aSharedStreamReachesEveryConsumerAndADetachedOneHoldsNobodyBack() throws {
        let stream = SharedStream<Int>(consumers: 2, capacity: 2) { send in
            for i in 0..<500 where !send(i) { return }
        }
        let other = Locked<[Int]>([])
        let thread = Thread {
            var seen: [Int] = []
            while let i = stream.receive(1) { seen.append(i) }
            other.withLock { $0 = seen }
        }
        thread.start()
        var seen: [Int] = []
        while let i = stream.receive(0) { seen.append(i) }
        while !thread.isFinished { usleep(1_000) }
        #expect(seen == Array(0..<500))
        #expect(other.withLock { $0 } == seen)

        let lonely = SharedStream<Int>(consumers: 2, capacity: 2) { send in
            for i in 0..<100 where !send(i) { return }
        }
        lonely.detach(1)
        var count = 0
        while lonely.receive(0) != nil { count += 1 }
        #expect(count == 100)
        #expect(lonely.receive(1) == nil, "a consumer that detached and asks again gets nothing (it was left behind)")
    }

    @Test func theProcessorCountIsPositive() {
        #expect(Platform.processorCount >= 1)
        #expect(!Platform.errorMessage(ENOENT).isEmpty)
    }
}
