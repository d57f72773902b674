import SDGCore
import SDGGeo

/// The boundaries of the pipeline's areas (`geography:`) and how the data's areas find them: by the feature's code
/// (`id_property`), else by its name (`name_property`, case and accents as written, compared without case), else
/// by the area's label naming it. Checked once when the pipeline is read; drawn by the report, written as GeoJSON.
package struct AreaGeography: Sendable {
    package let file: BoundaryFile
    private let byID: [String: Int]
    private let byName: [String: Int]

    package init(file: BoundaryFile) {
        self.file = file
        var ids: [String: Int] = [:]
        var names: [String: Int] = [:]
        for (k, f) in file.features.enumerated() {
            if ids[f.id] == nil { ids[f.id] = k }
            if let name = f.name?.lowercased(), names[name] == nil { names[name] = k }
        }
        byID = ids
        byName = names
    }

    package var features: [GeoFeature] { file.features }

    /// The feature an area of the data is drawn as, if any.
    package func feature(for area: String, label: String? = nil) -> Int? {
        byID[area] ?? byName[area.lowercased()] ?? label.flatMap { byName[$0.lowercased()] }
    }

    /// Feature codes with their names, for labels: a boundary file is often the only place a code's name is given.
    package var names: [String: String] { file.names }

    /// The data's areas without a feature and the features without data, each a warning naming the nearest code
    /// or name on the other side (a renamed district, a merged municipality, a code written without its zeros).
    package func checks(areas: Set<String>, labels: Labels) -> [Diagnostic] {
        var used = Set<Int>()
        var missing: [String] = []
        for area in areas.sorted() {
            if let k = feature(for: area, label: labels.area(area)) { used.insert(k) } else { missing.append(area) }
        }
        let unused = features.indices.filter { !used.contains($0) }
        let candidates = unused.flatMap { [features[$0].id] + (features[$0].name.map { [$0] } ?? []) }
        var problems: [Diagnostic] = []
        for area in missing {
            let hint = Suggestion.phrase(for: area, in: candidates)
            problems.append(
                Diagnostic(
                    .warning, .geographyAreaWithoutGeometry, at: SourceLocation(file: file.path),
                    "the area `\(area)`\(labels.area(area).map { " (\($0))" } ?? "") has no boundary feature by code or name; it is not on the maps.\(hint)"
                ))
        }
        let areaWords = Array(areas) + areas.compactMap { labels.area($0) }
        for k in unused {
            let f = features[k]
            let hint = Suggestion.phrase(for: f.name ?? f.id, in: areaWords)
            problems.append(
                Diagnostic(
                    .warning, .geographyGeometryWithoutData, at: SourceLocation(file: file.path, line: f.line),
                    "the feature `\(f.id)`\(f.name.map { " (\($0))" } ?? "") matches no area of the data; it is drawn without a value.\(hint)"
                ))
        }
        return problems
    }
}
