import SDGFetch

/// `run.json`: the manifest of one run, for audit trails and for schedulers that check what happened.
package struct RunManifest: Codable, Sendable {
    package struct Input: Codable, Sendable {
        package let source: String
        package let path: String
        package let sha256: String
        package let bytes: Int
        package let rowsRead: Int
        package let rowsRejected: Int
        /// For a source by URL: what was asked, what answered and what was read (URL, status, ETag, size,
        /// SHA-256, times).
        package var fetch: FeedProvenance? = nil
    }

    package let runId: String
    package let sdgpipeVersion: String
    package let pipeline: String
    package let pipelineFile: String
    package let pipelineSha256: String
    /// SHA-256 over the sdgpipe version, the pipeline, crosswalk and catalogue files and every input: equal
    /// fingerprints mean a run would produce the same results.
    package let fingerprint: String
    package let started: String
    package let finished: String
    /// `succeeded`, or `skipped_unchanged` when nothing changed since the last successful run.
    package let status: String
    package let exitCode: Int32
    package let areas: [String]?
    package let inputs: [Input]
    package let rowsRead: Int
    package let rowsRejected: Int
    package let rowsWritten: Int
    package let observations: Int
    package let localizedSeries: Int
    package let seriesEvaluated: Int
    package let impactRows: Int
    package let database: String?
    /// Milliseconds per stage: fingerprint, ingest, localize, evaluate (publishing writes this file).
    package let timingsMs: [String: Double]
    package let warnings: [String]
}

package enum SDGPipelineVersion {
    package static let current = "0.2.0"
}
