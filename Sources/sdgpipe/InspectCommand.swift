import ArgumentParser
import Foundation
import SDGIngest
import SDGPipeline
import SDGPublish

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A first look at a new feed: detected format and columns, periods, units, control totals.",
        discussion: """
            Example:
              sdgpipe inspect samples/demo/city_stats.csv
              sdgpipe inspect samples/demo/sdg4_national.xml --format json

            The control totals (observations, values, value_sum, rejects, series) are top-level JSON keys,
            to reconcile against the publisher's figures.
            """)

    @Argument(help: "A CSV file (any layout sdgpipe reads) or an SDMX-ML data message.")
    var file: String

    @Option(help: "Output: table (default) or json.")
    var format: Evaluate.OutputFormat = .table

    @Option(name: .customLong("as"), help: "Read the file as csv or sdmx instead of detecting it.")
    var sourceFormat: SourceFormat?

    @Option(help: "The CSV delimiter: ',', ';', '|' or 'tab' (default: sniffed).")
    var delimiter: String?

    @Option(help: "Missing-value markers, comma-separated (default: '', .., NA, NaN, -).")
    var missing: String?

    @Option(help: "CSV layout: auto (default), long, wide, open_sdg, un_sdg_api, sdmx_csv, ddf.")
    var layout: CSVLayout = .auto

    @Option(help: "Text encoding: utf-8 (default), latin1, windows-1252.")
    var encoding: TextEncoding = .utf8

    @Option(help: "Decimal separator: '.' (default) or ','.")
    var decimal: String = "."

    @Option(help: "Place period ranges such as 2002/03-2007/08 at their start or end (default: reject them).")
    var range: SourceOptions.RangeEnd?

    func validate() throws {
        if let delimiter, ![",", ";", "|", "tab", "\\t"].contains(delimiter) {
            throw ValidationError("--delimiter '\(delimiter)' is not one of ',', ';', '|', 'tab'")
        }
        if decimal != "." && decimal != "," { throw ValidationError("--decimal should be '.' or ','") }
    }

    func run() throws {
        do {
            var options = FeedInspection.Options()
            if let sourceFormat { options.format = sourceFormat }
            options.delimiter = delimiter.map { $0 == "tab" || $0 == "\\t" ? 9 : $0.utf8.first! }
            options.missing = missing.map {
                Set($0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            }
            options.layout = layout
            options.encoding = encoding
            options.decimalComma = decimal == ","
            options.range = range
            let inspection = try FeedInspection(path: file, options: options)
            print(format == .json ? inspection.json().rendered() : inspection.text())
        } catch {
            ExitStatus.fail(error)
        }
    }
}

extension SourceFormat: ExpressibleByArgument {}
extension CSVLayout: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension SourceOptions.RangeEnd: ExpressibleByArgument {}
