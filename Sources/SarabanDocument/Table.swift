/// A bordered table (ตาราง): column widths given or fitted to the content, header rows with
/// merged cells, repeated on every page the table runs onto.
public struct Table: Sendable, Equatable {
    /// Title lines centred above the grid and kept with it.
    public var caption: [[Span]]
    public var columns: [TableColumn]
    /// Header rows (repeated on each page); cells may span columns and rows.
    public var head: [[TableCell]]
    public var body: [[TableCell]]
    /// Total rows (รวม).
    public var foot: [[TableCell]]
    /// A named table style from the style file (`roster-plain`: the borderless columns of an
    /// attendance list); nil for a bordered grid.
    public var style: String?
    /// The table is never split (`<table keep="together">`): it moves to the next page whole
    /// when it fits one, as the source document does; otherwise a short table splits where a
    /// move would leave more than a quarter of the page empty.
    public var keepTogether = false
    /// Printed centred above the header where the table continues on another page
    /// (`ตารางที่ ๑ (ต่อ)`); empty for the header alone.
    public var continuedCaption: [Span] = []

    public init(
        caption: [[Span]] = [], columns: [TableColumn], head: [[TableCell]], body: [[TableCell]], foot: [[TableCell]],
        style: String? = nil
    ) {
        self.caption = caption; self.columns = columns; self.head = head; self.body = body; self.foot = foot;
        self.style = style
    }
}

public struct TableColumn: Sendable, Equatable {
    /// Width in points; nil fits the column to its content.
    public var width: Double?
    public var align: CellAlignment
    public init(width: Double?, align: CellAlignment) { self.width = width; self.align = align }
}

public enum CellAlignment: String, Sendable, Equatable { case left, center, right }

public struct TableCell: Sendable, Equatable {
    /// What the cell holds, top to bottom: most cells one run of text; a cell may also hold
    /// paragraphs, numbered items (hanging under their number) and pictures.
    public var blocks: [CellBlock]
    public var colspan: Int
    public var rowspan: Int
    /// Overrides the column's alignment (header cells are centred).
    public var align: CellAlignment?
    public init(text: [Span], colspan: Int = 1, rowspan: Int = 1, align: CellAlignment? = nil) {
        self.init(blocks: text.isEmpty ? [] : [.text(text)], colspan: colspan, rowspan: rowspan, align: align)
    }
    public init(blocks: [CellBlock], colspan: Int = 1, rowspan: Int = 1, align: CellAlignment? = nil) {
        self.blocks = blocks; self.colspan = colspan; self.rowspan = rowspan; self.align = align
    }

    /// The cell's text, its blocks a line each (U+2028): what fits the column and what checks read.
    public var text: [Span] {
        var result: [Span] = []
        for block in blocks {
            let spans: [Span]
            switch block {
            case .text(let text): spans = text
            case let .item(number, text, _): spans = [Span(number + " ")] + text
            case .figure(let figure): spans = figure.caption
            }
            if !result.isEmpty, !spans.isEmpty { result.append(Span("\u{2028}")) }
            result += spans
        }
        return result
    }

    /// Pictures in the cell.
    public var figures: [Figure] {
        blocks.compactMap { if case .figure(let figure) = $0 { return figure } else { return nil } }
    }
}

/// One block of a table cell.
public enum CellBlock: Sendable, Equatable {
    /// Text, its lines broken where it says (U+2028).
    case text([Span])
    /// A numbered item: the number at the cell's left (indented by its level), the text hanging
    /// after it, so a list in a cell reads as a list.
    case item(number: String, text: [Span], level: Int)
    /// A picture scaled to the column, its caption under it.
    case figure(Figure)
}

/// Page orientation of a document in the PDF.
public enum Orientation: String, Sendable, Equatable { case portrait, landscape }

/// Lengths as markup and style files write them: `3cm`, `25mm`, `16pt`, `1in` or bare points.
public enum LengthText {
    public static func points(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces()
        let units: [(String, Double)] = [("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1), ("in", 72)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            return Double(String(trimmed.dropLast(suffix.count)).trimmingSpaces()).map { $0 * factor }
        }
        return Double(trimmed)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
