import SDGCore

/// What a reader hands on for each record: an observation, or a reject that says why the record is not one.
public enum IngestRecord: Sendable {
    case observation(Observation)
    case reject(Reject)
}

/// How a source maps its columns or SDMX dimensions onto the roles of a series key. Any role left `nil` is found by
/// the conventional names (`area`, `REF_AREA`, `GeoAreaName`, ...); `defaults` give constant values for roles a file
/// does not carry (an Open SDG file has no indicator column: its indicator is the file).
public struct SourceOptions: Sendable, Hashable {
    public var name: String
    public var columns: [Role: String]
    public var defaults: [Role: String]
    public var missingMarkers: Set<String>
    /// A single-byte delimiter; `nil` sniffs `,`, `;` or tab from the header.
    public var delimiter: UInt8?

    public enum Role: String, Sendable, Hashable, CaseIterable {
        case area, indicator, period, value, unit, unitMultiplier = "unit_multiplier", status
    }

    public static let defaultMissingMarkers: Set<String> = ["", "..", "NA", "NaN", "-"]

    public init(
        name: String, columns: [Role: String] = [:], defaults: [Role: String] = [:],
        missingMarkers: Set<String> = SourceOptions.defaultMissingMarkers, delimiter: UInt8? = nil
    ) {
        self.name = name
        self.columns = columns
        self.defaults = defaults
        self.missingMarkers = missingMarkers
        self.delimiter = delimiter
    }
}
