import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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

enum XMLTree {
    static func parse(_ markup: String) throws -> XMLNode {
        let delegate = TreeDelegate()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = delegate
        let parsed = parser.parse()
        if let (line, message) = delegate.fault {
            throw MarkupParser.MarkupError(line: line, message: "the markup is not well-formed XML: \(message)")
        }
        if !parsed || delegate.root == nil {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "no document element"
            throw MarkupParser.MarkupError(line: parser.lineNumber, message: "the markup is not well-formed XML: \(message)")
        }
        return delegate.root!
    }

    final class TreeDelegate: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []
        /// Foundation's parser on Linux recovers from some errors (an unclosed element); we do not.
        var fault: (Int, String)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLNode(name: name, attributes: attributes, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(.element(node)) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if let open = stack.last, open.name != name, fault == nil {
                fault = (parser.lineNumber, "</\(name)> closes <\(open.name)> opened on line \(open.line)")
            }
            stack.removeLast()
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            if let open = stack.last, fault == nil {
                fault = (open.line, "<\(open.name)> is never closed")
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if fault == nil { fault = (parser.lineNumber, "\(parseError.localizedDescription)") }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.children.append(.text(string))
        }
    }
}
