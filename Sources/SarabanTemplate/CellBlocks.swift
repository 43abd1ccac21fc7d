import SarabanMarkdown

/// A table cell's content as the blocks the `_cell` partial prints: a line that starts with an
/// item number (`๑.`, `๑.๑`, `(๒)`, `-`) is an item hanging under its number, a line that is a
/// picture (`![caption](file.png){width=3cm}`) is a picture, any other line a paragraph;
/// `**bold**`, `*italic*` and `<u>underline</u>` inside a line as in any body. Lines come from a
/// YAML list given as the cell, from line breaks in the value, or from `<br>` in a pipe table.
enum CellBlocks {
    /// A cell's values for the templates: its text, and its blocks unless it is plain text (most
    /// cells: one line, no item number, no Markdown marks), which the template prints as it is.
    static func cell(_ text: String, builder: ViewModelBuilder, items: Bool = true) throws -> [String: Any] {
        if isPlain(text, items: items) { return ["cell-text": text, "cell-plain": true] }
        return [
            "cell-text": text, "cell-plain": false, "cell-blocks": try values(text, builder: builder, items: items),
        ]
    }

    static func isPlain(_ text: String, items: Bool) -> Bool {
        if items, let first = text.unicodeScalars.first,
            ("0"..."9").contains(first) || ("๐"..."๙").contains(first) || first == "-" || first == "("
        {
            return false
        }
        return !text.unicodeScalars.contains { "\u{2028}*_<`\\&[!".unicodeScalars.contains($0) }
    }

    /// A value of a table's data, already formatted (its digits as its column writes them).
    /// - Parameter items: whether a line's number makes it an item (not in a header: a heading
    ///   that starts with a number is a heading).
    static func values(_ text: String, builder: ViewModelBuilder, items: Bool = true) throws -> [[String: Any]] {
        try text.split(separator: "\u{2028}", omittingEmptySubsequences: true).compactMap { piece in
            try value(paragraph(String(piece)), builder: builder, convertingDigits: false, items: items)
        }
    }

    /// A pipe table's cell: its lines are cut at `<br>`.
    static func values(_ cell: MarkdownTree.Element, builder: ViewModelBuilder, items: Bool = true) throws -> [[String:
        Any]]
    {
        var lines: [[MarkdownTree.Node]] = [[]]
        for node in cell.children {
            if case .element(let element) = node, element.name == "br" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(node)
            }
        }
        return try lines.compactMap {
            try value(.paragraph($0, line: cell.line), builder: builder, convertingDigits: true, items: items)
        }
    }

    private static func value(
        _ line: MarkdownTree.Element, builder: ViewModelBuilder, convertingDigits: Bool, items: Bool
    ) throws -> [String: Any]? {
        if line.elements.contains(where: { $0.name == "img" }) {
            return block(figure: try MarkdownBody.figure(line, builder: builder)["md-figure"] ?? [:])
        }
        var spans = line.spans
        let text = spans.map(\.text).joined()
        guard !text.allSatisfy({ $0 == " " }) else { return nil }
        func values(_ spans: [ProseSpan]) -> [[String: Any]] {
            convertingDigits
                ? builder.spanValues(spans)
                : spans.map { ["text": $0.text, "bold": $0.bold, "italic": $0.italic, "underline": $0.underline] }
        }
        if items, let (number, level, _) = ProseParser.itemMarker(text), spans[0].text.hasPrefix(number) {
            spans[0].text = String(spans[0].text.dropFirst(number.count).drop { $0 == " " })
            return block(item: [
                "number": convertingDigits ? builder.digits(number) : number, "level": level,
                "spans": values(spans.filter { !$0.text.isEmpty }),
            ])
        }
        return block(paragraph: ["spans": values(spans)])
    }

    /// One block's values, the kinds it is not given as false: Mustache then finds each name
    /// at once instead of looking it up through every enclosing value.
    private static func block(paragraph: Any = false, item: Any = false, figure: Any = false) -> [String: Any] {
        ["cell-paragraph": paragraph, "cell-item": item, "cell-figure": figure]
    }

    /// A value's line as a Markdown paragraph, read as Markdown only where it has Markdown's
    /// marks (most values are printed as they are); a marker that would open a list, heading or
    /// quote (`- `, `# `, `> `, `1. `) stays text, since the line is a cell's.
    private static func paragraph(_ line: String) -> MarkdownTree.Element {
        let trimmed = String(line[...].trimmingSpaces)
        guard trimmed.contains(where: { "*_<`\\&[!".contains($0) }) else {
            return .paragraph([.text(trimmed)], line: 1)
        }
        var escaped = MarkdownBody.keepingNumbers(trimmed)
        if let first = escaped.first, "-+*#>".contains(first), escaped.dropFirst().first == " " {
            escaped = "\\" + escaped
        }
        return MarkdownTree.parse(escaped).elements.first { $0.name == "p" } ?? .paragraph([.text(trimmed)], line: 1)
    }
}
