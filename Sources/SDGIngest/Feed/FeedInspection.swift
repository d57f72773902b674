import Foundation
import SDGCore

/// `sdgpipe inspect FILE`: a statistician's first look at a new feed — what sdgpipe detects, what it reads, and the
/// control totals to reconcile against the publisher's figures (`observations`, `values`, `value_sum`, `rejects`,
/// `series`).
public struct FeedInspection: Sendable {
    public let file: String
    public let format: String
    public let layout: LongCSVReader.Layout?
    public let observations: Int
    public let values: Int
    public let valueSum: Double
    public let rejects: [Reject]
    public let series: Int
    public let firstPeriod: String?
    public let lastPeriod: String?
    public let frequencies: [String]
    public let units: [String]
    public let areas: [String]
    public let indicators: [String]
    public let dimensions: [String]
    public let sample: [Observation]
    /// Placeholder rows, trimmed cells, a column that splits series: worth knowing or acting on, not rejects.
    public let notices: [Diagnostic]
    /// The `--where` conditions and how many observations the file has in all (`observations` counts the selected).
    public let selection: (conditions: [String], ofAll: Int)?
    /// Values that look like errors of the feed (a zero among values far from zero, an isolated spike), as sentences.
    public let suspicious: [String]
    /// For SDMX: the message type, structure reference, observation dimension and number of data sets.
    public let message: SDMXDataReader.MessageInfo?
    public let statuses: [String]

    /// Reads `path` as a pipeline's source entry with these `options` would be read (by default: named after the
    /// file, everything detected).
    /// With a `selection` (`--where`), the totals are those of the observations it selects.
    public init(path: String, format: SourceFormat = .auto, options: SourceOptions? = nil, selection: Selection? = nil)
        throws
    {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else { throw IngestError.fileNotFound(path: path) }
        let source = options ?? SourceOptions(name: url.deletingPathExtension().lastPathComponent)
        let entry = SourceEntry(
            name: source.name, url: url, displayPath: path, format: format, options: source, line: nil)
        let format = entry.resolvedFormat
        self.file = path
        var sinks = SinkPair(ControlTotals(), SuspiciousValueCheck())
        var reader = FeedReader(source: entry)
        reader.selection = selection.flatMap { $0.isEmpty ? nil : $0 }
        reader.describesLayout = true
        let feed = try reader.read(into: &sinks)
        self.layout = feed.layout
        self.format =
            format == .sdmx ? "SDMX-ML data" : feed.sheet.map { "Excel workbook, sheet '\($0)' (read as CSV)" } ?? "CSV"
        self.selection = reader.selection.map { s in
            (s.conditions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, feed.observations)
        }
        let totals = sinks.first
        sinks.second.finish()
        self.suspicious = sinks.second.findings
        self.observations = reader.selection == nil ? feed.observations : feed.selected
        self.values = totals.values
        self.valueSum = totals.sum
        self.rejects = feed.rejects
        self.series = reader.selection == nil ? feed.series : feed.selectedSeries
        self.firstPeriod = totals.first?.label
        self.lastPeriod = totals.last?.label
        self.frequencies = totals.frequencies.sorted()
        self.units = totals.units.sorted()
        self.areas = totals.areas.sorted()
        self.indicators = totals.indicators.sorted()
        self.dimensions = totals.dimensions.sorted()
        self.sample = totals.sample
        self.notices = feed.notices
        self.message = feed.message
        self.statuses = totals.statuses.sorted()
    }

    /// The terminal view.
    public func text() -> String {
        var lines = ["\(file): \(format)"]
        if let layout {
            lines.append(
                "layout \(layout.layout), \(layout.encoding), columns (\(layout.delimiter)-separated): \(layout.columns.joined(separator: ", "))"
            )
            lines.append(
                "roles: "
                    + layout.roles.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                        "\($0.key.rawValue) = \($0.value)"
                    }.joined(separator: ", "))
        }
        if let message {
            lines.append(
                "\(message.messageType), structure \(message.structureID ?? "not named"), observation dimension \(message.dimensionAtObservation), \(message.dataSets) data set\(message.dataSets == 1 ? "" : "s")"
            )
        }
        if let selection {
            lines.append(
                "where \(selection.conditions.joined(separator: ", ")): \(observations) of \(selection.ofAll) observations"
            )
        }
        lines.append(
            "observations \(observations), values \(values), value_sum \(valueSum), rejects \(rejects.count), series \(series)"
        )
        lines.append("periods \(firstPeriod ?? "–") to \(lastPeriod ?? "–") (\(frequencies.joined(separator: ", ")))")
        lines.append(
            "areas (\(areas.count)): " + areas.prefix(12).joined(separator: ", ") + (areas.count > 12 ? ", …" : ""))
        lines.append(
            "indicators (\(indicators.count)): " + indicators.prefix(12).joined(separator: ", ")
                + (indicators.count > 12 ? ", …" : ""))
        if !dimensions.isEmpty { lines.append("other dimensions: " + dimensions.joined(separator: ", ")) }
        if !units.isEmpty { lines.append("units: " + units.joined(separator: ", ")) }
        for s in suspicious.prefix(5) { lines.append("check: \(s)") }
        if suspicious.count > 5 { lines.append("… \(suspicious.count - 5) more values to check") }
        for n in notices.prefix(5) { lines.append("\(n.severity == .notice ? "note" : n.severity.rawValue): \(n)") }
        for r in rejects.prefix(5) { lines.append("rejected \(r.location): \(r.reason)") }
        if rejects.count > 5 { lines.append("… \(rejects.count - 5) more rejects") }
        lines.append("sample:")
        for o in sample {
            lines.append(
                "  \(o.key.indicator) | \(o.key.area) | \(o.key.disaggregation.isEmpty ? "total" : o.key.disaggregation) | \(o.period.label) | \(o.value.map { "\($0)" } ?? "missing")\(o.attributes.unit.map { " " + $0 } ?? "")"
            )
        }
        return lines.joined(separator: "\n")
    }
}
