import CPangoCairo

/// How a text block's lines sit between its margins.
public enum TextAlignment: String, Sendable, Codable {
    case left, center, right
    /// Thai Distributed (จัดแนวกระจายแบบไทย): every line but the last is flush at both margins,
    /// the slack spread over the gaps between grapheme clusters.
    case thaiDistributed = "thai-distributed"
}

/// A run of text with one look.
public struct StyledRun: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    /// Underlined: drawn by the caller under `TextLayout.underlined` (the glyphs are drawn by
    /// Saraban, not by Pango, so Pango's underline attribute would draw nothing).
    public var underline: Bool
    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
        self.text = text; self.bold = bold; self.italic = italic; self.underline = underline
    }
}

/// One line after breaking, with positions relative to the block's left edge.
public struct LineGeometry: Sendable {
    /// Byte range of the line in the block's UTF-8 text.
    public var byteStart: Int
    public var byteLength: Int
    /// Left edge of the line's first glyph (includes first-line or hanging indent).
    public var x: Double
    /// Advance width without trailing spaces.
    public var width: Double
    /// The room this line may fill (block width minus its indent).
    public var available: Double
    public var isLastOfParagraph: Bool
    /// What Thai Distributed justification added between two grapheme clusters of the line.
    public var justificationGap: Double = 0
    /// Justification stopped at the widest gap allowed and left the line short of the edge.
    public var isUnderfull = false
}

/// A paragraph of text broken into lines by Pango (HarfBuzz shapes, libthai finds Thai word
/// boundaries). The lines are read back and drawn one by one, so the layout engine decides
/// where each line goes on which page.
public final class TextLayout {
    let layout: OpaquePointer
    let fonts: FontLibrary
    public let text: String
    private let utf8: [UInt8]
    public private(set) var lines: [LineGeometry] = []
    /// UTF-8 byte ranges of the underlined runs.
    public private(set) var underlined: [Range<Int>] = []
    public let width: Double?
    public let fontSize: Double
    let alignment: TextAlignment

