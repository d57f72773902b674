import Crypto
import Foundation
import SDGIngest

/// The identity of a run's inputs: SHA-256 over the sdgpipe version, the pipeline file, the crosswalk and catalogue
/// files, every input file, and where the results go (the output folder and the database). Two runs with equal fingerprints produce the same results, so a scheduled run whose
/// fingerprint matches the last successful one has nothing to do.
struct Fingerprint: Sendable {
    struct Input: Sendable {
        let sha256: String
        let bytes: Int
    }

    let value: String
    let pipelineSHA256: String
    /// One per source, in the pipeline's order.
    let inputs: [Input]

    init(definition: PipelineDefinition, areas: [String]? = nil, destination: String = "") throws {
        var inputs: [Input] = []
        for source in definition.sources {
            let digest = try FileDigest.sha256(of: source.url, displayPath: source.displayPath)
            inputs.append(Input(sha256: digest.digest, bytes: digest.bytes))
        }
        let pipeline = try FileDigest.sha256(of: definition.fileURL).digest
        var hasher = SHA256()
        hasher.update(data: Data("sdgpipe \(SDGPipelineVersion.current)\npipeline \(pipeline)\n".utf8))
        for file in definition.auxiliaryFiles {
            let digest = (try? FileDigest.sha256(of: file).digest) ?? "missing"
            hasher.update(data: Data("file \(file.lastPathComponent) \(digest)\n".utf8))
        }
        hasher.update(data: Data("destination \(destination)\n".utf8))
        if let areas { hasher.update(data: Data("areas \(areas.sorted().joined(separator: ","))\n".utf8)) }
        for (source, input) in zip(definition.sources, inputs) {
            hasher.update(data: Data("source \(source.name) \(input.sha256)\n".utf8))
        }
        self.value = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        self.pipelineSHA256 = pipeline
        self.inputs = inputs
    }
}
