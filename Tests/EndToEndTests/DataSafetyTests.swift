import Foundation
import SDGTestSupport
import Testing

/// A run must never delete what is not its own output, replace results with nothing, or take a changed destination
/// for "unchanged" (each case reproduced as the probe found it).
@Suite(.serialized) struct DataSafetyTests {
    func demo(_ dir: TemporaryDirectory, outputs: String) throws -> String {
        let pipeline = try demoCopy(dir)
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
            .replacingOccurrences(of: "dir: ../output/riverton-demo", with: "dir: \(outputs)")
        try text.write(toFile: pipeline, atomically: true, encoding: .utf8)
        return pipeline
    }

    @Test func aFolderOfTheUsersIsRefusedAndTheAdviceWorks() throws {
        let dir = TemporaryDirectory()
        dir.write("my thesis", to: "important/thesis.docx")
        let pipeline = try demo(dir, outputs: "../important")
        for command in ["run", "validate"] {
            let r = try CLI.run([command, pipeline], in: dir.url)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("holds files sdgpipe did not write (thesis.docx)"), "\(r.stderr)")
        }
        #expect(try String(contentsOfFile: dir.path("important/thesis.docx"), encoding: .utf8) == "my thesis")
        // The folder the message suggests works, and later runs accept it (it carries the marker).
        let suggested = dir.url.appendingPathComponent("important/sdgpipe-output").resolvingSymlinksInPath().path
        let r = try CLI.run(["run", pipeline], in: dir.url)
        let advice = try #require(r.stderr.range(of: "for example ")).upperBound
        let folder = String(r.stderr[advice...].prefix { $0 != ";" })
        #expect(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path == suggested)
        for _ in 0..<2 {
            let ok = try CLI.run(["run", pipeline, "--out", folder, "--force"], in: dir.url)
            #expect(ok.status == 0, "\(ok.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/.sdgpipe-output"))
        #expect(FileManager.default.fileExists(atPath: dir.path("important/thesis.docx")))
    }

