import Foundation
import SDGCore
import SDGIngest
import SDGLocalize
import SDGPublish
import Yams

/// `outputs.sdmx: {structure, dataflow, formats, series, map, codes, defaults, area_dimension}` (docs/pipeline.md,
/// "SDMX export"): the DSD is read when the pipeline is, so that a wrong file or component name is a problem of the
/// pipeline file with its line.
enum SDMXExportParser {
    static let keys = [
        "structure", "dataflow", "formats", "series", "map", "codes", "defaults", "area_dimension", "observations",
    ]

    /// `catalogue`: the pipeline's own structure file (the SDG DSD, typically), used when `structure` is not given.
    static func parse(_ node: Node, _ yaml: YAMLReader, baseURL: URL, catalogue: String? = nil) -> SDMXExport? {
        guard let fields = yaml.mapping(node, at: "outputs.sdmx", allowed: keys) else { return nil }
        let path =
            fields["structure"] == nil && catalogue != nil
            ? catalogue : yaml.requiredString(fields, "structure", at: "outputs.sdmx", near: node)
        guard let path, let dataflow = yaml.requiredString(fields, "dataflow", at: "outputs.sdmx", near: node)
        else { return nil }
        if dataflow.range(
            of: #"^[A-Za-z][A-Za-z0-9_.@-]*:[A-Za-z][A-Za-z0-9_@-]*\([0-9][0-9A-Za-z.+~-]*\)$"#,
            options: .regularExpression) == nil
        {
            yaml.problem(
                fields["dataflow"],
                "`outputs.sdmx.dataflow` should read AGENCY:ID(VERSION), such as IAEG-SDGs:DF_SDG_GLH(1.16)")
        }
        let url = URL(fileURLWithPath: path, relativeTo: baseURL).standardizedFileURL
        let structure: SDMXStructure
        do {
            structure = try SDMXStructureReader.read(path: url.path)
        } catch {
            yaml.problem(fields["structure"], "`outputs.sdmx.structure` cannot be read: \(error.description)")
            return nil
        }
        guard !structure.dimensions.isEmpty else {
            yaml.problem(
                fields["structure"],
                "`outputs.sdmx.structure` has no data structure definition (DSD): name an SDMX-ML 2.1 structure file with one"
            )
            return nil
        }
        var export = SDMXExport(structure: structure, dataflow: dataflow)
        if let formats = fields["formats"] {
            export.formats = yaml.strings(formats, at: "outputs.sdmx.formats").compactMap { name in
                guard let f = SDMXExport.Format(rawValue: name) else {
                    let valid = SDMXExport.Format.allCases.map(\.rawValue)
                    yaml.problem(
                        formats,
                        "`outputs.sdmx.formats` has '\(name)'; expected \(valid.joined(separator: ", "))")
                    return nil
                }
                return f
            }
        }
        let components = structure.dimensions + structure.attributes
        func check(_ name: String, _ node: Node?, _ key: String) -> Bool {
            guard components.contains(name) else {
                yaml.problem(
                    node,
                    "`outputs.sdmx.\(key)` names `\(name)`, which the DSD does not have.\(Suggestion.phrase(for: name, in: components)) Its components: \(components.joined(separator: ", "))."
                )
                return false
            }
            return true
        }
        export.series = yaml.stringMap(fields["series"], at: "outputs.sdmx.series")
        export.map = Dictionary(
            uniqueKeysWithValues: yaml.stringMap(fields["map"], at: "outputs.sdmx.map").filter {
                check($0.value, fields["map"], "map")
            }.map { ($0.key.lowercased(), $0.value) })
        export.defaults = yaml.stringMap(fields["defaults"], at: "outputs.sdmx.defaults").filter {
            check($0.key, fields["defaults"], "defaults")
        }
        if let codes = fields["codes"]?.mapping {
            for (keyNode, value) in codes {
                let component = keyNode.string ?? ""
                guard check(component, keyNode, "codes") else { continue }
                export.codes[component] = yaml.stringMap(value, at: "outputs.sdmx.codes.\(component)")
            }
        } else if let codes = fields["codes"] {
            yaml.problem(codes, "`outputs.sdmx.codes` should map a DSD component to {our code: its code}")
        }
        if let area = yaml.string(fields["area_dimension"], at: "outputs.sdmx.area_dimension") {
            if structure.dimensions.contains(area) {
                export.areaDimension = area
            } else {
                _ = check(area, fields["area_dimension"], "area_dimension")
            }
        }
        export.observations = yaml.bool(fields["observations"], at: "outputs.sdmx.observations") ?? false
        return export
    }

    /// What the export will leave out, said before it is written: indicators without a `SERIES` code, and localized
    /// series whose SDMX keys coincide (only the first of them is exported).
    static func warnings(_ export: SDMXExport, series: [LocalizedSeries]) -> [Diagnostic] {
        var unmapped: [String] = []
        var seen: [[String]: LocalizedSeries] = [:]
        var clashes = 0
        var first: (LocalizedSeries, LocalizedSeries)?
        for s in series {
            guard let key = export.key(s) else {
                if !unmapped.contains(s.indicator) { unmapped.append(s.indicator) }
                continue
            }
            if let earlier = seen[key] {
                clashes += 1
                if first == nil { first = (earlier, s) }
            } else {
                seen[key] = s
            }
        }
        var result: [Diagnostic] = []
        if !unmapped.isEmpty {
            result.append(
                Diagnostic(
                    .warning, .sdmxExportLeftOut, at: nil,
                    "outputs.sdmx: \(unmapped.map { "`\($0)`" }.joined(separator: ", ")) \(unmapped.count == 1 ? "has" : "have") no SERIES code in `outputs.sdmx.series`, so \(unmapped.count == 1 ? "its" : "their") series are not exported"
                ))
        }
        if let (a, b) = first {
            func describe(_ s: LocalizedSeries) -> String {
                "\(s.indicator) \(s.area)\(s.disaggregation.isEmpty ? "" : " " + s.disaggregation)"
            }
            result.append(
                Diagnostic(
                    .warning, .sdmxExportLeftOut, at: nil,
                    "outputs.sdmx: \(clashes) series have the SDMX key of an earlier one and are not exported (first: \(describe(b)) has the key of \(describe(a))); map the dimension that tells them apart to one of the DSD's in `outputs.sdmx.map`"
                ))
        }
        return result
    }
}
