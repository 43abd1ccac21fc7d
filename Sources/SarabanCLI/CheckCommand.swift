import ArgumentParser
import Foundation
import Saraban
import ThaiText

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

    @OptionGroup var checks: CheckOptions

    /// (The office's defaults fill the data; its checks.yaml silences rules.)
    @OptionGroup var office: OfficeOption

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text (one line a finding) or json (for scripts and e-saraban systems).")
    var format: Format = .text

    func run() throws {
        try reportingErrors {
            let office = office.office
            let loader = try OfficeFolder.dataLoader(office: office, allowedDirectories: files.allowedPaths)
            let document = try loader.load(path: data)
            let findings = try checks.checks(file: data, office: office).findings(document)
            switch format {
            case .text:
                for finding in findings { print(finding.description) }
                print("\(data): \(findings.count) finding(s)")
            case .json:
                let entries = findings.map { finding -> [String: Any] in
                    var entry: [String: Any] = [
                        "file": finding.file, "message": finding.message, "rule": finding.rule ?? "",
                    ]
                    if let line = finding.line { entry["line"] = line }
                    if let field = finding.field { entry["field"] = field }
                    return entry
                }
                let json = try JSONSerialization.data(
                    withJSONObject: ["file": data, "findings": entries], options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: json, as: UTF8.self))
            }
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Which data checks run (`--ignore RULE`).
struct CheckOptions: ParsableArguments {
    @Option(name: .customLong("ignore"), help: "A check not to report (see `saraban check --rules`); may be repeated.")
    var ignored: [String] = []

    /// The checks the office (its checks.yaml) and the command line silence; an unknown rule is
    /// an error naming the nearest known one.
    func checks(file: String, office: OfficeFolder?) throws -> DataChecks {
        do {
            return try OfficeFolder.checks(office: office, file: file, ignoring: ignored)
        } catch let error as DataError where error.file == "--ignore" {
            throw Failure.usage("--ignore \(error.message)")
        }
    }
}
