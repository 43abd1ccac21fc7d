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

    @Argument(help: "The data file (YAML, JSON or Markdown); - reads it from standard input.")
    var data: String

    @Option(
        name: .shortAndLong,
        help:
            "Output PDF, or a folder to write it into, or - for standard output (default: the data file's name with .pdf)."
    )
    var output: String?

    @Flag(help: "Stamp the PDF with the current time instead of the document's date (output then differs run to run).")
    var now = false

    @Flag(help: "Treat the data checks' findings (see `saraban check`) as errors: no PDF is written.")
    var strict = false

    @Flag(
        help:
            "Carry the data file inside the PDF as its source: PDF/A-3b, a record that holds what it was made from (docs/pdfa.md)."
    )
    var embedData = false

    @Option(
        name: .customLong("sign"), help: "Sign the PDF as it is written, with this PKCS#12 file (see `saraban sign`).")
    var certificate: String?

    @OptionGroup var signature: SignatureOptions

    @OptionGroup var rendering: RenderingOptions

    @OptionGroup var checks: CheckOptions

    func run() throws {
        try reportingErrors {
            let (renderer, templates) = try rendering.renderer()
            // `-` reads the data from standard input (its pictures from the current folder),
            // `-o -` writes the PDF to standard output.
            let fromStdin = data == "-"
            let toStdout = output == "-" || (output == nil && fromStdin)
            let text = fromStdin ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : nil
            let dataName = fromStdin ? (text!.hasPrefix("---\n") ? "stdin.md" : "stdin.yaml") : data
            let dataPath = fromStdin ? FileManager.default.currentDirectoryPath + "/" + dataName : data
            let target =
                toStdout ? NSTemporaryDirectory() + "saraban-stdout-\(getpid()).pdf" : outputPath(output, data: data)
            if let certificate { try Signing.checkCertificate(certificate, password: try signature.password()) }
            let loader = try renderer.dataLoader()
            let loaded = try text.map { try loader.load(text: $0, file: dataName) } ?? loader.load(path: data)
            // The checks run beside the layout; their findings come first, as before.
            let pending = try checks.checks(file: dataName, office: renderer.office).findingsInBackground(loaded)
            let laidOut = Result {
                try renderer.layout(
                    data: loaded, readFrom: dataPath, source: dataName, template: rendering.template,
                    templates: templates)
            }
            let findings = pending.wait()
            for finding in findings {
                FileHandle.standardError.write(Data("saraban: \(strict ? "error" : "warning"): \(finding)\n".utf8))
            }
            if strict && !findings.isEmpty { throw ExitCode(1) }
            var document = try laidOut.get()
            if embedData || renderer.embedsData {
                let bytes = text.map { Data($0.utf8) } ?? FileManager.default.contents(atPath: data) ?? Data()
                renderer.embeddedData = ((dataName as NSString).lastPathComponent, bytes)
            }
            if now {
                document.date = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "Z", with: "")
            }
            try renderer.writePDF(document, to: target, inputs: fromStdin ? [] : [data])
            if let certificate {
                // Signed in place; a signature that cannot be made leaves no unsigned PDF behind.
                do {
                    try Signing.sign(
                        input: target, output: target, certificate: certificate, password: try signature.password(),
                        options: signature.options,
                        renderer: renderer)
                } catch {
                    try? FileManager.default.removeItem(atPath: target)
                    throw error
                }
            }
            var summary = "\(toStdout ? "-" : target): \(document.pages.count) page(s)"
            let starts = documentStarts([document])
            if starts.count > 1 {
                summary += "; documents start on pages " + starts.map(String.init).joined(separator: ",")
            }
            if toStdout {
                defer { try? FileManager.default.removeItem(atPath: target) }
                FileHandle.standardOutput.write(try Data(contentsOf: URL(fileURLWithPath: target)))
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            } else {
                print(summary)
            }
        }
        exitSuccessfully()
    }
}

/// Where `-o` puts the file: the path given; inside it, named after the data, when it is a
/// folder (`-o reports` → `reports/memo.pdf`); beside the data when no path is given.
func outputPath(_ option: String?, data: String, extension ext: String = "pdf") -> String {
    guard let option else { return withExtension(data, ext) }
    var isDirectory: ObjCBool = false
    if option.hasSuffix("/")
        || (FileManager.default.fileExists(atPath: option, isDirectory: &isDirectory) && isDirectory.boolValue)
    {
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
