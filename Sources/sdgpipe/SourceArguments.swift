import ArgumentParser
import SDGCore
import SDGIngest

/// The options of a pipeline's source entry, for the commands that read one file without a pipeline (`inspect`,
/// `evaluate`): a file that needs `columns:` or `ignore:` in a pipeline needs the same here, under the same names.
struct SourceArguments: ParsableArguments {
    @Option(name: .customLong("as"), help: "Read the file as csv or sdmx instead of detecting it.")
    var sourceFormat: SourceFormat?

    @Option(help: "The CSV delimiter: ',', ';', '|' or 'tab' (default: sniffed).")
    var delimiter: String?

    @Option(help: "Missing-value markers, comma-separated (default: '', .., NA, NaN, -).")
    var missing: String?

    @Option(help: "CSV layout: auto (default), long, wide, open_sdg, un_sdg_api, sdmx_csv, ddf, eurostat_tsv.")
    var layout: CSVLayout = .auto

    @Option(help: "An Excel workbook's sheet: its name or its number from 1 (default: the first).")
    var sheet: String?

    @Option(help: "An Excel sheet's header row, when a title sits above it (default: 1).")
    var headerRow: Int = 1

    @Option(help: "Text encoding: utf-8 (default), latin1 (latin-1, iso-8859-1), windows-1252 (cp1252); any case.")
    var encoding: TextEncoding = .utf8

    @Option(help: "Decimal separator: '.' (default) or ','.")
    var decimal: String = "."

    @Option(help: "Place period ranges such as 2002/03-2007/08 at their start or end (default: reject them).")
    var range: SourceOptions.RangeEnd?

    @Option(
        name: .customLong("column"),
        help:
            "ROLE=HEADER: the column of a role (area, indicator, period, value, unit, unit_multiplier, status), as `columns:` in a pipeline. Repeatable."
    )
    var columns: [String] = []

    @Option(
        name: .customLong("default"),
        help: "ROLE=VALUE: a constant for a role the file does not carry, as `defaults:` in a pipeline. Repeatable.")
    var defaults: [String] = []

    @Option(
        name: .customLong("ignore"),
        help: "A column (CSV) or dimension (SDMX) left out of the series key, as `ignore:` in a pipeline. Repeatable.")
    var ignore: [String] = []

    @Option(
        name: .customLong("where"),
        help:
            "KEY=VALUE: only the observations with this dimension, indicator, area or attribute (unit, status) value, as `from.where` in a pipeline. Repeatable."
    )
    var selection: [String] = []

    /// The `--where` conditions.
    var selected: Selection {
        Selection(
            Dictionary(
                selection.compactMap { pair in
                    pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
                }, uniquingKeysWith: { _, b in b }))
    }

    func validate() throws {
        for pair in selection where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--where '\(pair)' should be KEY=VALUE, such as indicator=ADULT_LEARN or sex=F")
        }
        if let delimiter, ![",", ";", "|", "tab", "\\t"].contains(delimiter) {
            throw ValidationError("--delimiter '\(delimiter)' is not one of ',', ';', '|', 'tab'")
        }
        if decimal != "." && decimal != "," { throw ValidationError("--decimal should be '.' or ','") }
        _ = try roles(columns, option: "--column")
        _ = try roles(defaults, option: "--default")
    }

    /// The source entry these options describe, named `name`.
    func options(name: String) throws -> SourceOptions {
        var source = SourceOptions(
            name: name, columns: try roles(columns, option: "--column"),
            defaults: try roles(defaults, option: "--default"),
            delimiter: delimiter.map { $0 == "tab" || $0 == "\\t" ? 9 : $0.utf8.first! })
        if let missing {
            source.missingMarkers = Set(
                missing.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        }
        source.layout = layout
        source.sheet = sheet
        source.headerRow = max(1, headerRow)
        source.encoding = encoding
        source.decimalComma = decimal == ","
        source.range = range
        source.ignore = ignore
        return source
    }

    private func roles(_ pairs: [String], option: String) throws -> [SourceOptions.Role: String] {
        var roles: [SourceOptions.Role: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="),
                let role = SourceOptions.Role(rawValue: String(pair[..<equals]))
            else {
                let valid = SourceOptions.Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("\(option) '\(pair)' should be ROLE=NAME, with ROLE one of \(valid)")
            }
            roles[role] = String(pair[pair.index(after: equals)...])
        }
        return roles
    }
}

extension SourceFormat: ExpressibleByArgument {}
extension CSVLayout: ExpressibleByArgument {}
extension SourceOptions.RangeEnd: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}
