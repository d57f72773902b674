import SDGCore

/// Why a boundary file cannot be used. It is an input like the data (exit 3); each message names the file, the
/// line and column where it can, what was expected and how to fix it.
public enum GeoError: SDGFailure, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, column: Int, expected: String)
    case notFeatures(path: String, found: String)
    case notLongitudeLatitude(path: String, line: Int, x: Double, y: Double)
    case noIdentifier(path: String, line: Int, property: String, available: [String])

    public var category: FailureCategory { .inputData }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): the boundary file cannot be read (\(reason)). Check `geography.boundaries`."
        case .malformed(let path, let line, let column, let expected):
            return
                "\(path):\(line):\(column): not valid GeoJSON: expected \(expected). Check the file with a JSON validator."
        case .notFeatures(let path, let found):
            return
                "\(path): a boundary file is a GeoJSON FeatureCollection (or one Feature); this one is \(found). Export the boundaries as features with properties."
        case .notLongitudeLatitude(let path, let line, let x, let y):
            return
                "\(path):\(line): the coordinates (\(x), \(y)) are not longitude and latitude in degrees, as GeoJSON (RFC 7946) requires: the file is in a projected system. Convert it to WGS 84 (EPSG:4326), e.g. with `ogr2ogr -t_srs EPSG:4326 out.geojson \(path)`."
        case .noIdentifier(let path, let line, let property, let available):
            let names = available.isEmpty ? "none" : available.joined(separator: ", ")
            return
                "\(path):\(line): the feature has no property `\(property)` (`geography.id_property`).\(Suggestion.phrase(for: property, in: available)) Its properties: \(names)."
        }
    }
}
