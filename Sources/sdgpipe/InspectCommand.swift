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

    @OptionGroup var source: SourceArguments

    func run() throws {
        do {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let inspection = try FeedInspection(
                path: file, format: source.sourceFormat ?? .auto, options: source.options(name: name),
                selection: source.selected)
            print(format == .json ? inspection.json().rendered() : inspection.text())
        } catch {
            ExitStatus.fail(error)
        }
    }
}
