import Foundation
import Mustache
import SarabanData
import SarabanDocument
import SarabanFiles
import ThaiText

/// The user-editable templates in `Templates/` (`*.mustache`), each turning a document's
/// values into document markup (docs/markup.md). Mustache escapes every value it inserts,
/// so data can never add markup.
public struct TemplateLibrary: Sendable {
    public let directory: String
    /// Template name → its text as written.
    let texts: [String: String]
    /// Template name → its first-line description (`{{! … }}`).
    public let descriptions: [String: String]
    /// A document's template and its partials, parsed when first used: one letter needs a
    /// few of the templates, and parsing them all was a tenth of a cold render.
    private let parsed = ParsedTemplates()

    public struct TemplateError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Where each template was read from (an office's own folder overrides the built-in one).
    private let paths: [String: String]
    /// Every name the built-in templates use: the values a template can be given (a name an
    /// office's template uses beyond these and beyond its document's values is a typo). Read
    /// only when an office's template is used.
    private var builtInNames: Set<String> {
        Set(
            paths.filter { $0.value.hasPrefix(directory + "/") }.keys.flatMap { name in
                Self.valueNames(in: texts[name] ?? "").flatMap { $0.name.split(separator: ".").map(String.init) }
            })
    }

    public init(directory: String) throws {
        try self.init(directories: [directory])
    }

    /// Templates from several folders, later ones overriding earlier ones by name (the built-in
    /// `Templates/`, then an office's `templates/`).
    public init(directories: [String]) throws {
        Self.registerMarkupEscaping
        directory = directories.first ?? "."
        var texts: [String: String] = [:]
        var descriptions: [String: String] = [:]
        var paths: [String: String] = [:]
        for folder in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files.sorted() where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                let path = folder + "/" + file
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw TemplateError(message: "\(path): cannot read the template")
                }
                texts[name] = text
                paths[name] = path
                if text.hasPrefix("{{!"), let end = text.range(of: "}}") {
                    descriptions[name] = text[text.index(text.startIndex, offsetBy: 3)..<end.lowerBound]
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        }
        self.texts = texts
        self.descriptions = descriptions
        self.paths = paths
    }

    /// The file a template comes from.
    public func path(of name: String) -> String { paths[name] ?? directory + "/" + name + ".mustache" }

    static let markupPragma = "{{% CONTENT_TYPE: SARABAN-MARKUP}}"
    /// Mustache's content types are registered by name, process-wide; once is enough.
    private static let registerMarkupEscaping: Void = MustacheContentTypes.register(
        MarkupEscaping(), named: "SARABAN-MARKUP")

    /// Templates that render a whole document (partials start with `_`).
    public var documentTemplates: [String] { descriptions.keys.filter { !$0.hasPrefix("_") }.sorted() }

    /// Parses every template and reads its markup, so that a syntax error or a markup typo
    /// anywhere is reported now (`saraban templates`).
    public func check() throws {
        for name in texts.keys.sorted() {
            _ = try template(name)
            try checkMarkup(of: name)
        }
    }

    /// Renders `data` with the template `name` (default: the one its `type:` names) into markup.
    public func markup(for data: DocumentData, template name: String? = nil) throws -> String {
        let name = name ?? data.templateName
        guard texts[name] != nil else {
            let known = documentTemplates.joined(separator: ", ")
            throw TemplateError(message: "unknown template \"\(name)\"; the templates in \(directory) are: \(known)")
        }
        let library = try parsed.library(named: name) { try self.library(rootedAt: name) }
        let values: [String: Any]
        switch data {
        case .letter(let letter): values = try ViewModelBuilder(common: letter.common).values(for: letter)
        case .memo(let memo): values = try ViewModelBuilder(common: memo.common).values(for: memo)
        case .minutes(let minutes): values = try ViewModelBuilder(common: minutes.common).values(for: minutes)
        case .document(let document): values = try ViewModelBuilder(common: document.common).values(for: document)
        }
        try checkNames(rootedAt: name, values: values)
        return library.render(values, withTemplate: name) ?? ""
    }

