import ArgumentParser
import Foundation
import SDGCore
import SDGPipeline
import SDGPublish

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

    /// Parses and runs like ArgumentParser's default `main`, but with the README's exit codes (`ExitStatus`).
    static func main() {
        // A closed stdout or stderr pipe (`sdgpipe run … | head`) makes writes fail with EPIPE instead of killing the
        // process mid-run.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-C and `kill` remove what the run has half-written and exit 130 / 143 (`CleanStop`).
        CleanStop.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = ExitStatus.code(for: error)
            if code == 0 {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            writeToStandardError(fullMessage(for: error) + "\n")
            Foundation.exit(code)
        }
    }
}

/// The one place where failures become exit codes, so every command agrees with the README: each library error
/// says its category (`SDGFailure`); help and version are 0; argument errors 2 (ArgumentParser uses 64); a file that
/// is not there 3; anything else is an output failure, 4.
enum ExitStatus {
    static func code(for error: Error) -> Int32 {
        if let failure = error as? SDGFailure { return failure.category.exitCode }
        if let error = error as? CocoaError, error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile {
            return 3
        }
        switch SDGPipeCommand.exitCode(for: error) {
        case .success: return 0
        case .validationFailure: return FailureCategory.usage.exitCode
        default: return FailureCategory.output.exitCode
        }
    }

    /// Prints the error to stderr and exits with its code.
    static func fail(_ error: Error) -> Never {
        let text = (error as? SDGFailure)?.description ?? "\(error)"
        writeToStandardError("error: " + text + "\n")
        Foundation.exit(code(for: error))
    }
}

func printError(_ line: String) {
    writeToStandardError(line + "\n")
}

/// Writes to stderr and carries on whatever happens: a full disk (`2>/dev/full`), a closed pipe or a closed
/// descriptor must never end a run that is otherwise fine (`FileHandle.write` raises an exception that kills the
/// process). A message that cannot be written is lost; the exit code still tells the outcome.
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    bytes.withUnsafeMutableBytes { buffer in
        while offset < buffer.count {
            let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
