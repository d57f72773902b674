import Foundation
import SDGCore

/// The conformance rules of `validate --structure`, numbered as sdmxthon's data validation numbers them (SS01–SS11,
/// `sdmxthon.utils.validations`) so that a user can set the two side by side. Every rule is an error here: a file
/// that breaks any of them does not conform to its data structure.
public enum SDMXConformanceRule: String, CaseIterable, Sendable, Comparable {
    case ss01 = "SS01"
    case ss02 = "SS02"
    case ss03 = "SS03"
    case ss04 = "SS04"
    case ss05 = "SS05"
    case ss06 = "SS06"
    case ss07 = "SS07"
    case ss08 = "SS08"
    case ss09 = "SS09"
    case ss10 = "SS10"
    case ss11 = "SS11"

    public var code: DiagnosticCode {
        switch self {
        case .ss01: .sdmxDimensionMissing
        case .ss02: .sdmxMeasureMissing
        case .ss03: .sdmxMandatoryAttributeMissing
        case .ss04: .sdmxCodeNotInCodelist
        case .ss05: .sdmxDimensionEmpty
        case .ss06: .sdmxMandatoryAttributeEmpty
        case .ss07: .sdmxDuplicateKey
        case .ss08: .sdmxRepresentation
        case .ss09: .sdmxTimeFormat
        case .ss10: .sdmxCubeRegion
        case .ss11: .sdmxSeriesConstraint
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One rule broken: where first, how many observations broke it the same way (same component and value), why, and how
/// to fix it. Shaped as a reject (`reject(source:)`), so that it is written like the rejects of a run.
public struct SDMXConformanceFinding: Sendable {
    public let rule: SDMXConformanceRule
    public let component: String?
    public let value: String?
    public let location: SourceLocation
    /// Observations that break the rule this way (1 for a rule about the whole file).
    public internal(set) var count: Int
    public let message: String
    public let raw: String

    public func reject(source: String) -> Reject {
        let times = count > 1 ? " (\(count) observations; the first is here)" : ""
        return Reject(
            source: source, location: location, code: rule.code, raw: raw,
            reason: "\(rule.rawValue): " + message + times)
    }
}

/// Checks the observations of one data file against a data structure, one at a time (`check`), then the file as a
/// whole (`findings`). Findings are kept once per rule, component and value, with a count, so that a million
/// observations with one wrong code make one finding; memory grows only with the duplicate-key check's set of
/// 16-byte key hashes (about 35 bytes per observation with the set's spare room: 424 MiB at 11.8 M).
///
/// Values come by component number (`SDMXComponents`), and a value that passed its component's checks is not
/// checked again until the component's value changes: consecutive observations share most of their key, so most
/// values cost one comparison (11.8 M observations of SDMX-CSV in 28 s rather than 120 s with a look-up per value).
public struct SDMXConformanceCheck: Sendable {
    public let structure: SDMXStructure
    public let components: SDMXComponents
    /// Components whose codelist the structure file does not contain: their codes cannot be checked.
    public let uncheckedCodelists: [(component: String, codelist: String)]
    /// At most this many distinct findings per rule are kept; the rest are counted in `overflow`.
    public var limitPerRule = 1000
    public private(set) var overflow: [SDMXConformanceRule: Int] = [:]
    private var records: [SDMXConformanceFinding] = []
    private var index: [String: Int] = [:]
    private var perRule: [SDMXConformanceRule: Int] = [:]
    private var keys: Set<KeyHash> = []
    /// What each component's values are checked against, by component number.
    private let rules: [ComponentRule]
    /// The last value of each component that passed its checks.
    private var passed: [String]
    private let mandatoryAttributes: [Int]
    private let seriesDimensions: [Int]
    private let timeDimension: Int?
    private let frequency: Int?
    private let status: Int?
    private let keySets: [(included: Bool, keys: [[(Int, String)]])]
    /// The measure's TextFormat pattern, compiled once.
    private let measurePattern: PatternBox?

    struct KeyHash: Hashable, Sendable { let a: Int, b: Int }

    struct ComponentRule: Sendable {
        var codes: Set<String>?
        var codelist = ""
        var region: (allowed: Set<String>?, excluded: Set<String>)?
        /// The TextFormat checked by SS08 (the measure's is checked apart, the time dimension's by SS09).
        var format: SDMXTextFormat?
        var pattern: PatternBox?
        var checksValues: Bool { codes != nil || region != nil || format != nil }
    }

    /// A compiled facet pattern (the `Regex` type is not `Sendable`; a check is used by one thread at a time).
    final class PatternBox: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>?
        init(_ pattern: String) { regex = try? Regex(pattern) }
    }

    public init(structure: SDMXStructure) {
        self.structure = structure
        let components = SDMXComponents(structure)
        self.components = components
        var unchecked: [(String, String)] = []
        var rules = [ComponentRule](repeating: .init(), count: components.ids.count)
        let regions = structure.constraints.allowedValues
        for (i, component) in components.ids.enumerated() {
            if let list = structure.dimensionCodelists[component] ?? structure.attributeCodelists[component] {
                if let known = structure.codelists[list] {
                    rules[i].codes = Set(known.keys)
                    rules[i].codelist = list
                } else {
                    unchecked.append((component, list))
                }
            }
            rules[i].region = regions[component]
            if component != structure.primaryMeasure && component != structure.timeDimension {
                rules[i].format = structure.textFormats[component]
                rules[i].pattern = rules[i].format?.pattern.map(PatternBox.init)
            }
        }
        self.rules = rules
        measurePattern = structure.textFormats[structure.primaryMeasure]?.pattern.map(PatternBox.init)
        uncheckedCodelists = unchecked
        passed = Array(repeating: "", count: components.ids.count)
        let at = components.index
        mandatoryAttributes = structure.attributes.filter(structure.mandatoryAttributes.contains).compactMap { at[$0] }
        seriesDimensions = structure.dimensions.filter { $0 != structure.timeDimension }.compactMap { at[$0] }
        timeDimension = structure.timeDimension.flatMap { at[$0] }
        frequency = at["FREQ"]
        status = at["OBS_STATUS"]
        keySets = structure.constraints.dataKeySets.map { set in
            (set.included, set.keys.map { key in key.compactMap { d, v in at[d].map { ($0, v) } } })
        }
    }

    /// Every finding, the file-wide ones (a component the file never names) first, then in the order first met.
    public func findings(of message: SDMXDataMessage) -> [SDMXConformanceFinding] {
        let file = SourceLocation(file: message.path)
        let unknown = message.components.filter { components.index[$0] == nil }
        var whole: [SDMXConformanceFinding] = []
        func add(_ rule: SDMXConformanceRule, _ component: String, _ text: String) {
            whole.append(
                .init(rule: rule, component: component, value: nil, location: file, count: 1, message: text, raw: ""))
        }
        for dimension in structure.dimensions where !message.components.contains(dimension) {
            add(
                .ss01, dimension,
                "the data structure's dimension \(dimension) is not in the file."
                    + Suggestion.phrase(for: dimension, in: unknown).replacingOccurrences(
                        of: "Did you mean", with: "The file has")
                    + " Give every observation a value for \(dimension)"
                    + (rules[components.index[dimension]!].codes?.contains("_T") == true
                        ? " (`_T` where the data has no breakdown by it)." : "."))
        }
        if !message.components.contains(structure.primaryMeasure) {
            add(
                .ss02, structure.primaryMeasure,
                "the measure \(structure.primaryMeasure) is not in the file. Give every observation its value.")
        }
        for attribute in structure.attributes
        where structure.mandatoryAttributes.contains(attribute) && !message.components.contains(attribute) {
            add(
                .ss03, attribute,
                "the mandatory attribute \(attribute) is not in the file. Give it to every series or observation"
                    + (attribute == "UNIT_MULT"
                        ? " (0 for units)." : attribute == "OBS_STATUS" ? " (A for normal values)." : "."))
        }
        return whole + records
    }

    /// Checks one observation. A component it lacks counts as empty (SS05, SS06, SS02); `findings(of:)` turns a
    /// component that the whole file lacks into one file-wide finding instead.
    public mutating func check(_ point: SDMXDataPoint) {
        let values = point.values
        for d in 0..<components.dimensionCount where values[d].isEmpty {
            let dimension = components.ids[d]
            record(
                .ss05, dimension, nil, point,
                "an observation without a value for the dimension \(dimension). Every observation needs one.")
        }
        for a in mandatoryAttributes where values[a].isEmpty {
            let attribute = components.ids[a]
            record(
                .ss06, attribute, nil, point,
                "an observation without the mandatory attribute \(attribute). Give it at the series or the observation."
            )
        }
        checkMeasure(point)
        for i in values.indices where !values[i].isEmpty && values[i] != passed[i] && rules[i].checksValues {
            if checkValue(i, point) { passed[i] = values[i] }
        }
        if let t = timeDimension, !values[t].isEmpty {
            let period = values[t]
            let frequency = self.frequency.map { values[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if !SDMXTimeFormat.isValid(period, frequency: frequency) {
                let forms = frequency.flatMap(SDMXTimeFormat.forms(of:))
                record(
                    .ss09, components.ids[t], period, point,
                    forms.map { "'\(period)' is not a period of frequency \(frequency!): write \($0)." }
                        ?? "'\(period)' is not an SDMX time period: write 2020, 2020-Q1, 2020-03, 2020-03-31 or 2020-01-01/P1Y."
                )
            }
        }
        checkSeriesConstraint(point)
        checkDuplicate(point)
    }

    /// SS04, SS10 and SS08 for component `i`'s value; whether it passed them all.
    private mutating func checkValue(_ i: Int, _ point: SDMXDataPoint) -> Bool {
        let (component, value, rule) = (components.ids[i], point.values[i], rules[i])
        var ok = true
        if let known = rule.codes, !known.contains(value) {
            ok = false
            record(
                .ss04, component, value, point,
                "'\(value)' of \(component) is not a code of \(rule.codelist).\(Suggestion.phrase(for: value, in: known)) Use a code of the list, or a structure whose \(rule.codelist) has it."
            )
        }
        if let region = rule.region,
            region.excluded.contains(value) || region.allowed.map({ !$0.contains(value) }) == true
        {
            ok = false
            record(
                .ss10, component, value, point,
                "'\(value)' of \(component) is outside the structure's content constraint (cube region)."
                    + (region.allowed.map {
                        " Allowed: " + $0.sorted().prefix(8).joined(separator: ", ") + ($0.count > 8 ? ", ..." : "")
                            + "."
                    } ?? ""))
        }
        if let format = rule.format, !checkFormat(format, rule.pattern, component, value, point) { ok = false }
        return ok
    }

    private mutating func checkMeasure(_ point: SDMXDataPoint) {
        let measure = structure.primaryMeasure
        let value = point.values[components.measure]
        if value.isEmpty || value == "NaN" {
            if status.map({ point.values[$0] }) != "M" {
                record(
                    .ss02, measure, nil, point,
                    "an observation without a value. Give the value, or mark it missing with OBS_STATUS=M.")
            }
            return
        }
        let format = structure.textFormats[measure]
        if format == nil || format!.isNumeric, Double(value) == nil {
            record(
                .ss08, measure, value, point,
                "the \(measure) '\(value)' is not a number (the structure's \(measure) is \(format?.textType ?? "numeric")). Write the number alone, with a point for decimals; a missing value is NaN with OBS_STATUS=M."
            )
        } else if let format {
            _ = checkFormat(format, measurePattern, measure, value, point)
        }
    }

    private mutating func checkFormat(
        _ format: SDMXTextFormat, _ pattern: PatternBox?, _ component: String, _ value: String, _ point: SDMXDataPoint
    ) -> Bool {
        var broken: String?
        let number = Double(value)
        if format.isNumeric, number == nil {
            broken = "is not a number (\(format.textType ?? ""))"
        } else if let n = format.minLength, value.count < n {
            broken = "is shorter than minLength \(n)"
        } else if let n = format.maxLength, value.count > n {
            broken = "is longer than maxLength \(n)"
        } else if let n = format.minValue, let number, number < n {
            broken = "is below minValue \(Self.plain(n))"
        } else if let n = format.maxValue, let number, number > n {
            broken = "is above maxValue \(Self.plain(n))"
        } else if let regex = pattern?.regex, (try? regex.wholeMatch(in: value)) == nil {
            broken = "does not match the pattern \(format.pattern ?? "")"
        }
        guard let broken else { return true }
        record(
            .ss08, component, value, point,
            "'\(value)' of \(component) \(broken), as the structure's TextFormat requires.")
        return false
    }

    private mutating func checkSeriesConstraint(_ point: SDMXDataPoint) {
        guard !keySets.isEmpty else { return }
        // A dimension the observation lacks matches: its absence is SS01 or SS05, not a second finding here.
        func matches(_ key: [(Int, String)]) -> Bool {
            key.allSatisfy { d, code in point.values[d].isEmpty || point.values[d] == code }
        }
        let included = keySets.filter(\.included)
        let inIncluded = included.isEmpty || included.contains { $0.keys.contains(where: matches) }
        let inExcluded = keySets.contains { !$0.included && $0.keys.contains(where: matches) }
        if !inIncluded || inExcluded {
            let key = seriesDimensions.map { point.values[$0] }.joined(separator: ".")
            record(
                .ss11, nil, key, point,
                "the series \(key) is \(inExcluded ? "excluded by" : "not among the series keys of") the structure's content constraint (data key set)."
            )
        }
    }

    /// 128 bits per key: Swift's seeded hash and FNV-1a over the same bytes (a chance of a false duplicate below
    /// 1e-20 at 12 M observations, against 4e-6 with 64 bits).
    private mutating func checkDuplicate(_ point: SDMXDataPoint) {
        var first = Hasher()
        var second: UInt64 = 0xcbf2_9ce4_8422_2325
        for d in 0..<components.dimensionCount {
            let value = point.values[d]
            first.combine(value)
            for byte in value.utf8 { second = (second ^ UInt64(byte)) &* 0x100_0000_01b3 }
            second = (second ^ 0x1F) &* 0x100_0000_01b3
        }
        if keys.insert(KeyHash(a: first.finalize(), b: Int(bitPattern: UInt(second)))).inserted { return }
        let key = (0..<components.dimensionCount).map { "\(components.ids[$0])=\(point.values[$0])" }
            .joined(separator: " ")
        record(
            .ss07, nil, key, point,
            "the same key as an earlier observation (\(key)). Remove one of the two, or add the dimension that tells them apart."
        )
    }

    /// The message is made only for a new finding: most calls count another observation of one already made.
    private mutating func record(
        _ rule: SDMXConformanceRule, _ component: String?, _ value: String?, _ point: SDMXDataPoint,
        _ message: @autoclosure () -> String
    ) {
        let id = rule.rawValue + "\u{1F}" + (component ?? "") + "\u{1F}" + (value ?? "")
        if let i = index[id] {
            records[i].count += 1
            return
        }
        if perRule[rule, default: 0] >= limitPerRule {
            overflow[rule, default: 0] += 1
            return
        }
        perRule[rule, default: 0] += 1
        index[id] = records.count
        records.append(
            .init(
                rule: rule, component: component, value: value, location: point.location, count: 1, message: message(),
                raw: raw(point)))
    }

    static func plain(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }

    /// The observation as `ID=value` pairs in the structure's order, then any component the structure lacks.
    private func raw(_ point: SDMXDataPoint) -> String {
        let own = zip(components.ids, point.values).filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }
        return (own + point.extra.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }).joined(separator: " ")
    }
}

/// The components of a data structure by number: its dimensions in order (the time dimension among them), the measure,
/// then its attributes. A data point's values follow this order.
public struct SDMXComponents: Sendable {
    public let ids: [String]
    public let index: [String: Int]
    public let dimensionCount: Int
    public let measure: Int

    public init(_ structure: SDMXStructure) {
        var ids = structure.dimensions
        dimensionCount = ids.count
        measure = ids.count
        ids.append(structure.primaryMeasure)
        ids += structure.attributes.filter { !ids.contains($0) }
        self.ids = ids
        index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
