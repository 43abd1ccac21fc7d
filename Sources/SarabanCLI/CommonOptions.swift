import ArgumentParser
import Foundation
import Saraban
import SarabanDocument
import SarabanFiles
import SarabanGraphics
import SarabanLayout
import ThaiText

/// Options every rendering command takes.
struct RenderingOptions: ParsableArguments {
    @Option(name: [.customShort("t"), .long], help: "Template name (default: the one the data's `type:` names).")
    var template: String?

    @Option(name: .customLong("font-dir"), help: "A folder with more fonts (e.g. TH SarabunIT๙); may be repeated.")
    var fontDirectories: [String] = []

    @Option(name: .customLong("font"), help: "Font family to use instead of the style's (e.g. \"TH SarabunIT๙\").")
    var fontFamily: String?

    @Option(name: .customLong("style"), help: "A style file to use instead of Templates/style.yaml.")
    var style: String?

    @OptionGroup var files: FileOptions

    @Option(
        name: .customLong("office"),
        help: "The office's folder: its templates, style and defaults (else SARABAN_OFFICE, else ~/.config/saraban).")
    var officePath: String?

    var office: OfficeFolder? { OfficeFolder.locate(explicit: officePath) }

    @Flag(help: "Write PDF/A-2b, the archival PDF (XMP metadata, sRGB output intent, language; docs/pdfa.md).")
    var pdfa = false

    func renderer() throws -> (Renderer, TemplateLibrary) {
        let installation = try locateInstallation()
        let office = self.office
        let renderer = try Renderer(
            installation: installation, office: office, extraFontDirectories: fontDirectories,
            stylePath: style, fontFamily: fontFamily)
        renderer.allowedDirectories = files.allowedPaths
        if pdfa { renderer.archival = true }
        return (renderer, try templates(installation: installation, office: office))
    }

}

/// `--office DIR`, for the commands that read only the office's folder (its starters,
/// schemas, templates, style).
struct OfficeOption: ParsableArguments {
    @Option(name: .customLong("office"), help: "The office's folder (else SARABAN_OFFICE, else ~/.config/saraban).")
    var officePath: String?

    var office: OfficeFolder? { OfficeFolder.locate(explicit: officePath) }
}

/// Which files a document may read besides those in its data file's folder.
struct FileOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-path"),
        help:
            "A folder whose files (pictures, signatures, attached files) the document may use besides its own folder's; may be repeated."
    )
    var allowedPaths: [String] = []
}

/// The built-in templates with the office's over them.
func templates(installation: Installation, office: OfficeFolder?) throws -> TemplateLibrary {
    try TemplateLibrary(directories: [installation.templateDirectory] + (office.map { [$0.templateDirectory] } ?? []))
}

func locateInstallation() throws -> Installation {
    guard let installation = Installation.locate() else {
        throw Failure.environment(
            "cannot find Saraban's Templates/ folder; set SARABAN_HOME to the folder that holds Templates/ and Fonts/")
    }
    return installation
}

/// The file kept per document type (`starters/memo.yaml`, `schemas/memo.json`): the office's own
/// first, then the installation's; a name with neither is not a document type.
func documentTypeFile(_ type: String, folder: String, extension ext: String, office: OfficeFolder?) throws -> String {
    let installation = try locateInstallation()
    if let text = OfficeFolder.documentTypeFile(
        office: office, installation: installation, folder: folder, name: type, extension: ext)
    {
        return text
    }
    let names = OfficeFolder.documentTypeNames(
        office: office, installation: installation, folder: folder, extension: ext)
    let suggestion = Suggestion.closest(to: type, in: names).map { "did you mean \"\($0)\"? " } ?? ""
    throw Failure.input(
        "unknown document type \"\(type)\"; \(suggestion)expected one of: \(names.joined(separator: ", "))")
}

/// A failure with its exit code.
enum Failure: Error {
    case input(String)
    case environment(String)
    /// A command line that cannot be used (exit 2, as `--help` says).
    case usage(String)
}

/// Runs `body`, turning every known error into one line on standard error and its exit code.
/// A failed command ends at once, like a successful one (`exitSuccessfully`): returning through
/// the process's exit handlers would tear down fonts and libraries that the renderer's
/// preparation thread may still be using (HarfBuzz crashed there after a data error).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        exitNow(error.rawValue)
    } catch {
        let (message, code) = describe(error)
        FileHandle.standardError.write(Data("saraban: error: \(message)\n".utf8))
        exitNow(code)
    }
}

/// Ends the process with `code` after flushing its output, running no exit handlers.
func exitNow(_ code: Int32) -> Never {
    fflush(nil)
    _exit(code)
}

/// Ends a successful command at once. Returning would release the fonts, the laid-out pages and
/// every Pango and Cairo object one by one — 3 ms, a tenth of a cold render — only for the
/// process to end; the system takes back its memory in one go.
func exitSuccessfully() -> Never {
    fflush(nil)
    Foundation.exit(EXIT_SUCCESS)
}

func describe(_ error: Error) -> (String, Int32) {
    switch error {
    case Failure.input(let message): return (message, ExitStatus.input.rawValue)
    case Failure.environment(let message): return (message, ExitStatus.environment.rawValue)
    case Failure.usage(let message): return (message, ExitStatus.usage.rawValue)
    case let error as MarkupParser.MarkupError: return ("document markup: \(error)", error.exitStatus.rawValue)
    case let error as ReportedError: return (error.description, error.exitStatus.rawValue)
    default: return ("\(error)", ExitStatus.input.rawValue)
    }
}
