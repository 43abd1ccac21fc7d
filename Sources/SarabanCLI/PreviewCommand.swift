import ArgumentParser
import Foundation
import Saraban

/// `saraban preview DATA [--page N] [-o PAGE.png] [--dpi D]`
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw one page of a document to PNG: the same layout as the PDF."
    )

    @Argument(help: "The data file (YAML or JSON).")
    var data: String

    @Option(help: "Page number, from 1.")
    var page = 1

    @Option(name: .shortAndLong, help: "Output PNG (default: the data file's name with -pN.png).")
    var output: String?

    @Option(help: "Resolution in dots per inch.")
    var dpi: Double = 80

    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        try reportingErrors {
            let (renderer, templates) = try rendering.renderer()
            let document = try renderer.layout(dataFile: data, template: rendering.template, templates: templates)
            let target = output ?? withExtension(data, "png").replacingOccurrences(of: ".png", with: "-p\(page).png")
            try renderer.writePNG(document, page: page, dpi: dpi, to: target)
            print("\(target): page \(page) of \(document.pages.count)")
        }
    }
}
