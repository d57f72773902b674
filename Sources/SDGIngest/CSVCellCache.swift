/// The last text read in each column of a CSV file, cleaned (trimmed; for labelled layouts, `CODE: Label` cut to the
/// code). The indicator, area and breakdown columns of a long file repeat row after row, so a cell equal to the one
/// above it is neither decoded nor cleaned again and shares that cell's storage — which is also what lets a reader
/// tell, without comparing strings, that a row belongs to the same series as the row before.
import SDGSystem

/// Its properties opt out of runtime exclusivity checks (`@exclusivity(unchecked)`): it is used by one reader on one
/// thread and never passes them `inout`, and the checks were a tenth of reading a long CSV (`perf`).
final class CSVCellCache {
    /// Each column's last cell, in one block: column `i` owns `capacities[i]` bytes from `offsets[i]`.
    @exclusivity(unchecked) private var bytes: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var offsets: [Int]
    @exclusivity(unchecked) private var capacities: [Int]
    @exclusivity(unchecked) private var lengths: [Int]
    @exclusivity(unchecked) private var texts: [String]
    @exclusivity(unchecked) private var wasTrimmed: [Bool]
    @exclusivity(unchecked) private var seen: [Bool]
    private let labelled: Bool
    /// Cells that had leading or trailing spaces, counted once per cell read.
    @exclusivity(unchecked) private(set) var trimmed = 0
    /// Per column: 1 when it belongs to the series key, 2 when to the attributes (a column may be both).
    private let groups: [UInt8]
    /// The groups with a column changed since they were last built.
    @exclusivity(unchecked) private var changed: UInt8 = 3
    /// Whether a series-key column has changed since the last `keyBuilt()`: until then the previous key still holds.
    var keyChanged: Bool { changed & 1 != 0 }
    /// Whether an attribute column (unit, status, multiplier) has changed since the last `attributesBuilt()`.
    var attributesChanged: Bool { changed & 2 != 0 }

    init(columns: Int, keyColumns: [Int], attributeColumns: [Int] = [], labelled: Bool) {
        groups = (0..<columns).map { (keyColumns.contains($0) ? 1 : 0) | (attributeColumns.contains($0) ? 2 : 0) }
        capacities = Array(repeating: 64, count: columns)
        offsets = (0..<columns).map { $0 * 64 }
        lengths = Array(repeating: 0, count: columns)
        bytes = .allocate(capacity: max(64 * columns, 64))
        texts = Array(repeating: "", count: columns)
        wasTrimmed = Array(repeating: false, count: columns)
        seen = Array(repeating: false, count: columns)
        self.labelled = labelled
    }

    deinit { bytes.deallocate() }

    /// Keeps `field` as column `i`'s last cell; a column whose cell outgrows its room moves to the end of the block.
    private func store(_ field: UnsafeBufferPointer<UInt8>, column i: Int) {
        if field.count > capacities[i] {
            let capacity = max(field.count, capacities[i] * 2)
            let end = offsets.indices.map { offsets[$0] + capacities[$0] }.max() ?? 0
            if end + capacity > bytes.count {
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: (end + capacity) * 2)
                _ = memcpy(larger.baseAddress!, bytes.baseAddress!, end)
                bytes.deallocate()
                bytes = larger
            }
            offsets[i] = end
            capacities[i] = capacity
        }
        if field.count > 0 { _ = memcpy(bytes.baseAddress! + offsets[i], field.baseAddress!, field.count) }
        lengths[i] = field.count
    }

    func keyBuilt() { changed &= ~1 }
    func attributesBuilt() { changed &= ~2 }

    /// The text `text(_:of:)` last returned for column `i` (without counting a trimmed cell again).
    func lastText(_ i: Int) -> String { texts[i] }

    /// The cleaned text of column `i` of the reader's current record.
    func text(_ i: Int, of reader: CSVRecordReader) throws(IngestError) -> String {
        try refresh(i, of: reader)
        return texts[i]
    }

    /// Reads column `i` of the reader's current record into the cache (its text then is `lastText(i)`); `true` when
    /// it differs from the cell last read in that column. Returns no text: handing a `String` out per cell costs a
    /// retain and a release even when nothing changed.
    @discardableResult
    func refresh(_ i: Int, of reader: CSVRecordReader) throws(IngestError) -> Bool {
        let field = reader.field(i)
        let same =
            seen[i] && field.count == lengths[i]
            && (field.count == 0 || memcmp(bytes.baseAddress! + offsets[i], field.baseAddress!, field.count) == 0)
        if same {
            if wasTrimmed[i] { trimmed += 1 }
            return false
        }
        changed |= groups[i]
        store(field, column: i)
        let raw = try reader.decode(field, column: i + 1)
        var text = raw.trimmingASCIIWhitespace()
        wasTrimmed[i] = text.utf8.count != raw.utf8.count
        if wasTrimmed[i] { trimmed += 1 }
        if labelled, let code = text.splitting(by: ": ").first, code.utf8.count < text.utf8.count { text = code }
        texts[i] = text
        seen[i] = true
        return true
    }
}
