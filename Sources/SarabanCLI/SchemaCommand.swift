import ArgumentParser
import Foundation
import Saraban

/// `saraban schema TYPE`: the JSON Schema of a document type's data, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a document type's data (for editor completion and checking).",
        discussion:
            "VS Code with the YAML extension: add `# yaml-language-server: $schema=letter.schema.json` as a data file's first line, after `saraban schema external-letter > letter.schema.json`."
    )

    @Argument(
        help:
            "external-letter, circular-letter, memo, minutes, document, or a schema of the office's (its schemas/ folder)."
    )
    var type: String

    @OptionGroup var office: OfficeOption

    func run() throws {
        try reportingErrors {
            print(
                try documentTypeFile(
                    type, folder: "schemas", extension: "json", office: office.office))
        }
    }
}
