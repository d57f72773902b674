import Foundation
import SDGCore
import SDGLocalize
import Yams

/// `frameworks: [kflc, umf, ../plan.yaml]`: the frameworks a pipeline's local indicators may link to besides the
/// SDGs, built in (`kflc`, `umf`) or a city's own file (`FrameworkFileParser`), and the check of every link against
/// them once the crosswalk is read.
enum FrameworksParser {
    struct Parsed {
        /// The KFLC first (always available: the crosswalk's `kflc:` links to it), then those named, in order.
        var declared: [Framework] = [.learningCity]
        var files: [URL] = []
        var problems: [PipelineProblem] = []
        /// The names of framework files that could not be read (their problems are reported): links to them and
        /// crosswalk columns named so are not reported again.
        var failedNames: Set<String> = []
        /// Every name a link or crosswalk column may use.
        var names: [String] { declared.map(\.id) + failedNames.sorted() }
    }

    static func parse(_ node: Node?, _ yaml: YAMLReader, baseURL: URL, display: (URL) -> String) -> Parsed {
        var parsed = Parsed()
        guard let node else { return parsed }
        guard let list = node.sequence else {
            yaml.problem(node, "`frameworks` should be a list: built-in names (kflc, umf) or framework files")
            return parsed
        }
        for item in list {
            guard let name = yaml.string(item, at: "frameworks") else { continue }
            let framework: Framework?
            if let builtIn = FrameworkFileParser.builtIn(name) {
                framework = builtIn
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let url = URL(fileURLWithPath: name, relativeTo: baseURL).standardizedFileURL
                parsed.files.append(url)
                let (loaded, declared, problems) = FrameworkFileParser.load(url, displayPath: display(url))
                parsed.problems += problems
                if loaded == nil, let declared { parsed.failedNames.insert(declared) }
                framework = loaded
            } else {
                yaml.problem(
                    item,
                    "`frameworks` names '\(name)', which is neither built in\(Suggestion.phrase(for: name, in: FrameworkFileParser.builtInNames)) nor a framework file (.yaml); built in: \(FrameworkFileParser.builtInNames.joined(separator: ", "))"
                )
                continue
            }
            guard let framework else { continue }
            if framework.id == "kflc" { continue }
            if parsed.declared.contains(where: { $0.id == framework.id }) {
                yaml.problem(
                    item, "two frameworks are named '\(framework.id)'; give the file's `framework:` another name")
                continue
            }
            parsed.declared.append(framework)
        }
        return parsed
    }

    /// Every `links:` entry names a declared framework and one of its nodes.
    static func checkLinks(_ records: [CrosswalkRecord], frameworks: Parsed) -> [PipelineProblem] {
        let failed = frameworks.failedNames
        let frameworks = frameworks.declared
        var problems: [PipelineProblem] = []
        let names = frameworks.map(\.id)
        for record in records {
            for (name, ids) in record.links.sorted(by: { $0.key < $1.key }) {
                let id = record.indicator.id
                guard let framework = frameworks.first(where: { $0.id == name }) else {
                    if failed.contains(name) { continue }
                    problems.append(
                        PipelineProblem(
                            file: record.file, line: record.line, column: nil,
                            message:
                                "indicator '\(id)' links to the framework '\(name)', which the pipeline does not declare.\(Suggestion.phrase(for: name, in: names)) Add it to `frameworks:` (built in: \(FrameworkFileParser.builtInNames.joined(separator: ", ")), or a framework file)."
                        ))
                    continue
                }
                for node in ids where !framework.contains(node) {
                    problems.append(
                        PipelineProblem(
                            file: record.file, line: record.line, column: nil,
                            message:
                                "indicator '\(id)' links to '\(node)', which is not a node of \(name).\(Suggestion.phrase(for: node, in: framework.nodes.map(\.id))) See `sdgpipe catalog --framework \(name)`."
                        ))
                }
            }
        }
        return problems
    }
}
