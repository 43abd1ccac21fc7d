import SarabanLayout

/// A page drawn with characters, for terminals that show no images (over SSH): every line of
/// text at its place on the page, inside the page's frame, with the page number below.
///
/// Lossless for the words: each text line of the page is a row (lines on one baseline share
/// it, left to right), a line that would overlap the one before it on its row moves right
/// rather than lose a character, and a row too long for the frame goes on in the row under it,
/// cut at a space where it can be. Widths are
/// terminal columns: Thai marks above and below take none, so the frame stays straight.
public struct TextPreview {
    /// Width of the page in terminal columns.
    public var columns: Int

    public init(columns: Int = 90) { self.columns = max(40, columns) }

    /// Terminal columns a character takes: Thai vowels and tone marks above or below their
    /// consonant none, other characters one (ำ is a spacing vowel: one).
    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E: return 0
        case 0x0300...0x036F, 0x200B...0x200F, 0xFEFF: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60: return 2
        default: return scalar.value < 0x20 ? 0 : 1
        }
    }

    static func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + width($1) } }

    public func render(_ document: LaidOutDocument, page number: Int) -> String {
        let page = document.pages[number - 1]
        // The page's lines, grouped by baseline (a table row's cells, the address beside ที่).
        var lines: [(baseline: Double, x: Double, text: String)] = []
        for item in page.items {
            guard case let .textLine(layout, line, x, baseline, _) = item else { continue }
            let text = layout.text(ofLine: line).replacingTabs()
            guard !text.isEmpty else { continue }
            lines.append((baseline, x + layout.lines[line].x, text))
        }
        lines.sort { ($0.baseline, $0.x) < ($1.baseline, $1.x) }
        var rows: [(baseline: Double, parts: [(x: Double, text: String)])] = []
        for line in lines {
            if let last = rows.last, abs(last.baseline - line.baseline) < 2 {
                rows[rows.count - 1].parts.append((line.x, line.text))
            } else {
                rows.append((line.baseline, [(line.x, line.text)]))
            }
        }
        let inner = columns - 2
        var texts: [String] = []
        var previous: Double?
        // A line's pitch on the page: a wider gap between two rows is a blank row or two.
        let pitch = zip(rows.dropFirst(), rows).map { $0.baseline - $1.baseline }.filter { $0 > 2 }.min() ?? 18
        for row in rows {
            if let previous {
                let blank = min(2, max(0, Int(((row.baseline - previous) / pitch).rounded()) - 1))
                texts += Array(repeating: "", count: blank)
            }
            previous = row.baseline
            var text = "", used = 0
            for part in row.parts {
                let column = max(0, Int(part.x / page.width * Double(inner)))
                // Never over the text before it: a space, then the rest of the line.
                let start = used == 0 ? column : max(column, used + 1)
                text += String(repeating: " ", count: start - used) + part.text
                used = start + Self.width(part.text)
            }
            texts += Self.wrapped(text, width: inner)
        }
        let width = inner
        var out = "┌" + String(repeating: "─", count: width) + "┐\n"
        for text in texts { out += "│" + text + String(repeating: " ", count: width - Self.width(text)) + "│\n" }
        out += "└" + String(repeating: "─", count: width) + "┘\n"
        out += "page \(number) of \(document.pages.count)\n"
        return out
    }
}

extension TextPreview {
    /// `text` in rows of at most `width` columns, cut at the last space that fits (else where
    /// the width ends, never between a letter and its marks); the rows after the first indented
    /// as the first is.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var rows: [String] = []
        var rest = Array(text.unicodeScalars)
        let indent = rest.prefix { $0 == " " }.count
        while Self.width(String(String.UnicodeScalarView(rest))) > width {
            var used = 0, cut = 0, lastSpace: Int?
            for (index, scalar) in rest.enumerated() {
                let w = Self.width(scalar)
                if used + w > width { break }
                used += w
                cut = index + 1
                if scalar == " ", index > indent { lastSpace = index }
            }
            // A mark stays with its letter.
            while cut < rest.count, Self.width(rest[cut]) == 0 { cut -= 1 }
            let end = lastSpace.map { $0 } ?? max(cut, 1)
            rows.append(String(String.UnicodeScalarView(rest[..<end])))
            let next = rest[end...].drop { $0 == " " }
            let lead = min(indent, max(0, width / 2))
            rest = Array(repeating: " ", count: lead) + Array(next)
            if next.isEmpty { rest = []; break }
        }
        if !rest.isEmpty || rows.isEmpty { rows.append(String(String.UnicodeScalarView(rest))) }
        return rows
    }
}

extension String {
    /// A tab (between a label and its text) as one space; a line break inside a cell as one too.
    func replacingTabs() -> String {
        String(
            String.UnicodeScalarView(
                unicodeScalars.map { $0 == "\t" || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }
}
