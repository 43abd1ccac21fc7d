import Foundation
import Mustache
import SarabanData

/// The user-editable templates in `Templates/` (`*.mustache`), each turning a document's
/// values into document markup (docs/markup.md). Mustache escapes every value it inserts,
/// so data can never add markup.
public struct TemplateLibrary {
    public let directory: String
    let library: MustacheLibrary
    /// Template name → its first-line description (`{{! … }}`).
    public let descriptions: [String: String]

    public struct TemplateError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(directory: String) throws {
        Self.registerMarkupEscaping
        self.directory = directory
        var templates: [String: MustacheTemplate] = [:]
        var descriptions: [String: String] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TemplateError(message: "\(path): cannot read the template")
            }
            do {
                // Each template (partials too: Mustache starts them with HTML escaping) escapes
                // values with `MarkupEscaping`; the pragma adds no line, so line numbers hold.
                templates[name] = try MustacheTemplate(string: Self.markupPragma + text)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.columnNumber - (error.context.lineNumber == 1 ? Self.markupPragma.count : 0)
                let line = error.context.line.replacingBytes(of: Self.markupPragma, with: "")
                throw TemplateError(message: "\(path):\(error.context.lineNumber):\(column): template syntax error: \(error.error) in `\(line.trimmingCharacters(in: .whitespaces))`")
            }
            if text.hasPrefix("{{!"), let end = text.range(of: "}}") {
                descriptions[name] = text[text.index(text.startIndex, offsetBy: 3)..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        library = MustacheLibrary(templates: templates)
        self.descriptions = descriptions
    }

    static let markupPragma = "{{% CONTENT_TYPE: SARABAN-MARKUP}}"
    /// Mustache's content types are registered by name, process-wide; once is enough.
    private static let registerMarkupEscaping: Void = MustacheContentTypes.register(MarkupEscaping(), named: "SARABAN-MARKUP")

    /// Templates that render a whole document (partials start with `_`).
    public var documentTemplates: [String] { descriptions.keys.filter { !$0.hasPrefix("_") }.sorted() }

    /// Renders `data` with the template `name` (default: the one its `type:` names) into markup.
    public func markup(for data: DocumentData, template name: String? = nil) throws -> String {
        let name = name ?? data.templateName
        guard library.getTemplate(named: name) != nil else {
            let known = documentTemplates.joined(separator: ", ")
            throw TemplateError(message: "unknown template \"\(name)\"; the templates in \(directory) are: \(known)")
        }
        let values: [String: Any]
        switch data {
        case .letter(let letter): values = try ViewModelBuilder(common: letter.common).values(for: letter)
        case .memo(let memo): values = try ViewModelBuilder(common: memo.common).values(for: memo)
        case .minutes(let minutes): values = try ViewModelBuilder(common: minutes.common).values(for: minutes)
        }
        return library.render(values, withTemplate: name) ?? ""
    }
}

/// Escapes values for document markup exactly as Mustache's HTML escaping does (`&lt;`,
/// `&gt;`, `&amp;`, `&quot;`, `&#39;`), comparing bytes: Mustache's own goes character by
/// character, which on Thai text was most of the time spent filling a template.
struct MarkupEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        guard text.utf8.contains(where: special) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            case UInt8(ascii: "'"): result += "&#39;".utf8
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
