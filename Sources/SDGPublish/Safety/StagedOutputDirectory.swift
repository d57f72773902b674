import Foundation
import SDGCore

/// Writes a run's output files into a hidden sibling folder and swaps it in only when the whole run has succeeded, so
/// that a failed or killed run leaves the previous outputs exactly as they were.
///
/// The swap is two renames within one parent folder (old → `.previous`, staged → final); if the process dies between
/// them, the next run finds `.previous` without a final folder and restores it before doing anything else.
package final class StagedOutputDirectory {
    package let finalURL: URL
    package let stagingURL: URL
    private let previousURL: URL
    private var committed = false

    /// Creates the staging folder next to `finalURL`. Throws `PublishError` when the parent cannot be written.
    package init(finalURL: URL) throws(PublishError) {
        self.finalURL = finalURL.standardizedFileURL
        let parent = self.finalURL.deletingLastPathComponent()
        let name = self.finalURL.lastPathComponent
        self.stagingURL = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        self.previousURL = parent.appendingPathComponent(".\(name).previous")
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.recover(finalURL: self.finalURL, previousURL: previousURL)
            try? fm.removeItem(at: stagingURL)
            try fm.createDirectory(at: stagingURL, withIntermediateDirectories: true)
            try OutputFolder.mark(stagingURL)
            CleanStop.remember(stagingURL.path)
        } catch {
            throw .cannotWrite(path: stagingURL.path, reason: "\(error.localizedDescription)")
        }
    }

    deinit {
        if !committed {
            try? FileManager.default.removeItem(at: stagingURL)
            CleanStop.forget(stagingURL.path)
        }
    }

    /// Where the run's files are written; a value other threads can write through while this object decides when
    /// the folder is swapped in.
    package var files: StagingFolder { StagingFolder(url: stagingURL) }

    /// Writes `contents` to `name` inside the staging folder.
    package func write(_ contents: String, to name: String) throws(PublishError) {
        try files.write(contents, to: name)
    }

    /// Streams a file into the staging folder through `body`.
    package func write(to name: String, _ body: (TextOutput) throws(PublishError) -> Void) throws(PublishError) {
        try files.write(to: name, body)
    }

    /// Swaps the staged folder in place of the final one. With `keepingPrevious`, the previous folder stays until
    /// `discardPrevious` (or comes back with `restorePrevious`): a database transaction can then commit at this point.
    package func commit(keepingPrevious: Bool = false) throws(PublishError) {
        let fm = FileManager.default
        do {
            Self.clear(previousURL)
            if fm.fileExists(atPath: finalURL.path) { try fm.moveItem(at: finalURL, to: previousURL) }
            try fm.moveItem(at: stagingURL, to: finalURL)
            committed = true
            CleanStop.forget(stagingURL.path)
            if !keepingPrevious { Self.clear(previousURL) }
        } catch {
            Self.recover(finalURL: finalURL, previousURL: previousURL)
            throw .cannotWrite(path: finalURL.path, reason: error.localizedDescription)
        }
    }

    package func discardPrevious() { Self.clear(previousURL) }

    /// Puts the previous outputs back after a `commit(keepingPrevious: true)` whose database commit failed; `false`
    /// when they could not be put back (the new outputs then stay in place).
    package func restorePrevious() -> Bool {
        let fm = FileManager.default
        guard fm.fileExists(atPath: previousURL.path) else { return false }
        let aside = finalURL.deletingLastPathComponent().appendingPathComponent(
            ".\(finalURL.lastPathComponent).previous.stale-\(getpid())")
        guard (try? fm.moveItem(at: finalURL, to: aside)) != nil else { return false }
        guard (try? fm.moveItem(at: previousURL, to: finalURL)) != nil else {
            try? fm.moveItem(at: aside, to: finalURL)
            return false
        }
        Self.clear(aside)
        return true
    }

    /// Removes an earlier run's leftover (a previous or staging folder), even one the user made read-only; what
    /// cannot be removed is renamed aside (`.previous.stale-*`, retried by later runs) so that it never blocks a run.
    static func clear(_ url: URL) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return }
        if (try? fm.removeItem(at: url)) != nil { return }
        // Removing a file needs write permission on its folder: give it back to every folder inside.
        chmod(url.path, 0o755)
        if let walk = fm.enumerator(atPath: url.path) {
            for case let relative as String in walk {
                let path = url.appendingPathComponent(relative).path
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmod(path, 0o755) }
            }
        }
        if (try? fm.removeItem(at: url)) != nil || url.lastPathComponent.contains(".previous.stale-") { return }
        let aside = url.deletingLastPathComponent().appendingPathComponent(
            "\(url.lastPathComponent).stale-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? fm.moveItem(at: url, to: aside)
    }

    /// Removes staging folders that killed runs left behind. Call it only while holding the pipeline's lock: then no
    /// other run can be writing one.
    package static func removeStale(finalURL: URL) {
        let final = finalURL.standardizedFileURL
        let parent = final.deletingLastPathComponent()
        let prefixes = [".\(final.lastPathComponent).staging-", ".\(final.lastPathComponent).previous.stale-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where prefixes.contains(where: name.hasPrefix) {
            clear(parent.appendingPathComponent(name))
        }
        recover(finalURL: final, previousURL: parent.appendingPathComponent(".\(final.lastPathComponent).previous"))
    }

    /// Puts the previous outputs back when a swap was interrupted.
    static func recover(finalURL: URL, previousURL: URL) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: finalURL.path), fm.fileExists(atPath: previousURL.path) {
            try? fm.moveItem(at: previousURL, to: finalURL)
        }
    }
}

/// The staging folder as the file writers see it: they add files to it, nothing more.
package struct StagingFolder: Sendable {
    package let url: URL

    /// Creates the subfolders (`charts/`, `opensdg/data/`) a file goes in, one level at a time and never the staging
    /// folder itself: a stopped run removes that while another thread may still be writing, and must not see it
    /// made again.
    private func makeFolder(of file: URL) throws {
        let folder = file.deletingLastPathComponent().standardizedFileURL
        let root = url.standardizedFileURL.path
        guard folder.path != root, folder.path.hasPrefix(root + "/"),
            !FileManager.default.fileExists(atPath: folder.path)
        else { return }
        try makeFolder(of: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch  where FileManager.default.fileExists(atPath: folder.path) {}
    }

    /// Writes `contents` to `name` inside the staging folder.
    package func write(_ contents: String, to name: String) throws(PublishError) {
        let file = url.appendingPathComponent(name)
        do {
            try makeFolder(of: file)
            try Data(contents.utf8).write(to: file)
        } catch {
            throw .cannotWrite(path: file.path, reason: error.localizedDescription)
        }
    }

    /// Streams a file into the staging folder through `body`.
    package func write(to name: String, _ body: (TextOutput) throws(PublishError) -> Void) throws(PublishError) {
        let out = try open(name)
        try body(out)
        try out.finish()
    }

    /// A file of the staging folder to stream into, for writers that fill several at once; `finish()` closes it.
    package func open(_ name: String) throws(PublishError) -> TextOutput {
        let file = url.appendingPathComponent(name)
        do {
            try makeFolder(of: file)
        } catch {
            throw .cannotWrite(path: file.path, reason: error.localizedDescription)
        }
        return try TextOutput(path: file.path)
    }
}
