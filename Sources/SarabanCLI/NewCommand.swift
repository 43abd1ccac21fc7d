import ArgumentParser
import Foundation
import Saraban

/// `saraban new TYPE [-o FILE]`: a starter data file with a comment on every field.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a starter data file for a document type, every field explained."
    )

    @Argument(
        help:
            "external-letter, circular-letter, memo, minutes, document, or a starter of the office's (its starters/ folder)."
    )
    var type: String

    @OptionGroup var office: OfficeOption

    @Option(
        name: .shortAndLong, help: "Write to this file (default: standard output). An existing file is not overwritten."
    )
    var output: String?

    func run() throws {
        try reportingErrors {
            let text = try documentTypeFile(
                type, folder: "starters", extension: "yaml", office: office.office)
            guard let output else { print(text, terminator: ""); return }
            guard !FileManager.default.fileExists(atPath: output) else {
                throw Failure.environment("\(output) exists; choose another name")
            }
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw Failure.environment("cannot write \(output): \(error.localizedDescription)")
            }
            print("\(output): a starter \(type); render it with `saraban render \(output)`")
        }
    }
}
