import SarabanLayout

/// A page drawn with characters, for terminals that show no images (over SSH): every line of
/// text at its place on the page, inside the page's frame, with the page number below.
public struct TextPreview {
    /// Width of the page in terminal columns; rows follow from the page's shape (a cell is
    /// about twice as high as it is wide).
    public var columns: Int

    public init(columns: Int = 90) { self.columns = max(40, columns) }

    public func render(_ document: LaidOutDocument, page number: Int) -> String {
        let page = document.pages[number - 1]
        let inner = columns - 2
        let rows = Int((page.height / page.width) * Double(inner) * 0.5)
        var grid = [[String]](repeating: [String](repeating: " ", count: inner), count: rows)
        for item in page.items {
            guard case let .textLine(layout, line, x, baseline, _) = item else { continue }
            let geometry = layout.lines[line]
            let row = min(rows - 1, max(0, Int(baseline / page.height * Double(rows))))
            var column = max(0, Int((x + geometry.x) / page.width * Double(inner)))
            // One cell per base character; Thai marks join the cell before them.
            for cluster in layout.text(ofLine: line) {
                guard column < inner else { break }
                grid[row][column] = grid[row][column] == " " ? String(cluster) : grid[row][column]
                column += 1
            }
        }
        var out = "┌" + String(repeating: "─", count: inner) + "┐\n"
        for row in grid { out += "│" + row.joined() + "│\n" }
        out += "└" + String(repeating: "─", count: inner) + "┘\n"
        out += "page \(number) of \(document.pages.count)\n"
        return out
    }
}
