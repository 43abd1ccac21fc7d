import CCMarkGFM
import Foundation

/// Markdown read into a small tree whose element names are the HTML ones (`p`, `h2`, `ol`,
/// `li`, `strong`, `table`, `tr`, `th`, `td`, `br` …, and `softbreak` for a line ending inside a
/// paragraph), parsed by cmark-gfm: CommonMark with GitHub's pipe tables.
///
/// The only module that calls cmark: the rest of Saraban sees this tree.
public enum MarkdownTree {
    /// Serialises every use of cmark (see `withDocument`).
    private static let cmarkLock = NSLock()

    public indirect enum Node {
        case element(Element)
        case text(String)
    }

    public final class Element {
        public let name: String
        public internal(set) var children: [Node] = []
        /// A fenced code block's info string (```` ```table ```` → `table`).
        public internal(set) var info: String?
        /// The line of the Markdown where the element starts (1-based).
        public internal(set) var line = 0
        /// A list written without blank lines between its items (CommonMark's tight list).
        public internal(set) var isTight = false
        /// A code block between ``` fences (not one made by indenting lines).
        public internal(set) var isFenced = false
        init(name: String) { self.name = name }

        public var elements: [Element] {
            children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
        }

        /// A paragraph of the given nodes (a table cell's line, a value read as Markdown).
        public static func paragraph(_ children: [Node], line: Int) -> Element {
            let element = Element(name: "p")
            element.children = children
            element.line = line
            return element
        }

        public func descendants(_ name: String) -> [Element] {
            elements.flatMap { $0.name == name ? [$0] : $0.descendants(name) }
        }
    }

    /// The document as a `root` element.
    public static func parse(_ markdown: String) -> Element {
        withDocument(markdown) { document in
            let root = Element(name: "root")
            root.children = children(of: document)
            return root
        }
    }

    /// Nesting the converter and the layout follow (quotes in quotes, lists in lists, emphasis
    /// in emphasis); real minutes use four or five levels.
    public static let maximumDepth = 64

