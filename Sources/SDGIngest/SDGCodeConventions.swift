/// The SDG data conventions: codes of the legacy UN SDG API (`BOTHSEX`, `ALLAGE`, `PERCENT`, ...) are the SDMX codes of
/// the IAEG-SDGs DSD under other names, so feeds from both eras select and compare alike. `_T` is the total in every
/// breakdown.
public enum SDGCodeConventions {
    /// Legacy value → SDMX code, for dimension values.
    public static let legacyDimensionCodes: [String: String] = [
        "BOTHSEX": "_T", "ALLAGE": "_T", "ALLAREA": "_T", "FEMALE": "F", "MALE": "M", "URBAN": "U", "RURAL": "R",
    ]

    /// Legacy value → SDMX code, for units of measure.
    public static let legacyUnits: [String: String] = ["PERCENT": "PT", "NUMBER": "NUMBER"]

    public static func dimension(_ value: String) -> String { legacyDimensionCodes[value] ?? value }
    public static func unit(_ value: String) -> String { legacyUnits[value] ?? value }
}
