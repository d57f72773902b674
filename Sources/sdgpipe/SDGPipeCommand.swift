import ArgumentParser
import Foundation
import SDGCore
import SDGPipeline

@main
struct SDGPipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdgpipe",
        abstract: "Localize the SDGs in a city and evaluate the impact of local actions.",
        discussion: """
            Example:
              sdgpipe run pipelines/demo.yaml
              sdgpipe validate pipelines/demo.yaml

            Exit codes: 0 success, 2 invalid arguments or pipeline file, 3 input data unusable,
            4 output failure, 75 another run holds the pipeline's lock.
            """,
        version: SDGPipelineVersion.current,
        subcommands: [Run.self, Validate.self, Inspect.self, Evaluate.self, Catalog.self, Init.self]
    )

    /// Parses and runs like ArgumentParser's default `main`, but with SPEC §1's exit codes: argument errors are 2
    /// (ArgumentParser uses 64), help and version 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(error is SDGFailure ? ExitStatus.code(for: error) : 2)
        }
    }
}

/// The one place where failures become exit codes (SPEC §1), so every command agrees with the README.
enum ExitStatus {
    static func code(for error: Error) -> Int32 {
        if let failure = error as? SDGFailure { return failure.category.exitCode }
        if let error = error as? CocoaError, error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile { return 3 }
        return 4
    }

    /// Prints the error to stderr and exits with its code.
    static func fail(_ error: Error) -> Never {
        let text = (error as? SDGFailure)?.description ?? "\(error)"
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
        Foundation.exit(code(for: error))
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
