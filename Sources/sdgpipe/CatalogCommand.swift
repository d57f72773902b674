import ArgumentParser
import Foundation
import SDGPipeline
import SDGPublish

struct Catalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse the SDG framework (goals, targets, indicators) and the Key Features of Learning Cities.",
        discussion: """
            Example:
              sdgpipe catalog                      # the 17 goals
              sdgpipe catalog 4                    # goal 4 and its targets
              sdgpipe catalog 4.3 --pipeline pipelines/demo.yaml   # its indicators and the local ones mapped to it
              sdgpipe catalog --search literacy    # SDG and learning-city entries
              sdgpipe catalog --framework kflc     # tiers, areas of focus and features
            """)

    @Argument(help: "A goal (4), target (4.3) or indicator (4.3.1); for --framework kflc a tier, area or feature id.")
    var code: String?

    @Option(
        help:
            "Find goals, targets and indicators, and learning-city areas and features, whose label contains this text.")
    var search: String?

    @Option(help: "sdg (default) or kflc; with --search, only that framework (default: both).")
    var framework: CatalogBrowser.Framework?

    @Option(help: "A pipeline file: show which of its local indicators map to each code.")
    var pipeline: String?

    @Option(help: "Output: table (default) or json.")
    var format: Evaluate.OutputFormat = .table

    func run() throws {
        do {
            let definition = try pipeline.map { try PipelineFileParser.load(path: $0) }
            let entries = try CatalogBrowser(indicators: definition?.indicators ?? []).lookup(
                code, search: search, framework: framework)
            if entries.isEmpty, let search {
                printError("nothing matches '\(search)'")
            }
            print(format == .json ? CatalogBrowser.json(entries).rendered() : CatalogBrowser.text(entries))
        } catch {
            ExitStatus.fail(error)
        }
    }
}

extension CatalogBrowser.Framework: ExpressibleByArgument {}