    /// The names an office's templates use are values a template can be given: Mustache prints
    /// an unknown one (`{{signer.nmae}}`) as nothing, so it is an error naming the file, line
    /// and column, with the nearest known name. Built-in templates are known good.
    private func checkNames(rootedAt root: String, values: [String: Any]) throws {
        // (Which templates a root reaches is found once: the partials' texts do not change.)
        let own = parsed.ownTemplates(rootedAt: root) {
            names(from: root).filter { !(paths[$0] ?? "").hasPrefix(directory + "/") }
        }
        guard !own.isEmpty else { return }
        var known = builtInNames
        Self.collectKeys(values, into: &known)
        for name in own { try checkMarkup(of: name) }
        for name in own {
            for tag in Self.valueNames(in: texts[name] ?? "") {
                for part in tag.name.split(separator: ".").map(String.init) where !known.contains(part) {
                    let hint = Suggestion.closest(to: part, in: Array(known)).map { "; did you mean \($0)?" } ?? ""
                    throw TemplateError(
                        message:
                            "\(path(of: name)):\(tag.line):\(tag.column): {{\(tag.name)}}: no value is named \(part)\(hint)"
                    )
                }
            }
        }
    }

    /// The markup an office's template writes uses the markup's elements, each opened and
    /// closed: a typo is named at the template's own line and column (the generated markup's
    /// line would mean nothing to its author).
    private func checkMarkup(of name: String) throws {
        let text = texts[name] ?? ""
        var open: [String: [(line: Int, column: Int)]] = [:]
        var line = 1, column = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            // Mustache tags and comments are not markup.
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                var end = index + 2
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                for scalar in scalars[index..<min(scalars.count, end + 2)] {
                    if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                index = end + 2
                continue
            }
            if scalars[index] == "<", index + 1 < scalars.count {
                var cursor = index + 1
                let closing = scalars[cursor] == "/"
                if closing { cursor += 1 }
                var tag = ""
                while cursor < scalars.count,
                    scalars[cursor] == "-" || ("a"..."z").contains(scalars[cursor])
                        || ("0"..."9").contains(scalars[cursor])
                {
                    tag.unicodeScalars.append(scalars[cursor]); cursor += 1
                }
                if !tag.isEmpty {
                    guard DocumentBuilder.allElementNames.contains(tag) else {
                        let hint =
                            Suggestion.closest(to: tag, in: Array(DocumentBuilder.allElementNames)).map {
                                "; did you mean <\($0)>?"
                            } ?? ""
                        throw TemplateError(
                            message:
                                "\(path(of: name)):\(line):\(column): <\(closing ? "/" : "")\(tag)> is not an element of the document markup\(hint) (docs/markup.md lists them)"
                        )
                    }
                    // Self-closing (`<br/>`) or not: find the tag's end.
                    var end = cursor
                    while end < scalars.count, scalars[end] != ">" { end += 1 }
                    let selfClosing = end > 0 && end < scalars.count && scalars[end - 1] == "/"
                    if closing {
                        if open[tag]?.popLast() == nil {
                            throw TemplateError(
                                message:
                                    "\(path(of: name)):\(line):\(column): </\(tag)> closes an element that is not open")
                        }
                    } else if !selfClosing {
                        open[tag, default: []].append((line, column))
                    }
                }
            }
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        if let (tag, places) = open.first(where: { !$0.value.isEmpty }).map({ ($0.key, $0.value) }),
            let place = places.last
        {
            throw TemplateError(message: "\(path(of: name)):\(place.line):\(place.column): <\(tag)> is never closed")
        }
    }

    /// The template `root` and the partials it reaches.
    private func names(from root: String) -> [String] {
        var seen: [String] = []
        var pending = [root]
        while let name = pending.popLast() {
            guard !seen.contains(name), let text = texts[name] else { continue }
            seen.append(name)
            pending += Self.partialNames(in: text)
        }
        return seen
    }

