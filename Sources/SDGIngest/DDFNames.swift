import Foundation
import SDGCore

/// The names a DDF dataset keeps beside its datapoints: `ddf--entities--<key>.csv` (or an entity set's
/// `ddf--entities--<domain>--<key>.csv`) names each code of a key in its `name` column, and `ddf--concepts.csv` or
/// `ddf--concepts--continuous.csv` names each indicator concept (Gapminder's DDF-CSV, "DDF data model" v1).
public enum DDFNames {
    public struct Found: Sendable, Equatable {
        /// Dimension → code → name; the datapoints' first key is the `area` (as the DDF layout reads it).
        public var names: [String: [String: String]] = [:]
        /// The entity and concept files read, for the run's fingerprint.
        public var files: [String] = []
    }

    /// The names for a datapoints file (`ddf--datapoints--<concept>--by--<key>--<key>...csv`), from the files in
    /// its folder; nothing when it is not a DDF datapoints file or the folder has none. A file without the key's
    /// column or a `name` column names nothing.
    public static func beside(datapoints path: String) -> Found {
        let stem = CSVLayoutResolver.fileStem(path)
        let parts = stem.splitting(by: "--")
        guard parts.count >= 5, parts[0] == "ddf", parts[1] == "datapoints", parts[3] == "by" else { return Found() }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var found = Found()
        for (k, key) in parts[4...].enumerated() {
            let files = listing.filter {
                $0 == "ddf--entities--\(key).csv" || ($0.hasPrefix("ddf--entities--") && $0.hasSuffix("--\(key).csv"))
            }.sorted()
            for file in files {
                let url = folder.appendingPathComponent(file)
                let names = read(url.path, code: key)
                guard !names.isEmpty else { continue }
                found.files.append(url.path)
                found.names[k == 0 ? "area" : key, default: [:]].merge(names) { a, _ in a }
            }
        }
        for file in ["ddf--concepts.csv", "ddf--concepts--continuous.csv"] where listing.contains(file) {
            let url = folder.appendingPathComponent(file)
            let names = read(url.path, code: "concept").filter { $0.key == parts[2] }
            guard !names.isEmpty else { continue }
            found.files.append(url.path)
            found.names["indicator", default: [:]].merge(names) { a, _ in a }
        }
        return found
    }

    /// `code` column → `name` column of one CSV file; empty when either column is missing or the file unreadable.
    /// A row without a code or a name names nothing (these files are names, not data: nothing is dropped from a run).
    static func read(_ path: String, code: String) -> [String: String] {
        guard let reader = try? CSVRecordReader(path: path),
            let header = try? reader.next()?.fields.map({ $0.trimmingASCIIWhitespace() }),
            let codeAt = header.firstIndex(of: code), let nameAt = header.firstIndex(of: "name")
        else { return [:] }
        var names: [String: String] = [:]
        while let row = try? reader.next() {
            guard row.fields.count > max(codeAt, nameAt) else { continue }
            let (c, n) = (row.fields[codeAt], row.fields[nameAt].trimmingASCIIWhitespace())
            if !c.isEmpty, !n.isEmpty, names[c] == nil { names[c] = n }
        }
        return names
    }
}
