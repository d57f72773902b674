import Foundation

/// The CSV reader of a source: the file itself, or for an Excel workbook its sheet written out as CSV to a temporary
/// folder first (`XLSXSheet`), which `finish()` removes. Messages and rejects name the workbook either way.
struct CSVSource {
    let reader: LongCSVReader
    /// The sheet read, and what its header resolved to (checked when the sheet is written out), for a workbook.
    private(set) var sheet: String?
    private(set) var layout: LongCSVReader.Layout?
    private let folder: URL?

    init(path: String, options: SourceOptions) throws(IngestError) {
        let named = ["xlsx", "xlsm"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
        guard XLSXSheet.isZIP(path: path) else {
            if named {
                throw .unreadable(
                    path: path,
                    reason:
                        "it is named as an Excel workbook but is not one (an .xlsx file is a ZIP holding xl/workbook.xml); an older .xls workbook must be saved as .xlsx or CSV first"
                )
            }
            reader = LongCSVReader(path: path, options: options)
            folder = nil
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sdgpipe-xlsx-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: path, reason: "no temporary folder for its sheet: \(error)")
        }
        do throws(IngestError) {
            let workbook = try XLSXSheet(path: path, parts: folder)
            let csv = folder.appendingPathComponent("sheet.csv")
            let sheet = try workbook.writeCSV(sheet: options.sheet, headerRow: options.headerRow, to: csv)
            // Messages and rejects name the sheet: `city-statistics.xlsx[Long data]:9:5`.
            var reader = LongCSVReader(path: "\(path)[\(sheet)]", options: options)
            reader.readFrom = csv.path
            // A workbook's first sheet is often a cover page, and a table often has a title above its header: say
            // what to set rather than only "no area column".
            do {
                layout = try reader.layout()
            } catch {  // any reason the header cannot be read: said inside the advice
                let others = workbook.sheets.map(\.name).filter { $0 != sheet }
                var advice =
                    "if the table's header is below row \(options.headerRow) (a title above it), set `header_row:` to its row number (`--header-row` for inspect)"
                if options.sheet == nil, !others.isEmpty {
                    advice =
                        "the workbook also has \(others.map { "'\($0)'" }.joined(separator: ", ")): name the sheet to read with `sheet:` in the source entry (`--sheet` for inspect); "
                        + advice
                }
                throw IngestError.unreadable(
                    path: path,
                    reason: "its sheet '\(sheet)' has no table header sdgpipe can read (\(error)); \(advice)")
            }
            self.reader = reader
            self.sheet = sheet
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.folder = folder
    }

    func finish() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}
