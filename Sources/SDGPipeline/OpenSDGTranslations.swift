import Foundation
import Yams

/// The SDG titles in an Open SDG translations folder (`translations/fr` of a data repository, or a language folder
/// of open-sdg/sdg-translations): `global_goals.yml` (`4-short`), `global_targets.yml` (`4-3-title`) and
/// `global_indicators.yml` (`4-3-1-title`), keyed here by SDG code (`4`, `4.3`, `4.3.1`). `labels: {sdg: FOLDER}`
/// names them; they title the SDG codes in `localized_series.sdg_title`, the `coverage` table and the report's gap.
enum OpenSDGTranslations {
    static let files = ["global_goals.yml", "global_targets.yml", "global_indicators.yml"]

    static func read(_ folder: URL, displayPath: String, yamlFile: String, line: Int?) -> (
        [String: String], [URL], [PipelineProblem]
    ) {
        var titles: [String: String] = [:]
        var read: [URL] = []
        var problems: [PipelineProblem] = []
        for name in files {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            read.append(url)
            do {
                guard let map = try Yams.compose(yaml: text)?.mapping else { continue }
                for (key, value) in map {
                    guard let k = key.string, let v = value.string, let code = code(k) else { continue }
                    titles[code] = v
                }
            } catch {
                problems.append(
                    PipelineProblem(
                        file: PipelineFileParser.displayPath(url), line: nil, column: nil,
                        message: "the translation file cannot be read as YAML: \(error)"))
            }
        }
        if read.isEmpty {
            problems.append(
                PipelineProblem(
                    file: yamlFile, line: line, column: nil,
                    message:
                        "`labels.sdg` is '\(displayPath)', which has none of \(files.joined(separator: ", ")); name an Open SDG translations folder for one language, such as translations/fr"
                ))
        }
        return (titles, read, problems)
    }

    /// `4-3-1-title` → `4.3.1`, `4-3-title` → `4.3`, `4-short` → `4`; other keys (`4-title`, the long goal titles)
    /// name nothing here.
    static func code(_ key: String) -> String? {
        let parts = key.split(separator: "-").map(String.init)
        guard let last = parts.last, parts.count >= 2 else { return nil }
        let code = parts.dropLast()
        switch (last, code.count) {
        case ("short", 1): return code[0]
        case ("title", 2), ("title", 3): return code.joined(separator: ".")
        default: return nil
        }
    }
}
