import Foundation
import SDGPublish
import Yams

/// Reads the pipeline's `outputs:`: the folder, the table formats, the report, the database, the Open SDG repository,
/// which charts get files, and whether the observations (a copy of the input) are written as JSON too.
enum OutputKeysParser {
    static let keys = [
        "dir", "tables", "report", "database", "opensdg", "charts", "json_observations", "geojson", "sdmx", "vlr",
    ]

    /// A `true`/`false` key; anything else is an error naming the line (and saying `why`, where there is more to say).
    static func flag(_ node: Node?, _ key: String, _ yaml: YAMLReader, why: String = "") -> Bool {
        guard let node else { return false }
        if let flag = node.scalar.flatMap({ Bool($0.string.lowercased()) }) { return flag }
        yaml.problem(node, "`\(key)` is `true` or `false`" + why)
        return false
    }

    /// `catalogue`: the pipeline's structure file, the DSD `outputs.sdmx` defaults to.
    static func parse(_ node: Node?, _ yaml: YAMLReader, baseURL: URL, pipeline: String, catalogue: String? = nil)
        -> OutputSettings
    {
        let fields = node.flatMap { yaml.mapping($0, at: "outputs", allowed: keys) } ?? [:]
        let dir = yaml.string(fields["dir"], at: "outputs.dir") ?? "../output/\(pipeline)"
        var tables: [OutputSettings.TableFormat] = []
        if let list = fields["tables"] {
            for (i, _) in yaml.strings(list, at: "outputs.tables").enumerated() {
                let item = list.sequence?[i] ?? list
                if yaml.string(item, at: "outputs.tables[\(i)]") == "postgres" {
                    yaml.problem(
                        item,
                        "`postgres` is not a table format: a PostgreSQL database is named by `outputs.database: postgres://user@host:5432/db` (or `--db`), and the tables go there in place of the SQLite file; remove `postgres` from `outputs.tables`"
                    )
                    continue
                }
                if let format = yaml.choice(item, at: "outputs.tables[\(i)]", as: OutputSettings.TableFormat.self) {
                    tables.append(format)
                }
            }
        }
        var settings = OutputSettings(
            directory: URL(fileURLWithPath: dir, relativeTo: baseURL).standardizedFileURL,
            tables: tables.isEmpty ? [.csv, .json, .sqlite] : tables,
            report: fields["report"].flatMap { yaml.choice($0, at: "outputs.report", as: OutputSettings.Report.self) }
                ?? .html,
            database: yaml.string(fields["database"], at: "outputs.database").map { db in
                db.contains("://") ? db : URL(fileURLWithPath: db, relativeTo: baseURL).standardizedFileURL.path
            },
            openSDG: flag(
                fields["opensdg"], "outputs.opensdg", yaml,
                why:
                    ": the Open SDG repository is written as `opensdg/` inside the output folder (replaced with the other outputs in one step); copy or sync that folder into your data repository"
            ),
            charts: fields["charts"].flatMap {
                yaml.choice($0, at: "outputs.charts", as: ReportAssembler.ChartFiles.self)
            } ?? .report,
            geoJSON: flag(fields["geojson"], "outputs.geojson", yaml),
            jsonObservations: flag(fields["json_observations"], "outputs.json_observations", yaml))
        settings.vlr = flag(
            fields["vlr"], "outputs.vlr", yaml,
            why:
                ": the annex is written as `vlr/` inside the output folder, replaced with the other outputs in one step"
        )
        settings.sdmx = fields["sdmx"].flatMap {
            SDMXExportParser.parse($0, yaml, baseURL: baseURL, catalogue: catalogue)
        }
        if let structure = fields["sdmx"]?.mapping?["structure"]?.string ?? catalogue {
            settings.sdmxStructureFile = URL(fileURLWithPath: structure, relativeTo: baseURL).standardizedFileURL
        }
        return settings
    }
}
