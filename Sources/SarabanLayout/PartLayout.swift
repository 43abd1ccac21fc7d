import SarabanDocument
import SarabanGraphics

/// Where a letter's parts are positioned: each block of the document becomes flow boxes at
/// the x positions the style gives (spec §4.3, §5). Vertical placement is the paginator's job.
struct PartLayout {
    let setter: TextSetter
    let style: Style
    let images: ImageStore
    let kind: Document.Kind

    /// The page of the document being laid out (attachments may turn landscape).
    private var geometry: PageGeometry
    private var tableCount = 0

    init(setter: TextSetter, style: Style, images: ImageStore, kind: Document.Kind) {
        self.setter = setter
        self.style = style
        self.images = images
        self.kind = kind
        geometry = PageGeometry(style: style, orientation: .portrait)
    }

    /// The lists open around the block being tagged: their level, the list's and the current item's id.
    private var openLists: [(level: Int, list: Int, item: Int)] = []

    private var left: Double { geometry.left }
    private var width: Double { geometry.textWidth }
    private var gap: Double { style.paragraph.spaceBefore.points }

    mutating func boxes(for blocks: [Block]) throws -> [FlowBox] {
        var result: [FlowBox] = []
        var signatureAxis: Double?
        for (index, block) in blocks.enumerated() {
            let firstBox = result.count
            defer { tagStructure(&result, from: firstBox, block: block, id: index) }
            switch block {
            case let .documentStart(title, orientation):
                geometry = PageGeometry(style: style, orientation: orientation)
                var box = FlowBox(height: 0, items: [], breakBefore: true)
                box.documentStart = (title, orientation)
                result.append(box)
            case .figure(let figure):
                result.append(try self.figure(figure))
            case .table(let table):
                try tableBoxes(table, after: &result)
            case .emblem(let size):
                result.append(try emblem(size))
            case .urgency(let text):
                result.append(urgency(text))
            case let .letterHead(reference, address):
                result.append(letterHead(reference: reference, address: address))
            case .memoTitle(let title):
                result.append(memoTitle(title))
            case .memoRow(let fields):
                result.append(memoRow(fields))
            case .date(let text):
                let layout = setter.line(text)
                result += setter.boxes(for: layout, x: left + style.letter.dateX.points, spaceBefore: gap)
            case let .field(label, value):
                result += field(label: label, value: value)
            case let .enclosures(label, items):
                result += enclosures(label: label, items: items)
            case .paragraph(let spans):
                let layout = setter.layout(
                    spans, width: width, indent: style.paragraph.firstLineIndent.points, alignment: .thaiDistributed)
                result += setter.boxes(for: layout, x: left, spaceBefore: gap)
            case let .item(number, text, level, tight):
                let indent =
                    style.paragraph.firstLineIndent.points + Double(level - 1) * style.paragraph.levelIndent.points
                let layout = setter.layout(
                    [Span(number + " ")] + text, width: width, indent: indent, alignment: .thaiDistributed)
                result += setter.boxes(for: layout, x: left, spaceBefore: tight ? 0 : gap)
            case let .plain(spans, align):
                let alignment: TextAlignment = align == .center ? .center : align == .right ? .right : .left
                let layout = setter.layout(spans, width: width, alignment: alignment)
                var boxes = setter.boxes(for: layout, x: left, spaceBefore: gap)
                // A bold line is a heading or a title: it never ends a page.
                if spans.allSatisfy(\.bold) { boxes[boxes.count - 1].keepWithNext = true }
                result += boxes
            case .closing(let text):
                let layout = setter.line(text)
                let x = left + style.letter.closingX.points
                signatureAxis = x + layout.naturalWidth / 2
                keepTailWithClosing(&result)
                var boxes = setter.boxes(for: layout, x: x, spaceBefore: gap)
                boxes[boxes.count - 1].keepWithNext = true
                result += boxes
            case .signature(let signature):
                if signatureAxis == nil { keepTailWithClosing(&result) }
                let axis = signatureAxis ?? left + style.letter.signatureAxis.points
                result.append(
                    try self.signature(
                        signature, axis: axis, keepWithNext: blocks[(index + 1)...].contains(where: \.isTrailer)))
            case .footer(let lines):
                result += lineBoxes(
                    lines, spaceBefore: style.letter.footerSpaceBefore.points,
                    keepWithNext: blocks[(index + 1)...].contains(where: \.isTrailer))
            case let .heading(level, text, outline):
                let layout = setter.layout(
                    [Span(text, bold: true)], width: width - (level > 2 ? style.paragraph.firstLineIndent.points : 0))
                var boxes = setter.boxes(
                    for: layout, x: left + (level > 2 ? style.paragraph.firstLineIndent.points : 0),
                    spaceBefore: level <= 2 ? style.minutes.agendaSpaceBefore.points : gap, keepLines: false)
                for i in boxes.indices { boxes[i].keepWithNext = true }
                // (Outline depth 0: a heading's second line, no place of its own.)
                if outline != 0 { boxes[0].bookmark = (text, outline ?? max(1, level - 1)) }
                result += boxes
            case let .resolution(label, text):
                let tab = style.minutes.resolutionTab.points
                let labelWidth = setter.line(label, bold: true).naturalWidth
                // The label stands in the hanging indent; the text runs from the tab (or just after a longer label).
                let hang = max(tab, labelWidth + setter.line(" ").naturalWidth)
                let layout = setter.layout(
                    [Span(label, bold: true), Span("\t")] + text, width: width, indent: -hang,
                    alignment: .thaiDistributed, tabStop: hang)
                result += setter.boxes(for: layout, x: left, spaceBefore: gap)
            case let .signOff(signOff, signs):
                if !result.isEmpty, signs { keepTailWithClosing(&result) }
                result += try signOffBoxes(signOff)
            case .signOffsSideBySide(let blocks):
                if !result.isEmpty { keepTailWithClosing(&result) }
                result.append(try signOffsSideBySide(blocks))
            case let .copies(label, lines):
                result += lineBoxes([label] + lines, spaceBefore: gap, keepWithNext: false)
            case .space(let lines):
                result.append(FlowBox(height: lines * setter.pitch, items: []))
            case .pageBreak:
                result.append(.pageBreak())
            }
        }
        return result
    }

