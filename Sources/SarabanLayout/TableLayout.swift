import SarabanDocument
import SarabanGraphics
import ThaiText

/// Lays a bordered table out as flow boxes: the header rows as one box (repeated at the top of
/// every page the table runs onto), then one box per body row, then the total rows, which never
/// stand alone at the top of a page.
struct TableLayout {
    let setter: TextSetter
    let style: Style
    let id: Int
    /// Borderless tables (attendance lists) draw no lines and need no padding above and below.
    var borders = true
    /// Text size in the style's points; nil for the body size. Wide tables set smaller.
    var textSize: Double?
    /// Where the pictures in cells come from.
    var images: ImageStore?

    private var padding: Double { borders ? style.table.cellPadding.points : 0 }
    /// Smaller type takes less room: lines are the body's pitch and baseline, scaled with it.
    private var typeScale: Double { (textSize ?? style.font.size.points) / style.font.size.points }
    private var pitch: Double { setter.pitch * typeScale }
    private var baseline: Double { setter.baseline * typeScale }
    private var borderWidth: Double { style.table.borderWidth.points }

    /// A cell placed on the grid.
    struct Placed {
        var cell: TableCell
        var row: Int
        var column: Int
    }

    /// The narrowest the table can be: the sum of its columns' widest unbreakable stretches.
    func minimumWidth(of table: Table) -> Double {
        let sections = [table.head, table.body, table.foot].map(place)
        return columnWidths(table, sections: sections, available: 0, minimumOnly: true).reduce(0, +)
    }

    func boxes(for table: Table, x: Double, width available: Double) throws -> [FlowBox] {
        let sections = [table.head, table.body, table.foot].map(place)
        let widths = columnWidths(table, sections: sections, available: available)
        var columnX = [x]
        for width in widths { columnX.append(columnX.last! + width) }

        var result: [FlowBox] = []
        // Header: one box.
        if !table.head.isEmpty {
            var box = try sectionBox(
                sections[0], rows: table.head.count, columnX: columnX, columns: table.columns, header: true)
            box.tableHeader = id
            box.keepWithNext = true
            result.append(box)
            if !table.continuedCaption.isEmpty {
                // On the pages it continues onto, the header comes under its (ต่อ) caption.
                let caption = setter.layout(
                    table.continuedCaption.map { Span($0.text, bold: true) }, width: available, alignment: .center)
                var continued = box
                continued.items =
                    (0..<caption.lines.count).map {
                        .textLine(
                            caption, line: $0, x: x, baseline: setter.baseline + Double($0) * setter.pitch,
                            color: .black)
                    } + box.items.map { $0.offset(by: Double(caption.lines.count) * setter.pitch) }
                continued.height += Double(caption.lines.count) * setter.pitch
                continued.leadText = caption.text(ofLine: 0)
                continued.continuesHeader = true
                result.append(continued)
            }
        }
        // Body rows (rows joined by a rowspan go together), then the total rows.
        for (index, (section, rows)) in [(sections[1], table.body.count), (sections[2], table.foot.count)].enumerated()
        {
            for group in rowGroups(section, rows: rows) {
                let cells = section.filter { group.contains($0.row) }.map {
                    Placed(cell: $0.cell, row: $0.row - group.lowerBound, column: $0.column)
                }
                let box = try sectionBox(
                    cells, rows: group.count, columnX: columnX, columns: table.columns, header: false, bold: index == 1)
                // A row taller than the style allows (cells of a thousand characters) runs on over pages, line by line.
                // (A row with a picture stays whole: a picture is never cut.)
                let hasPicture = cells.contains { !$0.cell.figures.isEmpty }
                for var slice in box.height > style.table.splitRowsTallerThan.points && !hasPicture
                    ? sliced(box) : [box]
                {
                    slice.repeatsHeader = table.head.isEmpty ? nil : id
                    result.append(slice)
                }
            }
        }
        // A short table prefers not to split: it moves to the next page whole, unless that would
        // leave more than a quarter of this page empty (the paginator decides).
        let height = result.filter { !$0.continuesHeader }.reduce(0) { $0 + $1.height }
        if height <= style.table.keepTogetherHeight.points {
            for i in result.indices.dropLast() where !result[i].keepWithNext {
                result[i].keepWithNext = true
                result[i].keepIsSoft = !table.keepTogether
            }
        }
        // Split or not, the first two body rows go together: one row under a header is no table.
        let firstBody = result.prefix { $0.tableHeader != nil }.count
        if result.count - firstBody >= 3 { result[firstBody].keepWithNext = true; result[firstBody].keepIsSoft = false }
        // The total follows at least one body row onto its page.
        if !table.foot.isEmpty {
            let firstFoot = result.count - rowGroups(sections[2], rows: table.foot.count).count
            for i in max(0, firstFoot - 1)..<(result.count - 1) {
                result[i].keepWithNext = true; result[i].keepIsSoft = false
            }
        } else if result.count - firstBody >= 2 {
            // Nor does the last row (often a total typed as a row): the row before it goes along.
            result[result.count - 2].keepWithNext = true
            result[result.count - 2].keepIsSoft = false
        }
        return result
    }

