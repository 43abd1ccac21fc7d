import Foundation
import SarabanData
import SarabanMarkdown

/// The body of minutes, written in Markdown, as blocks for the templates:
///
///     ## ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ทราบ     ← an agenda item (a bookmark)
///     ### ๑.๑ เรื่องจากการประชุมนายอำเภอ               ← a sub-item
///     paragraph text                                  ← a paragraph (2.5 cm indent, justified)
///     ๑. … / ๑.๑ … / (๑) … / - …                      ← numbered items, nested by their numbering
///     มติที่ประชุม รับทราบ                              ← a resolution (label bold, text hanging)
///     | ที่ | อำเภอ | … |                              ← a table
///
/// cmark-gfm parses the Markdown (`SarabanMarkdown`).
enum MarkdownBody {
    static let resolutionLabels = ["มติที่ประชุม", "มติ", "ข้อสรุป"]

    struct MarkdownError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// - Parameter tables: the body's ```` ```table ```` blocks, read with the data (`Minutes.tables`).
    /// - Parameter resolutions: `มติที่ประชุม …` paragraphs are resolutions (minutes); a letter's
    ///   are paragraphs like any other.
    static func blocks(_ markdown: String, tables: [TableData], builder: ViewModelBuilder, resolutions: Bool = true)
        throws -> [[String: Any]]
    {
        let tree = MarkdownTree.parse(keepingNumbers(markdown))
        var tables = tables[...]
        var result: [[String: Any]] = []
        for node in tree.children {
            guard case .element(let element) = node else { continue }
            result += try blocks(element, tables: &tables, builder: builder, resolutions: resolutions)
        }
        return withOutlineLevels(result)
    }

    /// Each heading's place in the PDF's outline, read from what it says rather than from the
    /// size it is typed in (sources mix them): `ระเบียบวาระที่ …` 1; `๑.๑` 2 and `๑.๑.๑` 3; a
    /// heading numbered `๑.` one below the heading it follows, or beside one numbered so; any
    /// other heading one below a numbered one, else 1. A heading right under another one, with
    /// nothing between, is that heading's second line, not a place of its own (0: no bookmark).
    static func withOutlineLevels(_ blocks: [[String: Any]]) -> [[String: Any]] {
        var result = blocks
        var last: (level: Int, parts: Int)?
        var previousWasHeading = false
        for index in result.indices {
            guard var heading = result[index]["md-heading"] as? [String: Any],
                let text = heading["heading-text"] as? String
            else {
                previousWasHeading = false
                continue
            }
            let parts = numberParts(text)
            let level: Int
            if text.hasPrefix("ระเบียบวาระ") {
                level = 1
            } else if previousWasHeading && parts == 0 {
                level = 0
            } else if parts >= 2 {
                level = parts
            } else if parts == 1 {
                level = last.map { $0.parts == 1 ? $0.level : $0.level + 1 } ?? 1
            } else {
                level = last.map { $0.parts >= 1 ? $0.level + 1 : $0.level } ?? 1
            }
            heading["heading-outline"] = level
            result[index]["md-heading"] = heading
            if level > 0 { last = (level, parts) }
            previousWasHeading = true
        }
        return result
    }

