import Yams

/// YAML read within bounds: the nesting a C parser can follow without running out of stack,
/// and the values aliases may expand to (nine nested `&a [*b, *b, …]` make billions), both
/// checked before anything walks the tree.
public enum BoundedYAML {
    /// Levels of lists and groups inside one another; real documents use six or seven.
    public static let maximumDepth = 100
    /// Values in one file once aliases are expanded: a 200-page minutes has a few thousand,
    /// a province's recipients some tens of thousands.
    public static let maximumValues = 2_000_000

    public struct LimitError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// `Yams.compose` behind both checks.
    public static func compose(_ text: String, file: String) throws -> Node? {
        try checkText(text, file: file)
        try checkDepth(text, file: file)
        let node = try Yams.compose(yaml: text, .basic)
        // Only aliases can make a text hold more values than it has characters; no `&`, no anchor.
        if let node, text.utf8.contains(UInt8(ascii: "&")) { try checkSize(node, file: file) }
        return node
    }

    /// Text files only: a NUL would end every string passed to the C libraries (a field cut short
    /// without a word); larger than any document's data is a mistake (a picture given as data).
    public static let maximumBytes = 32 << 20

    public static func checkText(_ text: String, file: String) throws {
        guard text.utf8.count <= maximumBytes else {
            throw LimitError(
                file: file, line: nil,
                message: "is \(text.utf8.count >> 20) MB; data files are text of at most \(maximumBytes >> 20) MB")
        }
        var line = 1
        for byte in text.utf8 {
            if byte == 0x0A { line += 1 }
            if byte == 0 {
                throw LimitError(
                    file: file, line: line, message: "holds a NUL character; is it a text file? (save it as UTF-8 text)"
                )
            }
        }
    }

    /// Estimates the nesting before parsing: indentation and `- - -` at a line's start, and open
    /// `[`/`{` outside quoted text. Never lower than YAML's own nesting.
    static func checkDepth(_ text: String, file: String) throws {
        var flow = 0
        var line = 1
        var column = 0
        var blockDepth = 0
        var atLineStart = true
        var quote: UInt8? = nil
        func tooDeep() -> LimitError {
            LimitError(
                file: file, line: line,
                message:
                    "nested more than \(maximumDepth) levels deep; a document's data is a few levels of lists and groups"
            )
        }
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == 0x0A {
                line += 1; column = 0; blockDepth = 0; atLineStart = true
                if quote == 0x0A { quote = nil }  // a comment ends with its line
                continue
            }
            column += 1
            if atLineStart {
                if byte == 0x2D { continue }  // the `-` of `- - -` (its space counts)
                if byte == 0x20 || byte == 0x09 {  // indentation, and the spaces of compact lists
                    blockDepth += 1
                    if blockDepth + flow > maximumDepth { throw tooDeep() }
                    continue
                }
                atLineStart = false
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09 || previous == 0x0A: quote = 0x0A
            case UInt8(ascii: "\"") where flow > 0, UInt8(ascii: "'") where flow > 0: quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow + blockDepth > maximumDepth { throw tooDeep() }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            default: break
            }
        }
    }

    /// Counts values, aliases expanded, and stops at the limit.
    static func checkSize(_ root: Node, file: String) throws {
        var count = 0
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            count += 1
            if count > maximumValues {
                throw LimitError(
                    file: file, line: nil,
                    message:
                        "holds more than \(maximumValues) values once its aliases (*name) are expanded; is an alias repeated inside itself?"
                )
            }
            switch node {
            case .scalar: break
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let pairs):
                for (key, value) in pairs { stack.append(key); stack.append(value) }
            }
        }
    }
}
