import Foundation
@_exported import SarabanData
import SarabanDocument
import SarabanFiles
import SarabanGraphics
import SarabanLayout
import SarabanOutput
import SarabanSign
@_exported import SarabanTemplate
import ThaiText

/// The whole pipeline behind one object: data → template → document → layout → output.
///
/// Holds a font map: create one renderer per thread.
public final class Renderer {
    public let installation: Installation
    /// Folders besides the data file's own whose pictures and files a document may use
    /// (`--allow-path`); see `FileAccess`.
    public var allowedDirectories: [String] = []
    /// The style file in use.
    public let stylePath: String
    /// PDF/A-2b output (`--pdfa`, or the style's `output.pdfa`).
    public var archival: Bool
    /// The data file a single document's PDF carries inside it (`--embed-data`, or the style's
    /// `output.embedData`): the PDF is then PDF/A-3b, a record holding its own source.
    public var embeddedData: (name: String, bytes: Data)?
    /// Whether the style asks every PDF to carry its data.
    public var embedsData: Bool { engine.style.output?.embedData ?? false }
    let fonts: FontLibrary
    let engine: LayoutEngine

    /// - Parameters:
    ///   - extraFontDirectories: folders with the user's own fonts (TH SarabunIT๙ …), searched with the shipped ones.
    ///   - stylePath: a style file to use instead of `Templates/style.yaml`.
    ///   - fontFamily: overrides the style's font family.
    /// The office folder whose style, templates and defaults apply (see `OfficeFolder`).
    public let office: OfficeFolder?

    public init(
        installation: Installation, office: OfficeFolder? = nil, extraFontDirectories: [String] = [],
        stylePath: String? = nil,
        fontFamily: String? = nil
    ) throws {
        self.office = office
        self.installation = installation
        // Started before anything else: it needs only the emblem's file.
        let preparation = Preparation(emblemPath: installation.emblemPath)
        self.stylePath = stylePath ?? installation.stylePath
        // A style given with --style changes only the settings it names, over the built-in one.
        // The built-in style, then the office's settings, then those of --style.
        let layers = [installation.stylePath] + [office?.stylePath, stylePath].compactMap { $0 }
        var style = try Style.load(layers: layers)
        if let fontFamily { style.font.family = fontFamily }
        fonts = try FontLibrary(directories: [installation.fontDirectory] + extraFontDirectories)
        engine = try LayoutEngine(
            fonts: fonts, style: style, emblemPath: installation.emblemPath, preparation: preparation)
        archival = style.output?.pdfa ?? false
    }

    /// The loader for this renderer's data: files from the allowed folders, the office's defaults.
    public func dataLoader() throws -> DataLoader {
        try OfficeFolder.dataLoader(office: office, allowedDirectories: allowedDirectories)
    }

    /// Lays out document markup (what templates produce).
    public func layout(markup: String, baseDirectory: String = ".") throws -> LaidOutDocument {
        let limit = engine.style.effectiveLimits.characters
        let characters = markup.unicodeScalars.count
        guard characters <= limit else {
            throw Style.LimitExceeded(
                what: "the document holds \(characters) characters", limit: limit, key: "characters")
        }
        let document = try MarkupParser().parse(markup)
        return try engine.layout(document, baseDirectory: baseDirectory, allowedDirectories: allowedDirectories)
    }

    /// Writes the PDF safely (see `OutputFile`); `inputs` are files of this run that the
    /// output must never replace (the data, the recipients, the style is added here).
    public func writePDF(_ document: LaidOutDocument, to path: String, inputs: [String] = []) throws {
        var output = PDFOutput(inputs: inputs + [stylePath], archival: archival || embeddedData != nil)
        output.embeddedSource = embeddedData.map { PDFArchive.EmbeddedSource(name: $0.name, bytes: $0.bytes) }
        try output.write(document, to: path)
    }

    public func writePDF(_ documents: [LaidOutDocument], to path: String, inputs: [String] = []) throws {
        try PDFOutput(inputs: inputs + [stylePath], archival: archival).write(documents, to: path)
    }

    public func writePNG(_ document: LaidOutDocument, page: Int, dpi: Double, to path: String, inputs: [String] = [])
        throws
    {
        try PNGOutput(inputs: inputs + [stylePath]).write(document, page: page, dpi: dpi, to: path)
    }

