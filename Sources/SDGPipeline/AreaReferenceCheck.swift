import SDGCore

/// A place in the pipeline (or the command line) that names areas: `evaluation.areas`, `evaluation.comparison`, an
/// action's `areas`, the run's `--only-areas`.
package struct AreaSetting: Sendable {
    /// How the user wrote it: `evaluation.comparison`, `actions[library-programme].areas`, `--only-areas`.
    package let setting: String
    package let areas: [String]
    /// The line in the pipeline file; `nil` for a command-line option.
    package let line: Int?
}

/// Areas named by the pipeline that no source has. Such a name is a typo or a code written another way (`101` for
/// `0101`, `Rivertown` for `Riverton`); without this check the area simply had no series, the run succeeded and the
/// report said "No evaluated series for this action." without a reason. `validate` and `run` stop with exit 2.
enum AreaReferenceCheck {
    /// How many of the areas found a message lists.
    static let listed = 20

    static func problems(
        _ settings: [AreaSetting], found: Set<String>, pipelineFile: String
    ) -> [Diagnostic] {
        guard !found.isEmpty else { return [] }
        let sorted = found.sorted()
        let inData =
            "The sources have \(found.count) area\(found.count == 1 ? "" : "s"): "
            + sorted.prefix(listed).joined(separator: ", ") + (found.count > listed ? ", …" : "")
        var problems: [Diagnostic] = []
        for setting in settings {
            for area in setting.areas where !found.contains(area) {
                let near = Suggestion.nearest(to: area, in: sorted, limit: 3)
                let advice =
                    near.isEmpty
                    ? " Write the area as the data spells it (`sdgpipe inspect FILE` lists them)."
                    : " Did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
                problems.append(
                    Diagnostic(
                        .error, .unknownArea,
                        at: setting.line.map { SourceLocation(file: pipelineFile, line: $0) },
                        "`\(setting.setting)` names area '\(area)', which no source has.\(advice) \(inData)"))
            }
        }
        return problems
    }
}