    @Test(arguments: [".", "''", "..", "../samples"])
    func aFolderHoldingThePipelineOrItsInputsIsRefused(_ outputs: String) throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: outputs)
        let before = try FileManager.default.subpathsOfDirectory(atPath: dir.path("")).sorted()
        let r = try CLI.run(["run", pipeline], in: dir.url)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("the output folder contains"), "\(r.stderr)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: dir.path("")).sorted() == before)
        #expect(try CLI.run(["validate", pipeline], in: dir.url).status == 2)
    }

    @Test func theWorkingDirectoryIsNeverAnOutputFolder() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: "../output/demo")
        dir.write("notes", to: "work/here/notes.txt")
        let r = try CLI.run(
            ["run", pipeline, "--out", dir.path("work")], in: dir.url.appendingPathComponent("work/here"))
        #expect(r.status == 2 && r.stderr.contains("--out") && r.stderr.contains("working directory"), "\(r.stderr)")
    }

    @Test func anOutputFolderOfAnEarlierVersionWithoutMarkerIsAccepted() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: "../output/demo")
        #expect(try CLI.run(["run", pipeline], in: dir.url).status == 0)
        try FileManager.default.removeItem(atPath: dir.path("output/demo/.sdgpipe-output"))
        let r = try CLI.run(["run", pipeline, "--force"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func anEmptyInputStopsTheRunAndKeepsThePreviousResults() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: "../output/demo")
        #expect(try CLI.run(["run", pipeline], in: dir.url).status == 0)
        let impact = try String(contentsOfFile: dir.path("output/demo/impact.csv"), encoding: .utf8)
        for empty in ["", "\n", "area,indicator,period,value\n"] {
            dir.write(empty, to: "samples/demo/city_stats.csv")
            let r = try CLI.run(["run", pipeline], in: dir.url)
            #expect(r.status == 3, "\(r.stderr)")
            #expect(r.stderr.contains("no observations in this file"), "\(r.stderr)")
            #expect(try String(contentsOfFile: dir.path("output/demo/impact.csv"), encoding: .utf8) == impact)
        }
        // The advice: an optional source may be empty.
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        let optional = text.replacingOccurrences(
            of: "path: ../samples/demo/city_stats.csv", with: "path: ../samples/demo/city_stats.csv, optional: true")
        #expect(optional != text)
        try optional.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", pipeline], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        // The city's areas are then in no source: said, but not a failure of the run.
        #expect(
            r.stderr.contains("names area 'Riverton', which no source has")
                && r.stderr.contains("a warning only: the optional source `city_stats` read no observations"),
            "\(r.stderr)")
    }

    @Test func aMissingOrMovedDatabaseIsNotUnchanged() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: "../output/demo")
        #expect(try CLI.run(["run", pipeline], in: dir.url).status == 0)
        try FileManager.default.removeItem(atPath: dir.path("output/demo/sdgpipe.sqlite"))
        let again = try CLI.run(["run", pipeline], in: dir.url)
        #expect(again.status == 0 && !again.stdout.contains("unchanged"), "\(again.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.path("output/demo/sdgpipe.sqlite")))
        let elsewhere = try CLI.run(["run", pipeline, "--db", dir.path("elsewhere.sqlite")], in: dir.url)
        #expect(elsewhere.status == 0 && !elsewhere.stdout.contains("unchanged"), "\(elsewhere.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.path("elsewhere.sqlite")))
        let same = try CLI.run(["run", pipeline, "--db", dir.path("elsewhere.sqlite")], in: dir.url)
        #expect(same.stdout.contains("unchanged"), "\(same.stdout)")
    }

    @Test func aFullOrClosedStderrNeverEndsARun() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demo(dir, outputs: "../output/demo")
        try CLI.shell("'\(CLI.executable.path)' run '\(pipeline)' 2>/dev/full >/dev/full; echo $? > status", in: dir)
        #expect(try String(contentsOfFile: dir.path("status"), encoding: .utf8) == "0\n")
        // A reader that goes away: `sdgpipe … | head -c 1`, stderr into the same closed pipe.
        try CLI.shell(
            "('\(CLI.executable.path)' run '\(pipeline)' --force 2>&1; echo $? > status2) | head -c 1 >/dev/null",
            in: dir)
        #expect(try String(contentsOfFile: dir.path("status2"), encoding: .utf8) == "0\n")
    }

    /// An input path that names a folder: one message, exit 3, from `run` (which meets it hashing the inputs) and
    /// from `validate` (which meets it reading them); the advice, a path to a file, works.
    @Test func anInputThatIsAFolderIsOneMessageAndExit3InRunAndValidate() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demoCopy(dir)
        let data = dir.path("samples/demo/city_stats.csv")
        try FileManager.default.moveItem(atPath: data, toPath: dir.path("city_stats.csv"))
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
        for command in ["run", "validate"] {
            let r = try CLI.run([command, pipeline], in: dir.url)
            #expect(r.status == 3, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("city_stats.csv: is a folder, not a data file"), "\(command): \(r.stderr)")
            #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        }
        try FileManager.default.removeItem(atPath: data)
        try FileManager.default.moveItem(atPath: dir.path("city_stats.csv"), toPath: data)
        #expect(try CLI.run(["run", pipeline], in: dir.url).status == 0)
    }

    /// `validate` checks the database a run would write as `run` does: a `postgres://` URL in a build without the
    /// `PostgreSQL` trait is refused there too (exit 2), from `--db` or from `outputs.database`.
    @Test func validateRefusesADatabaseTheBuildCannotWrite() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demoCopy(dir)
        let url = "postgres://city@127.0.0.1:1/sdg"
        let fromOption = try CLI.run(["validate", pipeline, "--db", url], in: dir.url)
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
            .replacingOccurrences(of: "report: html}", with: "report: html, database: '\(url)'}")
        try text.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let fromFile = try CLI.run(["validate", pipeline], in: dir.url)
        for r in [fromOption, fromFile] {
            #if PostgreSQL
            #expect(r.status == 0, "\(r.stderr)")
            #else
            #expect(
                r.status == 2 && r.stderr.contains("PostgreSQL output is not available in this build"), "\(r.stderr)")
            #endif
        }
    }

    /// The demo with both sources gzipped writes the same impact table; a download cut short then stops the run with
    /// exit 3, naming the file, and the previous outputs stay as they were.
    @Test func gzipSourcesAndATruncatedDownload() throws {
        let dir = TemporaryDirectory()
        let pipeline = try demoCopy(dir)
        let plain = try CLI.run(["run", pipeline, "--out", dir.path("plain")], in: dir.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        func gzip(_ name: String, keep: Int? = nil) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-c", dir.path("samples/demo/\(name)")]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            dir.write(keep.map { data.prefix($0) } ?? data, to: "samples/demo/\(name).gz")
        }
        try gzip("city_stats.csv")
        try gzip("sdg4_national.xml")
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
            .replacingOccurrences(of: "city_stats.csv", with: "city_stats.csv.gz")
            .replacingOccurrences(of: "sdg4_national.xml", with: "sdg4_national.xml.gz")
        try text.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let compressed = try CLI.run(["run", pipeline, "--out", dir.path("gz")], in: dir.url)
        #expect(compressed.status == 0, "\(compressed.stderr)")
        func impact(_ folder: String) throws -> [Substring] {
            // The source file names differ; every other column is the same.
            try String(contentsOfFile: dir.path("\(folder)/impact.csv"), encoding: .utf8).split(separator: "\n")
        }
        #expect(try impact("gz") == (try impact("plain")) && (try impact("plain")).count > 10)
        let report = try String(contentsOfFile: dir.path("gz/report.html"), encoding: .utf8)
        try gzip("city_stats.csv", keep: 600)
        let cut = try CLI.run(["run", pipeline, "--out", dir.path("gz")], in: dir.url)
        #expect(cut.status == 3, "\(cut.stderr)")
        #expect(cut.stderr.contains("city_stats.csv.gz") && cut.stderr.contains("cut short"), "\(cut.stderr)")
        #expect(try String(contentsOfFile: dir.path("gz/report.html"), encoding: .utf8) == report)
    }
}
