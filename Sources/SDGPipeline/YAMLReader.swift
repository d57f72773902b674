import SDGCore
import Yams

/// Reads typed values out of a composed YAML document while collecting every problem with its line and column.
///
/// Working on `Yams.Node` (not `Decodable`) keeps the source marks, so "unknown key `sorce`" points at the line, and
/// scalars are read as text first: YAML 1.1 would otherwise turn the country code `NO` into a boolean.
final class YAMLReader {
    let file: String
    var problems: [PipelineProblem] = []

    init(file: String) { self.file = file }

    func problem(_ node: Node?, _ message: String) {
        problems.append(
            PipelineProblem(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    /// The pairs of a mapping, reporting keys outside `allowed` with a did-you-mean.
    func mapping(_ node: Node, at path: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(node, "`\(path)` should be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if allowed.contains(key) {
                result[key] = value
            } else {
                problem(
                    keyNode,
                    "unknown key `\(key)` in `\(path)`.\(Suggestion.phrase(for: key, in: allowed)) Allowed keys: \(allowed.joined(separator: ", "))."
                )
            }
        }
        return result
    }

    func string(_ node: Node?, at path: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            problem(node, "`\(path)` should be a single value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    func requiredString(_ fields: [String: Node], _ key: String, at path: String, near node: Node) -> String? {
        guard let value = fields[key] else {
            problem(node, "`\(path)` needs `\(key)`")
            return nil
        }
        let text = string(value, at: "\(path).\(key)")
        if text?.isEmpty == true { problem(value, "`\(path).\(key)` is empty") }
        return text
    }

    func bool(_ node: Node?, at path: String) -> Bool? {
        guard let text = string(node, at: path) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            problem(node, "`\(path)` should be true or false, found '\(text)'")
            return nil
        }
    }

    func double(_ node: Node?, at path: String) -> Double? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Double(text), value.isFinite else {
            problem(node, "`\(path)` should be a number, found '\(text)'")
            return nil
        }
        return value
    }

    /// A list of strings; a single scalar is accepted as a one-element list.
    func strings(_ node: Node?, at path: String) -> [String] {
        guard let node else { return [] }
        if case .scalar = node { return string(node, at: path).map { [$0] } ?? [] }
        guard let sequence = node.sequence else {
            problem(node, "`\(path)` should be a list")
            return []
        }
        return sequence.enumerated().compactMap { string($1, at: "\(path)[\($0)]") }
    }

    func stringMap(_ node: Node?, at path: String) -> [String: String] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            problem(node, "`\(path)` should be a mapping")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            if let k = key.string, let v = string(value, at: "\(path).\(k)") { result[k] = v }
        }
        return result
    }

    func choice<E: RawRepresentable & CaseIterable>(_ node: Node?, at path: String, as type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(node, at: path) else { return nil }
        if let value = E(rawValue: text) { return value }
        let valid = E.allCases.map(\.rawValue)
        problem(
            node,
            "`\(path)` is '\(text)'; expected one of \(valid.joined(separator: ", ")).\(Suggestion.phrase(for: text, in: valid))"
        )
        return nil
    }
}
