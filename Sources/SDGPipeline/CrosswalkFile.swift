import Foundation
import SDGCore
import SDGIngest
import SDGLocalize
import SDGPublish
import Yams

/// A crosswalk kept outside the pipeline file, so that a city with hundreds of local indicators can maintain them in
/// a spreadsheet (CSV) or a YAML list. The CSV has one record a row with the columns `id, source, where, sdg, kflc,
/// relation, direction, unit, per_period, baseline, target_value, target_year, owner, partners`; `where` is written
/// `indicator=ADULT_LEARN;sex=_T` and lists (`sdg`, `kflc`, `partners`) are separated by `;`.
enum CrosswalkFile {
    static let csvColumns = [
        "id", "label", "source", "where", "sdg", "kflc", "relation", "direction", "unit", "per_period", "baseline",
        "target_value", "target_year", "owner", "partners", "definition", "metadata_source", "last_updated", "link",
    ]

    /// `frameworks`: the names of the pipeline's other frameworks, whose columns hold links (`umf`: `society.inclusive`).
    static func load(
        _ url: URL, displayPath: String, sources: [String], structure: SDMXStructure?, frameworks: [String] = []
    ) -> (
        records: [CrosswalkRecord], problems: [PipelineProblem]
    ) {
        let yaml = YAMLReader(file: displayPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return (
                [],
                [
                    PipelineProblem(
                        file: displayPath, line: nil, column: nil,
                        message: "crosswalk file not found; `crosswalk:` paths are relative to the pipeline file")
                ]
            )
        }
        if url.pathExtension.lowercased() == "csv" {
            return (
                csvRecords(
                    url, displayPath: displayPath, yaml: yaml, sources: sources, structure: structure,
                    frameworks: frameworks),
                yaml.problems
            )
        }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let node = try Yams.compose(yaml: text) else { return ([], []) }
            let list = node.mapping?["indicators"] ?? node
            return (
                CrosswalkParser.parse(list, yaml, sources: sources, structure: structure, pathPrefix: "crosswalk"),
                yaml.problems
            )
        } catch {
            return ([], [PipelineFileParser.syntaxProblem(error, file: displayPath)])
        }
    }

    /// Each CSV row becomes the YAML record it stands for, one flow mapping per line, so that one parser checks both
    /// spellings of the crosswalk; problems are then moved from the generated line to the CSV row.
    static func csvRecords(
        _ url: URL, displayPath: String, yaml: YAMLReader, sources: [String], structure: SDMXStructure?,
        frameworks: [String] = []
    ) -> [CrosswalkRecord] {
        do {
            let reader = try CSVRecordReader(path: url.path)
            guard let header = try reader.next()?.fields.map({ $0.trimmingASCIIWhitespace() }) else { return [] }
            let columns = csvColumns + frameworks.filter { $0 != "kflc" }
            for name in header where !columns.contains(name) {
                yaml.problems.append(
                    PipelineProblem(
                        file: displayPath, line: 1, column: nil,
                        message:
                            "unknown crosswalk column `\(name)`.\(Suggestion.phrase(for: name, in: columns)) Columns: \(columns.joined(separator: ", ")); a column named after a framework of `frameworks:` holds links to its nodes."
                    ))
            }
            var lines: [String] = []
            var csvLine: [Int: Int] = [:]
            while let row = try reader.next() {
                var cells: [String: String] = [:]
                for (name, value) in zip(header, row.fields) where !value.trimmingASCIIWhitespace().isEmpty {
                    cells[name] = value.trimmingASCIIWhitespace()
                }
                func q(_ text: String) -> String { JSONTableWriter.quote(text) }
                func list(_ text: String) -> String {
                    "[" + text.split(separator: ";").map { q($0.trimmingASCIIWhitespace()) }.joined(separator: ", ")
                        + "]"
                }
                var pairs: [String] = []
                var from: [String] = []
                if let source = cells["source"] { from.append("source: \(q(source))") }
                if let selection = cells["where"] {
                    let conditions = selection.split(separator: ";").map { condition -> String in
                        let parts = condition.split(separator: "=", maxSplits: 1).map {
                            String($0).trimmingASCIIWhitespace()
                        }
                        return "\(q(parts[0])): \(q(parts.count > 1 ? parts[1] : ""))"
                    }
                    from.append("where: {\(conditions.joined(separator: ", "))}")
                }
                if !from.isEmpty { pairs.append("from: {\(from.joined(separator: ", "))}") }
                for key in ["id", "label", "relation", "direction", "unit", "per_period", "baseline", "owner"] {
                    if let v = cells[key] { pairs.append("\(key): \(q(v))") }
                }
                for key in ["sdg", "kflc", "partners"] { if let v = cells[key] { pairs.append("\(key): \(list(v))") } }
                let linked = frameworks.filter { $0 != "kflc" }.compactMap { name in
                    cells[name].map { "\(q(name)): \(list($0))" }
                }
                if !linked.isEmpty { pairs.append("links: {\(linked.joined(separator: ", "))}") }
                let meta = [
                    ("definition", "definition"), ("metadata_source", "source"), ("last_updated", "last_updated"),
                    ("link", "link"),
                ].compactMap { column, key in cells[column].map { "\(key): \(q($0))" } }
                if !meta.isEmpty { pairs.append("metadata: {\(meta.joined(separator: ", "))}") }
                if let value = cells["target_value"] {
                    pairs.append(
                        "target: {value: \(q(value))" + (cells["target_year"].map { ", year: \(q($0))" } ?? "") + "}")
                }
                lines.append("- {\(pairs.joined(separator: ", "))}")
                csvLine[lines.count] = row.line
            }
            guard !lines.isEmpty, let node = try Yams.compose(yaml: lines.joined(separator: "\n")) else { return [] }
            let generated = YAMLReader(file: displayPath)
            let records = CrosswalkParser.parse(
                node, generated, sources: sources, structure: structure, pathPrefix: "crosswalk"
            ).map { record in
                var moved = record
                moved.line = record.line.flatMap { csvLine[$0] }
                return moved
            }
            yaml.problems += generated.problems.map { p in
                PipelineProblem(
                    file: displayPath, line: p.line.flatMap { csvLine[$0] }, column: nil,
                    message: withoutRecordIndex(p.message))
            }
            return records
        } catch {
            yaml.problems.append(
                PipelineProblem(
                    file: displayPath, line: nil, column: nil, message: "the crosswalk file cannot be read: \(error)"))
            return []
        }
    }
}

/// "`crosswalk[3].sdg` …" → "`sdg` …": in a spreadsheet the row number is already the location.
private func withoutRecordIndex(_ message: String) -> String {
    var text = message
    while let start = text.range(of: "`crosswalk["),
        let end = text.range(of: "].", range: start.upperBound..<text.endIndex)
    {
        text.replaceSubrange(start.lowerBound..<end.upperBound, with: "`")
    }
    return text
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
