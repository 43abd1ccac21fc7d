import Foundation
import SarabanFiles

/// Reads the document markup that templates produce (an XML vocabulary, docs/markup.md).
///
/// Values from data reach the markup through Mustache's escaping, so they can never add
/// elements: `<` in a name arrives here as text.
public struct MarkupParser {
    public init() {}

    public struct MarkupError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public func parse(_ markup: String) throws -> Document {
        let tree = try XMLTree.parse(markup)
        return try DocumentBuilder().build(tree)
    }
}

/// A minimal element tree, so the builder can look ahead (a `<head>` needs both columns).
final class XMLNode {
    let name: String
    let attributes: [String: String]
    let line: Int
    var children: [Child] = []
    enum Child { case element(XMLNode), text(String) }

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name; self.attributes = attributes; self.line = line
    }

    var elements: [XMLNode] { children.compactMap { if case .element(let e) = $0 { return e } else { return nil } } }

    /// The text content with runs of whitespace (template indentation, newlines) folded to one space.
    var text: String { normalizeSpace(rawText) }

    var rawText: String {
        children.map { child -> String in
            switch child {
            case .text(let t): return t
            case .element(let e): return e.rawText
            }
        }.joined()
    }
}

func normalizeSpace(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in s.unicodeScalars {
        if isFoldedSpace(scalar) {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
    }
    return String(out)
}

/// Whitespace that markup folds: template indentation and newlines, not the no-break space.
func isFoldedSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
}

/// Reads the markup into a tree. The markup is a small XML vocabulary that Saraban's own
/// templates write: elements, attributes in quotes, text, character references and comments.
/// It is read here rather than by Foundation's XMLParser, which brings libxml2 and ICU (ten
/// shared libraries) into every start of the program for this one job.
enum XMLTree {
    static func parse(_ markup: String) throws -> XMLNode {
        var reader = MarkupReader(bytes: Array(markup.utf8))
        do {
            return try reader.document()
        } catch let fault as MarkupReader.Fault {
            throw MarkupParser.MarkupError(
                line: fault.line, message: "the markup is not well-formed XML: \(fault.message)")
        }
    }
}

/// A pass over the markup's bytes that builds the element tree, counting lines for messages.
struct MarkupReader {
    struct Fault: Error {
        var line: Int
        var message: String
    }

    let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> XMLNode {
        var root: XMLNode?
        var open: [XMLNode] = []
        var text: [UInt8] = []
        func flushText() throws {
            defer { text.removeAll(keepingCapacity: true) }
            guard !text.isEmpty else { return }
            if let parent = open.last {
                parent.children.append(.text(String(decoding: text, as: UTF8.self)))
            } else if text.contains(where: { !Self.isSpace($0) }) {
                throw Fault(line: line, message: "text outside the document element")
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                text += try reference()
                continue
            }
            guard byte == UInt8(ascii: "<") else {
                if byte == UInt8(ascii: "\n") { line += 1 }
                text.append(byte)
                index += 1
                continue
            }
            try flushText()
            if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts(with: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if starts(with: "</") {
                let tagLine = line
                index += 2
                let name = try self.name()
                skipSpaces()
                try expect(">")
                guard let element = open.popLast() else {
                    throw Fault(line: tagLine, message: "</\(name)> closes nothing")
                }
                guard element.name == name else {
                    throw Fault(
                        line: tagLine, message: "</\(name)> closes <\(element.name)> opened on line \(element.line)")
                }
            } else {
                let tagLine = line
                index += 1
                let name = try self.name()
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    let hadSpace = skipSpaces()
                    guard index < bytes.count else { throw Fault(line: tagLine, message: "<\(name) is never finished") }
                    if bytes[index] == UInt8(ascii: ">") { index += 1; break }
                    if starts(with: "/>") { index += 2; selfClosing = true; break }
                    guard hadSpace else { throw Fault(line: line, message: "expected a space, > or /> in <\(name)>") }
                    let attribute = try self.name()
                    skipSpaces()
                    try expect("=")
                    skipSpaces()
                    guard attributes[attribute] == nil else {
                        throw Fault(line: line, message: "<\(name)> has the attribute \(attribute) twice")
                    }
                    attributes[attribute] = try quotedValue()
                }
                let node = XMLNode(name: name, attributes: attributes, line: tagLine)
                if let parent = open.last {
                    parent.children.append(.element(node))
                } else if root == nil {
                    root = node
                } else {
                    throw Fault(line: tagLine, message: "<\(name)> after the document element")
                }
                if !selfClosing { open.append(node) }
            }
        }
        try flushText()
        if let element = open.last {
            throw Fault(line: element.line, message: "<\(element.name)> is never closed")
        }
        guard let root else { throw Fault(line: line, message: "no document element") }
        return root
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count, Self.isSpace(bytes[index]) {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        return index > start
    }

    private mutating func skip(past end: StaticString, what: String) throws {
        let startLine = line
        while index < bytes.count, !starts(with: end) {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard index < bytes.count else { throw Fault(line: startLine, message: "a \(what) is never closed") }
        index += end.utf8CodeUnitCount
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
            throw Fault(line: line, message: "expected \(character)")
        }
        index += 1
    }

    /// An element or attribute name: ASCII letters, digits, `-`, `_`, `.` and `:`, not starting with a digit.
    private mutating func name() throws -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isLetter =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || (index > start && (isDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            else { break }
            index += 1
        }
        guard index > start else { throw Fault(line: line, message: "expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `"…"` or `'…'`, references replaced.
    private mutating func quotedValue() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw Fault(line: line, message: "expected a value in quotes")
        }
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while index < bytes.count, bytes[index] != quote {
            switch bytes[index] {
            case UInt8(ascii: "&"): value += try reference()
            case UInt8(ascii: "<"): throw Fault(line: line, message: "< inside an attribute value")
            default:
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                value.append(bytes[index])
                index += 1
            }
        }
        guard index < bytes.count else { throw Fault(line: line, message: "an attribute value is never closed") }
        index += 1
        return String(decoding: value, as: UTF8.self)
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NNN;` `&#xHH;` as the bytes they stand for.
    private mutating func reference() throws -> [UInt8] {
        let start = index + 1
        guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw Fault(line: line, message: "& must start a reference such as &amp;")
        }
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        index = end + 1
        switch name {
        case "lt": return Array("<".utf8)
        case "gt": return Array(">".utf8)
        case "amp": return Array("&".utf8)
        case "quot": return Array("\"".utf8)
        case "apos": return Array("'".utf8)
        default:
            let number =
                name.hasPrefix("#x")
                ? UInt32(name.dropFirst(2), radix: 16)
                : name.hasPrefix("#") ? UInt32(name.dropFirst(), radix: 10) : nil
            guard let number, let scalar = Unicode.Scalar(number) else {
                throw Fault(line: line, message: "unknown reference &\(name);")
            }
            return Array(String(scalar).utf8)
        }
    }
}

extension MarkupParser.MarkupError: ReportedError { public var exitStatus: ExitStatus { .input } }