    /// A table's boxes after `result`: turned to landscape (on pages of its own) when too wide,
    /// then set smaller; a table that just misses one page set a little smaller rather than
    /// split; the line that introduces it kept with it.
    private mutating func tableBoxes(_ table: Table, after result: inout [FlowBox]) throws {
        var table = table
        tableCount += 1
        try checkLimits(table)
        let borderless = applyNamedStyle(&table)
        var layout = TableLayout(
            setter: setter, style: style, id: tableCount, borders: !borderless, images: images)
        // A table too wide for the page turns it (on pages of its own), then sets smaller type.
        let portrait = geometry
        var turned = false
        if !borderless, layout.minimumWidth(of: table) > width, geometry.width < geometry.height {
            geometry = PageGeometry(style: style, orientation: .landscape)
            result.append(FlowBox.turn(to: .landscape))
            turned = true
        }
        var size = style.font.size.points
        while !borderless, layout.minimumWidth(of: table) > width, size > style.table.smallestSize.points {
            size -= 1
            layout.textSize = size
        }
        let captionBoxes = caption(table.caption)
        var boxes = try captionBoxes + layout.boxes(for: table, x: left, width: width)
        // A table that just misses fitting one page is set a little smaller rather than split.
        let room = geometry.height - geometry.top - geometry.bottom - style.font.linePitch.points
        let floor = max(
            style.table.smallestSize.points, style.font.size.points - style.table.shrinkToFitPage.points)
        while !borderless, FlowBox.stackHeight(boxes) > room, size - 1 >= floor {
            size -= 1
            layout.textSize = size
            let smaller = try captionBoxes + layout.boxes(for: table, x: left, width: width)
            if FlowBox.stackHeight(smaller) <= room { boxes = smaller }
        }
        if !boxes.isEmpty { boxes[0].spaceBefore = style.table.spaceAround.points }
        // The line that introduces a table goes with it.
        if let last = result.indices.last(where: { result[$0].height > 0 && !result[$0].isOverlay }) {
            result[last].keepWithNext = true
        }
        result += boxes
        result.append(FlowBox(height: 0, spaceBefore: style.table.spaceAround.points, items: []))
        if turned {
            geometry = portrait
            result.append(FlowBox.turn(to: .portrait))
        }
    }

