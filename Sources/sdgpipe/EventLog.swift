import ArgumentParser
import Foundation
import SDGCore
import SDGPipeline
import SDGSystem

/// Renders run events for a person (text, with a progress line when stderr is a terminal) or for a log collector
/// (one JSON object per line). Results go to stdout; everything else to stderr.
final class EventLog: @unchecked Sendable {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    let format: Format
    let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var progressShown = false

    init(format: Format, quiet: Bool) {
        self.format = format
        self.quiet = quiet
    }

    func emit(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch format {
        case .json:
            if quiet && event.level != .warning { return }
            if event.level == .progress { return }
            write(
                json(
                    level: event.level.rawValue, stage: event.stage, message: event.message, counts: event.counts,
                    code: event.code))
        case .text:
            if quiet { return }
            if event.level == .progress {
                guard terminal else { return }
                let records = event.counts["records"] ?? 0
                let ms = max(event.counts["ms"] ?? 1, 1)
                let read = event.counts["bytes_read"] ?? 0
                let size = max(event.counts["bytes"] ?? 1, 1)
                let seconds = Double(ms) / 1000
                let line =
                    "\(event.stage) \(event.message): \(records) records, \(Int(Double(records) / seconds)) records/s, "
                    + "\(Int(Double(read) / 1e6 / seconds)) MB/s, \(min(100, read * 100 / size))%"
                writeToStandardError("\r\u{1B}[K" + line)
                progressShown = true
                return
            }
            if progressShown {
                writeToStandardError("\r\u{1B}[K")
                progressShown = false
            }
            write((event.level == .warning ? "warning: " : "\(event.stage): ") + event.message)
        }
    }

    /// The run's summary: stdout in text, a final `info` event in JSON.
    func finish(_ message: String, counts: [String: Int]) {
        if quiet { return }
        switch format {
        case .text: print(message)
        case .json:
            print(
                json(
                    level: "info", stage: "done", message: message.replacingOccurrences(of: "\n", with: "; "),
                    counts: counts))
        }
    }

    /// Reports the error (text or JSON) and exits with its code (`ExitStatus`).
    func fail(_ error: Error) -> Never {
        if format == .json {
            let text = (error as? SDGFailure)?.description ?? "\(error)"
            write(
                json(
                    level: "error", stage: "run", message: text, counts: ["exit_code": Int(ExitStatus.code(for: error))]
                ))
            Foundation.exit(ExitStatus.code(for: error))
        }
        ExitStatus.fail(error)
    }

    private func write(_ line: String) { writeToStandardError(line + "\n") }

    private func json(level: String, stage: String, message: String, counts: [String: Int], code: String? = nil)
        -> String
    {
        var object: [String: Any] = [
            "time": Date().ISO8601Format(), "level": level, "stage": stage, "message": message,
        ]
        if let code { object["code"] = code }
        if !counts.isEmpty { object["counts"] = counts }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
