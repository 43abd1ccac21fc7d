import ArgumentParser
import Saraban

/// `saraban templates`
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the built-in templates, one line each."
    )

    func run() throws {
        try reportingErrors {
            guard let installation = Installation.locate() else { throw Failure.environment("cannot find Saraban's Templates/ folder; set SARABAN_HOME") }
            let library = try TemplateLibrary(directory: installation.templateDirectory)
            for name in library.documentTemplates {
                print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(library.descriptions[name] ?? "")")
            }
        }
    }
}