    /// The tagged PDF's element for a block's boxes: a heading `H1`… (an agenda item `H1`, its
    /// sub-item `H2`), a table `Table` (its rows and cells tagged inside), a picture `Figure`, a
    /// numbered item the `LBody` of an `LI` in an `L` (items one after another make one list,
    /// a deeper item a list inside the item before it), any other text a paragraph `P`. The
    /// Garuda and empty boxes are no part of the text.
    private mutating func tagStructure(_ boxes: inout [FlowBox], from first: Int, block: Block, id: Int) {
        let role: String
        var enclosing: [(role: String, id: Int)] = []
        if case let .item(_, _, level, _) = block {
            // (level, the list's id, the item's id) for each list open around this item.
            while let last = openLists.last, last.level > level { openLists.removeLast() }
            if let last = openLists.last, last.level == level {
                openLists[openLists.count - 1].item = id
            } else {
                openLists.append((level, id, id))
            }
            enclosing = openLists.flatMap { [("L", $0.list), ("LI", $0.item)] }
            role = "LBody"
        } else {
            openLists = []
            switch block {
            case .emblem, .space, .pageBreak, .documentStart: return
            case let .heading(level, _, _): role = "H\(min(6, max(1, level - 1)))"
            case .table: role = "Table"
            case .figure: role = "Figure"
            default: role = "P"
            }
        }
        for index in first..<boxes.count
        where boxes[index].height > 0 && !boxes[index].isOverlay && boxes[index].structure == nil {
            // A table's caption lines are its caption; its rows, the table.
            let caption = role == "Table" && boxes[index].tableHeader == nil && boxes[index].repeatsHeader == nil
            boxes[index].structure = (caption ? "Caption" : role, id)
            boxes[index].enclosing = enclosing
        }
    }

    /// A table's title lines: bold, centred over the text, on the table's page.
    private func caption(_ lines: [[Span]]) -> [FlowBox] {
        lines.flatMap { spans in
            let layout = setter.layout(spans.map { Span($0.text, bold: true) }, width: width, alignment: .center)
            var boxes = setter.boxes(for: layout, x: left, spaceBefore: 0)
            for i in boxes.indices { boxes[i].keepWithNext = true }
            return boxes
        }
    }

    /// A named table style: the attendance list's borderless columns. Returns whether borders are off.
    private func applyNamedStyle(_ table: inout Table) -> Bool {
        guard let name = table.style, name.hasPrefix("roster") else { return false }
        let widths = name == "roster-with-reason" ? style.minutes.rosterColumnsWithReason : style.minutes.rosterColumns
        for (index, text) in widths.enumerated() where index < table.columns.count {
            table.columns[index].width = text == "*" ? nil : LengthText.points(text)
            // The number is right-aligned to its column; a reason (ไปราชการ) ends at the margin.
            let isReason = name == "roster-with-reason" && index == widths.count - 1
            table.columns[index].align = index == 0 || isReason ? .right : .left
        }
        return true
    }

    // MARK: letter head

    private func emblem(_ size: EmblemSize) throws -> FlowBox {
        let image = try images.emblem()
        switch size {
        case .large:
            let height = style.letter.emblemHeight.points
            let x = (geometry.width - height * image.width / image.height) / 2
            return FlowBox(
                height: height + style.letter.spaceAfterEmblem.points,
                items: [.vector(image, x: x, y: 0, height: height)])
        case .small:
            // The memo's title shares the emblem's line; the emblem itself takes no room.
            var box = FlowBox(
                height: 0,
                items: [
                    .vector(image, x: left, y: style.page.firstPageTop.points, height: style.memo.emblemHeight.points)
                ])
            box.isOverlay = true
            return box
        }
    }