    private static func collectKeys(_ value: Any, into keys: inout Set<String>) {
        if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary { keys.insert(key); collectKeys(child, into: &keys) }
        } else if let list = value as? [Any] {
            for child in list { collectKeys(child, into: &keys) }
        }
    }

    /// The value names of a template's tags (`{{name}}`, `{{#name}}`, `{{^name}}`, `{{{name}}}`,
    /// `{{&name}}`), with their line and column; comments, partials, pragmas and `.` left out.
    static func valueNames(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(name: String, line: Int, column: Int)] = []
        var line = 1, column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{"), let close = text[index...].range(of: "}}") {
                var body = text[text.index(index, offsetBy: 2)..<close.lowerBound]
                if body.first == "{" { body = body.dropFirst() }
                if let sigil = body.first, "#^/&".contains(sigil) { body = body.dropFirst() }
                let name = body.trimmingCharacters(in: .whitespaces)
                if let first = name.first, !"!>%=/".contains(first), name != ".", !name.contains(" ") {
                    result.append((name, line, column))
                }
            }
            if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index = text.index(after: index)
        }
        return result
    }

    /// The template `root` and every partial it names (`{{> _letter}}`), theirs too.
    private func library(rootedAt root: String) throws -> MustacheLibrary {
        var templates: [String: MustacheTemplate] = [:]
        var pending = [root]
        while let name = pending.popLast() {
            guard templates[name] == nil, let text = texts[name] else { continue }
            templates[name] = try template(name)
            for partial in Self.partialNames(in: text) {
                // Mustache renders a missing partial as nothing: a letter without its body.
                guard texts[partial] != nil else {
                    let line =
                        text.split(separator: "\n", omittingEmptySubsequences: false)
                        .firstIndex { $0.contains("{{>") && $0.contains(partial) }.map { $0 + 1 } ?? 1
                    let hint =
                        Suggestion.closest(to: partial, in: Array(texts.keys)).map { "; did you mean {{> \($0)}}?" }
                        ?? ""
                    throw TemplateError(
                        message: "\(path(of: name)):\(line): the partial {{> \(partial)}} does not exist\(hint)")
                }
                pending.append(partial)
            }
        }
        return MustacheLibrary(templates: templates)
    }

    private func template(_ name: String) throws -> MustacheTemplate {
        let path = path(of: name)
        do {
            // Each template (partials too: Mustache starts them with HTML escaping) escapes
            // values with `MarkupEscaping`; the pragma adds no line, so line numbers hold.
            return try MustacheTemplate(string: Self.markupPragma + (texts[name] ?? ""))
        } catch let error as MustacheTemplate.ParserError {
            let column = error.context.columnNumber - (error.context.lineNumber == 1 ? Self.markupPragma.count : 0)
            let line = error.context.line.replacingBytes(of: Self.markupPragma, with: "")
            throw TemplateError(
                message:
                    "\(path):\(error.context.lineNumber):\(column): template syntax error: \(error.error) in `\(line.trimmingCharacters(in: .whitespaces))`"
            )
        }
    }

    /// The names in a template's `{{> name}}` tags.
    static func partialNames(in text: String) -> [String] {
        text.components(separatedBy: "{{>").dropFirst().compactMap { rest in
            rest.components(separatedBy: "}}").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}

/// Parsed template libraries by document template, shared by the threads of a batch.
private final class ParsedTemplates: @unchecked Sendable {
    private let lock = NSLock()
    private var libraries: [String: MustacheLibrary] = [:]
    private var own: [String: [String]] = [:]

    /// The templates of the office's that `root` reaches (found once per root).
    func ownTemplates(rootedAt root: String, find: () -> [String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let names = own[root] { return names }
        let names = find()
        own[root] = names
        return names
    }

    func library(named name: String, parse: () throws -> MustacheLibrary) throws -> MustacheLibrary {
        lock.lock()
        defer { lock.unlock() }
        if let library = libraries[name] { return library }
        let library = try parse()
        libraries[name] = library
        return library
    }
}

/// Escapes values for document markup exactly as Mustache's HTML escaping does (`&lt;`,
/// `&gt;`, `&amp;`, `&quot;`, `&#39;`), comparing bytes: Mustache's own goes character by
/// character, which on Thai text was most of the time spent filling a template.
struct MarkupEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let special: (UInt8) -> Bool = {
            $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "'")
        }
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

extension TemplateLibrary.TemplateError: ReportedError { public var exitStatus: ExitStatus { .input } }
