import Foundation
import ThaiText

/// Long prose fields (a letter's body) as an office writes them in a data file:
///
///     ด้วยจังหวัดลำปาง ได้รับแจ้ง…          ← a paragraph (first line indented, justified)
///
///     ๑. ศึกษาแนวทาง…                      ← a numbered item; ๑.๑ and (๑) nest deeper
///     - ข้อความ                             ← a dash item
///
///     จึงเรียนมาเพื่อ**โปรดทราบ**             ← **bold**
///
/// Blank lines separate paragraphs; a line that starts with a number marker starts an item.
/// Items typed on consecutive lines, with no blank line between, are a tight list: set close,
/// without the paragraph space above each one.
public enum ProseBlock: Equatable, Sendable {
    case paragraph([ProseSpan])
    case item(number: String, level: Int, text: [ProseSpan], tight: Bool = false)
}

public struct ProseSpan: Equatable, Sendable {
    public var text: String
    public var bold: Bool
    public init(_ text: String, bold: Bool = false) { self.text = text; self.bold = bold }
}

public enum ProseParser {
    public static func parse(_ text: String) -> [ProseBlock] {
        var blocks: [ProseBlock] = []
        var current: [String] = []
        var currentMarker: (number: String, level: Int, tight: Bool)?

        func flush() {
            guard !current.isEmpty else { return }
            let spans = inline(current.joined(separator: " "))
            if let marker = currentMarker {
                blocks.append(.item(number: marker.number, level: marker.level, text: spans, tight: marker.tight))
            } else {
                blocks.append(.paragraph(spans))
            }
            current = []
            currentMarker = nil
        }

        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = String(Substring(rawLine).trimmingSpaces)
            if line.isEmpty { flush(); continue }
            if let (marker, level, rest) = itemMarker(line) {
                let underAnotherLine = !current.isEmpty
                flush()
                currentMarker = (marker, level, underAnotherLine)
                current = [rest]
            } else {
                current.append(line)
            }
        }
        flush()
        return blocks
    }

    /// `๑.`, `1.`, `๑.๑`, `๓.๑๗.๓`, `๑)`, `(๑)`, `-` followed by a space; the level is the depth of the numbering.
    static func itemMarker(_ line: String) -> (String, Int, String)? {
        guard let space = line.utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let marker = String(line[..<space])
        let rest = String(line[line.index(after: space)...].trimmingSpaces)
        if marker == "-" { return (marker, 2, rest) }
        let digits = Set("0123456789๐๑๒๓๔๕๖๗๘๙")
        if marker.hasPrefix("("), marker.hasSuffix(")"), marker.count > 2, marker.dropFirst().dropLast().allSatisfy(digits.contains) {
            return (marker, 3, rest)
        }
        if marker.hasSuffix(")"), marker.count > 1, marker.dropLast().allSatisfy(digits.contains) { return (marker, 2, rest) }
        let parts = marker.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.last == "" ? parts.dropLast() : parts[...]
        guard !numbers.isEmpty, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(digits.contains) }),
              parts.count > 1 else { return nil }
        return (marker, numbers.count, rest)
    }

    /// `**bold**` spans; a `**` without its pair is text (`** หมายเหตุ`).
    static func inline(_ text: String) -> [ProseSpan] {
        var pieces = text.piecesBetweenDoubleAsterisks
        if pieces.count % 2 == 0 {
            let last = pieces.removeLast()
            pieces[pieces.count - 1] += "**" + last
        }
        var spans: [ProseSpan] = []
        for (index, piece) in pieces.enumerated() where !piece.isEmpty {
            let bold = index % 2 == 1
            if let last = spans.last, last.bold == bold { spans[spans.count - 1].text += piece } else { spans.append(ProseSpan(piece, bold: bold)) }
        }
        return spans
    }
}


extension Substring {
    /// Without the spaces and tabs at either end. (Foundation's trimming walks Thai text
    /// character by character, and prose is trimmed line by line for every letter.)
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}" }
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

    /// The text cut at every `**`, as `components(separatedBy: "**")` does, on the bytes.
    var piecesBetweenDoubleAsterisks: [String] {
        let bytes = utf8
        var pieces: [String] = []
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: "*"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "*") {
                pieces.append(String(self[start..<index]))
                start = bytes.index(after: next)
                index = start
            } else {
                index = next
            }
        }
        pieces.append(String(self[start...]))
        return pieces
    }
}
