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
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(message: "\(path):\(error.context.lineNumber):\(error.context.columnNumber): template syntax error: \(error.error) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`")
            }
            if text.hasPrefix("{{!"), let end = text.range(of: "}}") {
                descriptions[name] = text[text.index(text.startIndex, offsetBy: 3)..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        library = MustacheLibrary(templates: templates)
        self.descriptions = descriptions
    }

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
