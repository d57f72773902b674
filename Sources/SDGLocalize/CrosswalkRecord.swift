import Foundation

/// An indicator's metadata (`metadata: {definition, source, last_updated, link}` in the crosswalk), shown under its
/// charts and in the report's metadata table.
package struct IndicatorMetadata: Sendable, Equatable {
    package var definition: String?
    package var source: String?
    /// As the pipeline writes it (`2025-06-30`, `June 2025`).
    package var lastUpdated: String?
    /// An `http(s)` address.
    package var link: String?
    package init() {}
    package var isEmpty: Bool { self == IndicatorMetadata() }
}

/// A crosswalk record: the local indicator plus what localization and accountability need around it.
package struct CrosswalkRecord: Sendable {
    package let indicator: LocalIndicator
    /// How people call the indicator ("Adult participation in learning"); the id, made readable, when not given.
    package let label: String?
    package let kflc: [String]
    package let baselineYear: Int?
    /// A baseline value given in the crosswalk; otherwise it is read from the data in the baseline year.
    package let baselineValue: Double?
    package let targetValue: Double?
    package let targetYear: Int?
    /// Where the target comes from when the city reuses one (`national`, a strategy's name); `nil` for a local target.
    package let targetSource: String?
    package let owner: String?
    package let partners: [String]
    /// What a reader needs to know about the indicator: its definition, source, last update and a link.
    package var metadata = IndicatorMetadata()
    /// `map_breaks`: the indicator's own class limits for its value maps (quantiles of the data otherwise).
    package var mapBreaks: [Double] = []
    /// Links to the nodes of frameworks other than the SDGs and the KFLC (`links: {umf: [...], plan: [...]}`), by
    /// framework name; the KFLC's are `kflc`.
    package var links: [String: [String]] = [:]
    /// Where the record was written (pipeline file or crosswalk file), for problems found later in the data.
    package let file: String
    package var line: Int?

    package init(
        indicator: LocalIndicator, label: String?, kflc: [String], baselineYear: Int?, baselineValue: Double?,
        targetValue: Double?, targetYear: Int?, targetSource: String?, owner: String?, partners: [String], file: String,
        line: Int?
    ) {
        self.indicator = indicator
        self.label = label
        self.kflc = kflc
        self.baselineYear = baselineYear
        self.baselineValue = baselineValue
        self.targetValue = targetValue
        self.targetYear = targetYear
        self.targetSource = targetSource
        self.owner = owner
        self.partners = partners
        self.file = file
        self.line = line
    }

    /// The label, or the id with underscores as spaces and a capital first letter.
    package var displayName: String {
        if let label { return label }
        let words = indicator.id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
