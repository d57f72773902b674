import SDGCore
import SDGLocalize

/// `sdgpipe catalog`: browse the built-in SDG framework and the learning-city features. A goal lists its targets,
/// a target its indicators (and, with a pipeline, the local indicators mapped to it).
package struct CatalogBrowser: Sendable {

    package struct Entry: Sendable {
        package let code: String
        package let label: String
        package let level: String
        /// Local indicators of the pipeline mapped to this code.
        package let localIndicators: [String]
        package let children: [Entry]
    }

    /// Why a lookup failed; exit 2 like any invalid argument.
    package struct UnknownCode: SDGFailure {
        package let code: String
        package let suggestions: [String]
        package var category: FailureCategory { .usage }
        package var description: String {
            "'\(code)' is not in the catalogue."
                + (suggestions.isEmpty ? "" : " Nearest: \(suggestions.joined(separator: ", ")).")
                + " Run `sdgpipe catalog` for the goals or `sdgpipe catalog --search TEXT`."
        }
    }

    /// A pipeline's crosswalk, empty without a pipeline.
    let indicators: [CrosswalkRecord]
    /// Frameworks besides the SDGs and the KFLC that `--framework` may name: the built-in ones and the pipeline's.
    let frameworks: [Framework]

    package init(indicators: [CrosswalkRecord] = [], frameworks: [Framework] = []) {
        self.indicators = indicators
        self.frameworks = frameworks
    }

    func mapped(_ code: SDGCode) -> [String] {
        indicators.filter { record in
            record.indicator.sdg.contains {
                $0 == code || $0.targetCode == code || (code.level == .goal && $0.goal == code.goal)
            }
        }.map(\.indicator.id)
    }

    /// The entries for `code` (nil: all goals or all tiers), or matching `search` (in both frameworks unless one is
    /// named: someone searching "literacy" wants the SDG indicator and the learning-city feature alike).
    package func lookup(_ code: String?, search: String?, framework: String? = nil) throws -> [Entry] {
        if framework == "kflc" { return try learningCity(code, search: search) }
        if let framework, framework != "sdg" {
            guard let found = frameworks.first(where: { $0.id == framework }) else {
                throw UnknownFramework(name: framework, known: ["sdg", "kflc"] + frameworks.map(\.id))
            }
            return try entries(of: found, code, search: search)
        }
        let catalogue = SDGCatalogue.builtIn
        if let search {
            let sdg = catalogue.search(search).map {
                Entry(
                    code: $0.code.description, label: $0.label, level: $0.code.level.rawValue,
                    localIndicators: mapped($0.code), children: [])
            }
            return framework == "sdg" ? sdg : sdg + (try learningCity(nil, search: search))
        }
        guard let code else {
            return (1...17).map { goal in
                let c = SDGCode(goal: goal, target: nil, indicator: nil)
                return Entry(
                    code: "\(goal)", label: catalogue.goalName(goal)!, level: "goal", localIndicators: mapped(c),
                    children: [])
            }
        }
        guard let parsed = SDGCode(code), catalogue.contains(parsed) || parsed.isLocal else {
            throw UnknownCode(code: code, suggestions: catalogue.suggestions(for: code))
        }
        switch parsed.level {
        case .goal:
            let targets = catalogue.targets(ofGoal: parsed.goal).map {
                Entry(
                    code: $0.code.description, label: $0.label, level: "target", localIndicators: mapped($0.code),
                    children: [])
            }
            return [
                Entry(
                    code: code, label: catalogue.goalName(parsed.goal)!, level: "goal", localIndicators: mapped(parsed),
                    children: targets)
            ]
        case .target:
            let indicators = catalogue.indicators(ofTarget: parsed).map {
                Entry(
                    code: $0.code.description,
                    label: $0.label
                        + ($0.repeats.isEmpty
                            ? "" : " (also \($0.repeats.map(\.description).joined(separator: ", ")))"),
                    level: "indicator", localIndicators: mapped($0.code), children: [])
            }
            return [
                Entry(
                    code: code, label: catalogue.label(parsed) ?? "local target", level: "target",
                    localIndicators: mapped(parsed), children: indicators)
            ]
        case .indicator:
            let i = catalogue.indicator(parsed)!
            return [
                Entry(code: code, label: i.label, level: "indicator", localIndicators: mapped(parsed), children: [])
            ]
        }
    }

    func learningCity(_ id: String?, search: String?) throws -> [Entry] {
        let kflc = LearningCityFramework.builtIn
        func features(_ area: String) -> [Entry] {
            kflc.features.filter { $0.area == area }.map {
                Entry(code: $0.id, label: $0.label, level: "feature", localIndicators: kflcMapped($0.id), children: [])
            }
        }
        func areas(_ tier: String) -> [Entry] {
            kflc.areas.filter { $0.tier == tier }.map {
                Entry(
                    code: $0.id, label: $0.label, level: "area", localIndicators: kflcMapped($0.id),
                    children: features($0.id))
            }
        }
        if let search {
            let needle = search.lowercased()
            return (kflc.areas.map { ($0.id, $0.label, "area") } + kflc.features.map { ($0.id, $0.label, "feature") })
                .filter { $0.1.lowercased().contains(needle) || $0.0.contains(needle) }
                .map { Entry(code: $0.0, label: $0.1, level: $0.2, localIndicators: kflcMapped($0.0), children: []) }
        }
        guard let id else {
            return kflc.tiers.map {
                Entry(code: $0.id, label: $0.label, level: "tier", localIndicators: [], children: areas($0.id))
            }
        }
        if let tier = kflc.tiers.first(where: { $0.id == id }) {
            return [
                Entry(code: tier.id, label: tier.label, level: "tier", localIndicators: [], children: areas(tier.id))
            ]
        }
        if let area = kflc.areas.first(where: { $0.id == id }) {
            return [
                Entry(
                    code: area.id, label: area.label, level: "area", localIndicators: kflcMapped(id),
                    children: features(id))
            ]
        }
        if let feature = kflc.features.first(where: { $0.id == id }) {
            return [
                Entry(
                    code: feature.id, label: feature.label, level: "feature", localIndicators: kflcMapped(id),
                    children: [])
            ]
        }
        throw UnknownCode(code: id, suggestions: Suggestion.nearest(to: id, in: kflc.allIDs))
    }

    /// Local indicators linked to a tier, area or feature, directly or through a feature of the area.
    func kflcMapped(_ id: String) -> [String] {
        let kflc = LearningCityFramework.builtIn
        func area(of feature: String) -> String? { kflc.features.first { $0.id == feature }?.area }
        return indicators.filter { record in
            record.kflc.contains { linked in linked == id || area(of: linked) == id }
        }.map(\.indicator.id)
    }

    package static func json(_ entries: [Entry]) -> JSONValue {
        .array(
            entries.map { e in
                var fields: [(String, JSONValue)] = [
                    ("code", .string(e.code)), ("label", .string(e.label)), ("level", .string(e.level)),
                ]
                if !e.localIndicators.isEmpty {
                    fields.append(("local_indicators", .array(e.localIndicators.map { .string($0) })))
                }
                if !e.children.isEmpty { fields.append(("children", json(e.children))) }
                return .object(fields)
            })
    }

    package static func text(_ entries: [Entry], indent: String = "") -> String {
        entries.map { e in
            var line = indent + e.code.padded(to: indent.isEmpty ? 8 : 8) + " " + e.label
            if !e.localIndicators.isEmpty { line += "  ← " + e.localIndicators.joined(separator: ", ") }
            let children = e.children.isEmpty ? "" : "\n" + text(e.children, indent: indent + "  ")
            return line + children
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
