/// A growing column of plain values in fixed chunks of 64 Ki: appending never copies what is there (an array
/// doubling its room held both the old and the new block, 800 MB for a moment at 12 M observations, bench/run) and
/// the column never holds more than one chunk of spare room.
///
/// A class with unchecked `Sendable`: it is filled on one thread and only read once filled (the tables' rows are
/// made from it on several).
final class ChunkedColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private static var shift: Int { 16 }
    private static var chunkSize: Int { 1 << shift }
    private var chunks: [UnsafeMutablePointer<Element>] = []
    private(set) var count = 0

    init() {}

    deinit { for chunk in chunks { chunk.deallocate() } }

    func append(_ element: Element) {
        let slot = count & (Self.chunkSize - 1)
        if slot == 0 { chunks.append(.allocate(capacity: Self.chunkSize)) }
        (chunks[count >> Self.shift] + slot).initialize(to: element)
        count += 1
    }

    subscript(i: Int) -> Element {
        get { chunks[i >> Self.shift][i & (Self.chunkSize - 1)] }
        set { chunks[i >> Self.shift][i & (Self.chunkSize - 1)] = newValue }
    }
}