    /// ชั้นความเร็ว: red, ≥ 32 pt; beside the Garuda on page 1 (letter), right of the small Garuda (memo).
    private func urgency(_ text: String) -> FlowBox {
        let size = style.letter.urgencySize.points
        let layout = setter.line(text, size: size, bold: true)
        let x: Double, baseline: Double
        switch kind {
        case .letter:
            x = left
            baseline = style.letter.urgencyBaseline.points
        case .memo:
            x = left + style.memo.urgencyX.points
            baseline = style.page.firstPageTop.points + style.memo.emblemHeight.points
        }
        var box = FlowBox(height: 0, items: [.textLine(layout, line: 0, x: x, baseline: baseline, color: .stampRed)])
        box.isOverlay = true
        return box
    }

    /// `ที่ …` at the left margin and the office's address block at the right, first lines on one baseline.
    private func letterHead(reference: String, address: [String]) -> FlowBox {
        var items: [PageItem] = []
        let referenceLayout = setter.line(reference)
        items.append(.textLine(referenceLayout, line: 0, x: left, baseline: setter.baseline, color: .black))
        let layouts = address.map { setter.line($0) }
        let longest = layouts.map(\.naturalWidth).max() ?? 0
        let x = left + max(style.letter.addressMinX.points, width - longest)
        for (i, layout) in layouts.enumerated() {
            items.append(
                .textLine(layout, line: 0, x: x, baseline: setter.baseline + Double(i) * setter.pitch, color: .black))
        }
        return FlowBox(height: Double(max(1, address.count)) * setter.pitch, items: items, leadText: reference)
    }

    // MARK: memo head

    private func memoTitle(_ title: String) -> FlowBox {
        let layout = setter.line(title, size: style.memo.titleSize.points, bold: true)
        let x = left + (width - layout.naturalWidth) / 2
        // The title sits on the small Garuda's line: its baseline near the emblem's foot.
        let pitch = style.memo.titlePitch.points
        let baseline = style.memo.emblemHeight.points - (pitch - style.memo.titleSize.points) / 2
        return FlowBox(
            height: max(pitch, style.memo.emblemHeight.points + gap),
            items: [.textLine(layout, line: 0, x: x, baseline: baseline, color: .black)], leadText: title)
    }

    /// `ส่วนราชการ …`, `ที่ … วันที่ …`, `เรื่อง …`: 20 pt bold labels and 16 pt values on the
    /// form's dotted lines, which run from the label to the next column. A long value wraps back
    /// to its column's start, on a dotted line of its own.
    private func memoRow(_ fields: [MemoField]) -> FlowBox {
        let pitch = style.memo.rowPitch.points
        let baseline = setter.baseline + (pitch - setter.pitch)
        var items: [PageItem] = []
        var rowLines = 1
        for (i, field) in fields.enumerated() {
            let start = left + (i == 0 ? 0 : style.memo.dateX.points)
            let end = i + 1 < fields.count ? left + style.memo.dateX.points - 6 : left + width
            let label = setter.line(field.label, size: style.memo.labelSize.points, bold: true)
            items.append(.textLine(label, line: 0, x: start, baseline: baseline, color: .black))
            let indent = label.naturalWidth + 6
            let value = setter.layout([Span(field.value)], width: end - start, indent: indent)
            for line in value.lines.indices {
                let y = baseline + Double(line) * setter.pitch
                items.append(.textLine(value, line: line, x: start, baseline: y, color: .black))
                items.append(
                    .dottedLine(
                        fromX: start + (line == 0 ? indent - 3 : 0), toX: end, y: y + 2.5,
                        dash: style.memo.leaderDash.points))
            }
            rowLines = max(rowLines, value.lines.count)
        }
        return FlowBox(height: pitch + Double(rowLines - 1) * setter.pitch, items: items, leadText: fields.first?.label)
    }

