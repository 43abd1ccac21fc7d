import ArgumentParser
import Foundation
import Saraban

/// `saraban templates` and `saraban templates show NAME`
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the built-in templates, or preview one with its sample data.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in templates, one line each.")

        @OptionGroup var office: OfficeOption

        func run() throws {
            try reportingErrors {
                let library = try templates(
                    installation: try locateInstallation(), office: office.office)
                try library.check()
                for name in library.documentTemplates {
                    print(
                        "\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(library.descriptions[name] ?? "")"
                    )
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview a template with its sample data (Templates/starters/NAME.yaml).")

        @Argument(help: "A template name from `saraban templates`.") var name: String
        @Option(help: "Page number, from 1.") var page = 1
        @Option(name: .shortAndLong, help: "Write the page as a PNG file instead of showing it.") var output: String?
        @Option(help: "Resolution of the PNG, in dots per inch.") var dpi: Double = 80
        @Flag(help: "Show the page as text.") var text = false

        func run() throws {
            let sample = try locateInstallation().templateDirectory + "/starters/\(name).yaml"
            guard FileManager.default.fileExists(atPath: sample) else {
                FileHandle.standardError.write(
                    Data("saraban: error: no sample data for template \"\(name)\" (expected \(sample))\n".utf8))
                throw ExitCode(1)
            }
            var arguments = [sample, "--page", String(page), "--dpi", String(dpi), "-t", name]
            if let output { arguments += ["-o", output] }
            if text { arguments.append("--text") }
            let preview = try PreviewCommand.parse(arguments)
            try preview.run()
        }
    }
}