    /// One page as grey levels (0 black … 255 white), for terminal graphics.
    public func greyPixels(_ document: LaidOutDocument, page: Int, dpi: Double) -> (
        pixels: [UInt8], width: Int, height: Int
    ) {
        PNGOutput().greyPixels(document, page: page, dpi: dpi)
    }
}

extension Renderer {
    /// What a render produced.
    public struct Result {
        public var pages: Int
        public var document: LaidOutDocument
    }

    /// Data file → PDF, through the template its `type:` names (or `template`).
    @discardableResult
    public func render(dataFile: String, template: String? = nil, templates: TemplateLibrary, to output: String) throws
        -> Result
    {
        let laidOut = try layout(dataFile: dataFile, template: template, templates: templates)
        try writePDF(laidOut, to: output, inputs: [dataFile])
        return Result(pages: laidOut.pages.count, document: laidOut)
    }

    public func layout(dataFile: String, template: String? = nil, templates: TemplateLibrary) throws -> LaidOutDocument
    {
        try layout(
            data: try dataLoader().load(path: dataFile), readFrom: dataFile, template: template, templates: templates)
    }

    /// Checked data read from `dataFile`: its images and attached files are found beside that file.
    /// `source` names the data in messages (default: the file).
    /// The template is `template`, else the one the data file (or the office's defaults) names,
    /// else its type's.
    public func layout(
        data: DocumentData, readFrom dataFile: String, source: String? = nil, template: String? = nil,
        templates: TemplateLibrary
    ) throws -> LaidOutDocument {
        let chosen = try template ?? dataLoader().namedTemplate(path: dataFile)
        return try layout(
            data: data, source: source ?? dataFile, template: chosen, templates: templates,
            baseDirectory: URL(fileURLWithPath: dataFile).deletingLastPathComponent().path)
    }

    /// Checked data → laid-out pages; `source` names the data in messages.
    public func layout(
        data: DocumentData, source: String, template: String? = nil, templates: TemplateLibrary,
        baseDirectory: String
    ) throws -> LaidOutDocument {
        let markup = try templates.markup(for: data, template: template)
        do {
            return try layout(markup: markup, baseDirectory: baseDirectory)
        } catch let error as MarkupParser.MarkupError {
            throw RenderError(
                message: "template \(template ?? data.templateName) produced invalid markup for \(source): \(error)")
        }
    }
}

/// A template that produced markup the layout cannot read, named with the data it was given.
public struct RenderError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension RenderError: ReportedError {
    public var exitStatus: ExitStatus { .input }
}

extension Renderer {
    /// What a digital signature shows in a signing space: the style's `signature:` lines with
    /// the certificate's holder, the position under the signer and the moment of signing (Thai
    /// date and time in the machine's time zone), in the body's font.
    public func signatureAppearance(_ request: PDFSigner.AppearanceRequest) -> Data {
        let settings = engine.style.effectiveSignature
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: request.time)
        let date = (try? ThaiDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))?.full ?? ""
        let time = ThaiDigits.toThai(String(format: "%02d.%02d", parts.hour ?? 0, parts.minute ?? 0))
        let values = ["{name}": request.holder, "{position}": request.position, "{date}": date, "{time}": time]
        let height = request.rect.y2 - request.rect.y1
        let chosen =
            height >= Double(settings.lines.count) * 1.25 * 0.75 * settings.size.points
            ? settings.lines : settings.shortLines
        let lines = chosen.compactMap { line -> String? in
            var text = line
            var anyValue = false, anyPlaceholder = false
            for (placeholder, value) in values where text.contains(placeholder) {
                anyPlaceholder = true
                if !value.isEmpty { anyValue = true }
                text = text.replacingOccurrences(of: placeholder, with: value)
            }
            return anyPlaceholder && !anyValue ? nil : text.trimmingCharacters(in: .whitespaces)
        }
        let rgb = settings.rgb ?? (0, 0, 0)
        return Data(
            SignatureAppearanceDrawing.page(
                fonts: fonts, family: engine.style.font.family, size: settings.size.points,
                color: Color(red: rgb.red, green: rgb.green, blue: rgb.blue), lines: lines,
                box: request.rect, pageWidth: request.pageWidth, pageHeight: request.pageHeight))
    }
}