    /// - Parameters:
    ///   - width: wrapping width in points; nil for a single unwrapped line.
    ///   - indent: first-line indent (positive) or hanging indent of the other lines (negative), in points.
    ///   - noBreak: UTF-8 byte ranges inside which no line may break (dates, names, units).
    ///   - widestGap: the most Thai Distributed adds between two grapheme clusters; a line that
    ///     would need more stays short rather than spaced letter by letter.
    ///   - widestSpaceGap: what a word space may take besides, when the letters have taken all
    ///     they may.
    ///   - unspaced: UTF-8 byte ranges that justification never spaces out (addresses, Latin words).
    public init(
        fonts: FontLibrary, runs: [StyledRun], family: String, size: Double,
        width: Double?, indent: Double = 0, alignment: TextAlignment = .left,
        tabStop: Double? = nil, noBreak: [Range<Int>] = [], widestGap: Double = .infinity, widestSpaceGap: Double = 0,
        unspaced: [Range<Int>] = []
    ) {
        // libthai loads its dictionary on first use without a lock: every layout goes through
        // the one guarded load (at once when another thread has done it).
        ThaiWordBreaker.loadDictionary()
        layout = pango_layout_new(fonts.context)
        self.fonts = fonts
        text = runs.map(\.text).joined()
        utf8 = Array(text.utf8)
        self.width = width
        fontSize = size
        self.alignment = alignment
        let description = FontDescription(family: family, size: size, bold: false)
        pango_layout_set_font_description(layout, description.pointer)
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD)
        }
        pango_layout_set_indent(layout, Int32(indent * Double(PANGO_SCALE)))
        switch alignment {
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .left, .thaiDistributed: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }
        text.withCString { pango_layout_set_text(layout, $0, Int32(utf8.count)) }
        if let tabStop {
            let tabs = pango_tab_array_new(1, 0)
            pango_tab_array_set_tab(tabs, 0, PANGO_TAB_LEFT, Int32(tabStop * Double(PANGO_SCALE)))
            pango_layout_set_tabs(layout, tabs)
            pango_tab_array_free(tabs)
        }

        let attributes = pango_attr_list_new()
        var offset = 0
        for run in runs {
            let length = run.text.utf8.count
            if run.italic {
                let attribute = pango_attr_style_new(PANGO_STYLE_ITALIC)!
                attribute.pointee.start_index = UInt32(offset)
                attribute.pointee.end_index = UInt32(offset + length)
                pango_attr_list_insert(attributes, attribute)
            }
            if run.underline { underlined.append(offset..<(offset + length)) }
            if run.bold {
                let attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD)!
                attribute.pointee.start_index = UInt32(offset)
                attribute.pointee.end_index = UInt32(offset + length)
                pango_attr_list_insert(attributes, attribute)
            }
            offset += length
        }
        let bold = pango_attr_list_copy(attributes)
        for range in noBreak {
            let attribute = pango_attr_allow_breaks_new(0)!
            attribute.pointee.start_index = UInt32(range.lowerBound)
            attribute.pointee.end_index = UInt32(range.upperBound)
            pango_attr_list_insert(attributes, attribute)
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        readLines(indent: indent)
        // A word or a protected stretch longer than the line (a 10,000-letter run, a pasted hash,
        // a royal name in a narrow column) is broken between letters rather than run past the
        // edge; all other text keeps breaking between words only.
        func overflows(by margin: Double) -> Bool {
            width.map { width in lines.contains { $0.x + $0.width > width + margin } } ?? false
        }
        if overflows(by: 0.5) {
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            lines.removeAll()
            readLines(indent: indent)
            // Still wider by more than a letter: a protected stretch is longer than the line
            // (a royal name in a narrow column); it gives way too.
            if overflows(by: size) {
                pango_layout_set_attributes(layout, bold)
                lines.removeAll()
                readLines(indent: indent)
            }
        }
        pango_attr_list_unref(bold)
        if alignment == .thaiDistributed, width != nil {
            for index in lines.indices where !lines[index].isLastOfParagraph {
                distribute(lineIndex: index, widestGap: widestGap, widestSpaceGap: widestSpaceGap, unspaced: unspaced)
            }
        }
    }

    deinit { saraban_g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// The text of one line, without its trailing spaces.
    public func text(ofLine index: Int) -> String {
        let line = lines[index]
        var bytes = utf8[line.byteStart..<(line.byteStart + line.byteLength)]
        while let last = bytes.last, last == 0x20 || last == 0x0A { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The horizontal extent, relative to the line's left edge, of a byte range on line `index`
    /// (clipped to the line); nil when the range is not on that line.
    public func span(of range: Range<Int>, onLine index: Int) -> (x: Double, width: Double)? {
        let line = lines[index]
        let start = max(range.lowerBound, line.byteStart), end = min(range.upperBound, line.byteStart + line.byteLength)
        guard start < end else { return nil }
        let pangoLine = pango_layout_get_line_readonly(layout, Int32(index))!
        var x0: Int32 = 0, x1: Int32 = 0
        pango_layout_line_index_to_x(pangoLine, Int32(start), 0, &x0)
        pango_layout_line_index_to_x(pangoLine, Int32(end), 0, &x1)
        let scale = Double(PANGO_SCALE)
        return (line.x + Double(min(x0, x1)) / scale, Double(abs(x1 - x0)) / scale)
    }

    /// The natural width of the whole text on one line.
    public var naturalWidth: Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// Byte offsets where a line may break (libthai's word boundaries for Thai).
    public func breakOpportunities() -> [Int] {
        var attrsPointer: UnsafeMutablePointer<PangoLogAttr>?
        var count: Int32 = 0
        pango_layout_get_log_attrs(layout, &attrsPointer, &count)
        guard let attrs = attrsPointer else { return [] }
        defer { saraban_free(attrs) }
        var result: [Int] = []
        var charIndex = 0
        var byte = 0
        while charIndex < Int(count) {
            if attrs[charIndex].is_line_break != 0 { result.append(byte) }
            guard byte < utf8.count else { break }
            byte += utf8SequenceLength(utf8[byte])
            charIndex += 1
        }
        return result
    }

    /// The widest stretch between two places where a line may break (libthai's word boundaries),
    /// trailing spaces left out: the narrowest a table column can be without breaking a word.
    /// Read off this layout's own glyphs, line by line, in one pass (asking Pango for the x of a
    /// byte walks the text from its start: a cell of thousands of words took minutes).
    public var widestUnbreakableWidth: Double {
        let boundaries = [0] + breakOpportunities().filter { $0 > 0 && $0 < utf8.count } + [utf8.count]
        var widest = 0.0
        var segment = 0
        for index in lines.indices {
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            var width = 0.0
            var current = -1
            var node = line.pointee.runs
            while let item = node {
                let run = saraban_glyph_item(item)!
                let glyphs = run.pointee.glyphs!
                let itemOffset = Int(run.pointee.item.pointee.offset)
                for g in 0..<Int(glyphs.pointee.num_glyphs) {
                    let byte = itemOffset + Int(glyphs.pointee.log_clusters[g])
                    if byte < utf8.count, utf8[byte] == 0x20 || utf8[byte] == 0x0A { continue }
                    while segment + 1 < boundaries.count, boundaries[segment + 1] <= byte { segment += 1 }
                    while segment > 0, boundaries[segment] > byte { segment -= 1 }
                    if segment != current { width = 0; current = segment }
                    width += Double(glyphs.pointee.glyphs[g].geometry.width) / Double(PANGO_SCALE)
                    widest = max(widest, width)
                }
                node = saraban_slist_next(item)
            }
        }
        return widest
    }

    private func readLines(indent: Double) {
        let count = Int(pango_layout_get_line_count(layout))
        let scale = Double(PANGO_SCALE)
        for i in 0..<count {
            let line = pango_layout_get_line_readonly(layout, Int32(i))!
            let start = Int(line.pointee.start_index)
            let length = Int(line.pointee.length)
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            // Trailing spaces belong to the line but not to its visible width.
            var end = start + length
            while end > start, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x0A { end -= 1 }
            var trimmedX: Int32 = 0
            pango_layout_line_index_to_x(line, Int32(end), 0, &trimmedX)
            if end == start + length { trimmedX = logical.x + logical.width }
            let lineIndent: Double
            if width != nil {
                let firstLine = line.pointee.is_paragraph_start != 0
                lineIndent = (indent > 0 && firstLine) || (indent < 0 && !firstLine) ? abs(indent) : 0
            } else {
                lineIndent = 0
            }
            let lineWidth = Double(trimmedX - logical.x) / scale
            let available = (width ?? lineWidth) - lineIndent
            // Line extents are relative to the line; the indent and the alignment are ours to add.
            let x: Double
            switch alignment {
            case .left, .thaiDistributed: x = lineIndent
            case .center: x = lineIndent + (available - lineWidth) / 2
            case .right: x = lineIndent + available - lineWidth
            }
            let nextStartsParagraph: Bool
            // A line ended by a line break (U+2028, `<br/>`) is set like a paragraph's last.
            let endsWithBreak =
                length >= 3 && utf8[(start + length - 3)..<(start + length)].elementsEqual([0xE2, 0x80, 0xA8])
            if i + 1 < count, !endsWithBreak {
                nextStartsParagraph =
                    pango_layout_get_line_readonly(layout, Int32(i + 1))!.pointee.is_paragraph_start != 0
            } else {
                nextStartsParagraph = true
            }
            lines.append(
                LineGeometry(
                    byteStart: start, byteLength: length,
                    x: x,
                    width: lineWidth,
                    available: available,
                    isLastOfParagraph: nextStartsParagraph))
        }
    }

    /// Thai Distributed: widen the last glyph of every grapheme cluster but the line's last
    /// visible one, by an equal share of the line's slack. Breaks were fixed before, so they
    /// cannot move.
    private func distribute(lineIndex: Int, widestGap: Double, widestSpaceGap: Double, unspaced: [Range<Int>]) {
        let geometry = lines[lineIndex]
        let slack = geometry.available - geometry.width
        guard slack > 0.01 else { return }
        let line = pango_layout_get_line_readonly(layout, Int32(lineIndex))!
        let visibleEnd = geometry.byteStart + text(ofLine: lineIndex).utf8.count
        // (run glyph string, index of a cluster's last glyph, its byte) for every visible cluster.
        var clusterEnds: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, index: Int, byte: Int)] = []
        var node = line.pointee.runs
        while let current = node {
            let run = saraban_glyph_item(current)!
            let glyphs = run.pointee.glyphs!
            let itemOffset = Int(run.pointee.item.pointee.offset)
            let count = Int(glyphs.pointee.num_glyphs)
            for g in 0..<count {
                // Pango gives a Thai mark a cluster of its own: the grapheme cluster ends only where
                // the next glyph stands for a base, or widening would push marks off their consonant.
                let isLastOfCluster =
                    g + 1 == count
                    || glyphs.pointee.glyphs[g + 1].attr.is_cluster_start != 0
                        && !GlyphText.isAttached(scalar(at: itemOffset + Int(glyphs.pointee.log_clusters[g + 1])))
                let byte = itemOffset + Int(glyphs.pointee.log_clusters[g])
                if isLastOfCluster, byte < visibleEnd { clusterEnds.append((glyphs, g, byte)) }
            }
            node = saraban_slist_next(current)
        }
        // The gaps after every cluster but the last, except inside a stretch set solid. The
        // stretches are in text order: only those on this line are looked at (a long paragraph
        // has thousands), found by bisection.
        var low = 0, high = unspaced.count
        while low < high {
            let middle = (low + high) / 2
            if unspaced[middle].upperBound <= geometry.byteStart { low = middle + 1 } else { high = middle }
        }
        let onLine = unspaced[low...].prefix { $0.lowerBound < visibleEnd }
        let widened = clusterEnds.indices.dropLast().filter { i in
            !onLine.contains { $0.contains(clusterEnds[i].byte) && $0.contains(clusterEnds[i + 1].byte) }
        }.map { clusterEnds[$0] }
        guard !widened.isEmpty else {
            lines[lineIndex].isUnderfull = true
            return
        }
        let gaps = Double(widened.count)
        let share = min(slack / gaps, widestGap)
        let spread = share < slack / gaps ? share * gaps : slack
        // What the letters cannot take without reading as letter-spaced goes to the word spaces,
        // which a reader expects to vary (each at most `widestSpaceGap` wider).
        let spaces = widened.filter { utf8[$0.byte] == UInt8(ascii: " ") }
        let spaceShare = spaces.isEmpty ? 0 : min((slack - spread) / Double(spaces.count), widestSpaceGap)
        let added = spread + spaceShare * Double(spaces.count)
        lines[lineIndex].justificationGap = share
        lines[lineIndex].isUnderfull = added < slack - 0.01
        widen(widened, by: share, total: spread)
        widen(spaces, by: spaceShare, total: spaceShare * Double(spaces.count))
        lines[lineIndex].width = geometry.width + added
    }

    /// Adds `share` after each cluster, in Pango units, the rounding spread so that the whole
    /// comes to `total`.
    private func widen(
        _ ends: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, index: Int, byte: Int)], by share: Double,
        total: Double
    ) {
        guard share > 0 else { return }
        let extra = Int32((share * Double(PANGO_SCALE)).rounded(.down))
        var remainder = Int32((total * Double(PANGO_SCALE)).rounded()) - extra * Int32(ends.count)
        for (glyphs, g, _) in ends {
            var add = extra
            if remainder > 0 { add += 1; remainder -= 1 }
            glyphs.pointee.glyphs[g].geometry.width += add
        }
    }

    /// Draws one line with its left edge at `x` (block coordinates already added) and its baseline at `baseline`.
    ///
    /// Glyphs are shown with `cairo_show_text_glyphs`, one cluster per glyph, each glyph carrying
    /// the characters `GlyphText` assigns it, so the PDF's text layer reads back exactly; glyphs
    /// that stand for no character are drawn as outlines.
    public func drawLine(_ index: Int, on canvas: Canvas, x: Double, baseline: Double) {
        let origin = (x: x + lines[index].x, y: baseline)
        func placed(_ glyphs: [cairo_glyph_t]) -> [cairo_glyph_t] {
            glyphs.map { cairo_glyph_t(index: $0.index, x: $0.x + origin.x, y: $0.y + origin.y) }
        }
        for run in preparedLine(index) {
            cairo_set_scaled_font(canvas.cr, run.font)
            let shown = placed(run.shown)
            run.text.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    cairo_show_text_glyphs(
                        canvas.cr, chars.baseAddress, Int32(chars.count), shown, Int32(shown.count),
                        run.clusters, Int32(run.clusters.count), cairo_text_cluster_flags_t(0))
                }
            }
            if !run.outlined.isEmpty {
                let outlined = placed(run.outlined)
                cairo_new_path(canvas.cr)
                cairo_glyph_path(canvas.cr, outlined, Int32(outlined.count))
                cairo_fill(canvas.cr)
            }
        }
    }

    /// One run of a line ready for Cairo, positioned from the line's origin (left edge, baseline).
    private struct PreparedRun {
        /// Cairo's font for the run, owned by the Pango font the layout keeps alive.
        var font: OpaquePointer
        var shown: [cairo_glyph_t]
        var text: [UInt8]
        var clusters: [cairo_text_cluster_t]
        var outlined: [cairo_glyph_t]

        /// The first cluster of a stretch still to be joined with the next letter (see `keepTogether`).
        var openCluster: Int?

        /// A mark the font draws left of its consonant's advance (a tone mark beside the stem of
        /// ป ฝ ฟ, a tone mark over an upper vowel) ends the cluster's last glyph short of where the
        /// next letter starts: text extractors read that gap as a space inside the word (เป้ าหมาย)
        /// and a viewer's search fails. Such a cluster and the letter after it are shown as one
        /// cluster of several glyphs, which Cairo writes with their text as `/ActualText`: a reader
        /// that honours it places the text over the glyphs from the first one's start to the last
        /// one's end, with no gap; a reader that ignores it still gets each glyph's own character.
        mutating func keepTogether(fromCluster first: Int, fromGlyph firstGlyph: Int, baseEnd: Double) {
            let shifted =
                shown.count - firstGlyph > 1
                && shown[(firstGlyph + 1)...].contains { $0.x < baseEnd - Self.markShortfall }
            if let open = openCluster {
                guard !shifted else { return }
                let bytes = clusters[open...].reduce(0) { $0 + Int($1.num_bytes) }
                let glyphs = clusters[open...].reduce(0) { $0 + Int($1.num_glyphs) }
                clusters.removeSubrange(open...)
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(bytes), num_glyphs: Int32(glyphs)))
                openCluster = nil
            } else if shifted {
                openCluster = first
            }
        }

        /// How far left of the base's advance a mark may start before it reads as a gap (pt).
        static let markShortfall = 0.25
    }

    /// Lines already turned into glyphs and their text: a paragraph that repeats from letter to
    /// letter (see the layout cache) is prepared once and only placed afterwards.
    private var prepared: [Int: [PreparedRun]] = [:]

    /// Prepares every line for drawing now.
    public func prepareLines() {
        for index in lines.indices { _ = preparedLine(index) }
    }

    private func preparedLine(_ index: Int) -> [PreparedRun] {
        if let runs = prepared[index] { return runs }
        let runs = prepareLine(index)
        prepared[index] = runs
        return runs
    }

    private func prepareLine(_ index: Int) -> [PreparedRun] {
        let line = pango_layout_get_line_readonly(layout, Int32(index))!
        let scale = Double(PANGO_SCALE)
        var penX = 0.0
        var result: [PreparedRun] = []
        var node = line.pointee.runs
        while let current = node {
            let run = saraban_glyph_item(current)!
            let glyphs = run.pointee.glyphs!.pointee
            let item = run.pointee.item.pointee
            let font = item.analysis.font!
            let cmap = fonts.reverseCmap(for: font)
            let runY = -Double(run.pointee.y_offset) / scale
            let count = Int(glyphs.num_glyphs)
            let itemStart = Int(item.offset)
            let itemEnd = itemStart + Int(item.length)

            var prepared = PreparedRun(
                font: pango_cairo_font_get_scaled_font(OpaquePointer(font)), shown: [], text: [], clusters: [],
                outlined: [], openCluster: nil)
            var g = 0
            while g < count {
                // A grapheme cluster: a base and the marks attached to it, maybe several Pango clusters.
                let start = Int(glyphs.log_clusters[g])
                var end = g + 1
                func clusterText(from first: Int, to last: Int) -> [Unicode.Scalar] {
                    let textEnd = last < count ? itemStart + Int(glyphs.log_clusters[last]) : itemEnd
                    return decodeScalars(utf8[(itemStart + first)..<max(itemStart + first, textEnd)])
                }
                while end < count {
                    if Int(glyphs.log_clusters[end]) == start { end += 1; continue }
                    var next = end + 1
                    while next < count, glyphs.log_clusters[next] == glyphs.log_clusters[end] { next += 1 }
                    guard GlyphText.isAttached(scalar(at: itemStart + Int(glyphs.log_clusters[end]))) else { break }
                    end = next
                }
                // A mark the font moves right of its consonant's advance (a tone mark over ั or ี,
                // by up to 0.6 pt in Laksaman) would be read after the next letter by viewers that
                // order text by position (ทั้ง → ทัง้): it is kept at the end of that advance.
                let baseEnd = penX + Double(glyphs.glyphs[g].geometry.width) / scale
                let firstCluster = prepared.clusters.count, firstGlyph = prepared.shown.count
                func markX(_ x: Double, isMark: Bool) -> Double { isMark && x > baseEnd ? baseEnd : x }
                // Most clusters: each glyph is the nominal glyph of the character in its place,
                // and is shown with that character's bytes as they are.
                let textStart = itemStart + start
                let textEnd = end < count ? itemStart + Int(glyphs.log_clusters[end]) : itemEnd
                var byte = textStart
                var matches = true
                for gi in g..<end {
                    guard byte < textEnd, let character = cmap[glyphs.glyphs[gi].glyph], scalar(at: byte) == character
                    else { matches = false; break }
                    byte += utf8SequenceLength(utf8[byte])
                }
                if matches, byte == textEnd {
                    byte = textStart
                    for gi in g..<end {
                        let info = glyphs.glyphs[gi]
                        let length = utf8SequenceLength(utf8[byte])
                        let character = scalar(at: byte)
                        let isMark = gi > g && GlyphText.isAttached(character) && character != GlyphText.saraAm
                        prepared.shown.append(
                            cairo_glyph_t(
                                index: UInt(info.glyph),
                                x: markX(penX + Double(info.geometry.x_offset) / scale, isMark: isMark),
                                y: runY + Double(info.geometry.y_offset) / scale))
                        penX += Double(info.geometry.width) / scale
                        prepared.text += utf8[byte..<(byte + length)]
                        prepared.clusters.append(cairo_text_cluster_t(num_bytes: Int32(length), num_glyphs: 1))
                        byte += length
                    }
                    prepared.keepTogether(fromCluster: firstCluster, fromGlyph: firstGlyph, baseEnd: baseEnd)
                    g = end
                    continue
                }
                let characters = clusterText(from: start, to: end)
                let glyphCharacters = (g..<end).map { cmap[glyphs.glyphs[$0].glyph] }
                let assignment = GlyphText.assign(characters: characters, glyphCharacters: glyphCharacters)
                var group: [(order: Int, glyph: cairo_glyph_t, text: [UInt8])] = []
                for (k, gi) in (g..<end).enumerated() {
                    let info = glyphs.glyphs[gi]
                    let isMark =
                        k > 0
                        && glyphCharacters[k].map {
                            GlyphText.isAttached($0) && $0 != GlyphText.saraAm && $0 != GlyphText.saraAa
                        } ?? true
                    var glyph = cairo_glyph_t(
                        index: UInt(info.glyph),
                        x: markX(penX + Double(info.geometry.x_offset) / scale, isMark: isMark),
                        y: runY + Double(info.geometry.y_offset) / scale)
                    penX += Double(info.geometry.width) / scale
                    if info.glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 || info.glyph == PANGO_GLYPH_EMPTY { continue }
                    guard let firstIndex = assignment[k].first else {
                        // The font's own ำ glyph carries its nikhahit: the shaper's would be drawn twice.
                        let isNikhahitOfSaraAm = glyphCharacters[k] == GlyphText.nikhahit && cmap.saraAmGlyph != nil
                        if !isNikhahitOfSaraAm { prepared.outlined.append(glyph) }
                        continue
                    }
                    let scalars = assignment[k].map { characters[$0] }
                    if scalars == [GlyphText.saraAm], glyphCharacters[k] != GlyphText.saraAm,
                        let saraAm = cmap.saraAmGlyph
                    {
                        glyph.index = UInt(saraAm)
                    }
                    var bytes: [UInt8] = []
                    for scalar in scalars { bytes.append(contentsOf: UTF8.encode(scalar)!) }
                    group.append((firstIndex, glyph, bytes))
                }
                // Shown in the order of their characters, so every reader gets the text's order.
                for entry in group.sorted(by: { $0.order < $1.order }) {
                    prepared.text += entry.text
                    prepared.clusters.append(cairo_text_cluster_t(num_bytes: Int32(entry.text.count), num_glyphs: 1))
                    prepared.shown.append(entry.glyph)
                }
                prepared.keepTogether(fromCluster: firstCluster, fromGlyph: firstGlyph, baseEnd: baseEnd)
                g = end
            }
            result.append(prepared)
            node = saraban_slist_next(current)
        }
        return result
    }

    /// Adds the line's glyph outlines to the current path (for stamps that are not text).
    public func appendOutline(_ index: Int, on canvas: Canvas, x: Double, baseline: Double) {
        let line = pango_layout_get_line_readonly(layout, Int32(index))!
        cairo_move_to(canvas.cr, x + lines[index].x, baseline)
        pango_cairo_layout_line_path(canvas.cr, line)
    }

    /// Ascent and descent of the layout's font at its size, from the font's metrics.
    public var fontExtents: (ascent: Double, descent: Double) {
        var ink = PangoRectangle(), logical = PangoRectangle()
        let line = pango_layout_get_line_readonly(layout, 0)!
        pango_layout_line_get_extents(line, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        return (Double(-logical.y) / scale, Double(logical.height + logical.y) / scale)
    }
}

extension TextLayout {
    /// The character that starts at byte `offset` of the text.
    func scalar(at offset: Int) -> Unicode.Scalar {
        var decoder = UTF8()
        var iterator = utf8[offset...].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }
}

func utf8SequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0..<0x80: return 1
    case 0xC0..<0xE0: return 2
    case 0xE0..<0xF0: return 3
    default: return 4
    }
}

/// The scalars of a stretch of valid UTF-8.
func decodeScalars(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while case .scalarValue(let scalar) = decoder.decode(&iterator) { result.append(scalar) }
    return result
}
