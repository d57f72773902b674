import Foundation
import SDGCore
import SDGLocalize
import Yams

/// Frameworks as data (docs/pipeline.md, "Frameworks"): a YAML file of levels and nodes, read with every problem's
/// line and a fix, so that a city can link its indicators to its own plan as it does to the SDGs.
///
/// ```yaml
/// framework: plan                     # the name `links:` and crosswalk columns use
/// name: Riverton Lifelong Learning Plan 2022-2030
/// source: City of Riverton, council decision 2022/114
/// levels: [Priority, Objective]       # top first
/// nodes:
///   - {id: P1, label: Every resident a learner}
///   - {id: P1.1, parent: P1, label: Adults back to learning, sdg: [4.3], measurements: [participation rate]}
/// ```
///
/// A node's level is one below its parent's; a node without a parent is at the top level.
package enum FrameworkFileParser {
    static let keys = ["framework", "name", "source", "levels", "nodes"]
    static let nodeKeys = ["id", "label", "parent", "sdg", "measurements"]
    /// Names a pipeline may give without a file.
    package static let builtInNames = ["kflc", "umf"]

    /// A built-in framework by name (`kflc`, `umf`).
    package static func builtIn(_ name: String) -> Framework? {
        switch name {
        case "kflc": return .learningCity
        case "umf": return umf
        default: return nil
        }
    }

    /// Read once, the first time a pipeline or `catalog` names it.
    private static let umf: Framework = {
        let yaml = YAMLReader(file: "(built-in umf)")
        var name: String?
        let parsed = parse(text: urbanMonitoringFramework, yaml, name: &name)
        precondition(yaml.problems.isEmpty, "the built-in UMF is well formed: \(yaml.problems)")
        return parsed!
    }()

    /// The framework of a file, or nil with its problems; `name` is the file's `framework:` even when the rest has
    /// mistakes, so that links to it are not each reported as links to an unknown framework.
    static func load(_ url: URL, displayPath: String) -> (framework: Framework?, name: String?, [PipelineProblem]) {
        let yaml = YAMLReader(file: displayPath)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return (
                nil, nil,
                [
                    PipelineProblem(
                        file: displayPath, line: nil, column: nil,
                        message:
                            "framework file not found or not readable; paths in `frameworks:` are relative to the pipeline file, and built-in frameworks are named \(builtInNames.joined(separator: ", "))"
                    )
                ]
            )
        }
        var name: String?
        let framework = parse(text: text, yaml, name: &name)
        return (yaml.problems.isEmpty ? framework : nil, name, yaml.problems)
    }

    static func parse(text: String, _ yaml: YAMLReader, name declared: inout String?) -> Framework? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                yaml.problem(nil, "the framework file is empty; it needs `framework`, `name`, `levels` and `nodes`")
                return nil
            }
            root = node
        } catch {
            yaml.problems.append(PipelineFileParser.syntaxProblem(error, file: yaml.file))
            return nil
        }
        guard let fields = yaml.mapping(root, at: "framework file", allowed: keys),
            let id = yaml.requiredString(fields, "framework", at: "framework file", near: root)
        else { return nil }
        declared = id
        guard let name = yaml.requiredString(fields, "name", at: "framework file", near: root) else { return nil }
        if id == "sdg" || id.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) == nil {
            yaml.problem(
                fields["framework"],
                "`framework: \(id)` should be a short lower-case name such as `plan` (letters, digits, _), not `sdg`: it is the key of `links:` and a crosswalk column"
            )
        }
        let levels = yaml.strings(fields["levels"], at: "levels")
        if levels.isEmpty {
            yaml.problem(
                fields["levels"] ?? root,
                "`levels` should name the framework's levels, top first: `levels: [Priority, Objective]`")
        }
        guard let list = fields["nodes"]?.sequence, !list.isEmpty else {
            yaml.problem(fields["nodes"] ?? root, "`nodes` should be a list of `{id, label, parent}`")
            return nil
        }
        var nodes: [Framework.Node] = []
        var seen: [String: Int] = [:]
        var pending: [(node: Node, id: String, parent: String?)] = []
        for (i, item) in list.enumerated() {
            let path = "nodes[\(i)]"
            guard let f = yaml.mapping(item, at: path, allowed: nodeKeys),
                let nodeID = yaml.requiredString(f, "id", at: path, near: item),
                let label = yaml.requiredString(f, "label", at: path, near: item)
            else { continue }
            if let first = seen[nodeID] {
                yaml.problem(
                    f["id"],
                    "duplicate node id '\(nodeID)' (first at line \(first)); give each node its own id, such as '\(nodeID).2'"
                )
                continue
            }
            seen[nodeID] = (item.mark?.line ?? 0)
            let parent = yaml.string(f["parent"], at: "\(path).parent")
            var codes: [SDGCode] = []
            for code in yaml.strings(f["sdg"], at: "\(path).sdg") {
                if let parsed = SDGCode(code), SDGCatalogue.builtIn.contains(parsed) || parsed.isLocal {
                    codes.append(parsed)
                } else {
                    yaml.problem(
                        f["sdg"],
                        "'\(code)' in `\(path).sdg` is not an SDG goal, target or indicator; see `sdgpipe catalog`")
                }
            }
            pending.append((item, nodeID, parent))
            nodes.append(
                Framework.Node(
                    id: nodeID, label: label, level: 0, parent: parent, sdg: codes,
                    measurements: yaml.strings(f["measurements"], at: "\(path).measurements")))
        }
        // Levels from parents; a parent must be a node of the file, listed before or after its children.
        var level: [String: Int] = [:]
        func depth(_ id: String, _ trail: Set<String>) -> Int? {
            if let known = level[id] { return known }
            guard let n = nodes.first(where: { $0.id == id }) else { return nil }
            guard let parent = n.parent else { return 0 }
            guard !trail.contains(parent), let above = depth(parent, trail.union([id])) else { return nil }
            return above + 1
        }
        let ids = nodes.map(\.id)
        for (item, nodeID, parent) in pending {
            if let parent, !seen.keys.contains(parent) {
                yaml.problem(
                    item.mapping?["parent"] ?? item,
                    "node '\(nodeID)' names the parent '\(parent)', which is not a node of this framework.\(Suggestion.phrase(for: parent, in: ids)) Add the parent node, or correct the id."
                )
                continue
            }
            guard let d = depth(nodeID, []) else {
                yaml.problem(
                    item, "node '\(nodeID)' is its own ancestor (a cycle of parents); give the top node no parent")
                continue
            }
            level[nodeID] = d
            if !levels.isEmpty, d >= levels.count {
                yaml.problem(
                    item,
                    "node '\(nodeID)' sits at level \(d + 1), but `levels` names \(levels.count) (\(levels.joined(separator: ", "))); add a level or attach it higher"
                )
            }
        }
        guard yaml.problems.isEmpty else { return nil }
        // Parents before children, each family in the file's order.
        var ordered: [Framework.Node] = []
        func add(_ n: Framework.Node) {
            ordered.append(
                Framework.Node(
                    id: n.id, label: n.label, level: level[n.id] ?? 0, parent: n.parent, sdg: n.sdg,
                    measurements: n.measurements))
            for child in nodes where child.parent == n.id { add(child) }
        }
        for root in nodes where root.parent == nil { add(root) }
        return Framework(
            id: id, name: name, source: yaml.string(fields["source"], at: "source") ?? "", levels: levels,
            nodes: ordered)
    }
}
