import Foundation
import SDGCore
import ZIPFoundation

/// A sheet of an Excel workbook (`.xlsx`, Office Open XML) as CSV: the ZIP read by ZIPFoundation, its XML parts by
/// libxml2 (`XMLEvents`), the sheet written to a temporary CSV file that the CSV layouts then read like any other
/// (the same layouts, the same reject rules). One CSV line per sheet row, so that a reject's line is the row number
/// Excel shows. Shared and inline strings become text, numbers stay as Excel stored them, cells formatted as dates
/// become `YYYY-MM-DD` (periods), error cells (`#N/A`) stay as written and are rejected as values like any text.
struct XLSXSheet {
    let path: String
    let archive: Archive
    let parts: URL
    /// The worksheets in the workbook's order (name and part path), and whether its dates count from 1904: read from
    /// `xl/workbook.xml` and its relationships once, when the workbook is opened.
    private(set) var sheets: [(name: String, part: String)] = []
    private(set) var from1904 = false

    /// Whether `path` starts as a ZIP does (a workbook is one), whatever its name.
    static func isZIP(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Opens the workbook; a ZIP without `xl/workbook.xml` is not one.
    init(path: String, parts: URL) throws(IngestError) {
        self.path = path
        self.parts = parts
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .unreadable(path: path, reason: "not an Excel workbook (.xlsx) that can be opened: \(error)")
        }
        var listed: [(String, String)] = []
        var from1904 = false
        let workbook = XMLEvents()
        workbook.start = { name, attributes in
            if name == "sheet", let sheet = attributes["name"], let id = attributes["id"] { listed.append((sheet, id)) }
            if name == "workbookPr", let flag = attributes["date1904"] { from1904 = flag == "1" || flag == "true" }
        }
        guard try parse("xl/workbook.xml", workbook) else {
            throw .unreadable(
                path: path,
                reason:
                    "it is a ZIP without xl/workbook.xml, so not an Excel workbook; an older .xls workbook must be saved as .xlsx or CSV first"
            )
        }
        var targets: [String: String] = [:]
        let rels = XMLEvents()
        rels.start = { name, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
                attributes["Type"]?.hasSuffix("/worksheet") == true
            {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        try parse("xl/_rels/workbook.xml.rels", rels)
        sheets = listed.compactMap { name, id in targets[id].map { (name, $0) } }
        self.from1904 = from1904
    }

    /// Extracts a part of the workbook to a file beside the others (once); nil when the part is absent.
    func extracted(_ part: String) throws(IngestError) -> URL? {
        guard let entry = archive[part] else { return nil }
        let file = parts.appendingPathComponent(part.replacingOccurrences(of: "/", with: "_"))
        do {
            if !FileManager.default.fileExists(atPath: file.path) { _ = try archive.extract(entry, to: file) }
        } catch {
            throw .unreadable(path: path, reason: "its part \(part) cannot be extracted: \(error)")
        }
        return file
    }

    /// Extracts a part of the workbook and parses it; false when the part is absent.
    @discardableResult
    func parse(_ part: String, _ events: XMLEvents) throws(IngestError) -> Bool {
        guard let file = try extracted(part) else { return false }
        try events.parse(path: file.path, name: "\(path): \(part)")
        return true
    }

    /// A merged range of cells (rows from 1, columns from 0, both ends included).
    struct MergedRange {
        let firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int
    }

    /// The sheet's merged ranges (`<mergeCell ref="A1:A2"/>`, written after the rows): a second pass over the sheet
    /// only when its bytes hold a merge at all.
    func mergedRanges(_ part: String) throws(IngestError) -> [MergedRange] {
        guard let file = try extracted(part), Self.contains(Data("<mergeCell ".utf8), in: file) else { return [] }
        var ranges: [MergedRange] = []
        let events = XMLEvents()
        events.start = { name, attributes in
            guard name == "mergeCell", let ref = attributes["ref"] else { return }
            let ends = ref.split(separator: ":").map(String.init)
            guard ends.count == 2, let r1 = Self.rowNumber(ends[0]), let r2 = Self.rowNumber(ends[1]) else { return }
            ranges.append(
                MergedRange(
                    firstRow: r1, lastRow: r2, firstColumn: Self.columnIndex(ends[0]),
                    lastColumn: Self.columnIndex(ends[1])))
        }
        try parse(part, events)
        return ranges.sorted { $0.firstRow < $1.firstRow }
    }

    /// Whether the file holds `needle`, read in 1 MiB pieces (a mapped sheet counted its pages in the resident memory).
    static func contains(_ needle: Data, in file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        var carry = Data()
        while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty {
            let window = carry + piece
            if window.range(of: needle) != nil { return true }
            carry = window.suffix(needle.count - 1)
        }
        return false
    }

    /// `C7` → 7.
    static func rowNumber(_ reference: String) -> Int? {
        Int(String(reference.unicodeScalars.filter { ("0"..."9").contains($0) }))
    }

    /// The sheet `choice` names (a name, or a number counting from 1), or the first.
    func chosen(_ choice: String?) throws(IngestError) -> (name: String, part: String) {
        let all = sheets
        guard let first = all.first else { throw .unreadable(path: path, reason: "the workbook has no worksheet") }
        guard let choice else { return first }
        if let sheet = all.first(where: { $0.name == choice }) { return sheet }
        if let n = Int(choice), n >= 1, n <= all.count { return all[n - 1] }
        let names = all.map(\.name)
        throw .unreadable(
            path: path,
            reason:
                "it has no sheet '\(choice)'.\(Suggestion.phrase(for: choice, in: names)) Its sheets are \(names.map { "'\($0)'" }.joined(separator: ", ")); set `sheet:` to one of them or to its number (1 to \(names.count))"
        )
    }

    /// The shared strings: each `si`'s text runs joined (phonetic runs left out).
    func sharedStrings() throws(IngestError) -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var phonetic = 0
        let events = XMLEvents()
        events.start = { name, _ in
            switch name {
            case "si": current = []
            case "rPh": phonetic += 1
            case "t": inText = phonetic == 0
            default: break
            }
        }
        events.end = { name in
            switch name {
            case "si": strings.append(String(decoding: current, as: UTF8.self))
            case "rPh": phonetic -= 1
            case "t": inText = false
            default: break
            }
        }
        events.text = { bytes in if inText { current.append(contentsOf: bytes) } }
        try parse("xl/sharedStrings.xml", events)
        return strings
    }

    /// The cell styles (`cellXfs` indices) whose number format shows a date.
    func dateStyles() throws(IngestError) -> Set<Int> {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        let styles = XMLEvents()
        styles.start = { name, attributes in
            if name == "numFmt", let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"]
            {
                custom[id] = code
            }
            if name == "cellXfs" { inCellXfs = true }
            if name == "xf", inCellXfs { formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
        }
        styles.end = { name in if name == "cellXfs" { inCellXfs = false } }
        try parse("xl/styles.xml", styles)
        return Set(
            formats.indices.filter { i in
                let id = formats[i]
                if (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
                {
                    return true
                }
                return custom[id].map(Self.isDateFormat) ?? false
            })
    }

    /// A custom number format shows a date when, outside quoted text and brackets, it has a day, month or year code.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        for c in code.lowercased() {
            if c == "\"" { quoted.toggle() }
            if c == "[" { bracket = true }
            if c == "]" { bracket = false }
            if !quoted, !bracket, c == "d" || c == "y" || c == "m" { return true }
        }
        return false
    }

    /// An Excel date serial as `YYYY-MM-DD` (the 1900 system counts the non-existent 29 February 1900).
    static func date(serial: Double, from1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        let base = from1904 ? (1904, 1, 1) : days < 60 ? (1899, 12, 31) : (1899, 12, 30)
        var components = DateComponents(year: base.0, month: base.1, day: base.2)
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: components),
            let date = calendar.date(byAdding: .day, value: days, to: start)
        else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
