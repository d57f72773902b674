import SDGCore
import SDGLocalize
import Yams

/// Reads the `indicators:` crosswalk of a pipeline file into records, checking SDG codes and references.
enum CrosswalkParser {
    static func parse(_ node: Node?, _ yaml: YAMLReader, sources: [String], near root: Node) -> [CrosswalkRecord] {
        guard let node else {
            yaml.problem(root, "the pipeline needs `indicators`: the local indicators and the SDG indicators they map to")
            return []
        }
        guard let sequence = node.sequence else {
            yaml.problem(node, "`indicators` should be a list of crosswalk records, each `{id, from, sdg}`")
            return []
        }
        var seen = Set<String>()
        return sequence.enumerated().compactMap { index, item in
            let path = "indicators[\(index)]"
            guard let fields = yaml.mapping(item, at: path, allowed: PipelineFileParser.indicatorKeys),
                let id = yaml.requiredString(fields, "id", at: path, near: item)
            else { return nil }
            if !seen.insert(id).inserted { yaml.problem(fields["id"], "indicator id '\(id)' is used twice; ids must be unique") }
            guard let from = fields["from"] else {
                yaml.problem(item, "indicator '\(id)' needs `from: {source: NAME, where: {...}}` to select its observations")
                return nil
            }
            guard let selection = yaml.mapping(from, at: "\(path).from", allowed: ["source", "where"]),
                let source = yaml.requiredString(selection, "source", at: "\(path).from", near: from)
            else { return nil }
            if !sources.contains(source) {
                yaml.problem(selection["source"], "indicator '\(id)' reads from unknown source '\(source)'.\(Suggestion.phrase(for: source, in: sources)) Sources: \(sources.joined(separator: ", ")).")
            }
            let relation = fields["relation"].flatMap { yaml.choice($0, at: "\(path).relation", as: CrosswalkRelation.self) } ?? .exact
            let codes = parseCodes(fields["sdg"], yaml, path: "\(path).sdg", id: id, relation: relation)
            if codes.isEmpty && fields["kflc"] == nil {
                yaml.problem(item, "indicator '\(id)' is linked to no framework; give `sdg: [4.3.1]` (an SDG indicator or target)")
            }
            let baseline = fields["baseline"].flatMap { yaml.double($0, at: "\(path).baseline") }.map { Int($0) }
            var targetValue: Double?, targetYear: Int?
            if let target = fields["target"], let t = yaml.mapping(target, at: "\(path).target", allowed: ["value", "year"]) {
                targetValue = yaml.double(t["value"], at: "\(path).target.value")
                targetYear = yaml.double(t["year"], at: "\(path).target.year").map { Int($0) } ?? 2030
            }
            return CrosswalkRecord(
                indicator: LocalIndicator(
                    id: id, source: source, selection: yaml.stringMap(selection["where"], at: "\(path).from.where"),
                    sdg: codes, relation: relation,
                    direction: fields["direction"].flatMap { yaml.choice($0, at: "\(path).direction", as: DesiredDirection.self) },
                    unit: yaml.string(fields["unit"], at: "\(path).unit")),
                kflc: yaml.strings(fields["kflc"], at: "\(path).kflc"), baselineYear: baseline,
                targetValue: targetValue, targetYear: targetYear,
                owner: yaml.string(fields["owner"], at: "\(path).owner"),
                partners: yaml.strings(fields["partners"], at: "\(path).partners"))
        }
    }

    static func parseCodes(_ node: Node?, _ yaml: YAMLReader, path: String, id: String, relation: CrosswalkRelation) -> [SDGCode] {
        guard let node else { return [] }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in
            guard let text = yaml.string(item, at: path) else { return nil }
            guard let code = SDGCode(text), code.level != .goal || !text.contains(".") else {
                yaml.problem(item, "'\(text)' in `\(path)` is not an SDG code; write a target such as 4.3 or an indicator such as 4.3.1 (goals 1 to 17)")
                return nil
            }
            if code.isLocal && relation != .local {
                yaml.problem(item, "'\(text)' is a local target; mark indicator '\(id)' with `relation: local`")
            }
            return code
        }
    }
}
