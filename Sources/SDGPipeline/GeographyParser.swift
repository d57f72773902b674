import Foundation
import SDGCore
import SDGGeo
import SDGPublish
import Yams

/// `geography: {boundaries: FILE.geojson, id_property: CODE, name_property: NAME}`: the areas' boundaries for maps
/// and GeoJSON output, read and checked when the pipeline is read, so that `validate` finds a broken file.
enum GeographyParser {
    static let keys = ["boundaries", "id_property", "name_property"]

    static func parse(_ node: Node?, _ yaml: YAMLReader, baseURL: URL) -> (geography: AreaGeography?, file: URL?) {
        guard let node, let fields = yaml.mapping(node, at: "geography", allowed: keys) else { return (nil, nil) }
        guard let path = yaml.requiredString(fields, "boundaries", at: "geography", near: node),
            let id = yaml.requiredString(fields, "id_property", at: "geography", near: node)
        else { return (nil, nil) }
        let name = yaml.string(fields["name_property"], at: "geography.name_property")
        let url = URL(fileURLWithPath: path, relativeTo: baseURL).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            yaml.problem(
                fields["boundaries"],
                "`geography.boundaries` names \(PipelineFileParser.displayPath(url)), which does not exist; relative paths are read from the pipeline file's folder"
            )
            return (nil, url)
        }
        do {
            let file = try GeoJSONReader.read(
                path: PipelineFileParser.displayPath(url), idProperty: id, nameProperty: name)
            return (AreaGeography(file: GeometryCheck.checked(file)), url)
        } catch {
            yaml.problem(fields["boundaries"], "`geography.boundaries` cannot be used: \(error.description)")
            return (nil, url)
        }
    }

    /// The boundary file's own problems, then the data's areas against its features; at most `limit` of each kind,
    /// then how many more (a national file keyed differently would otherwise print thousands of lines).
    static func warnings(_ geography: AreaGeography, areas: Set<String>, labels: Labels, limit: Int = 20)
        -> [Diagnostic]
    {
        let all = geography.file.notices + geography.checks(areas: areas, labels: labels)
        var shown: [Diagnostic] = []
        var counts: [DiagnosticCode: Int] = [:]
        for d in all {
            counts[d.code, default: 0] += 1
            if counts[d.code]! <= limit { shown.append(d) }
        }
        for (code, n) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where n > limit {
            shown.append(
                Diagnostic(
                    .warning, code, at: SourceLocation(file: geography.file.path),
                    "\(n - limit) more of these (\(code.rawValue)): \(code.meaning)"))
        }
        return shown
    }
}
