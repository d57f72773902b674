import Foundation
import SDGCore

extension XLSXSheet {
    /// Writes the sheet `choice` names (or the first) as RFC 4180 CSV into `csv`, one line per sheet row: a row
    /// Excel leaves out, one without a value, or one above `headerRow`, is an empty line (which the CSV reader skips),
    /// so that line numbers are row numbers. Merged cells all get the range's value. Rows are as wide as the first
    /// row with a value (the header): shorter ones are padded, empty cells past it dropped. Returns the sheet's name.
    func writeCSV(sheet choice: String?, headerRow: Int = 1, to csv: URL) throws(IngestError) -> String {
        let (sheetName, part) = try chosen(choice)
        let strings = try sharedStrings()
        let dates = try dateStyles()
        // Looked up per numeric cell: an array by style index, not a set.
        var isDate = [Bool](repeating: false, count: (dates.max() ?? -1) + 1)
        for style in dates { isDate[style] = true }
        guard FileManager.default.createFile(atPath: csv.path, contents: nil),
            let out = FileHandle(forWritingAtPath: csv.path)
        else { throw .unreadable(path: path, reason: "no temporary file for its sheet could be written") }
        defer { try? out.close() }
        var pending = Data()
        var writeError: (any Error)?
        func flush(force: Bool = false) {
            guard force || pending.count >= 1 << 20, writeError == nil else { return }
            do { try out.write(contentsOf: pending) } catch { writeError = error }
            pending.removeAll(keepingCapacity: true)
        }

        // Merged cells: Excel keeps the value in the range's first cell only; every cell of the range gets it, so that
        // an area name merged down its indicators' rows, or a header merged over two rows, is on every row.
        var merges = try mergedRanges(part)[...]
        var active: [(range: MergedRange, value: String)] = []
        var row: [String] = []
        var width: Int?
        var line = 1  // the next CSV line, which is the next sheet row
        var rowNumber = 0
        var column = 0
        var type = "n"
        var style = 0
        var value: [UInt8] = []
        var inValue = false
        var inInline = 0
        var rowError: IngestError?
        let events = XMLEvents()
        events.start = { name, attributes in
            switch name {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? line
                row = []
            case "c":
                column = attributes["r"].map(Self.columnIndex) ?? row.count
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
                value = []
            case "v": inValue = true
            case "is": inInline += 1
            case "t" where inInline > 0: inValue = true
            default: break
            }
        }
        events.end = { name in
            switch name {
            case "v", "t": inValue = false
            case "is": inInline -= 1
            case "c":
                let raw = String(decoding: value, as: UTF8.self)
                var text = raw
                switch type {
                case "s": text = Int(raw).flatMap { $0 < strings.count ? strings[$0] : nil } ?? raw
                case "b": text = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
                case "n":
                    if style < isDate.count, isDate[style], let serial = Double(raw),
                        let date = Self.date(serial: serial, from1904: from1904)
                    {
                        text = date
                    }
                default: break  // str, inlineStr, e (an error such as #N/A), d (an ISO date)
                }
                if column >= row.count { row += Array(repeating: "", count: column - row.count + 1) }
                row[column] = text
            case "row":
                if rowNumber < line, rowError == nil {
                    rowError = .unreadable(
                        path: path,
                        reason:
                            "its sheet '\(sheetName)' lists row \(rowNumber) after row \(line - 1); a workbook keeps its rows in order, so it is damaged: open it in Excel or LibreOffice and save it again"
                    )
                }
                while line < rowNumber {
                    pending.append(0x0A)
                    line += 1
                }
                while let next = merges.first, next.firstRow <= rowNumber {
                    merges.removeFirst()
                    guard next.firstRow == rowNumber else { continue }
                    active.append((next, next.firstColumn < row.count ? row[next.firstColumn] : ""))
                }
                active.removeAll { $0.range.lastRow < rowNumber }
                for (range, text) in active where !text.isEmpty {
                    if range.lastColumn >= row.count {
                        row += Array(repeating: "", count: range.lastColumn - row.count + 1)
                    }
                    for c in range.firstColumn...range.lastColumn where row[c].isEmpty { row[c] = text }
                }
                // Rows above the header (a title, notes) are left out as empty lines.
                let hasValue = rowNumber >= headerRow && row.contains { !$0.isEmpty }
                if hasValue {
                    if width == nil { width = row.count }
                    if let width {
                        if row.count < width { row += Array(repeating: "", count: width - row.count) }
                        while row.count > width, row.last == "" { row.removeLast() }
                    }
                    pending.append(contentsOf: row.map(Self.csvField).joined(separator: ",").utf8)
                }
                pending.append(0x0A)
                line += 1
                flush()
            default: break
            }
        }
        events.text = { bytes in if inValue { value.append(contentsOf: bytes) } }
        try parse(part, events)
        if let rowError { throw rowError }
        flush(force: true)
        if let writeError {
            throw .unreadable(path: path, reason: "its sheet could not be written to a temporary file: \(writeError)")
        }
        return sheetName
    }

    /// `C7` → 2 (the column letters, counting from 0).
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for u in reference.unicodeScalars {
            guard ("A"..."Z").contains(u) else { break }
            n = n * 26 + Int(u.value - 64)
        }
        return max(n - 1, 0)
    }

    /// A cell as one CSV field: quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