    /// How many numbers a heading's own number has: `๓.๒ …` 2, `๑. …` 1, none 0.
    static func numberParts(_ text: String) -> Int {
        guard let marker = text.split(separator: " ").first, let first = marker.unicodeScalars.first,
            ("0"..."9").contains(first) || ("๐"..."๙").contains(first)
        else { return 0 }
        let numbers = marker.split(separator: ".").filter { !$0.isEmpty }
        guard
            numbers.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("๐"..."๙").contains($0) } }
            )
        else { return 0 }
        return numbers.count
    }

    private static func blocks(
        _ element: MarkdownTree.Element, tables: inout ArraySlice<TableData>,
        builder: ViewModelBuilder, resolutions: Bool
    ) throws -> [[String: Any]] {
        switch element.name {
        case "pre" where element.info == "table":
            guard let table = tables.popFirst() else {
                throw MarkdownError(
                    message:
                        "line \(element.line): a ```table block is not read in this field (write the table as a `table:` item of the attachment, or a | pipe | table)"
                )
            }
            return [["md-table": try builder.table(table)]]
        case "pre" where (element.info ?? "").isEmpty && !element.isFenced:
            // Lines indented by a tab or four spaces are what an office types to indent a
            // paragraph, never code: read as if they were not indented.
            let text = element.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0.drop { $0 == " " || $0 == "\t" }) }.joined(separator: "\n")
            return try MarkdownTree.parse(keepingNumbers(text)).elements.flatMap {
                try blocks($0, tables: &tables, builder: builder, resolutions: resolutions)
            }
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(String(element.name.dropFirst())) ?? 2
            return [["md-heading": ["heading-level": level, "heading-text": builder.digits(element.text)]]]
        case "p" where element.elements.contains(where: { $0.name == "img" }):
            return [try figure(element, builder: builder)]
        case "p":
            // Lines typed under a paragraph without a blank line may still be items of their own.
            return pieces(of: element).enumerated().map { index, nodes in
                let spans = MarkdownTree.Element.spans(of: nodes)
                let text = spans.map(\.text).joined()
                if resolutions,
                    let base = resolutionLabels.first(where: {
                        text.hasPrefix($0 + " ") || text.hasPrefix($0 + ":") || text == $0
                    })
                {
                    // The label as the office writes it: มติที่ประชุม or มติที่ประชุม:
                    let label = text.dropFirst(base.count).hasPrefix(":") ? base + ":" : base
                    var rest = spans
                    rest[0].text = String(rest[0].text.dropFirst(label.count).drop { $0 == " " || $0 == "\t" })
                    return [
                        "resolution": [
                            "resolution-label": label, "spans": builder.spanValues(rest.filter { !$0.text.isEmpty }),
                        ]
                    ]
                }
                if let (number, level, _) = ProseParser.itemMarker(text) {
                    var rest = spans
                    // Only the space after the number goes: a space before a bold word stays.
                    rest[0].text = String(rest[0].text.dropFirst(number.count).drop { $0 == " " || $0 == "\t" })
                    return [
                        "item": true, "number": builder.digits(number), "level": level, "tight": index > 0,
                        "spans": builder.spanValues(rest),
                    ]
                }
                return ["paragraph": true, "spans": builder.spanValues(spans)]
            }
        case "ol", "ul":
            return listItems(element, level: element.name == "ol" ? 1 : 2, builder: builder)
        case "table":
            let rows = element.descendants("tr")
            let head = rows.filter { !$0.descendants("th").isEmpty }
            let body = rows.filter { $0.descendants("th").isEmpty }
            func cells(_ row: MarkdownTree.Element, header: Bool = false) throws -> [[String: Any]] {
                try row.elements.map { cell in
                    let text = builder.digits(cell.text)
                    // Plain text (most cells) is printed as it is; anything else as blocks.
                    if cell.elements.isEmpty, CellBlocks.isPlain(text, items: !header) {
                        return ["cell-text": text, "cell-plain": true, "colspan": 1, "rowspan": 1]
                    }
                    return [
                        "cell-text": text, "cell-plain": false,
                        "cell-blocks": try CellBlocks.values(cell, builder: builder, items: !header),
                        "colspan": 1, "rowspan": 1,
                    ]
                }
            }
            let columns = rows.map { $0.elements.count }.max() ?? 0
            return [
                [
                    "md-table": [
                        "caption": [String](),
                        "widths": Array(repeating: "*", count: columns).joined(separator: ","),
                        "aligns": (0..<columns).map { column in
                            body.allSatisfy { column >= $0.elements.count || isNumeric($0.elements[column].text) }
                                && column > 0 ? "right" : "left"
                        }.joined(separator: ","),
                        "head-rows": try head.map { ["cells": try cells($0, header: true)] },
                        "body-rows": try body.map { ["cells": try cells($0)] },
                        "foot-rows": [[String: Any]](),
                    ]
                ]
            ]
        case "html":
            // The two tags an office needs that Markdown lacks: a centred line and a page break.
            let html = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let tag = html.lowercased().filter { $0 != " " }
            if tag == "<page-break>" || tag == "<page-break/>" { return [["md-page-break": true]] }
            if tag.hasPrefix("<center>"), tag.hasSuffix("</center>") {
                let inner = String(html.dropFirst("<center>".count).dropLast("</center>".count))
                let spans = MarkdownTree.parse(inner).elements.flatMap(\.spans)
                return [["md-center": ["spans": builder.spanValues(spans)]]]
            }
            throw MarkdownError(
                message:
                    "line \(element.line): `\(html.prefix(40))` is not understood; the tags a body may hold are <u>…</u>, <br>, <center>…</center> and <page-break>"
            )
        case "blockquote":
            return try element.elements.flatMap {
                try blocks($0, tables: &tables, builder: builder, resolutions: resolutions)
            }
        case "hr":
            return []
        default:
            let what = element.name == "pre" ? "a code block" : "<\(element.name)>"
            throw MarkdownError(
                message:
                    "line \(element.line): Markdown \(what) is not supported here (use headings, paragraphs, lists, tables, ```table blocks and pictures)"
            )
        }
    }

    /// `![caption](file.png){width=8cm align=left}` on a paragraph of its own: a figure. A picture
    /// inside running text is an error (it would print as its caption).
    static func figure(_ paragraph: MarkdownTree.Element, builder: ViewModelBuilder) throws -> [String: Any] {
        let images = paragraph.elements.filter { $0.name == "img" }
        let rest = paragraph.children.filter { node in
            if case .element(let element) = node { return element.name != "img" && !node.isLineEnd }
            return true
        }
        let attributesText = MarkdownTree.Element.spans(of: rest).map(\.text).joined().trimmingCharacters(
            in: .whitespaces)
        guard images.count == 1,
            attributesText.isEmpty || (attributesText.hasPrefix("{") && attributesText.hasSuffix("}"))
        else {
            throw MarkdownError(
                message:
                    "line \(paragraph.line): a picture stands on a line of its own: `![caption](file.png)`, optionally followed by `{width=8cm align=center}`"
            )
        }
        var attributes: [String: String] = [:]
        for pair in attributesText.dropFirst().dropLast().split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["width", "align"].contains(parts[0]) else {
                throw MarkdownError(
                    message: "line \(paragraph.line): `\(pair)`: a picture takes {width=8cm align=left|center|right}")
            }
            attributes[parts[0]] = parts[1]
        }
        let caption = images[0].spans
        return [
            "md-figure": [
                "src": images[0].info ?? "", "width": attributes["width"] ?? "",
                "align": attributes["align"] ?? "center",
                "caption": caption.isEmpty ? [] : [["spans": builder.spanValues(caption)]],
            ]
        ]
    }

    /// A Markdown list's items, nested lists under their item one level deeper: each item's own
    /// text (its paragraphs joined), never its sub-items' glued to it.
    static func listItems(_ list: MarkdownTree.Element, level: Int, builder: ViewModelBuilder) -> [[String: Any]] {
        var result: [[String: Any]] = []
        for (index, item) in list.elements.filter({ $0.name == "li" }).enumerated() {
            let number = list.name == "ol" ? builder.digits("\(index + 1).") : "-"
            let own = item.children.filter { node in
                if case .element(let element) = node { return element.name != "ul" && element.name != "ol" }
                return true
            }
            // A loose item's text is in paragraphs; a tight one's is inline.
            var spans: [ProseSpan] = []
            for node in own {
                let piece: [ProseSpan]
                if case .element(let element) = node, element.name == "p" {
                    piece = element.spans
                } else {
                    piece = MarkdownTree.Element.spans(of: [node])
                }
                if !spans.isEmpty, !piece.isEmpty { spans.append(ProseSpan(" ", bold: false)) }
                spans += piece
            }
            result.append([
                "item": true, "number": number, "level": level,
                "tight": index > 0 && list.isTight, "spans": builder.spanValues(spans),
            ])
            for nested in item.elements where nested.name == "ul" || nested.name == "ol" {
                result += listItems(nested, level: level + 1, builder: builder).enumerated().map { offset, value in
                    var value = value
                    if offset == 0 { value["tight"] = list.isTight }
                    return value
                }
            }
        }
        return result
    }

    /// A paragraph's lines, cut before every line that starts with an item number or a resolution
    /// label: `๑. …` typed on the line under `๒. …` is the next item of a tight list, not more text.
    /// A line typed under an item without an item number of its own is a paragraph of its own,
    /// as the writer sees it in the editor (`saraban check` points at such lines).
    static func pieces(of paragraph: MarkdownTree.Element) -> [[MarkdownTree.Node]] {
        let children = paragraph.children
        var pieces: [[MarkdownTree.Node]] = [[]]
        let firstLine = MarkdownTree.Element.spans(of: children.prefix { !$0.isLineEnd }).map(\.text).joined()
        var inItem = ProseParser.itemMarker(firstLine) != nil
        for (index, child) in children.enumerated() {
            if case .element(let element) = child, element.name == "softbreak" {
                let line = MarkdownTree.Element.spans(of: children[(index + 1)...].prefix { !$0.isLineEnd }).map(\.text)
                    .joined()
                let isItem = ProseParser.itemMarker(line) != nil
                if isItem || inItem
                    || resolutionLabels.contains(where: { line.hasPrefix($0 + " ") || line.hasPrefix($0 + ":") })
                {
                    pieces.append([])
                    inItem = isItem
                    continue
                }
            }
            pieces[pieces.count - 1].append(child)
        }
        return pieces
    }

    /// Thai numbering (`๒. …`, `๑) …`) is the office's own: escaping its delimiter keeps Markdown
    /// from renumbering it as a list; the item is recognised from its text instead.
    static func keepingNumbers(_ markdown: String) -> String {
        markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes -> String in
            let line = Substring(bytes)
            let digits = line.unicodeScalars.prefix { ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }
            let rest = line.unicodeScalars.dropFirst(digits.count)
            guard !digits.isEmpty, let delimiter = rest.first, delimiter == "." || delimiter == ")",
                rest.dropFirst().first == " "
            else {
                return String(line)
            }
            return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
        }.joined(separator: "\n")
    }

    static func isNumeric(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || ("๐"..."๙").contains($0) || ",.-% ".unicodeScalars.contains($0)
            }
    }
}

