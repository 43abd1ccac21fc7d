import ArgumentParser
import Foundation
import Saraban

/// `saraban new TYPE [-o FILE]`: a starter data file with a comment on every field.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a starter data file for a document type, every field explained."
    )

    @Argument(help: "external-letter, circular-letter, memo or minutes.")
    var type: String

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output). An existing file is not overwritten.")
    var output: String?

    func run() throws {
        try reportingErrors {
            let installation = try locateInstallation()
            let path = installation.templateDirectory + "/starters/\(type).yaml"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Failure.input("unknown document type \"\(type)\"; expected one of: \(DataLoader.documentTypes.joined(separator: ", "))")
            }
            guard let output else { print(text, terminator: ""); return }
            guard !FileManager.default.fileExists(atPath: output) else { throw Failure.environment("\(output) exists; choose another name") }
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw Failure.environment("cannot write \(output): \(error.localizedDescription)")
            }
            print("\(output): a starter \(type); render it with `saraban render \(output)`")
        }
    }
}

/// `saraban schema TYPE`: the JSON Schema of a document type's data, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a document type's data (for editor completion and checking).",
        discussion: "VS Code with the YAML extension: add `# yaml-language-server: $schema=letter.schema.json` as a data file's first line, after `saraban schema external-letter > letter.schema.json`."
    )

    @Argument(help: "external-letter, circular-letter, memo or minutes.")
    var type: String

    func run() throws {
        try reportingErrors {
            let path = try locateInstallation().templateDirectory + "/schemas/\(type).json"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Failure.input("unknown document type \"\(type)\"; expected one of: \(DataLoader.documentTypes.joined(separator: ", "))")
            }
            print(text)
        }
    }
}

func locateInstallation() throws -> Installation {
    guard let installation = Installation.locate() else {
        throw Failure.environment("cannot find Saraban's Templates/ folder; set SARABAN_HOME to the folder that holds Templates/ and Fonts/")
    }
    return installation
}
