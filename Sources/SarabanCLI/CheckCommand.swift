import ArgumentParser
import Foundation
import Saraban

/// `saraban check DATA`: the inconsistencies real documents contain.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what does not add up in a data file.",
        discussion: """
        A weekday that does not match its date, a stated count that differs from its list, a stated \
        total that differs from its rows, numbering with gaps or repeats, an amount in words that does \
        not match its digits. Each finding names the file, the line and the field. Exit code 0 when \
        nothing is found, 1 when something is.
        """
    )

    @Argument(help: "The data file (YAML, JSON, or Markdown minutes).")
    var data: String

    @OptionGroup var files: FileOptions

    func run() throws {
        try reportingErrors {
            let document = try files.loader.load(path: data)
            let findings = DataChecks(file: data).findings(document)
            for finding in findings { print(finding.description) }
            print("\(data): \(findings.count) finding(s)")
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }
}
