import ArgumentParser
import Foundation
import Saraban

/// `saraban render DATA.yaml [-t TEMPLATE] [-o OUT.pdf]`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a data file (YAML or JSON) to PDF.",
        discussion: "The PDF is written under a temporary name and renamed when complete: a failure leaves no file."
    )

    @Argument(help: "The data file (YAML or JSON).")
    var data: String

    @Option(name: .shortAndLong, help: "Output PDF, or a folder to write it into (default: the data file's name with .pdf).")
    var output: String?

    @Flag(help: "Stamp the PDF with the current time instead of the document's date (output then differs run to run).")
    var now = false

    @Flag(help: "Treat the data checks' findings (see `saraban check`) as errors: no PDF is written.")
    var strict = false

    @OptionGroup var rendering: RenderingOptions

    @OptionGroup var checks: CheckOptions

    func run() throws {
        try reportingErrors {
            let (renderer, templates) = try rendering.renderer()
            let target = outputPath(output, data: data)
            let loaded = try rendering.files.loader.load(path: data)
            let findings = try checks.checks(file: data).findings(loaded)
            for finding in findings {
                FileHandle.standardError.write(Data("saraban: \(strict ? "error" : "warning"): \(finding)\n".utf8))
            }
            if strict && !findings.isEmpty { throw ExitCode(1) }
            var document = try renderer.layout(data: loaded, readFrom: data, template: rendering.template, templates: templates)
            if now { document.date = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "Z", with: "") }
            try renderer.writePDF(document, to: target, inputs: [data])
            var summary = "\(target): \(document.pages.count) page(s)"
            let starts = documentStarts([document])
            if starts.count > 1 { summary += "; documents start on pages " + starts.map(String.init).joined(separator: ",") }
            print(summary)
        }
        exitSuccessfully()
    }
}

/// Where `-o` puts the file: the path given; inside it, named after the data, when it is a
/// folder (`-o reports` → `reports/memo.pdf`); beside the data when no path is given.
func outputPath(_ option: String?, data: String, extension ext: String = "pdf") -> String {
    guard let option else { return withExtension(data, ext) }
    var isDirectory: ObjCBool = false
    if option.hasSuffix("/") || (FileManager.default.fileExists(atPath: option, isDirectory: &isDirectory) && isDirectory.boolValue) {
        let name = URL(fileURLWithPath: withExtension(data, ext)).lastPathComponent
        return (option.hasSuffix("/") ? option : option + "/") + name
    }
    return option
}

/// `letter.yaml` → `letter.pdf`: the data file's name with another extension.
func withExtension(_ path: String, _ ext: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.pathExtension.isEmpty ? path + "." + ext : url.deletingPathExtension().path + "." + ext
}
