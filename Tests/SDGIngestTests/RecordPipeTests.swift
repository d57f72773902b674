import Foundation
import SDGCore
import Testing

@testable import SDGIngest

/// Reading on its own thread must change nothing the caller sees: every record in order, the reader's error after
/// the records before it, and a caller that stops stops the reader.
@Suite struct RecordPipeTests {
    static func observation(_ i: Int) -> IngestRecord {
        .observation(
            Observation(
                key: SeriesKey(source: "s", indicator: "I", area: "A\(i % 7)"),
                period: Period.parse("\(1990 + i % 40)")!, value: Double(i),
                location: SourceLocation(file: "f", line: i)))
    }

    struct Broken: Error {}

    @Test func everyRecordArrivesInOrderWithTheReadersProgressAndResult() throws {
        var lines: [Int] = []
        var progress: [Int] = []
        let result = try RecordPipe.run(
            read: { emit, bytes in
                for i in 0..<5_000 {
                    try emit(Self.observation(i))
                    if i % 1000 == 999 { bytes(i + 1) }
                }
                return "done"
            },
            handle: { record in
                if case .observation(let o) = record { lines.append(o.location.line!) }
            }, progress: { progress.append($0) })
        #expect(result == "done")
        #expect(lines == Array(0..<5_000))
        #expect(progress == [1000, 2000, 3000, 4000, 5000])
    }

    @Test func theReadersErrorComesAfterTheRecordsBeforeIt() {
        var handled = 0
        #expect(throws: Broken.self) {
            try RecordPipe.run(
                read: { emit, _ -> Int in
                    for i in 0..<2_500 { try emit(Self.observation(i)) }
                    throw Broken()
                }, handle: { _ in handled += 1 }, progress: { _ in })
        }
        #expect(handled == 2_500)
    }

    @Test func aCallerThatStopsStopsTheReader() {
        let emitted = Emitted()
        var handled = 0
        #expect(throws: Broken.self) {
            try RecordPipe.run(
                read: { emit, _ -> Int in
                    for i in 0..<1_000_000 {
                        try emit(Self.observation(i))
                        emitted.count = i + 1
                    }
                    return 0
                },
                handle: { _ in
                    handled += 1
                    if handled == 3_000 { throw Broken() }
                }, progress: { _ in })
        }
        // The reader ran at most a few batches ahead before it was stopped, and it has ended.
        #expect(emitted.count < 3_000 + 10 * RecordPipe.batchSize)
    }

    final class Emitted: @unchecked Sendable { var count = 0 }
}
