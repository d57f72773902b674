/// The report's maps: the geometry once, then per indicator a few panels that colour it (`HTMLReport.maps`).
package struct MapSection: Sendable {
    package struct Panel: Sendable {
        package let title: String
        /// Feature index → fill colour and hover text; features absent here are drawn as "no data".
        package let fills: [Int: Fill]
        /// Features drawn with a dashed outline (the comparison areas of an effect map).
        package let outlined: Set<Int>
        package let legend: [LegendItem]
    }

    package struct Fill: Sendable {
        package let colour: String
        package let tip: String
    }

    package struct LegendItem: Sendable {
        package let colour: String
        package let label: String
        package var dashed = false
    }

    package struct Group: Sendable {
        package let indicator: String
        package let panels: [Panel]
        /// Areas of the data that are not on the map (a city-wide total beside its districts), by name.
        package let leftOut: [String]
    }

    package let geometry: MapGeometry
    /// Per feature, its name (or code) for hover text of areas without data.
    package let names: [String]
    package let groups: [Group]
    /// Indicators with data on the map beyond those drawn (`MapSection.maxIndicators`).
    package let notDrawn: Int

    /// At most this many indicators get maps, so that a national report stays a few megabytes.
    package static let maxIndicators = 12
}

/// Colour-blind-safe palettes (ColorBrewer): sequential YlGnBu for values, diverging RdBu for progress and effects
/// (blue the desired side), and the class breaks that go with them.
enum MapPalette {
    static let sequential = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
    static let good = "#2166ac", fair = "#92c5de", poor = "#f4a582", bad = "#b2182b"
    static let noData = "#e3e6ea"

    /// Quantile breaks: up to five classes with about as many areas each; fewer when there are fewer distinct values.
    static func quantileBreaks(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        let distinct = Set(sorted).count
        let k = max(1, min(5, distinct))
        var breaks: [Double] = []
        for q in 1..<k {
            let b = sorted[min(sorted.count - 1, Int((Double(q) / Double(k) * Double(sorted.count)).rounded(.down)))]
            if breaks.last != b, b > sorted.first! { breaks.append(b) }
        }
        return breaks  // class i: values below breaks[i] (and at or above breaks[i-1])
    }

    static func classIndex(_ v: Double, _ breaks: [Double]) -> Int { breaks.firstIndex { v < $0 } ?? breaks.count }

    /// The sequential colours spread over `n` classes.
    static func colours(_ n: Int) -> [String] {
        switch n {
        case 1: [sequential[2]]
        case 2: [sequential[1], sequential[3]]
        case 3: [sequential[0], sequential[2], sequential[4]]
        case 4: [sequential[0], sequential[1], sequential[3], sequential[4]]
        default: sequential
        }
    }

    /// A progress class (Eurostat's or Open SDG's, or the SDR's) on a four-step scale from good to bad.
    static func progressColour(_ code: String) -> String? {
        switch code {
        case "target_met", "target_achieved", "significant_progress", "substantial_progress", "on_track": good
        case "moderate_progress", "moderately_improving": fair
        case "insufficient_progress", "limited_progress", "moderate_movement_away", "stagnating": poor
        case "movement_away", "significant_movement_away", "deterioration", "decreasing": bad
        default: nil
        }
    }

    static let progressOrder = [
        "target_met", "target_achieved", "significant_progress", "substantial_progress", "on_track",
        "moderate_progress", "moderately_improving", "insufficient_progress", "limited_progress",
        "moderate_movement_away", "stagnating", "movement_away", "significant_movement_away", "deterioration",
        "decreasing",
    ]
}
