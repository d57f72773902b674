import Foundation
import SDGCore
import SDGEvaluate
import SDGFetch
import SDGGeo
import SDGIngest
import SDGLocalize
import Yams

/// Reads and checks a pipeline file, collecting every problem before failing (docs/pipeline.md).
package enum PipelineFileParser {
    static let topKeys = [
        "pipeline", "sources", "catalogue", "labels", "indicators", "crosswalk", "actions", "evaluation", "report",
        "outputs", "cache", "geography", "frameworks",
    ]
    static let sourceKeys =
        [
            "path", "format", "layout", "columns", "defaults", "missing", "delimiter", "encoding", "decimal", "range",
            "optional", "ignore", "sheet", "header_row",
        ] + RemoteSourceParser.keys
    static let actionKeys = ["id", "title", "start", "indicators", "areas", "exclude"]
    static let evaluationKeys = [
        "areas", "comparison", "window", "progress", "max_reject_ratio", "test", "hac_lags", "exclude",
    ]

    /// Loads the pipeline at `path`. Throws `PipelineFileError` listing every problem found.
    package static func load(path: String) throws(PipelineFileError) -> PipelineDefinition {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .notFound(path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalid([
                PipelineProblem(file: path, line: nil, column: nil, message: "the pipeline file is not UTF-8 text")
            ])
        }
        return try parse(text, path: path, baseURL: url.deletingLastPathComponent(), fileURL: url)
    }

    static func parse(_ text: String, path: String, baseURL: URL, fileURL: URL) throws(PipelineFileError)
        -> PipelineDefinition
    {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .invalid([syntaxProblem(error, file: path)])
        }
        let yaml = YAMLReader(file: path)
        guard let node, let top = yaml.mapping(node, at: "pipeline file", allowed: topKeys) else {
            if node == nil {
                yaml.problem(nil, "the pipeline file is empty; see pipelines/demo.yaml for a complete example")
            }
            throw .invalid(yaml.problems)
        }
        let name = yaml.requiredString(top, "pipeline", at: "pipeline file", near: node) ?? "pipeline"
        if !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            yaml.problem(
                top["pipeline"],
                "`pipeline` names output folders and database rows; use letters, digits, '-', '_' or '.' only")
        }
        var outputs = OutputKeysParser.parse(
            top["outputs"], yaml, baseURL: baseURL, pipeline: name,
            catalogue: yaml.string(top["catalogue"], at: "catalogue"))
        // Downloads of sources by URL: `cache:`, else a folder beside the outputs (never inside them: the output
        // folder is replaced whole by each run).
        let cacheDirectory =
            yaml.string(top["cache"], at: "cache").map {
                URL(fileURLWithPath: $0, relativeTo: baseURL).standardizedFileURL
            }
            ?? outputs.directory.deletingLastPathComponent()
            .appendingPathComponent(outputs.directory.lastPathComponent + ".cache")
        let (sources, remoteSources) = parseSources(
            top["sources"], yaml, baseURL: baseURL, near: node, cache: cacheDirectory)
        var extraProblems: [PipelineProblem] = []
        var structure: SDMXStructure?
        var auxiliaryFiles: [URL] = []
        if let file = yaml.string(top["catalogue"], at: "catalogue") {
            let url = URL(fileURLWithPath: file, relativeTo: baseURL).standardizedFileURL
            auxiliaryFiles.append(url)
            do {
                structure = try SDMXStructureReader.read(path: url.path)
            } catch {
                yaml.problem(top["catalogue"], "`catalogue` cannot be read: \(error.description)")
            }
        }
        let labels = LabelsParser.parse(top["labels"], yaml, baseURL: baseURL)
        auxiliaryFiles += labels.files
        // Names DDF sources keep beside their datapoints (entity and concept files).
        var sourceNames: [String: [String: String]] = [:]
        for source in sources where source.format != .sdmx {
            let found = DDFNames.beside(datapoints: source.url.path)
            for (dimension, names) in found.names { sourceNames[dimension, default: [:]].merge(names) { a, _ in a } }
            auxiliaryFiles += found.files.map { URL(fileURLWithPath: $0) }
        }
        extraProblems += labels.problems
        if let file = outputs.sdmxStructureFile { auxiliaryFiles.append(file) }
        let geography = GeographyParser.parse(top["geography"], yaml, baseURL: baseURL)
        if let file = geography.file { auxiliaryFiles.append(file) }
        if let names = geography.geography?.names {
            // A boundary file often is the only place that names the codes: its names come after the sources'.
            sourceNames["area", default: [:]].merge(names) { a, _ in a }
        }
        if outputs.geoJSON, top["geography"] == nil {
            yaml.problem(
                top["outputs"]?.mapping?["geojson"],
                "`outputs.geojson` writes the areas' boundaries with their values: it needs `geography: {boundaries: FILE.geojson, id_property: ...}`"
            )
        }
        let frameworks = FrameworksParser.parse(
            top["frameworks"], yaml, baseURL: baseURL, display: { displayPath($0) })
        auxiliaryFiles += frameworks.files
        extraProblems += frameworks.problems
        var indicators = CrosswalkParser.parse(
            top["indicators"], yaml, sources: sources.map(\.name), structure: structure)
        if let file = yaml.string(top["crosswalk"], at: "crosswalk") {
            let url = URL(fileURLWithPath: file, relativeTo: baseURL).standardizedFileURL
            auxiliaryFiles.append(url)
            let loaded = CrosswalkFile.load(
                url, displayPath: displayPath(url), sources: sources.map(\.name), structure: structure,
                frameworks: frameworks.names)
            indicators += loaded.records
            extraProblems += loaded.problems
        }
        if top["indicators"] == nil && top["crosswalk"] == nil {
            yaml.problem(
                node,
                "the pipeline needs `indicators:` (the crosswalk of local and SDG indicators) or `crosswalk: FILE`")
        }
        checkCrosswalk(indicators, yaml)
        extraProblems += FrameworksParser.checkLinks(indicators, frameworks: frameworks)
        outputs.sdmx?.defaultSeries(from: indicators.map(\.indicator))
        if let progress = top["evaluation"]?.mapping?["progress"], !(progress.sequence?.isEmpty ?? false) {
            for record in indicators where record.indicator.direction == nil {
                yaml.problems.append(
                    PipelineProblem(
                        file: record.file, line: record.line, column: nil,
                        message:
                            "indicator '\(record.indicator.id)' has no `direction`; the progress classes in `evaluation.progress` need `direction: increase` or `decrease`"
                    ))
            }
        }
        let actions = parseActions(top["actions"], yaml, indicators: indicators.map(\.indicator.id))
        let evaluation = parseEvaluation(top["evaluation"], yaml)
        let (front, logo) = ReportKeysParser.parse(top["report"], yaml, baseURL: baseURL)
        if let logo { auxiliaryFiles.append(logo) }
        guard yaml.problems.isEmpty && extraProblems.isEmpty else {
            // In reading order: the pipeline file first, then the crosswalk file, each by line.
            let all = (yaml.problems + extraProblems).enumerated().sorted { a, b in
                let fa = a.element.file == path ? 0 : 1
                let fb = b.element.file == path ? 0 : 1
                if fa != fb { return fa < fb }
                if a.element.line != b.element.line { return (a.element.line ?? 0) < (b.element.line ?? 0) }
                return a.offset < b.offset
            }.map(\.element)
            throw .invalid(all)
        }
        var areaSettings: [AreaSetting] = []
        for key in ["areas", "comparison"] {
            let areas = key == "areas" ? evaluation.areas : evaluation.comparison
            guard !areas.isEmpty else { continue }
            let line = top["evaluation"]?.mapping?[key]?.mark?.line
            areaSettings.append(AreaSetting(setting: "evaluation.\(key)", areas: areas, line: line))
        }
        var startLines: [String: Int] = [:]
        for (action, item) in zip(actions, top["actions"]?.sequence ?? []) {
            startLines[action.id] = item.mapping?["start"]?.mark?.line
        }
        for (action, item) in zip(actions, top["actions"]?.sequence ?? []) where !action.areas.isEmpty {
            areaSettings.append(
                AreaSetting(
                    setting: "actions[\(action.id)].areas", areas: action.areas,
                    line: item.mapping?["areas"]?.mark?.line))
        }
        var definition = PipelineDefinition(
            name: name, fileURL: fileURL, sources: sources, indicators: indicators, actions: actions,
            evaluation: evaluation, outputs: outputs, structure: structure, labelNames: labels.labels,
            sourceNames: sourceNames, front: front, auxiliaryFiles: auxiliaryFiles, areaSettings: areaSettings,
            actionStartLines: startLines)
        definition.sdgLanguage = labels.sdgLanguage
        definition.remoteSources = remoteSources
        definition.geography = geography.geography
        definition.cacheDirectory = cacheDirectory
        definition.frameworks = frameworks.declared
        definition.editionLine = top["report"]?.mapping?["edition"]?.mark?.line
        return definition
    }

    /// Checks across records: unique ids, and aggregation weights that name an indicator of the crosswalk.
    static func checkCrosswalk(_ records: [CrosswalkRecord], _ yaml: YAMLReader) {
        var seen: [String: CrosswalkRecord] = [:]
        for record in records {
            let id = record.indicator.id
            if let first = seen[id] {
                yaml.problems.append(
                    PipelineProblem(
                        file: record.file, line: record.line, column: nil,
                        message:
                            "indicator id '\(id)' is used twice (first at \(first.file):\(first.line ?? 0)); ids must be unique"
                    ))
            } else {
                seen[id] = record
            }
        }
        for record in records {
            guard let weights = record.indicator.aggregation?.weights, seen[weights] == nil else { continue }
            yaml.problems.append(
                PipelineProblem(
                    file: record.file, line: record.line, column: nil,
                    message:
                        "indicator '\(record.indicator.id)' is weighted by unknown indicator '\(weights)'.\(Suggestion.phrase(for: weights, in: Array(seen.keys)))"
                ))
        }
    }

    static func syntaxProblem(_ error: Error, file: String) -> PipelineProblem {
        if let error = error as? YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                return PipelineProblem(
                    file: file, line: mark.line, column: mark.column,
                    message:
                        "YAML syntax error: \(problem). Check indentation and that every `key: value` pair has a space after the colon."
                )
            case .duplicatedKeysInMapping(let duplicates, let context):
                return PipelineProblem(
                    file: file, line: context.mark.line, column: context.mark.column,
                    message: "duplicate keys: \(duplicates.joined(separator: ", "))")
            default: break
            }
        }
        return PipelineProblem(file: file, line: nil, column: nil, message: "YAML syntax error: \(error)")
    }

    static func parseActions(_ node: Node?, _ yaml: YAMLReader, indicators: [String]) -> [LocalAction] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            yaml.problem(node, "`actions` should be a list of actions, each `{id, title, start, indicators}`")
            return []
        }
        var seen = Set<String>()
        return sequence.enumerated().compactMap { index, item in
            let path = "actions[\(index)]"
            guard let fields = yaml.mapping(item, at: path, allowed: actionKeys),
                let id = yaml.requiredString(fields, "id", at: path, near: item),
                let startText = yaml.requiredString(fields, "start", at: path, near: item)
            else { return nil }
            if !seen.insert(id).inserted {
                yaml.problem(fields["id"], "action id '\(id)' is used twice; ids must be unique")
            }
            guard let start = Period.parse(startText) else {
                yaml.problem(
                    fields["start"],
                    "`\(path).start` '\(startText)' is not a period; write a year such as 2017 or a month such as 2017-09"
                )
                return nil
            }
            let targeted = yaml.strings(fields["indicators"], at: "\(path).indicators")
            if targeted.isEmpty {
                yaml.problem(
                    item, "action '\(id)' lists no `indicators`; name the local indicators it is meant to move")
            }
            for (i, indicator) in targeted.enumerated() where !indicators.contains(indicator) {
                let at = fields["indicators"]?.sequence?[i] ?? fields["indicators"]
                yaml.problem(
                    at,
                    "action '\(id)' targets unknown indicator '\(indicator)'.\(Suggestion.phrase(for: indicator, in: indicators))"
                )
            }
            return LocalAction(
                id: id, title: yaml.string(fields["title"], at: "\(path).title") ?? id, start: start,
                indicators: targeted, areas: yaml.strings(fields["areas"], at: "\(path).areas"),
                exclude: periods(fields["exclude"], yaml, at: "\(path).exclude"))
        }
    }

    static func parseEvaluation(_ node: Node?, _ yaml: YAMLReader) -> EvaluationSettings {
        let fields = node.flatMap { yaml.mapping($0, at: "evaluation", allowed: evaluationKeys) } ?? [:]
        var before: Double?
        var after: Double?
        if let window = fields["window"],
            let w = yaml.mapping(window, at: "evaluation.window", allowed: ["before", "after"])
        {
            before = yaml.double(w["before"], at: "evaluation.window.before")
            after = yaml.double(w["after"], at: "evaluation.window.after")
            for (value, key) in [(before, "before"), (after, "after")] where (value ?? 1) <= 0 {
                yaml.problem(w[key], "`evaluation.window.\(key)` should be a positive number of years")
            }
        }
        let ratio = yaml.double(fields["max_reject_ratio"], at: "evaluation.max_reject_ratio") ?? 0.01
        let hacLags = yaml.double(fields["hac_lags"], at: "evaluation.hac_lags").map { Int($0) }
        if let lags = hacLags, lags < 0 {
            yaml.problem(fields["hac_lags"], "`evaluation.hac_lags` should be 0 or more")
        }
        if !(0...1).contains(ratio) {
            yaml.problem(fields["max_reject_ratio"], "`evaluation.max_reject_ratio` should lie between 0 and 1")
        }
        return EvaluationSettings(
            areas: yaml.strings(fields["areas"], at: "evaluation.areas"),
            comparison: yaml.strings(fields["comparison"], at: "evaluation.comparison"),
            yearsBefore: before, yearsAfter: after,
            progress: progressClassifiers(fields["progress"], yaml), maxRejectRatio: ratio,
            test: fields["test"].flatMap {
                yaml.choice($0, at: "evaluation.test", as: EvaluationSettings.MeanTest.self)
            } ?? .welch,
            hacLags: hacLags, exclude: periods(fields["exclude"], yaml, at: "evaluation.exclude"))
    }

    /// A list of periods (`exclude: [2020, 2021]`), each checked.
    static func periods(_ node: Node?, _ yaml: YAMLReader, at path: String) -> [Period] {
        guard let node else { return [] }
        let texts = yaml.strings(node, at: path)
        return texts.enumerated().compactMap { i, text in
            if let period = Period.parse(text) { return period }
            yaml.problem(
                node.sequence?[i] ?? node,
                "`\(path)` has '\(text)', which is not a period; write years such as 2020, or quarters, months (2020-Q2, 2020-03)"
            )
            return nil
        }
    }

    /// The progress assessments a city reports on (all of them when the key is absent, none for `[]`); each needs every
    /// indicator's desired direction.
    static func progressClassifiers(_ node: Node?, _ yaml: YAMLReader) -> Set<ProgressMethod> {
        guard let node else { return Set(ProgressMethod.allCases) }
        let names = yaml.strings(node, at: "evaluation.progress")
        let valid = ProgressMethod.allCases.map(\.rawValue)
        var methods = Set<ProgressMethod>()
        for (i, name) in names.enumerated() {
            guard let method = ProgressMethod(rawValue: name) else {
                yaml.problem(
                    node.sequence?[i] ?? node,
                    "`evaluation.progress` names unknown classification '\(name)'; use \(valid.joined(separator: ", ")).\(Suggestion.phrase(for: name, in: valid))"
                )
                continue
            }
            methods.insert(method)
        }
        return methods
    }
}
