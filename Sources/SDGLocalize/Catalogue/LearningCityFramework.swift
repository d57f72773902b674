import SDGCore

/// UNESCO's Key Features of Learning Cities: tiers, areas of focus and features, by stable ids.
package struct LearningCityFramework: Sendable {
    package struct Tier: Sendable, Hashable {
        package let id: String
        package let label: String
    }
    package struct Area: Sendable, Hashable {
        package let id: String
        package let label: String
        package let tier: String
    }
    package struct Feature: Sendable, Hashable {
        package let id: String
        package let label: String
        package let area: String
    }

    package let tiers: [Tier]
    package let areas: [Area]
    package let features: [Feature]

    package static let builtIn = LearningCityFramework()

    private init() {
        var tiers: [Tier] = []
        var areas: [Area] = []
        var features: [Feature] = []
        for line in Self.definition.split(separator: "\n").map({ $0.trimmingASCIIWhitespace() }) where !line.isEmpty {
            if line.hasPrefix("# ") {
                let parts = line.dropFirst(2).split(separator: "|").map(String.init)
                tiers.append(Tier(id: parts[0], label: parts[1]))
            } else if line.hasPrefix("- ") {
                let parts = line.dropFirst(2).split(separator: "|").map(String.init)
                features.append(Feature(id: parts[0], label: parts[1], area: areas.last!.id))
            } else {
                let parts = line.split(separator: "|").map(String.init)
                areas.append(Area(id: parts[0], label: parts[1], tier: tiers.last!.id))
            }
        }
        self.tiers = tiers
        self.areas = areas
        self.features = features
    }

    /// Every id a crosswalk may name: tiers, areas of focus and features.
    package var allIDs: [String] { tiers.map(\.id) + areas.map(\.id) + features.map(\.id) }

    package func contains(_ id: String) -> Bool { allIDs.contains(id) }

    package func label(_ id: String) -> String? {
        tiers.first { $0.id == id }?.label ?? areas.first { $0.id == id }?.label
            ?? features.first { $0.id == id }?.label
    }
}
