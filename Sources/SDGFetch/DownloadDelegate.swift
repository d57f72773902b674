import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// Receives one response: a 2xx body goes straight to a temporary file, hashed as it arrives (memory stays flat
/// whatever the size); any other status keeps the first kilobyte of its body for the error message (SDMX services
/// explain a 404 or 413 there).
final class DownloadDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    // AsyncHTTPClient calls a delegate on one event loop, one call at a time: no lock needed for the state below.
    struct Outcome: Sendable {
        var status: Int
        var reason: String
        var headers: [(String, String)]
        var finalURL: String
        var bytes: Int
        var sha256: String
        var errorBody: String
        /// The body's length as `Content-Length` announced it, when it was not sent compressed.
        var announcedLength: Int?

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    typealias Response = Outcome

    private let temporary: URL
    private var file: FileHandle?
    private var hasher = SHA256()
    private var outcome = Outcome(
        status: 0, reason: "", headers: [], finalURL: "", bytes: 0, sha256: "", errorBody: "", announcedLength: nil)
    private var writeError: Error?

    init(temporary: URL, requestURL: String) {
        self.temporary = temporary
        outcome.finalURL = requestURL
    }

    func didVisitURL(task: HTTPClient.Task<Outcome>, _ request: HTTPClient.Request, _ head: HTTPResponseHead) {
        outcome.finalURL = RemoteSource.redacted(request.url.absoluteString)
    }

    func didReceiveHead(task: HTTPClient.Task<Outcome>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        outcome.status = Int(head.status.code)
        outcome.reason = head.status.reasonPhrase
        outcome.headers = head.headers.map { ($0.name, $0.value) }
        if head.headers["Content-Encoding"].isEmpty, let length = head.headers["Content-Length"].first.flatMap(Int.init)
        {
            outcome.announcedLength = length
        }
        if (200..<300).contains(outcome.status) {
            if FileManager.default.createFile(atPath: temporary.path, contents: nil) {
                file = FileHandle(forWritingAtPath: temporary.path)
            }
            if file == nil {
                writeError = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
            }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Outcome>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        buffer.withUnsafeReadableBytes { bytes in
            if let file {
                guard writeError == nil else { return }
                hasher.update(bufferPointer: bytes)
                outcome.bytes += bytes.count
                do { try file.write(contentsOf: bytes) } catch { writeError = error }
            } else if outcome.errorBody.utf8.count < 1024 {
                outcome.errorBody += String(decoding: bytes.prefix(1024), as: UTF8.self)
            }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Outcome>, _ error: Error) {
        close()
    }

    func didFinishRequest(task: HTTPClient.Task<Outcome>) throws -> Outcome {
        close()
        if let writeError { throw writeError }
        outcome.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return outcome
    }

    private func close() {
        try? file?.close()
        file = nil
    }
}
