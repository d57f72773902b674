import Foundation
import SDGCore
import SDGFetch
import SDGIngest
import Yams

extension PipelineFileParser {
    /// The sources, and among them those fetched by URL (by name). A remote source's entry reads its cached copy,
    /// and messages about its rows name that copy, which a user can open at the line given.
    static func parseSources(_ node: Node?, _ yaml: YAMLReader, baseURL: URL, near root: Node, cache: URL)
        -> ([SourceEntry], [String: RemoteSource])
    {
        guard let node else {
            yaml.problem(root, "the pipeline needs `sources`: the data files to read")
            return ([], [:])
        }
        guard let mapping = node.mapping else {
            yaml.problem(node, "`sources` should map source names to entries such as `{path: ../samples/city.csv}`")
            return ([], [:])
        }
        var entries: [SourceEntry] = []
        var remotes: [String: RemoteSource] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            let path = "sources.\(name)"
            guard let fields = yaml.mapping(value, at: path, allowed: sourceKeys) else { continue }
            let format =
                fields["format"].flatMap { yaml.choice($0, at: "\(path).format", as: SourceFormat.self) } ?? .auto
            guard
                let address = RemoteSourceParser.address(name: name, fields: fields, format: format, yaml, near: value)
            else { continue }
            let file: String
            var remote: RemoteSource?
            switch address {
            case .file(let path): file = path
            case .remote(let source):
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    yaml.problem(
                        keyNode,
                        "`\(path)`: a source by URL names its cached copy, so its name may use letters, digits, '-' and '_' only"
                    )
                    continue
                }
                remote = source
                file = cache.appendingPathComponent(source.cacheFileName).path
            }
            var columns: [SourceOptions.Role: String] = [:]
            var defaults: [SourceOptions.Role: String] = [:]
            for (target, key) in [(0, "columns"), (1, "defaults")] {
                for (role, column) in yaml.stringMap(fields[key], at: "\(path).\(key)") {
                    guard let r = SourceOptions.Role(rawValue: role) else {
                        let valid = SourceOptions.Role.allCases.map(\.rawValue)
                        yaml.problem(
                            fields[key],
                            "`\(path).\(key)` has unknown role `\(role)`.\(Suggestion.phrase(for: role, in: valid)) Roles: \(valid.joined(separator: ", "))."
                        )
                        continue
                    }
                    if target == 0 { columns[r] = column } else { defaults[r] = column }
                }
            }
            var options = SourceOptions(name: name, columns: columns, defaults: defaults)
            if let layout = fields["layout"].flatMap({ yaml.choice($0, at: "\(path).layout", as: CSVLayout.self) }) {
                options.layout = layout
            }
            options.sheet = yaml.string(fields["sheet"], at: "\(path).sheet")
            if let node = fields["header_row"] {
                if let row = node.scalar.flatMap({ Int($0.string) }), row >= 1 {
                    options.headerRow = row
                } else {
                    yaml.problem(
                        node, "`\(path).header_row` is the number of the sheet's row holding the header (1 or more)")
                }
            }
            if let name = yaml.string(fields["encoding"], at: "\(path).encoding") {
                if let encoding = TextEncoding(name: name) {
                    options.encoding = encoding
                } else {
                    yaml.problem(
                        fields["encoding"],
                        "`\(path).encoding` is '\(name)'; expected utf-8, latin1 (also latin-1, iso-8859-1) or windows-1252 (also cp1252)"
                    )
                }
            }
            if let range = fields["range"].flatMap({
                yaml.choice($0, at: "\(path).range", as: SourceOptions.RangeEnd.self)
            }) {
                options.range = range
            }
            if let optional = fields["optional"] {
                options.optional = yaml.bool(optional, at: "\(path).optional") ?? false
            }
            if let decimal = yaml.string(fields["decimal"], at: "\(path).decimal") {
                if decimal == "," {
                    options.decimalComma = true
                } else if decimal != "." {
                    yaml.problem(fields["decimal"], "`\(path).decimal` should be \".\" or \",\"")
                }
            }
            if let ignore = fields["ignore"] {
                options.ignore = yaml.strings(ignore, at: "\(path).ignore")
            }
            if let missing = fields["missing"] {
                options.missingMarkers = Set(yaml.strings(missing, at: "\(path).missing"))
            }
            if let text = yaml.string(fields["delimiter"], at: "\(path).delimiter") {
                let allowed = [
                    ",": UInt8(ascii: ","), ";": UInt8(ascii: ";"), "\\t": 9, "\t": 9, "tab": 9, "|": UInt8(ascii: "|"),
                ]
                if let byte = allowed[text] {
                    options.delimiter = byte
                } else {
                    yaml.problem(fields["delimiter"], "`\(path).delimiter` should be one of ',', ';', '|' or 'tab'")
                }
            }
            let url = URL(fileURLWithPath: file, relativeTo: baseURL).standardizedFileURL
            if let remote { remotes[name] = remote }
            entries.append(
                SourceEntry(
                    name: name, url: url, displayPath: displayPath(url),
                    format: format, options: options, line: keyNode.mark?.line))
        }
        if entries.isEmpty, yaml.problems.isEmpty {
            yaml.problem(node, "`sources` is empty; name at least one data file")
        }
        return (entries, remotes)
    }

    /// The path relative to the working folder when the file lies under it (as a user typed it), else absolute.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return url.path.hasPrefix(cwd + "/") ? String(url.path.dropFirst(cwd.count + 1)) : url.path
    }
}
