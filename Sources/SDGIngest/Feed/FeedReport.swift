import SDGCore

/// What reading one source found besides its observations, counted the same way by every command.
///
/// A record is an observation or a reject: `records` = `observations` + `rejects.count`. Notices (an Open SDG
/// placeholder row, trimmed cells) are not records: they are neither data nor refused data. The reject ratio a run
/// or `validate` checks against `max_reject_ratio` is `rejects.count / records`.
public struct FeedReport: Sendable {
    /// Observation rows read, those outside the run's area scope included.
    public internal(set) var observations = 0
    /// Every record refused, in file order, with its location, code and reason.
    public internal(set) var rejects: [Reject] = []
    /// Notices about the feed (`Diagnostic.Severity.notice`), in file order, then warnings about it as a whole (a
    /// dimension that splits series, `SplitSeriesCheck`).
    public internal(set) var notices: [Diagnostic] = []
    /// Distinct series keys among the observations (counted by the duplicate check, which knows every series).
    public internal(set) var series = 0
    /// Every area with observations, those outside the run's area scope included: what the pipeline's area settings
    /// are checked against (`AreaReferenceCheck`).
    public internal(set) var areas: Set<String> = []
    /// With a `--where` selection, the observations it selected.
    public internal(set) var selected = 0
    /// With a `--where` selection, the series it selected.
    public internal(set) var selectedSeries = 0
    /// What an SDMX message said about itself.
    public internal(set) var message: SDMXDataReader.MessageInfo?
    /// What a CSV file's header resolved to (the layout, delimiter and roles) and, for an Excel workbook, the sheet
    /// read; set when the reader is asked to describe the layout (`inspect`).
    public internal(set) var layout: LongCSVReader.Layout?
    public internal(set) var sheet: String?

    public init() {}

    public var records: Int { observations + rejects.count }

    /// The share of records refused; 0 for a source without records.
    public var rejectRatio: Double { records == 0 ? 0 : Double(rejects.count) / Double(records) }

    mutating func count(_ batch: ObservationBatch) {
        observations += batch.count - batch.rowRejects.count
        for key in batch.keys { areas.insert(key.area) }
        batch.forEachRejectOrNotice { record in
            switch record {
            case .reject(let reject): rejects.append(reject)
            case .notice(let notice): notices.append(notice)
            case .observation: break
            }
        }
    }
}

/// The reports of several sources together (a run's or `validate`'s), for the reject ratio over all of them.
extension Sequence where Element == FeedReport {
    public var records: Int { reduce(0) { $0 + $1.records } }
    public var rejected: Int { reduce(0) { $0 + $1.rejects.count } }
    public var rejectRatio: Double {
        let n = records
        return n == 0 ? 0 : Double(rejected) / Double(n)
    }
}
