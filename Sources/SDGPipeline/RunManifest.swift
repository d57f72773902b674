/// `run.json`: the manifest of one run (SPEC §6), for audit trails and for schedulers that check what happened.
public struct RunManifest: Codable, Sendable {
    public struct Input: Codable, Sendable {
        public let source: String
        public let path: String
        public let sha256: String
        public let bytes: Int
        public let rowsRead: Int
        public let rowsRejected: Int
    }

    public let sdgpipeVersion: String
    public let pipeline: String
    public let pipelineFile: String
    public let pipelineSha256: String
    public let started: String
    public let finished: String
    public let status: String
    public let exitCode: Int32
    public let inputs: [Input]
    public let rowsRead: Int
    public let rowsRejected: Int
    public let observations: Int
    public let localizedSeries: Int
    public let seriesEvaluated: Int
    public let impactRows: Int
    /// Milliseconds per stage: ingest, localize, evaluate, publish.
    public let timingsMs: [String: Double]
    public let warnings: [String]
}

public enum SDGPipelineVersion {
    public static let current = "0.1.0"
}
