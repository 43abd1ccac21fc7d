import Foundation
import ThaiText

/// A run of prose text, bold or not (what `_spans.mustache` prints).
public struct ProseSpan: Equatable, Sendable {
    public var text: String
    public var bold: Bool
    public var italic = false
    public var underline = false
    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
        self.text = text; self.bold = bold; self.italic = italic; self.underline = underline
    }
}

/// The numbering an office types at the start of an item. Every prose field is Markdown
/// (`MarkdownBody`); Thai numbering is recognised from the text, not by Markdown's lists.
public enum ProseParser {
    /// `๑.`, `1.`, `๑.๑`, `๓.๑๗.๓`, `๑)`, `(๑)`, `-` followed by a space; the level is the depth of the numbering.
    static func itemMarker(_ line: String) -> (String, Int, String)? {
        guard let space = line.utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let marker = String(line[..<space])
        let rest = String(line[line.index(after: space)...].trimmingSpaces)
        if marker == "-" { return (marker, 2, rest) }
        let digits = Set("0123456789๐๑๒๓๔๕๖๗๘๙")
        if marker.hasPrefix("("), marker.hasSuffix(")"), marker.count > 2,
            marker.dropFirst().dropLast().allSatisfy(digits.contains)
        {
            return (marker, 3, rest)
        }
        if marker.hasSuffix(")"), marker.count > 1, marker.dropLast().allSatisfy(digits.contains) {
            return (marker, 2, rest)
        }
        let parts = marker.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.last == "" ? parts.dropLast() : parts[...]
        guard !numbers.isEmpty, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(digits.contains) }),
            parts.count > 1
        else { return nil }
        return (marker, numbers.count, rest)
    }
}

extension Substring {
    /// Without the spaces and tabs at either end. (Foundation's trimming walks Thai text
    /// character by character, and prose is trimmed line by line for every letter.)
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}"
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}

extension String {
    /// Every `target` replaced, compared byte by byte (Foundation's `replacingOccurrences`
    /// walks Thai text character by character).
    func replacingBytes(of target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        let bytes = Array(utf8)
        guard var match = bytes.firstOffset(of: pattern) else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while true {
            result += bytes[index..<match]
            result += replacement.utf8
            index = match + pattern.count
            guard let next = bytes.firstOffset(of: pattern, from: index) else { break }
            match = next
        }
        result += bytes[index...]
        return String(decoding: result, as: UTF8.self)
    }
}
