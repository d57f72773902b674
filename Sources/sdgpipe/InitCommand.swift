import ArgumentParser
import Foundation
import SDGPipeline

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scaffold a new city pipeline (pipeline file, crosswalk, example data) that runs as created.",
        discussion: """
            Example:
              sdgpipe init riverton --city Riverton
              cd riverton && sdgpipe run pipelines/riverton.yaml
            """)

    @Argument(help: "The folder to create (or an empty one).")
    var directory: String

    @Option(help: "The city's name, used in the pipeline and the example data.")
    var city: String = "My City"

    func run() throws {
        do {
            let scaffold = PipelineScaffold(directory: URL(fileURLWithPath: directory).standardizedFileURL, city: city)
            let files = try scaffold.create()
            print("created " + files.map { "\(directory)/\($0)" }.joined(separator: ", "))
            print("next: cd \(directory) && sdgpipe run \(files[0])")
        } catch {
            ExitStatus.fail(error)
        }
    }
}
