/// Reads `<table>`: `widths` and `align` give one entry per column (`*` fits a column to its
/// content); `<caption>` lines come first; `<head>`, `<body>` and `<foot>` hold `<row>`s of
/// `<cell colspan rowspan align>`.
struct TableBuilder {
    let builder: DocumentBuilder
    typealias MarkupError = MarkupParser.MarkupError

    func table(_ node: XMLNode) throws -> Table {
        func section(_ name: String) throws -> [[TableCell]] {
            guard let part = node.elements.first(where: { $0.name == name }) else { return [] }
            return try part.elements.map { row in
                guard row.name == "row" else {
                    throw MarkupError(line: row.line, message: "<\(name)> holds <row> elements, found <\(row.name)>")
                }
                return try row.elements.map(cell)
            }
        }
        let head = try section("head"), body = try section("body"), foot = try section("foot")
        var count = 0
        for (name, rows) in [("head", head), ("body", body), ("foot", foot)] {
            count = max(count, try gridWidth(rows, section: name, line: node.line))
        }
        guard count <= Self.maximumColumns else {
            throw MarkupError(
                line: node.line, message: "<table> has \(count) columns; at most \(Self.maximumColumns) fit a page")
        }
        let widths = list(node.attributes["widths"], count: count)
        let aligns = list(node.attributes["align"], count: count)
        let columns = try (0..<count).map { index -> TableColumn in
            let widthText = widths[index]
            var width: Double?
            if let text = widthText, text != "*" {
                guard let points = LengthText.points(text) else {
                    throw MarkupError(
                        line: node.line,
                        message: "<table widths>: \"\(text)\" is not a length; expected e.g. 2.5cm or *")
                }
                width = points
            }
            let alignName = aligns[index] ?? "left"
            guard let align = CellAlignment(rawValue: alignName) else {
                throw MarkupError(
                    line: node.line, message: "<table align>: \"\(alignName)\" is not left, center or right")
            }
            return TableColumn(width: width, align: align)
        }
        let caption = node.elements.filter { $0.name == "caption" && $0.attributes["continued"] == nil }.map(
            builder.spans)
        var table = Table(
            caption: caption, columns: columns, head: head, body: body, foot: foot, style: node.attributes["style"])
        table.continuedCaption =
            node.elements.first { $0.name == "caption" && $0.attributes["continued"] == "yes" }.map(builder.spans) ?? []
        if let keep = node.attributes["keep"] {
            guard keep == "together" else {
                throw MarkupError(line: node.line, message: "<table keep=\"\(keep)\">: expected keep=\"together\"")
            }
            table.keepTogether = true
        }
        return table
    }

    private func cell(_ node: XMLNode) throws -> TableCell {
        guard node.name == "cell" else {
            throw MarkupError(line: node.line, message: "<row> holds <cell> elements, found <\(node.name)>")
        }
        func count(_ name: String) throws -> Int {
            guard let text = node.attributes[name] else { return 1 }
            guard let value = Int(text), value >= 1 else {
                throw MarkupError(
                    line: node.line, message: "<cell \(name)=\"\(text)\">: expected a whole number from 1")
            }
            return value
        }
        var align: CellAlignment?
        if let name = node.attributes["align"] {
            guard let value = CellAlignment(rawValue: name) else {
                throw MarkupError(line: node.line, message: "<cell align=\"\(name)\">: expected left, center or right")
            }
            align = value
        }
        return TableCell(
            blocks: try blocks(node), colspan: try count("colspan"), rowspan: try count("rowspan"), align: align)
    }

    /// A cell's text, or its blocks when it holds `<p>`, `<item number level>` or `<figure>`
    /// elements (text between them is a block of its own).
    private func blocks(_ node: XMLNode) throws -> [CellBlock] {
        let blockNames: Set = ["p", "item", "figure"]
        var result: [CellBlock] = []
        var inline: [XMLNode.Child] = []
        func flush() {
            let run = XMLNode(name: "cell", attributes: [:], line: node.line)
            run.children = inline
            let spans = builder.spans(run)
            if !spans.isEmpty { result.append(.text(spans)) }
            inline = []
        }
        for child in node.children {
            guard case .element(let element) = child, blockNames.contains(element.name) else {
                inline.append(child); continue
            }
            flush()
            switch element.name {
            case "item":
                let level = element.attributes["level"].map { Int($0) } ?? 1
                guard let level, (1...9).contains(level) else {
                    throw MarkupError(
                        line: element.line,
                        message:
                            "<item level=\"\(element.attributes["level"] ?? "")\">: expected a whole number from 1 to 9"
                    )
                }
                result.append(
                    .item(number: try builder.required(element, "number"), text: builder.spans(element), level: level))
            case "p":
                let spans = builder.spans(element)
                if !spans.isEmpty { result.append(.text(spans)) }
            default:
                result.append(.figure(try builder.figure(element)))
            }
        }
        flush()
        return result
    }

    /// More columns than this cannot be read on any page, even turned and at the smallest size.
    static let maximumColumns = 60

    /// The columns a section's rows take once cells spanning rows are placed (as the layout
    /// places them); a cell that would overlap another, or span past the section's last row,
    /// is an error naming it.
    private func gridWidth(_ rows: [[TableCell]], section: String, line: Int) throws -> Int {
        var taken = Set<[Int]>()
        var width = 0
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while taken.contains([r, c]) { c += 1 }
                let text = cell.text.map(\.text).joined()
                guard r + cell.rowspan <= rows.count else {
                    throw MarkupError(
                        line: line,
                        message:
                            "<\(section)> row \(r + 1): the cell \"\(text)\" spans \(cell.rowspan) rows, past the last row (\(rows.count))"
                    )
                }
                guard c + cell.colspan <= Self.maximumColumns else {
                    throw MarkupError(
                        line: line,
                        message:
                            "<\(section)> row \(r + 1): the cell \"\(text)\" reaches column \(c + cell.colspan); at most \(Self.maximumColumns) fit a page"
                    )
                }
                for dr in 0..<cell.rowspan {
                    for dc in 0..<cell.colspan {
                        guard taken.insert([r + dr, c + dc]).inserted else {
                            throw MarkupError(
                                line: line,
                                message:
                                    "<\(section)> row \(r + 1): the cell \"\(text)\" overlaps a cell spanning down from a row above"
                            )
                        }
                    }
                }
                c += cell.colspan
                width = max(width, c)
            }
        }
        return width
    }

    /// A comma-separated attribute, padded to `count` entries.
    private func list(_ text: String?, count: Int) -> [String?] {
        let items = text.map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        return (0..<count).map { $0 < items.count ? items[$0] : nil }
    }
}
