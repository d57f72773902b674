/// A change of unit applied to a local indicator's values after `UNIT_MULT`: a named conversion between rates
/// (percent ↔ per 1,000 ↔ per 100,000 ↔ ratio) or a plain factor.
package struct UnitConversion: Sendable, Hashable {
    package let factor: Double
    /// What the conversion does, for the localized-series table (`percent → per_1000`, `× 0.001`).
    package let description: String

    package init(factor: Double, description: String) {
        self.factor = factor
        self.description = description
    }

    /// Rate units and how many of them make one whole.
    package static let rateUnits: [String: Double] = [
        "ratio": 1, "percent": 100, "per_1000": 1_000, "per_10000": 10_000, "per_100000": 100_000,
    ]

    /// The conversion between two rate units, or `nil` when one of them is not a rate unit.
    package static func between(_ from: String, _ to: String) -> UnitConversion? {
        guard let a = rateUnits[from], let b = rateUnits[to] else { return nil }
        return UnitConversion(factor: b / a, description: "\(from) → \(to)")
    }
}

/// Districts → city: a local indicator reported by district can be combined into one series for the city, as a sum
/// (counts) or a mean weighted by another local indicator (rates weighted by population).
package struct AreaAggregation: Sendable, Hashable {
    package enum Method: String, Sendable, Hashable, CaseIterable {
        case sum
        case weightedMean = "weighted_mean"
    }

    /// The name of the combined area.
    package let target: String
    package let method: Method
    /// The local indicator whose values weigh each district (same period), for `weighted_mean`.
    package let weights: String?
    /// The districts to combine; empty means every area of the indicator.
    package let areas: [String]

    package init(target: String, method: Method, weights: String?, areas: [String]) {
        self.target = target
        self.method = method
        self.weights = weights
        self.areas = areas
    }
}
