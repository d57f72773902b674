import SDGCore

/// What a reader hands on for each record: an observation, or a reject that says why the record is not one.
public enum IngestRecord: Sendable {
    case observation(Observation)
    case reject(Reject)
    /// Something worth telling that is neither (an Open SDG placeholder row, cells that were trimmed).
    case notice(Diagnostic)
}

/// The CSV layouts sdgpipe reads; `auto` detects them from the header and the file name.
public enum CSVLayout: String, Sendable, Hashable, CaseIterable {
    case auto, long, wide
    case openSDG = "open_sdg"
    case unSDGAPI = "un_sdg_api"
    case sdmxCSV = "sdmx_csv"
    case ddf
    case eurostatTSV = "eurostat_tsv"
}

/// Text encodings of CSV files; Latin-1 and Windows-1252 are converted to UTF-8 as they are read.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case latin1
    case windows1252 = "windows-1252"

    /// The encoding by any name IANA or Python gives it, in any case: `UTF8`, `utf_8_sig` (the BOM is skipped
    /// anyway), `ascii` (a subset of UTF-8), `latin-1`, `ISO-8859-1`, `l1`, `cp1252`, `Windows-1252`.
    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" && $0 != " " }) {
        case "utf8", "utf8sig", "u8", "ascii", "usascii": self = .utf8
        case "latin1", "iso88591", "iso885911987", "l1", "latin", "cp819", "ibm819", "8859": self = .latin1
        case "windows1252", "cp1252", "win1252", "windowslatin1": self = .windows1252
        default: return nil
        }
    }
}

/// How a source maps its columns or SDMX dimensions onto the roles of a series key. Any role left `nil` is found by
/// the conventional names (`area`, `REF_AREA`, `GeoAreaName`, ...); `defaults` give constant values for roles a file
/// does not carry (an Open SDG file has no indicator column: its indicator is the file).
public struct SourceOptions: Sendable, Hashable {
    public var name: String
    public var columns: [Role: String]
    public var defaults: [Role: String]
    public var missingMarkers: Set<String>
    /// A single-byte delimiter; `nil` sniffs `,`, `;` or tab from the header.
    public var delimiter: UInt8?
    public var layout: CSVLayout = .auto
    /// An Excel workbook's sheet to read: its name, or its number counting from 1 (default: the first).
    public var sheet: String?
    /// The row of an Excel sheet that holds the table's header (default 1): rows above it (a title, notes) are skipped.
    public var headerRow = 1
    public var encoding: TextEncoding = .utf8
    /// `,` reads `12,5` as 12.5 (the delimiter is then sniffed among `;` and tab first).
    public var decimalComma = false
    /// For a period range such as `2002/03-2007/08`: `start` or `end` picks one; `nil` rejects the row.
    public var range: RangeEnd?
    /// `optional: true`: a file without observations is read as no data, not refused (`IngestError.noObservations`).
    public var optional = false
    /// `ignore: [id]`: columns (CSV) or dimensions (SDMX) that are not part of the series key, such as a record
    /// number that would make every row a series of its own (`SplitSeriesCheck` names them).
    public var ignore: [String] = []

    public enum RangeEnd: String, Sendable, Hashable, CaseIterable { case start, end }

    public enum Role: String, Sendable, Hashable, CaseIterable {
        case area, indicator, period, value, unit
        case unitMultiplier = "unit_multiplier"
        case status
    }

    public static let defaultMissingMarkers: Set<String> = ["", "..", "NA", "NaN", "-"]

    public init(
        name: String, columns: [Role: String] = [:], defaults: [Role: String] = [:],
        missingMarkers: Set<String> = SourceOptions.defaultMissingMarkers, delimiter: UInt8? = nil
    ) {
        self.name = name
        self.columns = columns
        self.defaults = defaults
        self.missingMarkers = missingMarkers
        self.delimiter = delimiter
    }
}
