import Foundation

/// Records (a value and an entry each, as `SpilledColumns` keeps them) put in order outside memory: each chunk of the
/// file is sorted where it lies, then the chunks are merged into a second file. The order is known only once
/// everything has been read (the observations table's key order needs every series; a series' points, every point),
/// and a sort in memory would hold every record.
///
/// Why: held in memory, the observation store took 20 bytes an observation for the whole run (233 MB at 11.6 M,
/// bench/run) and its in-place sort another 5 bytes an observation for a moment; spilled, it holds two chunks and a
/// merge buffer per chunk, whatever the number of observations. The localizer's points go the same way.
package enum SpilledRuns {
    /// Sorts `count` records by `key` (stable: equal keys keep their order).
    package static func sort<Entry>(
        _ values: UnsafeMutableBufferPointer<Double>, _ entries: UnsafeMutableBufferPointer<Entry>,
        count n: Int, key: (Entry) -> UInt64
    ) {
        var order = (0..<n).map { (key: key(entries[$0]), index: UInt32($0)) }
        if zip(order, order.dropFirst()).allSatisfy({ $0.key <= $1.key }) { return }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        let v = Array(values[0..<n])
        let e = Array(entries[0..<n])
        for (k, o) in order.enumerated() {
            values[k] = v[Int(o.index)]
            entries[k] = e[Int(o.index)]
        }
    }

    /// Sorts each chunk of `source` (chunk `r` holds `lengths[r]` records) where it lies, then merges the chunks into a
    /// new file: the records of `source` in the order of `key`, stable.
    package static func sorted<Entry: BitwiseCopyable>(
        _ source: SpilledColumns<Entry>, lengths: [Int], key: (Entry) -> UInt64
    )
        throws(SpillError) -> SpilledColumns<Entry>
    {
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: source.size)
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: source.size)
        defer {
            values.deallocate()
            entries.deallocate()
        }
        for (c, n) in lengths.enumerated() {
            let (v, e) = (
                UnsafeMutableBufferPointer(rebasing: values[..<n]), UnsafeMutableBufferPointer(rebasing: entries[..<n])
            )
            source.read(chunk: c, values: v, entries: e)
            sort(v, e, count: n, key: key)
            try source.write(chunk: c, values: UnsafeBufferPointer(v), entries: UnsafeBufferPointer(e))
        }
        return try merge(source, lengths: lengths, key: key)
    }

    /// Merges sorted runs (chunk `r` of `source` holds `lengths[r]` observations) into chunks of a new file.
    package static func merge<Entry: BitwiseCopyable>(
        _ source: SpilledColumns<Entry>, lengths: [Int], key: (Entry) -> UInt64
    )
        throws(SpillError) -> SpilledColumns<Entry>
    {
        let output = SpilledColumns<Entry>(
            file: try SpillFile(directory: URL(fileURLWithPath: source.file.directory)), chunkSize: source.size)
        let buffer = 2048
        let runs = lengths.count
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: runs * buffer)
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: runs * buffer)
        let outValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: source.size)
        let outEntries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: source.size)
        defer {
            values.deallocate()
            entries.deallocate()
            outValues.deallocate()
            outEntries.deallocate()
        }
        // Per run: the next observation's place in its run, where its buffer starts in the run, how many it holds.
        var next = [Int](repeating: 0, count: runs)
        var loaded = [Int](repeating: 0, count: runs)
        var bufferStart = [Int](repeating: 0, count: runs)
        func load(_ r: Int) {
            let n = min(buffer, lengths[r] - next[r])
            source.read(
                chunk: r, from: next[r],
                values: UnsafeMutableBufferPointer(rebasing: values[r * buffer..<r * buffer + n]),
                entries: UnsafeMutableBufferPointer(rebasing: entries[r * buffer..<r * buffer + n]))
            (bufferStart[r], loaded[r]) = (next[r], n)
        }
        // A binary min-heap of (key, run): equal keys come from the earlier run first, which keeps the merge stable.
        var heap: [(key: UInt64, run: Int)] = []
        func less(_ a: (key: UInt64, run: Int), _ b: (key: UInt64, run: Int)) -> Bool {
            a.key != b.key ? a.key < b.key : a.run < b.run
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count, less(heap[l], heap[m]) { m = l }
                if r < heap.count, less(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for r in 0..<runs where lengths[r] > 0 {
            load(r)
            heap.append((key(entries[r * buffer]), r))
        }
        for i in stride(from: heap.count / 2, through: 0, by: -1) { siftDown(i) }
        var filled = 0
        var chunk = 0
        while let top = heap.first {
            let r = top.run
            let slot = r * buffer + next[r] - bufferStart[r]
            outValues[filled] = values[slot]
            outEntries[filled] = entries[slot]
            filled += 1
            if filled == source.size {
                try output.write(
                    chunk: chunk, values: UnsafeBufferPointer(outValues), entries: UnsafeBufferPointer(outEntries))
                (filled, chunk) = (0, chunk + 1)
            }
            next[r] += 1
            if next[r] == lengths[r] {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            } else {
                if next[r] == bufferStart[r] + loaded[r] { load(r) }
                heap[0] = (key(entries[r * buffer + next[r] - bufferStart[r]]), r)
            }
            siftDown(0)
        }
        if filled > 0 {
            try output.write(
                chunk: chunk, values: UnsafeBufferPointer(rebasing: outValues[..<filled]),
                entries: UnsafeBufferPointer(rebasing: outEntries[..<filled]))
        }
        return output
    }
}
