import Foundation

/// The misbehaving HTTP server of `scripts/feed_server.py`, on a free loopback port, serving a temporary folder:
/// for the tests of sources by URL. Stopped when released.
public final class FeedServer: @unchecked Sendable {
    public let folder: URL
    public let port: Int
    private let process: Process
    private let logFile: URL
    private let input = Pipe()
    private let directory = TemporaryDirectory("sdgpipe-feed-server")

    public init() throws {
        folder = directory.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        logFile = directory.url.appendingPathComponent("requests.jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", packageRoot.appendingPathComponent("scripts/feed_server.py").path, folder.path, logFile.path,
        ]
        // The server's stdin is this pipe: it stops when the test process ends, however it ends. Its stderr goes
        // nowhere, so that it never holds the test runner's output open.
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let piece = output.fileHandleForReading.availableData
            if piece.isEmpty { break }
            line.append(piece)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "feed_server.py did not start"])
        }
        self.port = port
    }

    // Not `waitUntilExit()`: it can block forever on a test thread; Foundation reaps the child itself.
    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Writes a file the server serves (a test changes a feed this way).
    public func serve(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
    }

    public func serve(_ name: String, copying file: URL) throws {
        let target = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: file, to: target)
    }

    /// Makes `/down/FILE` answer 503 (true) or serve the file again (false).
    public func setDown(_ down: Bool) throws {
        let flag = folder.appendingPathComponent(".down")
        if down { try Data().write(to: flag) } else { try? FileManager.default.removeItem(at: flag) }
    }

    public struct Request: Sendable {
        public let path: String
        public let proxied: Bool
        public let headers: [String: String]
    }

    /// The requests received so far, in order.
    public func requests() -> [Request] {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return Request(
                path: object["path"] as? String ?? "", proxied: object["proxied"] as? Bool ?? false,
                headers: object["headers"] as? [String: String] ?? [:])
        }
    }
}
