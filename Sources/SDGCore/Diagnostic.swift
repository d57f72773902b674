/// Something sdgpipe tells about an input or a run: a record it refused, a notice about a feed, a problem of the
/// crosswalk against the data. One type with a stable code, a location, a message and (where there is one) how to
/// fix it, rendered in one place (`description`) for the terminal, the JSON event log and `run.json`; rejects keep
/// the same fields in the `rejects` table.
///
/// Codes are stable (scripts and dashboards filter on them) and listed with their meaning in `DiagnosticCode.all`,
/// which `docs/diagnostics.md` documents; a test keeps the two in step.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// The record or the run cannot be used as it is (a reject; a crosswalk problem in `validate`).
        case error
        /// Worth acting on, but the run goes on (a crosswalk problem in `run`; rejects within `max_reject_ratio`).
        case warning
        /// Worth knowing, nothing to fix (cells that were trimmed, a placeholder row).
        case notice
    }

    public let severity: Severity
    public let code: DiagnosticCode
    public let location: SourceLocation?
    /// What was found, and where the sentence allows it, what was expected and how to fix it.
    public let message: String

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// `path:line:column: message`, as compilers print it, so that editors can jump to it.
    public var description: String { location.map { "\($0): \(message)" } ?? message }
}

/// A stable diagnostic code (`csv.field-count`, `sdmx.unknown-code`). Only the codes of `all` exist.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    /// What the code means, for `docs/diagnostics.md`.
    public let meaning: String

    private init(_ rawValue: String, _ meaning: String) {
        self.rawValue = rawValue
        self.meaning = meaning
    }

    public var description: String { rawValue }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// A registered code by name (`"csv.field-count"`), for comparisons; an unregistered name is a programming error.
    public init(stringLiteral name: String) {
        guard let known = Self(rawValue: name) else {
            preconditionFailure("'\(name)' is not a diagnostic code (DiagnosticCode.all)")
        }
        self = known
    }

    /// The code named `rawValue`, if there is one.
    public init?(rawValue: String) {
        guard let known = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    // CSV records (rejects).
    public static let csvMalformedQuotes = Self(
        "csv.malformed-quotes",
        "a quote inside an unquoted field, or a quoted field never closed (that line is the reject; reading goes on)")
    public static let csvFieldCount = Self("csv.field-count", "a row with more or fewer fields than the header")
    public static let csvUnitMultiplier = Self(
        "csv.unit-multiplier", "a unit multiplier that is neither a power of ten nor a word such as Thousands")
    public static let csvPeriod = Self(
        "csv.period", "a period that cannot be read (2015, 2015-Q1, 2015-03, 2015/16, ...)")
    public static let csvPeriodRange = Self(
        "csv.period-range", "a period range such as 2002/03-2007/08 without the source's `range:` option")
    public static let csvValueNotANumber = Self(
        "csv.value-not-a-number", "a value that is neither a number nor a missing-value marker")
    // SDMX records (rejects).
    public static let sdmxNoPeriod = Self("sdmx.no-period", "an observation without a TIME_PERIOD value")
    public static let sdmxPeriod = Self("sdmx.period", "a TIME_PERIOD that is not an SDMX time period")
    public static let sdmxValueNotANumber = Self("sdmx.value-not-a-number", "an OBS_VALUE that is not a number")
    public static let sdmxNestedObservation = Self(
        "sdmx.nested-observation", "an Obs element inside another Obs, which SDMX-ML does not allow")
    public static let sdmxUnknownCode = Self(
        "sdmx.unknown-code", "a code outside its dimension's codelist in the pipeline's `catalogue:` structure")
    // Either format (rejects).
    public static let duplicateObservation = Self(
        "duplicate-observation", "the same series and period read twice in one source")
    // Notices about a feed.
    public static let trimmedCells = Self(
        "csv.trimmed-cells", "cells with leading or trailing spaces, which were removed")
    public static let indexColumn = Self(
        "csv.index-column",
        "a column without a name (a pandas index: empty header or `Unnamed: 0`), left out of the key")
    public static let recordNumberColumn = Self(
        "csv.record-number-column",
        "a column named as a record number (`id`, `row`, `OBJECTID`) with consecutive integers, left out of the key")
    public static let splitSeries = Self(
        "split-series",
        "most series have one observation because a dimension (a record id, a row number) splits them; `ignore:` it")
    public static let placeholderRow = Self(
        "open-sdg.placeholder-row", "an Open SDG row saying that the indicator has no data yet")
    // The crosswalk against the data (warnings in `run`, errors in `validate`).
    public static let selectsNothing = Self(
        "crosswalk.selects-nothing", "an indicator whose `from.where` matches no observation")
    public static let mixedUnits = Self(
        "crosswalk.mixed-units", "an indicator whose observations come in more than one unit")
    public static let repeatedPeriod = Self(
        "crosswalk.repeated-period", "an indicator that gathers several values for one period of a series")
    public static let targetBehindBaseline = Self(
        "crosswalk.target-behind-baseline", "a target on the wrong side of the baseline read from the data")
    public static let seriesBreak = Self(
        "crosswalk.series-break",
        "a series whose source flags a break in series (`OBS_STATUS` `b`): values before and after it differ in definition"
    )
    public static let suspiciousValue = Self(
        "suspicious-value",
        "a zero among values far from zero, or an isolated spike: named for a check at the source, never changed")
    // The evaluation.
    public static let panelAreaLeftOut = Self(
        "evaluate.panel-area-left-out",
        "an area without observations both before and after an action's start, left out of its difference-in-differences"
    )
    // Geography (`geography.boundaries`).
    public static let geographyInvalid = Self(
        "geography.invalid-geometry",
        "a boundary feature that cannot be drawn right: an open ring, a ring crossing itself, fewer than four positions, or no polygon at all; it is left off the maps"
    )
    public static let geographyWinding = Self(
        "geography.winding",
        "rings wound against RFC 7946 (exterior clockwise or holes counterclockwise); drawn right all the same"
    )
    public static let geographyAreaWithoutGeometry = Self(
        "geography.area-without-geometry",
        "an area of the data that no boundary feature has, by code or name; it is not on the maps"
    )
    public static let geographyGeometryWithoutData = Self(
        "geography.geometry-without-data",
        "a boundary feature whose code and name no area of the data has; drawn grey, without a value"
    )
    // `validate --structure`: SDMX data against its data structure (rules numbered as sdmxthon's SS01–SS11).
    public static let sdmxDimensionMissing = Self(
        "sdmx-dsd.SS01", "a dimension of the data structure that the file never names")
    public static let sdmxMeasureMissing = Self(
        "sdmx-dsd.SS02",
        "the measure (OBS_VALUE) absent from the file, or an observation without a value and without OBS_STATUS=M")
    public static let sdmxMandatoryAttributeMissing = Self(
        "sdmx-dsd.SS03", "a mandatory attribute of the data structure that the file never names")
    public static let sdmxCodeNotInCodelist = Self(
        "sdmx-dsd.SS04", "a value of a coded dimension or attribute that is not in its codelist")
    public static let sdmxDimensionEmpty = Self(
        "sdmx-dsd.SS05", "an observation with an empty or absent dimension value")
    public static let sdmxMandatoryAttributeEmpty = Self(
        "sdmx-dsd.SS06", "an observation with an empty or absent mandatory attribute")
    public static let sdmxDuplicateKey = Self(
        "sdmx-dsd.SS07", "two observations with the same key (every dimension, time included)")
    public static let sdmxRepresentation = Self(
        "sdmx-dsd.SS08",
        "a value against its component's TextFormat: not a number where the type is numeric, a length, bound or pattern broken"
    )
    public static let sdmxTimeFormat = Self(
        "sdmx-dsd.SS09", "a TIME_PERIOD that is not an SDMX time period, or not of the form its FREQ requires")
    public static let sdmxCubeRegion = Self(
        "sdmx-dsd.SS10", "a value outside an allowed content constraint's cube region")
    public static let sdmxSeriesConstraint = Self(
        "sdmx-dsd.SS11", "a series key outside an allowed content constraint's data key sets")
    // Outputs.
    public static let sdmxExportLeftOut = Self(
        "sdmx-export.left-out",
        "series that `outputs.sdmx` cannot export: a local indicator without a `SERIES` code, or series whose SDMX keys coincide"
    )
    // The pipeline file.
    public static let pipelineInvalid = Self(
        "pipeline.invalid",
        "a problem of the pipeline file or its crosswalk: an unknown key, a malformed SDG code, an unknown reference")
    public static let unknownArea = Self(
        "pipeline.unknown-area",
        "an area in `evaluation.areas`, `evaluation.comparison`, an action's `areas` or `--only-areas` that no source has"
    )
    public static let actionStartFinerThanData = Self(
        "pipeline.action-start-finer-than-data",
        "an action's `start` inside a period of the data it is evaluated on (`2016-09` on annual data)")
    public static let pipelineNotFound = Self(
        "pipeline.not-found", "the pipeline file named on the command line does not exist")
    // The run.
    public static let deprecatedOption = Self("run.deprecated-option", "a command-line option under its old name")
    public static let summariesLeft = Self(
        "run.summaries-left",
        "a run of some areas (`--only-areas`) without every treated series: the database's summaries over the treated areas are left as they are"
    )

    /// Every code, in the order `docs/diagnostics.md` lists them.
    public static let all: [DiagnosticCode] = [
        csvMalformedQuotes, csvFieldCount, csvUnitMultiplier, csvPeriod, csvPeriodRange, csvValueNotANumber,
        sdmxNoPeriod, sdmxPeriod, sdmxValueNotANumber, sdmxNestedObservation, sdmxUnknownCode, duplicateObservation,
        trimmedCells, indexColumn, recordNumberColumn, splitSeries, placeholderRow,
        selectsNothing, mixedUnits, repeatedPeriod, targetBehindBaseline, seriesBreak, suspiciousValue,
        panelAreaLeftOut, geographyInvalid, geographyWinding, geographyAreaWithoutGeometry,
        geographyGeometryWithoutData,
        sdmxDimensionMissing, sdmxMeasureMissing, sdmxMandatoryAttributeMissing, sdmxCodeNotInCodelist,
        sdmxDimensionEmpty, sdmxMandatoryAttributeEmpty, sdmxDuplicateKey, sdmxRepresentation, sdmxTimeFormat,
        sdmxCubeRegion, sdmxSeriesConstraint,
        sdmxExportLeftOut, pipelineInvalid, unknownArea, actionStartFinerThanData, pipelineNotFound, deprecatedOption,
        summariesLeft,
    ]
}
