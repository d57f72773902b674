import Foundation
import SDGCore

/// The rule that keeps a run from deleting a user's files. A run replaces its output folder whole (see
/// `StagedOutputDirectory`), so the folder must be one sdgpipe made: new, empty, marked by `markerName` (written
/// into every output folder), or holding nothing but the files sdgpipe writes (an output folder of a version that
/// wrote no marker). And it must not equal or contain an input, the pipeline file or the working directory, whatever
/// it holds.
package struct OutputFolder: Sendable {
    /// The file that marks a folder as sdgpipe's own output folder.
    package static let markerName = ".sdgpipe-output"
    static let markerText = """
        This folder is sdgpipe's output folder: every run replaces it whole.
        Keep no other files here; they would be deleted by the next run.

        """

    /// The names sdgpipe writes into an output folder (a folder holding only these is taken as its own).
    static let ownNames: Set<String> = {
        var names: Set<String> = [
            markerName, "run.json", "report.html", "charts", "opensdg", "opensdg-kflc", "sdmx", "geojson", "vlr",
            "sdgpipe.sqlite",
        ]
        for table in TableDefinition.all {
            names.insert("\(table.name).csv")
            names.insert("\(table.name).json")
        }
        return names
    }()

    /// Throws `OutputFolderError` when replacing `url` could delete something that is not sdgpipe's output.
    /// `setting` names where the folder came from (`outputs.dir` or `--out`); `protected` are the files and
    /// folders of the run (inputs, pipeline file, crosswalk) that no output folder may equal or contain.
    package static func check(
        _ url: URL, setting: String, protecting protected: [URL],
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(OutputFolderError) {
        let folder = resolved(url)
        if folder.pathComponents.count <= 1 { throw .containsProtected(folder: url.path, setting: setting, what: "/") }
        for item in protected + [workingDirectory] {
            let target = resolved(item)
            if contains(folder, target) {
                let what = item == workingDirectory ? "the working directory \(target.path)" : target.path
                throw .containsProtected(folder: url.path, setting: setting, what: what)
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw .notAFolder(folder: url.path, setting: setting) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if entries.contains(markerName) { return }
        let foreign = entries.filter { !ownNames.contains($0) }.sorted()
        if !foreign.isEmpty { throw .notOurs(folder: url.path, setting: setting, foreign: foreign) }
    }

    /// Writes the marker into a folder being staged, so that the folder swapped in is recognised by later runs.
    static func mark(_ folder: URL) throws {
        try Data(markerText.utf8).write(to: folder.appendingPathComponent(markerName))
    }

    /// `url` with symbolic links resolved as far as the path exists (a new output folder does not exist yet).
    static func resolved(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var result = existing.resolvingSymlinksInPath()
        for component in rest { result.appendPathComponent(component) }
        return result.standardizedFileURL
    }

    /// Whether `inner` is `outer` or lies inside it.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let a = outer.pathComponents.filter { $0 != "/" }
        let b = inner.pathComponents.filter { $0 != "/" }
        return b.count >= a.count && Array(b.prefix(a.count)) == a
    }
}

/// Why a folder cannot be an output folder (a usage error: exit 2). Nothing has been written when it is thrown.
package enum OutputFolderError: SDGFailure, Equatable {
    case containsProtected(folder: String, setting: String, what: String)
    case notAFolder(folder: String, setting: String)
    case notOurs(folder: String, setting: String, foreign: [String])

    package var category: FailureCategory { .usage }

    /// A folder of its own inside the one refused, which passes the check while it does not exist.
    static func suggestion(_ folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent("sdgpipe-output").standardizedFileURL.path
    }

    package var description: String {
        switch self {
        case .containsProtected(let folder, let setting, let what):
            return
                "\(setting) \(folder): the output folder contains \(what), and every run replaces its output folder whole. Point \(setting) at a folder of its own, for example \(Self.suggestion(folder)). Nothing was changed."
        case .notAFolder(let folder, let setting):
            return
                "\(setting) \(folder): this is a file, not a folder. Point \(setting) at a new folder, for example \(folder)-output. Nothing was changed."
        case .notOurs(let folder, let setting, let foreign):
            let shown =
                foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            return
                "\(setting) \(folder): this folder holds files sdgpipe did not write (\(shown)), and every run replaces its output folder whole. Point \(setting) at a new or empty folder, for example \(Self.suggestion(folder)); sdgpipe marks the folders it makes with a \(OutputFolder.markerName) file. Nothing was changed."
        }
    }
}
