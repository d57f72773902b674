import ArgumentParser
import Foundation
import SDGCore
import SDGPipeline
import SDGPublish

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate every series of one file around an action's start, without a pipeline file.",
        discussion: """
            Example:
              sdgpipe evaluate samples/demo/city_stats.csv --start 2017
              sdgpipe evaluate samples/demo/city_stats.csv --start 2017 --direction increase \\
                --target 50 --comparison Lakeside,Hillview --format json

            For each series: before/after (Welch t, 95% CI, Hedges g), OLS, Mann-Kendall and Sen trends,
            interrupted time series, CAGR and progress classes; with --comparison, difference-in-differences
            of every other area against the comparison areas.
            """)

    @Argument(help: "A CSV file (any layout sdgpipe reads) or an SDMX-ML data message.")
    var file: String

    @Option(help: "The action's start period (2017, 2017-Q3, 2017-09, 2017/18).")
    var start: String

    @Option(help: "The target value (for progress classes).")
    var target: Double?

    @Option(help: "The year the target is due.")
    var targetYear: Int = 2030

    @Option(help: "The desired direction: increase or decrease.")
    var direction: DesiredDirection?

    @Option(help: "Comparison areas, comma-separated, for difference-in-differences.")
    var comparison: String?

    @Flag(help: "Student's pooled-variance t-test instead of Welch's.")
    var student = false

    @Option(help: "Newey-West lags for the ITS HAC standard errors (default floor(4(n/100)^(2/9))).")
    var hacLags: Int?

    @Option(help: "Periods left out of every estimate, comma-separated (2020,2021), as `exclude:` in a pipeline.")
    var exclude: String?

    @Option(help: "Output: table (default) or json.")
    var format: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var source: SourceArguments

    var excludedPeriods: [Period] {
        (exclude ?? "").split(separator: ",").compactMap { Period.parse(String($0).trimmingASCIIWhitespace()) }
    }

    func validate() throws {
        for text in (exclude ?? "").split(separator: ",") where Period.parse(String(text)) == nil {
            throw ValidationError("--exclude '\(text)' is not a period; write years such as 2020,2021")
        }
        guard Period.parse(start) != nil else {
            throw ValidationError(
                "--start '\(start)' is not a period; write a year (2017), quarter (2017-Q3), month (2017-09) or school year (2017/18)"
            )
        }
    }

    func run() throws {
        do {
            var options = QuickEvaluation.Options(start: Period.parse(start)!)
            options.evaluation.target = target
            options.evaluation.targetYear = targetYear
            options.evaluation.direction = direction
            options.evaluation.pooledVariance = student
            options.evaluation.hacLags = hacLags
            options.evaluation.exclude = excludedPeriods
            options.format = source.sourceFormat ?? .auto
            options.selection = source.selected
            options.source = try source.options(
                name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
            options.evaluation.comparison =
                comparison.map { $0.split(separator: ",").map { String($0).trimmingASCIIWhitespace() } } ?? []
            let result = try QuickEvaluation(path: file, options: options)
            for warning in result.warnings { printError("warning: \(warning)") }
            for reject in result.rejects.prefix(5) { printError("rejected \(reject.location): \(reject.reason)") }
            if result.rejects.count > 5 { printError("… and \(result.rejects.count - 5) more rejects") }
            switch format {
            case .json: try result.writeJSON(to: TextOutput.standardOutput())
            case .table: try EvaluationTable.render(result, to: TextOutput.standardOutput())
            }
            // The process ends here: freeing 100,000 evaluations object by object took a tenth of a second that
            // the operating system does at once (compilers skip the same work at exit, e.g. clang's -disable-free).
            _ = Unmanaged.passRetained(Keep(result))
        } catch {
            ExitStatus.fail(error)
        }
    }
}

extension DesiredDirection: ExpressibleByArgument {}

/// Holds a value that is never freed (see `Evaluate.run`).
private final class Keep<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
