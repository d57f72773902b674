import SDGCore

/// One problem in a pipeline file, with the line and column the editor should jump to.
public struct PipelineProblem: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        SourceLocation(file: file, line: line, column: column).description + ": " + message
    }
}

/// Why a pipeline file cannot be used (exit 2). Validation collects every problem before failing, so a
/// city team fixes their file in one pass rather than one error per run.
public enum PipelineFileError: SDGFailure, Equatable {
    case notFound(path: String)
    case invalid([PipelineProblem])

    public var category: FailureCategory { .usage }

    public var problems: [PipelineProblem] {
        switch self {
        case .notFound(let path):
            return [
                PipelineProblem(
                    file: path, line: nil, column: nil,
                    message: "pipeline file not found. Pass the path of a YAML file such as pipelines/demo.yaml.")
            ]
        case .invalid(let problems): return problems
        }
    }

    public var description: String {
        let problems = problems
        let heading = problems.count == 1 ? "" : "\(problems.count) problems in the pipeline file:\n"
        return heading + problems.map(\.description).joined(separator: "\n")
    }
}
