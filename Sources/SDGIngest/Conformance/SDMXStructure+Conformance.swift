import SDGCore

/// A component's `TextFormat` (SDMX 2.1 Technical Notes, section 3.4 "Representation"): the type and facets a value
/// that is not coded must satisfy.
public struct SDMXTextFormat: Sendable, Hashable {
    public var textType: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Double?
    public var maxValue: Double?
    /// An XML Schema pattern, matched against the whole value.
    public var pattern: String?

    public init() {}

    /// SDMX's numeric text types (`Double`, `Integer`, `Decimal`, ...).
    public var isNumeric: Bool {
        guard let textType else { return false }
        return Self.numericTypes.contains(textType)
    }

    static let numericTypes: Set<String> = [
        "BigInteger", "Integer", "Long", "Short", "Decimal", "Float", "Double", "Count", "InclusiveValueRange",
        "ExclusiveValueRange", "Incremental", "Numeric",
    ]
}

/// The `Allowed` content constraints of a structure message: cube regions (the codes a component may or may not take)
/// and data key sets (the series keys that may or may not occur). `Actual` constraints describe data that exists
/// and are not rules, so they are not kept.
public struct SDMXContentConstraints: Sendable, Hashable {
    public struct CubeRegion: Sendable, Hashable {
        public var include: Bool
        public var values: [String: Set<String>]
    }

    public struct DataKeySet: Sendable, Hashable {
        public var included: Bool
        /// Each key gives values for some dimensions; a dimension it leaves out matches any value.
        public var keys: [[String: String]]
    }

    public var cubeRegions: [CubeRegion] = []
    public var dataKeySets: [DataKeySet] = []
    public var isEmpty: Bool { cubeRegions.isEmpty && dataKeySets.isEmpty }

    /// For each component a cube region names: the codes allowed (those of any included region) and those excluded.
    /// Components are checked one by one, as sdmxthon's SS10 does; a key that mixes codes of two included regions
    /// passes.
    public var allowedValues: [String: (allowed: Set<String>?, excluded: Set<String>)] {
        var result: [String: (allowed: Set<String>?, excluded: Set<String>)] = [:]
        for region in cubeRegions {
            for (component, values) in region.values {
                var entry = result[component] ?? (nil, [])
                if region.include {
                    entry.allowed = entry.allowed.map { $0.union(values) } ?? values
                } else {
                    entry.excluded.formUnion(values)
                }
                result[component] = entry
            }
        }
        return result
    }
}
