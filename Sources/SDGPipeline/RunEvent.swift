import SDGCore

/// Something a run reports while it works: a stage done, a warning, progress. The executable renders events as text
/// or JSON lines; libraries never print.
package struct RunEvent: Sendable {
    package enum Level: String, Sendable { case info, warning, progress }

    package let level: Level
    package let stage: String
    package let message: String
    package let counts: [String: Int]
    /// The diagnostic code of a warning (`DiagnosticCode`), for log filters.
    package let code: String?

    package init(
        _ level: Level, stage: String, _ message: String, counts: [String: Int] = [:], code: DiagnosticCode? = nil
    ) {
        self.level = level
        self.stage = stage
        self.message = message
        self.counts = counts
        self.code = code?.rawValue
    }

    /// A diagnostic as a warning of the run (rendered by `Diagnostic.description`).
    package init(_ diagnostic: Diagnostic, stage: String, prefix: String = "") {
        self.init(.warning, stage: stage, prefix + diagnostic.description, code: diagnostic.code)
    }
}

/// How a run is asked to behave beyond its pipeline file (command-line options).
package struct RunOptions: Sendable {
    /// Run even when nothing changed since the last successful run.
    package var force = false
    /// `--db`: a SQLite file path (or `sqlite:` URL); `postgres://` URLs are refused in this build.
    package var database: String?
    /// `--only-areas`, the run's scope: evaluate and write only these areas (every area is still read and counted;
    /// comparison areas are still evaluated, for the difference-in-differences).
    package var onlyAreas: [String]?
    /// Test hook (`SDGPIPE_FAILPOINT`): stop and wait at `ingest`, `evaluate`, `write` or `commit` so that a test can kill the run.
    package var failpoint: String?
    /// Where the output folder was named, for messages: `--out` when the command line gave it.
    package var outputSetting = "outputs.dir"
    /// `--offline`: sources by URL are read from the cache, the servers not asked.
    package var offline = false

    package init(force: Bool = false, database: String? = nil, onlyAreas: [String]? = nil, failpoint: String? = nil) {
        self.force = force
        self.database = database
        self.onlyAreas = onlyAreas
        self.failpoint = failpoint
    }
}