    /// Positions cells on the grid, skipping slots taken by row spans from above.
    private func place(_ rows: [[TableCell]]) -> [Placed] {
        var taken = Set<[Int]>()
        var placed: [Placed] = []
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while taken.contains([r, c]) { c += 1 }
                placed.append(Placed(cell: cell, row: r, column: c))
                for dr in 0..<cell.rowspan { for dc in 0..<cell.colspan { taken.insert([r + dr, c + dc]) } }
                c += cell.colspan
            }
        }
        return placed
    }

    /// Row ranges that must stay together (a cell spanning rows ties them).
    private func rowGroups(_ cells: [Placed], rows: Int) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        var end = 0
        for r in 0..<rows {
            end = max(end, r + 1)
            for cell in cells where cell.row == r { end = max(end, r + cell.cell.rowspan) }
            if end == r + 1 { groups.append(start..<end); start = end }
        }
        if start < rows { groups.append(start..<rows) }
        return groups
    }

    /// Given widths stay; the others fit their content: at least their longest word, at most
    /// their longest line, and the room left is shared by how much text each holds.
    func columnWidths(_ table: Table, sections: [[Placed]], available: Double, minimumOnly: Bool = false) -> [Double] {
        let count = table.columns.count
        var minimum = [Double](repeating: 0, count: count)
        var natural = [Double](repeating: 0, count: count)
        var headerNatural = [Double](repeating: 0, count: count)
        for (index, section) in sections.enumerated() {
            for placed in section where placed.cell.colspan == 1 {
                let text = placed.cell.text.plainText
                let bold = index != 1
                // The narrowest a cell can be is its widest unbreakable stretch (a Thai word, not a
                // space-separated phrase); the widest, the whole text on one line.
                let line = setter.line(text, size: textSize, bold: bold)
                // A heading never breaks inside a word or a protected stretch ((ครัวเรือน), a
                // date): its column is at least as wide as the widest of them.
                let unbreakable =
                    index == 0
                    ? setter.layout(
                        [Span(text)], width: 100_000, size: textSize, bold: bold,
                        protectingUpTo: ThaiLineBreakRules.maximumLength
                    ).widestUnbreakableWidth
                    : line.widestUnbreakableWidth
                minimum[placed.column] = max(minimum[placed.column], unbreakable + 2 * padding)
                if index != 0 {
                    if !text.isEmpty {
                        natural[placed.column] = max(natural[placed.column], line.naturalWidth + 2 * padding)
                    }
                } else {
                    headerNatural[placed.column] = max(headerNatural[placed.column], line.naturalWidth + 2 * padding)
                }
            }
        }
        // A picture asks for its width (or fits what the column has).
        for placed in sections.joined() where placed.cell.colspan == 1 {
            for figure in placed.cell.figures {
                if let width = figure.width {
                    natural[placed.column] = max(natural[placed.column], width + 2 * padding)
                }
            }
        }
        // A column left blank for writing in (a form, a register) is as wide as its heading
        // wants, not as its longest word: the room is for the pen.
        for column in 0..<count where natural[column] == 0 { natural[column] = headerNatural[column] }
        if minimumOnly { return (0..<count).map { table.columns[$0].width ?? minimum[$0] } }
        var widths = (0..<count).map { table.columns[$0].width ?? max(minimum[$0], natural[$0]) }
        let fixed = (0..<count).filter { table.columns[$0].width != nil }.reduce(0.0) { $0 + widths[$1] }
        let auto = (0..<count).filter { table.columns[$0].width == nil }
        let room = available - fixed
        let autoTotal = auto.reduce(0.0) { $0 + widths[$1] }
        guard !auto.isEmpty, room > 0 else { return widths }
        if autoTotal < room {
            // Share the spare room by the length of each column's header and content.
            let weight = auto.map { max(minimum[$0], natural[$0]) + headerWidth(table, sections[0], column: $0) }
            let totalWeight = weight.reduce(0, +)
            // Columns with nothing in them at all (no header, no text) share the room equally.
            for (k, column) in auto.enumerated() {
                widths[column] +=
                    (room - autoTotal) * (totalWeight > 0 ? weight[k] / totalWeight : 1 / Double(auto.count))
            }
        } else {
            // Columns whose whole text fits a fair share keep it; the long ones share what is left.
            let fair = max(room / Double(auto.count), room * 0.4)
            var short = auto.filter { widths[$0] <= fair }
            var long = auto.filter { widths[$0] > fair }
            // When even the short ones do not fit (many narrow columns), all of them shrink together;
            // so do they when keeping them whole would squeeze a long column below its widest word.
            let longMinimum = long.reduce(0.0) { $0 + minimum[$1] }
            if long.isEmpty || short.reduce(0.0, { $0 + widths[$1] }) + longMinimum >= room { short = []; long = auto }
            let left = room - short.reduce(0.0) { $0 + widths[$1] }
            let minTotal = long.reduce(0.0) { $0 + minimum[$1] }
            let longTotal = long.reduce(0.0) { $0 + widths[$1] }
            let scale = minTotal < left ? (left - minTotal) / max(longTotal - minTotal, 1) : 0
            for column in long {
                widths[column] =
                    minTotal < left
                    ? minimum[column] + (widths[column] - minimum[column]) * scale
                    : minimum[column] * left / max(minTotal, 1)
            }
        }
        return widths
    }

    private func headerWidth(_ table: Table, _ head: [Placed], column: Int) -> Double {
        head.filter { $0.column == column && $0.cell.colspan == 1 }
            .map { setter.line($0.cell.text.plainText, size: textSize, bold: true).naturalWidth }.max() ?? 0
    }

    /// Cuts a tall row into slices of one text line each: the cell borders become side rules,
    /// closed at the top of the first slice and the bottom of the last.
    private func sliced(_ box: FlowBox) -> [FlowBox] {
        var cuts = [0.0]
        var y = padding + pitch
        while y < box.height - padding - 0.01 { cuts.append(y); y += pitch }
        cuts.append(box.height)
        let cells: [(x: Double, y: Double, width: Double, height: Double)] = box.items.compactMap {
            if case let .rectangle(x, y, w, h, _) = $0 { return (x, y, w, h) } else { return nil }
        }
        // Each text line goes to the slice its baseline falls in, found by bisection: one pass
        // over the items however many slices a long cell makes.
        let rowBaseline = baseline
        var slices = [[PageItem]](repeating: [], count: cuts.count - 1)
        for item in box.items {
            guard case let .textLine(_, _, _, itemBaseline, _) = item else { continue }
            let y = itemBaseline - rowBaseline + 0.01
            var low = 0, high = cuts.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cuts[middle + 1] <= y { low = middle + 1 } else { high = middle }
            }
            if low < slices.count, cuts[low] <= y, y < cuts[low + 1] { slices[low].append(item.offset(by: -cuts[low])) }
        }
        return (0..<(cuts.count - 1)).map { k in
            let top = cuts[k], bottom = cuts[k + 1]
            var items = slices[k]
            if borders {
                for cell in cells {
                    for x in [cell.x, cell.x + cell.width] {
                        items.append(.rule(x1: x, y1: 0, x2: x, y2: bottom - top, lineWidth: borderWidth))
                    }
                    if k == 0 {
                        items.append(.rule(x1: cell.x, y1: 0, x2: cell.x + cell.width, y2: 0, lineWidth: borderWidth))
                    }
                    if k == cuts.count - 2 {
                        items.append(
                            .rule(
                                x1: cell.x, y1: bottom - top, x2: cell.x + cell.width, y2: bottom - top,
                                lineWidth: borderWidth))
                    }
                }
            }
            let lead = items.compactMap { item -> (Double, Double, String)? in
                if case let .textLine(layout, line, x, baseline, _) = item {
                    return (baseline, x, layout.text(ofLine: line))
                }
                return nil
            }.filter { !$0.2.isEmpty }.min { ($0.0, $0.1) < ($1.0, $1.1) }?.2
            return FlowBox(height: bottom - top, items: items, leadText: lead)
        }
    }

    /// A cell's content laid out from its inner top left: its page items and its height.
    struct CellContent {
        var items: [PageItem]
        var height: Double
    }

    /// One box holding `rows` grid rows: cell texts and borders.
    private func sectionBox(
        _ cells: [Placed], rows: Int, columnX: [Double], columns: [TableColumn],
        header: Bool, bold: Bool = false
    ) throws -> FlowBox {
        let inset = borders ? padding : style.table.cellPadding.points / 2
        let contents = try cells.map { placed -> CellContent in
            let width = columnX[placed.column + placed.cell.colspan] - columnX[placed.column] - 2 * inset
            let align = placed.cell.align ?? (header ? .center : columns[placed.column].align)
            let alignment: TextAlignment = align == .center ? .center : align == .right ? .right : .left
            return try content(
                of: placed.cell, width: width, alignment: alignment, bold: header || bold,
                protecting: header ? ThaiLineBreakRules.maximumLength : nil)
        }
        func needed(_ index: Int) -> Double { max(pitch, contents[index].height) + 2 * padding }
        // Row heights: single-row cells first, then spanning cells stretch their last row.
        var heights = [Double](repeating: pitch + 2 * padding, count: rows)
        for (i, placed) in cells.enumerated() where placed.cell.rowspan == 1 {
            heights[placed.row] = max(heights[placed.row], needed(i))
        }
        for (i, placed) in cells.enumerated() where placed.cell.rowspan > 1 {
            let last = min(rows, placed.row + placed.cell.rowspan) - 1
            let spanned = heights[placed.row...last].reduce(0, +)
            if needed(i) > spanned { heights[last] += needed(i) - spanned }
        }
        var rowY = [0.0]
        for height in heights { rowY.append(rowY.last! + height) }

        var items: [PageItem] = []
        // Row by row, each cell its own element of the tagged PDF (TH in a header row, else TD).
        for row in 0..<rows {
            items.append(.beginStructure("TR"))
            for (i, placed) in cells.enumerated() where placed.row == row {
                let x = columnX[placed.column], width = columnX[placed.column + placed.cell.colspan] - x
                let top = rowY[placed.row], bottom = rowY[min(rows, placed.row + placed.cell.rowspan)]
                items.append(.beginStructure(header ? "TH" : "TD"))
                if borders {
                    items.append(.rectangle(x: x, y: top, width: width, height: bottom - top, lineWidth: borderWidth))
                }
                // Header cells are centred vertically; body cells start at the top.
                let textTop = header ? top + (bottom - top - contents[i].height) / 2 : top + padding
                items += contents[i].items.map { $0.moved(x: x + inset, y: textTop) }
                items.append(.endStructure(header ? "TH" : "TD"))
            }
            items.append(.endStructure("TR"))
        }
        // The continuation marker names what a reader sees first on the next page: the topmost,
        // then leftmost, line of the box.
        let lead = items.compactMap { item -> (Double, Double, String)? in
            if case let .textLine(layout, line, x, baseline, _) = item {
                return (baseline, x, layout.text(ofLine: line))
            }
            return nil
        }.filter { !$0.2.isEmpty }.min { ($0.0, $0.1) < ($1.0, $1.1) }?.2
        return FlowBox(height: rowY.last!, items: items, leadText: lead)
    }

    /// A cell's blocks one under another: text (most cells: the one-line layout that measured
    /// the column, placed as the wrapped one would place it), numbered items hanging under their
    /// number, pictures scaled to the column with their caption.
    private func content(of cell: TableCell, width: Double, alignment: TextAlignment, bold: Bool, protecting: Int?)
        throws -> CellContent
    {
        var items: [PageItem] = []
        var y = 0.0
        func place(_ layout: TextLayout, x: Double) {
            for line in layout.lines.indices {
                items.append(
                    .textLine(layout, line: line, x: x, baseline: y + baseline + Double(line) * pitch, color: .black))
                items += setter.underlines(layout, line: line, x: x).map {
                    $0.offset(by: y + Double(line) * pitch + baseline - setter.baseline)
                }
            }
            y += Double(layout.lines.count) * pitch
        }
        // Items of a level hang at the widest number of that level, and a deeper level starts there.
        var hang: [Int: Double] = [:]
        for case let .item(number, _, level) in cell.blocks {
            hang[level] = max(hang[level] ?? 0, setter.line(number + " ", size: textSize, bold: bold).naturalWidth)
        }
        func indent(_ level: Int) -> Double { (1..<max(level, 1)).reduce(0) { $0 + (hang[$1] ?? 0) } }
        for block in cell.blocks {
            switch block {
            case .text(let spans):
                if spans.allSatisfy({ !$0.bold }) {
                    let line = setter.line(spans.plainText, size: textSize, bold: bold)
                    if line.lines.count == 1, let only = line.lines.first, only.width <= width {
                        let slack = width - only.width
                        place(line, x: alignment == .center ? slack / 2 : alignment == .right ? slack : 0)
                        continue
                    }
                }
                place(
                    setter.layout(
                        spans, width: max(width, 1), alignment: alignment, size: textSize, bold: bold,
                        protectingUpTo: protecting), x: 0)
            case let .item(number, text, level):
                let left = indent(level), hanging = hang[level] ?? 0
                let top = y
                place(setter.line(number, size: textSize, bold: bold), x: left)
                y = top
                place(
                    setter.layout(
                        text, width: max(width - left - hanging, 1), alignment: .left, size: textSize, bold: bold),
                    x: left + hanging)
            case .figure(let figure):
                guard let images else { continue }
                let picture = try images.picture(figure.source)
                let natural: Double
                switch picture {
                case .vector(let image): natural = image.width * 0.75
                case .raster(let image): natural = Double(image.pixelWidth) * 72 / 150
                }
                let pictureWidth = max(1, min(figure.width ?? natural, width))
                let x =
                    figure.align == .left
                    ? 0 : figure.align == .right ? width - pictureWidth : (width - pictureWidth) / 2
                // A picture sits on the text's lines: its top where a line's text would start.
                items.append(picture.item(x: x, y: y + padding / 2, height: pictureWidth * picture.aspect))
                y += pictureWidth * picture.aspect + padding
                if !figure.caption.isEmpty {
                    place(
                        setter.layout(
                            figure.caption, width: max(width, 1), alignment: .center, size: textSize, bold: bold), x: 0)
                }
            }
        }
        return CellContent(items: items, height: y)
    }
}
