import Foundation

/// The record of a commit in progress when the database is not inside the output folder (a `--db` file elsewhere,
/// PostgreSQL): the folder swap and the database commit are two steps, and a run killed between them would leave new
/// outputs beside the previous database, which the next run would then skip as unchanged.
///
/// The record (`.NAME.commit` beside the output folder) is written before the first step and removed after the
/// last. A run that finds it knows the last commit may be half done and redoes everything, whatever the
/// fingerprint says; it is removed once outputs and database agree again.
package struct CommitRecord: Sendable {
    package let url: URL

    package init(outputFolder: URL) {
        let folder = outputFolder.standardizedFileURL
        url = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).commit")
    }

    /// The interrupted commit's description (`run …, database …`), or `nil` when the last commit completed.
    package func interrupted() -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "details unknown" : text
    }

    package func begin(runID: String, database: String) throws(PublishError) {
        do {
            try Data("run \(runID), database \(database)\n".utf8).write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    package func end() { try? FileManager.default.removeItem(at: url) }
}
