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
        subcommands: [RenderCommand.self, BatchCommand.self, CheckCommand.self, PreviewCommand.self, TemplatesCommand.self,
                      NewCommand.self, SchemaCommand.self, ThaiCommand.self]
    )

    static func main() {
        ProcessTuning.apply()
        OutputFile.removeTemporaryFilesOnSignals()
        main(nil)
    }
}