    /// A table's rows and cells within the style's limits.
    private func checkLimits(_ table: Table) throws {
        let limits = style.effectiveLimits
        let rows = table.head.count + table.body.count + table.foot.count
        guard rows <= limits.tableRows else {
            throw Style.LimitExceeded(
                what: "table \(tableCount) has \(rows) rows", limit: limits.tableRows, key: "tableRows")
        }
        for (r, row) in (table.head + table.body + table.foot).enumerated() {
            for cell in row {
                let characters = cell.text.reduce(0) { $0 + $1.text.unicodeScalars.count }
                guard characters <= limits.cellCharacters else {
                    throw Style.LimitExceeded(
                        what: "table \(tableCount), row \(r + 1): a cell holds \(characters) characters",
                        limit: limits.cellCharacters, key: "cellCharacters")
                }
            }
        }
    }

    // MARK: heading fields

    /// A label and its text; wrapped lines hang under the text, not the label.
    private func field(label: String, value: [Span]) -> [FlowBox] {
        let labelText = label + " "
        let hang = setter.line(labelText, bold: style.letter.labelsBold).naturalWidth
        let layout = setter.layout(
            [Span(labelText, bold: style.letter.labelsBold)] + value, width: width, indent: -hang)
        return setter.boxes(for: layout, x: left, spaceBefore: gap, keepLines: false)
    }

    /// สิ่งที่ส่งมาด้วย: items after the label, `จำนวน n หน่วย` in aligned columns on each item's last line.
    private func enclosures(label: String, items: [Enclosure]) -> [FlowBox] {
        let labelLayout = setter.line(label + " ", bold: style.letter.labelsBold)
        let itemX = left + labelLayout.naturalWidth
        let quantityX = left + style.letter.enclosureQuantityX.points
        var result: [FlowBox] = []
        for (n, item) in items.enumerated() {
            let numberText = item.number.map { $0 + " " } ?? ""
            let hang = numberText.isEmpty ? 0 : setter.line(numberText).naturalWidth
            let hasQuantity = item.quantity != nil || item.unit != nil
            let textWidth = (hasQuantity ? quantityX - 6 : left + width) - itemX
            let layout = setter.layout([Span(numberText)] + item.text, width: textWidth, indent: -hang)
            var boxes = setter.boxes(for: layout, x: itemX, spaceBefore: n == 0 ? gap : 0, keepLines: false)
            if n == 0 {
                boxes[0].items.insert(
                    .textLine(labelLayout, line: 0, x: left, baseline: setter.baseline, color: .black), at: 0)
                boxes[0].leadText = label
            }
            if hasQuantity {
                var columns: [PageItem] = [
                    .textLine(setter.line("จำนวน"), line: 0, x: quantityX, baseline: setter.baseline, color: .black)
                ]
                if let quantity = item.quantity {
                    let count = setter.line(quantity)
                    columns.append(
                        .textLine(
                            count, line: 0, x: left + style.letter.enclosureCountX.points - count.naturalWidth / 2,
                            baseline: setter.baseline, color: .black))
                }
                if let unit = item.unit {
                    columns.append(
                        .textLine(
                            setter.line(unit), line: 0, x: left + style.letter.enclosureUnitX.points,
                            baseline: setter.baseline, color: .black))
                }
                boxes[boxes.count - 1].items += columns
            }
            result += boxes
        }
        return result
    }

    // MARK: closing, signature, footer

    /// The closing and signature never stand alone: the last lines of the body go with them.
    private func keepTailWithClosing(_ boxes: inout [FlowBox]) {
        var kept = 0
        var index = boxes.count - 1
        while index >= 0, kept < style.paragraph.minimumLinesAtBreak {
            if !boxes[index].isOverlay && boxes[index].height > 0 {
                boxes[index].keepWithNext = true
                kept += 1
            }
            index -= 1
        }
    }

