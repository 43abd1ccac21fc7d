import ArgumentParser
import Foundation
import Saraban
import SarabanGraphics

/// `saraban`: Thai official documents from data to print-ready PDF.
@main
struct SarabanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saraban",
        abstract: "Thai official documents (หนังสือราชการ) from data to print-ready PDF.",
        discussion: """
            Exit codes: 0 success; 1 bad input (data, template, markup: the message names the file, \
            line and field); 2 bad command line; 3 environment (font, emblem or output path).
            """,
        // Found (files read) only when asked for: every other start skips it.
        version: CommandLine.arguments.contains("--version") ? Version.text : Version.release,
        subcommands: [
            RenderCommand.self, OfficeCommand.self, BatchCommand.self, CheckCommand.self, PreviewCommand.self,
            TemplatesCommand.self,
            NewCommand.self, SchemaCommand.self, ThaiCommand.self, SignCommand.self,
        ]
    )

    static func main() {
        ProcessTuning.apply()
        OutputFile.removeTemporaryFilesOnSignals()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // A command line that cannot be used exits 2, as the discussion above says
            // (ArgumentParser's own code is 64).
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exitNow(2)
            }
            exit(withError: error)
        }
    }
}