extension MarkdownTree.Node {
    /// A soft or hard line break.
    var isLineEnd: Bool {
        if case .element(let element) = self { return element.name == "softbreak" || element.name == "br" }
        return false
    }
}

extension MarkdownTree.Element {
    /// The element's text on one line.
    var text: String {
        String(Self.spans(of: children).map(\.text).joined()[...].trimmingSpaces)
    }

    /// Text runs, bold where Markdown said `**`.
    var spans: [ProseSpan] { Self.spans(of: children) }

    /// Text runs of a stretch of nodes; soft line ends read as spaces, a hard line break (two
    /// spaces or `\` at the end of a line) as U+2028, which ends the line where it stands.
    static func spans<Nodes: Sequence>(of nodes: Nodes) -> [ProseSpan] where Nodes.Element == MarkdownTree.Node {
        var result: [ProseSpan] = []
        var underline = false
        func walk<Children: Sequence>(_ children: Children, bold: Bool, italic: Bool)
        where Children.Element == MarkdownTree.Node {
            func span(_ text: String) -> ProseSpan { ProseSpan(text, bold: bold, italic: italic, underline: underline) }
            for child in children {
                switch child {
                case .text(let text): result.append(span(text))
                case .element(let element) where element.name == "br": result.append(span("\u{2028}"))
                case .element(let element) where element.name == "u-open": underline = true
                case .element(let element) where element.name == "u-close": underline = false
                case .element where child.isLineEnd: result.append(span(" "))
                case .element(let element):
                    walk(
                        element.children, bold: bold || element.name == "strong" || element.name == "b",
                        italic: italic || element.name == "em")
                }
            }
        }
        walk(nodes, bold: false, italic: false)
        if let first = result.first { result[0].text = String(first.text.drop(while: { $0 == " " })) }
        return result.filter { !$0.text.isEmpty }
    }
}
