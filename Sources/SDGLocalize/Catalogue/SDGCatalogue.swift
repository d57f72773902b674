import SDGCore

/// The built-in SDG framework: 17 goals, 169 targets and every indicator by code, with short labels. Lookups are by
/// code; unknown codes get the nearest valid ones as suggestions.
package struct SDGCatalogue: Sendable {
    package struct Target: Sendable, Hashable {
        package let code: SDGCode
        package let label: String
    }

    package struct Indicator: Sendable, Hashable {
        package let code: SDGCode
        package let label: String
        /// The same indicator listed under other targets (1.5.1 = 11.5.1 = 13.1.1).
        package let repeats: [SDGCode]
    }

    package let targets: [Target]
    package let indicators: [Indicator]
    private let targetIndex: [SDGCode: Int]
    private let indicatorIndex: [SDGCode: Int]

    /// The catalogue compiled into the binary.
    package static let builtIn = SDGCatalogue()

    private init() {
        func rows(_ text: String) -> [[String]] {
            text.split(separator: "\n").map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
                .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        }
        targets = rows(Self.targetLabels).map { Target(code: SDGCode($0[0])!, label: $0[1]) }
        var indicators = rows(Self.indicatorLabels).map {
            Indicator(code: SDGCode($0[0])!, label: $0[1], repeats: $0.count > 2 ? [SDGCode($0[2])!] : [])
        }
        // Make repeats symmetric: 1.5.1 lists 11.5.1 and 13.1.1, which both name it.
        var repeats: [SDGCode: Set<SDGCode>] = [:]
        for i in indicators {
            for r in i.repeats {
                repeats[i.code, default: []].insert(r)
                repeats[r, default: []].insert(i.code)
            }
        }
        var changed = true
        while changed {
            changed = false
            for (code, set) in repeats {
                let closure = set.union(set.flatMap { repeats[$0] ?? [] }).subtracting([code])
                if closure != set {
                    repeats[code] = closure
                    changed = true
                }
            }
        }
        indicators = indicators.map {
            Indicator(code: $0.code, label: $0.label, repeats: (repeats[$0.code] ?? []).sorted())
        }
        self.indicators = indicators
        targetIndex = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1.code, $0) })
        indicatorIndex = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1.code, $0) })
    }

    package func goalName(_ goal: Int) -> String? { SDGGoal.shortNames[goal] }
    package func target(_ code: SDGCode) -> Target? { targetIndex[code].map { targets[$0] } }
    package func indicator(_ code: SDGCode) -> Indicator? { indicatorIndex[code].map { indicators[$0] } }

    package func targets(ofGoal goal: Int) -> [Target] { targets.filter { $0.code.goal == goal } }
    package func indicators(ofTarget code: SDGCode) -> [Indicator] { indicators.filter { $0.code.targetCode == code } }

    /// Whether a goal, target or indicator code exists in the framework.
    package func contains(_ code: SDGCode) -> Bool {
        switch code.level {
        case .goal: return SDGGoal.shortNames[code.goal] != nil
        case .target: return targetIndex[code] != nil
        case .indicator: return indicatorIndex[code] != nil
        }
    }

    /// The label of any code.
    package func label(_ code: SDGCode) -> String? {
        switch code.level {
        case .goal: return goalName(code.goal)
        case .target: return target(code)?.label
        case .indicator: return indicator(code)?.label
        }
    }

    /// Valid codes of the same level close to `text`: the indicators of the same target first, then codes of the
    /// same goal by edit distance.
    package func suggestions(for text: String) -> [String] {
        let parts = text.split(separator: ".").map(String.init)
        let all: [String] = parts.count >= 3 ? indicators.map(\.code.description) : targets.map(\.code.description)
        let sameGoal = all.filter { $0.split(separator: ".").first.map(String.init) == parts.first }
        var result: [String] = []
        if parts.count >= 3 {
            let prefix = parts[0] + "." + parts[1] + "."
            result = all.filter { $0.hasPrefix(prefix) }
        }
        for code in Suggestion.nearest(to: text, in: sameGoal.isEmpty ? all : sameGoal, limit: 5)
        where !result.contains(code) {
            result.append(code)
        }
        if result.isEmpty { result = Array(sameGoal.prefix(3)) }
        return Array(result.prefix(3))
    }

    /// Goals, targets and indicators whose code or label contains `text` (case-insensitive).
    package func search(_ text: String) -> [(code: SDGCode, label: String)] {
        let needle = text.lowercased()
        var result: [(SDGCode, String)] = []
        for goal in 1...17 where SDGGoal.shortNames[goal]!.lowercased().contains(needle) {
            result.append((SDGCode(goal: goal, target: nil, indicator: nil), SDGGoal.shortNames[goal]!))
        }
        result += targets.filter { $0.label.lowercased().contains(needle) || $0.code.description == text }.map {
            ($0.code, $0.label)
        }
        result += indicators.filter { $0.label.lowercased().contains(needle) || $0.code.description == text }.map {
            ($0.code, $0.label)
        }
        return result
    }
}
