import Foundation

/// Golden files are reviewed, never silently rewritten: compares `text` with the committed file at `path` (relative to
/// the package root). A missing file is written and the comparison fails, so that its first version is looked at;
/// `SDGPIPE_RECORD=1` rewrites a file that changed on purpose. Returns why it differs, or `nil` when equal.
public func goldenMismatch(_ text: String, at path: String) -> String? {
    let url = packageRoot.appendingPathComponent(path)
    let record = ProcessInfo.processInfo.environment["SDGPIPE_RECORD"] == "1"
    guard let committed = try? String(contentsOf: url, encoding: .utf8), !record else {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return record ? nil : "\(path) did not exist: written; review it and run the test again"
    }
    guard committed != text else { return nil }
    let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    return "\(path) differs from line \(line + 1) (committed: \(line < a.count ? String(a[line]) : "end of file"); "
        + "made: \(line < b.count ? String(b[line]) : "end of file")). If the change is meant, rerun with SDGPIPE_RECORD=1."
}
