/// A record that could not become an observation. Rejects are never dropped silently: the run writes each to
/// `rejects.csv` with enough context (file, line, raw text, reason) to fix the source.
public struct Reject: Sendable, Hashable {
    /// The source entry's name in the pipeline file.
    public let source: String
    public let location: SourceLocation
    /// A stable machine-readable code, e.g. `csv.value-not-a-number` (`DiagnosticCode.all`).
    public let code: DiagnosticCode
    /// The offending text as read (the whole row for CSV, the element for XML), truncated to 500 characters.
    public let raw: String
    /// A sentence that says what was expected and how to fix it.
    public let reason: String

    public init(source: String, location: SourceLocation, code: DiagnosticCode, raw: String, reason: String) {
        self.source = source
        self.location = location
        self.code = code
        self.raw = raw.count > 500 ? String(raw.prefix(500)) + "…" : raw
        self.reason = reason
    }

    /// The reject as a diagnostic: an error for the record (it was refused), whatever the run then does (it goes on
    /// while the rejects stay within `max_reject_ratio`). The `rejects` table and the run's warnings show it.
    public var diagnostic: Diagnostic { Diagnostic(.error, code, at: location, reason) }
}
