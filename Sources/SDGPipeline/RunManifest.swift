/// `run.json`: the manifest of one run, for audit trails and for schedulers that check what happened.
public struct RunManifest: Codable, Sendable {
    public struct Input: Codable, Sendable {
        public let source: String
        public let path: String
        public let sha256: String
        public let bytes: Int
        public let rowsRead: Int
        public let rowsRejected: Int
    }

    public let runId: String
    public let sdgpipeVersion: String
    public let pipeline: String
    public let pipelineFile: String
    public let pipelineSha256: String
    /// SHA-256 over the sdgpipe version, the pipeline, crosswalk and catalogue files and every input: equal
    /// fingerprints mean a run would produce the same results.
    public let fingerprint: String
    public let started: String
    public let finished: String
    /// `succeeded`, or `skipped_unchanged` when nothing changed since the last successful run.
    public let status: String
    public let exitCode: Int32
    public let areas: [String]?
    public let inputs: [Input]
    public let rowsRead: Int
    public let rowsRejected: Int
    public let rowsWritten: Int
    public let observations: Int
    public let localizedSeries: Int
    public let seriesEvaluated: Int
    public let impactRows: Int
    public let database: String?
    /// Milliseconds per stage: fingerprint, ingest, localize, evaluate (publishing writes this file).
    public let timingsMs: [String: Double]
    public let warnings: [String]
}

public enum SDGPipelineVersion {
    public static let current = "0.2.0"
}
