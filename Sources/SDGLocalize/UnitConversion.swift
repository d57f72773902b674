/// A change of unit applied to a local indicator's values after `UNIT_MULT`: a named conversion between rates
/// (percent ↔ per 1,000 ↔ per 100,000 ↔ ratio) or a plain factor.
public struct UnitConversion: Sendable, Hashable {
    public let factor: Double
    /// What the conversion does, for the localized-series table (`percent → per_1000`, `× 0.001`).
    public let description: String

    public init(factor: Double, description: String) {
        self.factor = factor
        self.description = description
    }

    /// Rate units and how many of them make one whole.
    public static let rateUnits: [String: Double] = [
        "ratio": 1, "percent": 100, "per_1000": 1_000, "per_10000": 10_000, "per_100000": 100_000,
    ]

    /// The conversion between two rate units, or `nil` when one of them is not a rate unit.
    public static func between(_ from: String, _ to: String) -> UnitConversion? {
        guard let a = rateUnits[from], let b = rateUnits[to] else { return nil }
        return UnitConversion(factor: b / a, description: "\(from) → \(to)")
    }
}

/// Districts → city: a local indicator reported by district can be combined into one series for the city, as a sum
/// (counts) or a mean weighted by another local indicator (rates weighted by population).
public struct AreaAggregation: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case sum
        case weightedMean = "weighted_mean"
    }

    /// The name of the combined area.
    public let target: String
    public let method: Method
    /// The local indicator whose values weigh each district (same period), for `weighted_mean`.
    public let weights: String?
    /// The districts to combine; empty means every area of the indicator.
    public let areas: [String]

    public init(target: String, method: Method, weights: String?, areas: [String]) {
        self.target = target
        self.method = method
        self.weights = weights
        self.areas = areas
    }
}
