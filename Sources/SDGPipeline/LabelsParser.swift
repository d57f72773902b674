import Foundation
import SDGCore
import SDGIngest
import Yams

/// Reads the pipeline's `labels:`: per dimension (`area`, `indicator`, `unit`, or a disaggregation such as `sex`),
/// either an inline mapping `{code: name}` or a CSV file with the columns `code,label` and optionally `lang`
/// (docs/pipeline.md). Codes stay text as written (`0363` keeps its zero).
enum LabelsParser {
    struct Result {
        var labels: [String: [String: String]] = [:]
        var files: [URL] = []
        var problems: [PipelineProblem] = []
        /// The language of `labels.sdg`'s folder (`fr` for `translations/fr`), when its name is a language code.
        var sdgLanguage: String?
    }

    /// The language whose rows a `lang` column's file gives first; rows in other languages fill only codes it lacks.
    static let preferredLanguage = "en"

    static func parse(_ node: Node?, _ yaml: YAMLReader, baseURL: URL) -> Result {
        var result = Result()
        guard let node else { return result }
        guard let mapping = node.mapping else {
            yaml.problem(
                node,
                "`labels` should be a mapping of dimension to names, e.g. `labels: {area: areas.csv, sex: {F: women}}`")
            return result
        }
        for (key, value) in mapping {
            guard let dimension = key.string, !dimension.isEmpty else { continue }
            if dimension.lowercased() == "sdg", let folder = yaml.string(value, at: "labels.sdg") {
                let url = URL(fileURLWithPath: folder, relativeTo: baseURL).standardizedFileURL
                let (titles, files, problems) = OpenSDGTranslations.read(
                    url, displayPath: folder, yamlFile: yaml.file, line: value.mark?.line)
                result.labels["sdg", default: [:]].merge(titles) { a, _ in a }
                result.files += files
                result.problems += problems
                result.sdgLanguage = url.lastPathComponent.count == 2 ? url.lastPathComponent : nil
            } else if value.mapping != nil {
                let names = yaml.stringMap(value, at: "labels.\(dimension)")
                result.labels[dimension.lowercased(), default: [:]].merge(names) { a, _ in a }
            } else if let file = yaml.string(value, at: "labels.\(dimension)") {
                let url = URL(fileURLWithPath: file, relativeTo: baseURL).standardizedFileURL
                result.files.append(url)
                let (names, problems) = load(
                    url, displayPath: PipelineFileParser.displayPath(url), line: value.mark?.line, yamlFile: yaml.file)
                result.labels[dimension.lowercased(), default: [:]].merge(names) { a, _ in a }
                result.problems += problems
            }
        }
        return result
    }

    /// A `code,label[,lang]` file: every problem with its line, and what a fix looks like.
    static func load(_ url: URL, displayPath: String, line: Int?, yamlFile: String) -> (
        [String: String], [PipelineProblem]
    ) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return (
                [:],
                [
                    PipelineProblem(
                        file: yamlFile, line: line, column: nil,
                        message:
                            "labels file \(displayPath) not found; `labels:` paths are relative to the pipeline file")
                ]
            )
        }
        var problems: [PipelineProblem] = []
        func problem(_ line: Int?, _ message: String) {
            problems.append(PipelineProblem(file: displayPath, line: line, column: nil, message: message))
        }
        do {
            let reader = try CSVRecordReader(path: url.path)
            guard let header = try reader.next()?.fields.map({ $0.trimmingASCIIWhitespace().lowercased() }) else {
                problem(nil, "the labels file is empty; expected a header `code,label` and one row per code")
                return ([:], problems)
            }
            guard let codeAt = header.firstIndex(of: "code"), let labelAt = header.firstIndex(of: "label") else {
                problem(
                    1,
                    "the labels file's header is `\(header.joined(separator: ","))`; expected the columns `code` and `label` (and optionally `lang`), e.g. `code,label` then `0363,Amsterdam`"
                )
                return ([:], problems)
            }
            let langAt = header.firstIndex(of: "lang")
            var names: [String: (label: String, line: Int, preferred: Bool)] = [:]
            while let row = try reader.next() {
                if let p = row.problem { problem(row.line, p) }
                guard row.fields.count > max(codeAt, labelAt) else {
                    if row.fields.allSatisfy({ $0.trimmingASCIIWhitespace().isEmpty }) { continue }
                    problem(row.line, "expected a code and a label; the row has \(row.fields.count) field(s)")
                    continue
                }
                let code = row.fields[codeAt].trimmingASCIIWhitespace()
                let label = row.fields[labelAt].trimmingASCIIWhitespace()
                guard !code.isEmpty, !label.isEmpty else {
                    problem(row.line, "a row needs both a code and a label (found code '\(code)', label '\(label)')")
                    continue
                }
                let lang = langAt.flatMap { $0 < row.fields.count ? row.fields[$0].trimmingASCIIWhitespace() : nil }
                let preferred = lang == nil || lang!.isEmpty || lang!.lowercased() == preferredLanguage
                if let earlier = names[code] {
                    if earlier.preferred == preferred && earlier.label != label {
                        problem(
                            row.line,
                            "code '\(code)' is named twice: '\(earlier.label)' on line \(earlier.line) and '\(label)' here; keep one row per code (and language)"
                        )
                    }
                    if earlier.preferred || !preferred { continue }
                }
                names[code] = (label, row.line, preferred)
            }
            return (names.mapValues(\.label), problems)
        } catch {
            problem(nil, "the labels file cannot be read: \(error)")
            return ([:], problems)
        }
    }
}
