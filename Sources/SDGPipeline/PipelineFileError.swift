import SDGCore

/// One problem in a pipeline file, with the line and column the editor should jump to.
/// A problem of a pipeline file or its crosswalk, as a `Diagnostic` located at the file's line and column: the code
/// `pipeline.invalid` for the file's own problems (unknown keys, malformed SDG codes, unknown references), a
/// crosswalk check's code for problems found against the data.
package typealias PipelineProblem = Diagnostic

extension Diagnostic {
    /// A pipeline file problem (`pipeline.invalid`) at a line and column of `file`.
    package init(file: String, line: Int?, column: Int?, message: String, code: DiagnosticCode = .pipelineInvalid) {
        self.init(.error, code, at: SourceLocation(file: file, line: line, column: column), message)
    }

    package var file: String? { location?.file }
    package var line: Int? { location?.line }
    package var column: Int? { location?.column }
}

/// Why a pipeline file cannot be used (exit 2). Validation collects every problem before failing, so a
/// city team fixes their file in one pass rather than one error per run.
package enum PipelineFileError: SDGFailure, Equatable {
    case notFound(path: String)
    case invalid([PipelineProblem])

    package var category: FailureCategory { .usage }

    package var problems: [PipelineProblem] {
        switch self {
        case .notFound(let path):
            return [
                PipelineProblem(
                    file: path, line: nil, column: nil,
                    message: "pipeline file not found. Pass the path of a YAML file such as pipelines/demo.yaml.",
                    code: .pipelineNotFound)
            ]
        case .invalid(let problems): return problems
        }
    }

    package var description: String {
        let problems = problems
        let heading = problems.count == 1 ? "" : "\(problems.count) problems in the pipeline file:\n"
        return heading + problems.map(\.description).joined(separator: "\n")
    }
}