    /// A picture scaled to the width asked for (or its own, at 150 dpi), never wider than the
    /// text nor taller than two thirds of the page, aligned as asked, its caption centred under
    /// it; one box, so picture and caption never part.
    private func figure(_ figure: Figure) throws -> FlowBox {
        let picture = try images.picture(figure.source)
        let aspect = picture.aspect
        let naturalWidth: Double
        switch picture {
        case .vector(let image): naturalWidth = image.width * 0.75
        case .raster(let image): naturalWidth = Double(image.pixelWidth) * 72 / 150
        }
        let tallest = (geometry.height - geometry.top - geometry.bottom) * 2 / 3
        var pictureWidth = min(figure.width ?? naturalWidth, width)
        if pictureWidth * aspect > tallest { pictureWidth = tallest / aspect }
        let pictureHeight = pictureWidth * aspect
        let x: Double
        switch figure.align {
        case .left: x = left
        case .right: x = left + width - pictureWidth
        case .center: x = left + (width - pictureWidth) / 2
        }
        // What a screen reader says for the picture: its caption (else its file's name).
        let alternate = figure.caption.map(\.text).joined()
        var items: [PageItem] = [
            .alternateText(alternate.isEmpty ? figure.source : alternate),
            picture.item(x: x, y: 0, height: pictureHeight),
        ]
        var height = pictureHeight
        if !figure.caption.isEmpty {
            let caption = setter.layout(figure.caption, width: width, alignment: .center)
            for line in caption.lines.indices {
                items.append(
                    .textLine(
                        caption, line: line, x: left,
                        baseline: pictureHeight + gap + setter.baseline + Double(line) * setter.pitch,
                        color: .black))
            }
            height += gap + Double(caption.lines.count) * setter.pitch
        }
        return FlowBox(height: height, spaceBefore: gap, items: items)
    }

    private func signature(_ signature: SignatureBlock, axis: Double, keepWithNext: Bool) throws -> FlowBox {
        let space = style.letter.signatureLines * setter.pitch
        var items: [PageItem] = []
        if let path = signature.image {
            let imageHeight = space * 0.9
            let image = try images.signature(path)
            items.append(image.item(x: axis - imageHeight / image.aspect / 2, y: space * 0.05, height: imageHeight))
        }
        let lines = ["(\(signature.name))"] + signature.positions
        var widest = 0.0
        for (i, text) in lines.enumerated() {
            let layout = setter.line(text)
            widest = max(widest, layout.naturalWidth)
            items.append(
                .textLine(
                    layout, line: 0, x: axis - layout.naturalWidth / 2,
                    baseline: space + setter.baseline + Double(i) * setter.pitch, color: .black))
        }
        switch signature.mode {
        case .field, .none:
            // The signing space, as wide as the signer's lines: where a digital signature goes.
            items.append(
                .signaturePlace(
                    name: signature.name, position: signature.positions.first ?? "",
                    x: axis - widest / 2, y: 0, width: widest, height: space))
        case .typed:
            // The name typed where the signature goes, on the space's last line.
            let typed = setter.line(signature.name)
            items.append(
                .textLine(
                    typed, line: 0, x: axis - typed.naturalWidth / 2, baseline: space - setter.pitch + setter.baseline,
                    color: .black))
        case .picture:
            break
        }
        return FlowBox(
            height: space + Double(lines.count) * setter.pitch, spaceBefore: 0, keepWithNext: keepWithNext,
            items: items, leadText: lines[0])
    }

