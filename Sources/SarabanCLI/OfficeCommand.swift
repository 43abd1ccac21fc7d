import ArgumentParser
import Foundation
import Saraban

/// `saraban office init DIR`: an office's own folder (templates, style, defaults).
struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "An office's own folder: its templates, style and defaults, without copying Saraban.",
        discussion: """
            Saraban finds the folder from --office DIR, else SARABAN_OFFICE, else ~/.config/saraban. \
            templates/ replaces built-in templates by name (or adds new ones); style.yaml holds only the \
            settings the office changes; defaults.yaml gives, per document type, the fields every document \
            gets unless its data gives them (the office's name and address, its signer).
            """,
        subcommands: [Init.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a commented starting folder.")

        @Argument(help: "The folder to create.")
        var folder: String

        func run() throws {
            try reportingErrors {
                do { try OfficeFolder.create(at: folder) } catch let error as OfficeFolder.OfficeError {
                    throw Failure.environment(error.description)
                }
                print(
                    "\(folder): an office folder (templates/, style.yaml, defaults.yaml); use it with --office \(folder) or SARABAN_OFFICE"
                )
            }
        }
    }
}