    /// The first line where the text nests deeper than `maximumDepth`, if any. Text that cannot
    /// nest that deep (no long run of `>`, indentation, `*`, `_` or `[`) is not parsed at all.
    public static func lineNestedTooDeep(in markdown: String) -> Int? {
        var run = 0
        var atLineStart = true
        var suspicious = false
        for byte in markdown.utf8 {
            let nestsAtLineStart =
                byte == UInt8(ascii: ">") || byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+")
            let nestsAnywhere =
                byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "[")
                || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "!")
            if byte == 0x0A {
                atLineStart = true; run = 0; continue
            } else if (atLineStart && nestsAtLineStart) || nestsAnywhere {
                run += 1
            } else {
                atLineStart = false; run = 0
            }
            if run >= maximumDepth / 2 { suspicious = true; break }
        }
        guard suspicious else { return nil }
        return withDocument(markdown) { document in
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            var depth = 0
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { return nil }
                if event == CMARK_EVENT_EXIT { depth -= 1; continue }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                // Leaves (text, code) are entered without an exit event.
                if cmark_node_first_child(node) == nil { continue }
                depth += 1
                if depth > maximumDepth {
                    var line = Int(cmark_node_get_start_line(node))
                    var parent = cmark_node_parent(node)
                    while line == 0, let current = parent {
                        line = Int(cmark_node_get_start_line(current)); parent = cmark_node_parent(current)
                    }
                    return max(line, 1)
                }
            }
        }
    }

    /// The pictures of a text (`![caption](file.png)`): each file as written and its line.
    public static func pictures(in markdown: String) -> [(file: String, line: Int)] {
        guard markdown.utf8.contains(UInt8(ascii: "!")) else { return [] }
        return withDocument(markdown) { document in
            var result: [(file: String, line: Int)] = []
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                    cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER
                else { continue }
                var line = Int(cmark_node_get_start_line(node))
                var parent = cmark_node_parent(node)
                while line == 0, let current = parent {
                    line = Int(cmark_node_get_start_line(current)); parent = cmark_node_parent(current)
                }
                result.append((cmark_node_get_url(node).map { String(cString: $0) } ?? "", max(line, 1)))
            }
            return result
        }
    }

    /// A fenced code block: its info string, its text and the line of its opening fence.
    public struct FencedBlock {
        public var info: String
        public var text: String
        public var line: Int
    }

    /// The fenced code blocks alone, without building the rest of the tree.
    public static func fencedBlocks(in markdown: String) -> [FencedBlock] {
        guard markdown.utf8.contains(UInt8(ascii: "`")) || markdown.utf8.contains(UInt8(ascii: "~")) else { return [] }
        return withDocument(markdown) { document in
            var blocks: [FencedBlock] = []
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
                else { continue }
                blocks.append(
                    FencedBlock(
                        info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
                        text: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
                        line: Int(cmark_node_get_start_line(node))))
            }
            return blocks
        }
    }

    private static func withDocument<Result>(_ markdown: String, _ body: (OpaquePointer) -> Result) -> Result {
        // cmark-gfm keeps its extension registry and the table extension's inline state in
        // globals: one parse at a time (batch workers read letters' bodies concurrently).
        cmarkLock.lock()
        defer { cmarkLock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let document = cmark_parser_finish(parser)!
        defer { cmark_node_free(document) }
        return body(document)
    }

    private static func children(of node: OpaquePointer) -> [Node] {
        var result: [Node] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result += converted(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func converted(_ node: OpaquePointer) -> [Node] {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        func element(_ name: String) -> [Node] {
            let element = Element(name: name)
            element.children = children(of: node)
            element.line = Int(cmark_node_get_start_line(node))
            return [.element(element)]
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE: return [.text(literal)]
        // A line ending inside a paragraph reads as a space, but where it stands matters: a
        // numbered line typed right under another is an item of a tight list.
        case CMARK_NODE_SOFTBREAK: return [.element(Element(name: "softbreak"))]
        case CMARK_NODE_LINEBREAK: return [.element(Element(name: "br"))]
        case CMARK_NODE_HTML_INLINE:
            // <br> is the one tag an office types in a line; other tags stay as typed.
            let tag = literal.lowercased().filter { $0 != " " }
            if tag == "<br>" || tag == "<br/>" { return [.element(Element(name: "br"))] }
            // <u>…</u>: underlining, which Markdown has no mark for.
            if tag == "<u>" || tag == "</u>" { return [.element(Element(name: tag == "<u>" ? "u-open" : "u-close"))] }
            return [.text(literal)]
        case CMARK_NODE_PARAGRAPH: return element("p")
        case CMARK_NODE_HEADING: return element("h\(cmark_node_get_heading_level(node))")
        case CMARK_NODE_LIST:
            let list = element(cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "ol" : "ul")
            if case .element(let element) = list[0] { element.isTight = cmark_node_get_list_tight(node) != 0 }
            return list
        case CMARK_NODE_ITEM: return element("li")
        case CMARK_NODE_BLOCK_QUOTE: return element("blockquote")
        case CMARK_NODE_THEMATIC_BREAK: return element("hr")
        case CMARK_NODE_EMPH: return element("em")
        case CMARK_NODE_STRONG: return element("strong")
        case CMARK_NODE_LINK: return element("a")
        case CMARK_NODE_CODE_BLOCK:
            let block = Element(name: "pre")
            block.info = cmark_node_get_fence_info(node).map { String(cString: $0) }
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            block.isFenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            block.line = Int(cmark_node_get_start_line(node))
            block.children = [.text(literal)]
            return [.element(block)]
        case CMARK_NODE_HTML_BLOCK:
            let block = Element(name: "html")
            block.line = Int(cmark_node_get_start_line(node))
            block.children = [.text(literal)]
            return [.element(block)]
        case CMARK_NODE_IMAGE:
            let image = Element(name: "img")
            image.info = cmark_node_get_url(node).map { String(cString: $0) }
            image.children = children(of: node)
            return [.element(image)]
        default:
            // The table extension's nodes, named by the extension.
            switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
            case "table": return element("table")
            case "table_header": return rowElement(node, cell: "th")
            case "table_row": return rowElement(node, cell: "td")
            default: return children(of: node)
            }
        }
    }

    private static func rowElement(_ node: OpaquePointer, cell: String) -> [Node] {
        let row = Element(name: "tr")
        var child = cmark_node_first_child(node)
        while let current = child {
            let element = Element(name: cell)
            element.children = children(of: current)
            row.children.append(.element(element))
            child = cmark_node_next(current)
        }
        return [.element(row)]
    }
}