    /// A sign-off's lines centred on the signature axis, after the space it is signed in when
    /// it has one (a digital signature's field, a picture): as high as a letter's.
    private func signOffBoxes(_ signOff: SignOff) throws -> [FlowBox] {
        let axis = left + style.letter.signatureAxis.points
        var boxes: [FlowBox] = []
        if signOff.space != .none {
            boxes.append(
                FlowBox(
                    height: style.letter.signatureLines * setter.pitch, spaceBefore: 2 * gap, keepWithNext: true,
                    items: try signingSpace(signOff, axis: axis, top: 0)))
        }
        for (i, text) in signOff.lines.enumerated() {
            let layout = setter.line(text)
            boxes.append(
                FlowBox(
                    height: setter.pitch, spaceBefore: i == 0 && boxes.isEmpty ? 2 * gap : 0,
                    keepWithNext: i < signOff.lines.count - 1,
                    items: [
                        .textLine(
                            layout, line: 0, x: axis - layout.naturalWidth / 2, baseline: setter.baseline, color: .black
                        )
                    ],
                    leadText: text))
        }
        return boxes
    }

    /// Sign-offs side by side (the minutes' recorder and reviewer), each centred in its share of
    /// the width, their signing spaces (when any has one) in one row above their lines.
    private func signOffsSideBySide(_ blocks: [SignOff]) throws -> FlowBox {
        let space = blocks.contains { $0.space != .none } ? style.letter.signatureLines * setter.pitch : 0
        var items: [PageItem] = []
        for (column, block) in blocks.enumerated() {
            let axis = left + width * (Double(column) + 0.5) / Double(max(1, blocks.count))
            if block.space != .none { items += try signingSpace(block, axis: axis, top: 0) }
            for (i, text) in block.lines.enumerated() {
                let layout = setter.line(text)
                items.append(
                    .textLine(
                        layout, line: 0, x: axis - layout.naturalWidth / 2,
                        baseline: space + setter.baseline + Double(i) * setter.pitch, color: .black))
            }
        }
        let rows = blocks.map(\.lines.count).max() ?? 0
        return FlowBox(
            height: space + Double(rows) * setter.pitch, spaceBefore: 2 * gap, items: items,
            leadText: blocks.first?.lines.first)
    }

    /// What a sign-off's signing space holds, as wide as its widest line: the signature field
    /// (named by the line in brackets, the signer's name, with the lines after it as the
    /// position) or the picture.
    private func signingSpace(_ signOff: SignOff, axis: Double, top: Double) throws -> [PageItem] {
        let space = style.letter.signatureLines * setter.pitch
        switch signOff.space {
        case .field:
            let widest = signOff.lines.map { setter.line($0).naturalWidth }.max() ?? 0
            let nameIndex = signOff.lines.firstIndex {
                $0.hasPrefix("(") && $0.hasSuffix(")") && !$0.contains("..") && !$0.contains("…")
            }
            let name = nameIndex.map { String(signOff.lines[$0].dropFirst().dropLast()) } ?? signOff.lines.first ?? ""
            let position =
                nameIndex.flatMap { signOff.lines.indices.contains($0 + 1) ? signOff.lines[$0 + 1] : nil } ?? ""
            return [
                .signaturePlace(
                    name: name, position: position, x: axis - widest / 2, y: top, width: widest, height: space)
            ]
        case .picture:
            guard let path = signOff.image else { return [] }
            let imageHeight = space * 0.9
            let image = try images.signature(path)
            return [image.item(x: axis - imageHeight / image.aspect / 2, y: top + space * 0.05, height: imageHeight)]
        case .typed, .none:
            return []
        }
    }

    private func lineBoxes(_ lines: [String], spaceBefore: Double, keepWithNext: Bool) -> [FlowBox] {
        lines.enumerated().map { i, text in
            let layout = setter.line(text)
            return FlowBox(
                height: setter.pitch, spaceBefore: i == 0 ? spaceBefore : 0,
                keepWithNext: keepWithNext || i < lines.count - 1,
                items: [.textLine(layout, line: 0, x: left, baseline: setter.baseline, color: .black)]
                    + setter.linkAreas(layout, line: 0, x: left), leadText: text)
        }
    }
}

extension Block {
    /// Parts that follow the signature and must stay with it.
    var isTrailer: Bool {
        switch self {
        case .footer, .copies: return true
        default: return false
        }
    }
}
