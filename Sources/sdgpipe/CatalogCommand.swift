import ArgumentParser
import Foundation
import SDGPipeline
import SDGPublish

struct Catalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse the SDGs, the Key Features of Learning Cities and any other framework (UMF, a city's plan).",
        discussion: """
            Example:
              sdgpipe catalog                      # the 17 goals
              sdgpipe catalog 4                    # goal 4 and its targets
              sdgpipe catalog 4.3 --pipeline pipelines/demo.yaml   # its indicators and the local ones mapped to it
              sdgpipe catalog --search literacy    # SDG and learning-city entries
              sdgpipe catalog --framework kflc     # tiers, areas of focus and features
              sdgpipe catalog --framework umf --pipeline pipelines/demo.yaml   # UN-Habitat's domains, with links
              sdgpipe catalog --framework plan --pipeline pipelines/demo.yaml  # a framework file the pipeline names
            """)

    @Argument(help: "A goal (4), target (4.3) or indicator (4.3.1); with --framework, one of its node ids.")
    var code: String?

    @Option(
        help:
            "Find goals, targets and indicators, and learning-city areas and features, whose label contains this text.")
    var search: String?

    @Option(
        help:
            "sdg (default), kflc, umf, or a framework the --pipeline names in `frameworks:`; with --search, only that framework (default: the SDGs and the KFLC)."
    )
    var framework: String?

    @Option(help: "A pipeline file: show which of its local indicators map to each code.")
    var pipeline: String?

    @Option(help: "Output: table (default) or json.")
    var format: Evaluate.OutputFormat = .table

    func run() throws {
        do {
            let definition = try pipeline.map { try PipelineFileParser.load(path: $0) }
            var frameworks = definition?.frameworks.filter { $0.id != "kflc" } ?? []
            for name in FrameworkFileParser.builtInNames where !frameworks.contains(where: { $0.id == name }) {
                if name != "kflc", let builtIn = FrameworkFileParser.builtIn(name) { frameworks.append(builtIn) }
            }
            let entries = try CatalogBrowser(indicators: definition?.indicators ?? [], frameworks: frameworks).lookup(
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
