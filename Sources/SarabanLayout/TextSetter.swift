import SarabanDocument
import SarabanGraphics
import ThaiText

/// Where a line breaks: text becomes a Pango layout with the Thai no-break stretches
/// (dates, units, names, ๆ) protected, then lines are cut into flow boxes at the style's pitch.
struct TextSetter {
    let fonts: FontLibrary
    let style: Style
    let cache: TextLayoutCache

    /// - Parameter protectingUpTo: the longest stretch (in letters) kept on one line; by default
    ///   as many letters as the width holds at most (a table's heading, whose column was made
    ///   wide enough for its stretches, keeps them all).
    func layout(
        _ spans: [Span], width: Double?, indent: Double = 0, alignment: TextAlignment = .left,
        size: Double? = nil, bold: Bool = false, tabStop: Double? = nil, protectingUpTo: Int? = nil
    ) -> TextLayout {
        // A width computed from nothing (an empty column) is at least a point, never NaN.
        let width = width.map { $0.isFinite ? max($0, 1) : 1 }
        let runs = spans.map { StyledRun($0.text, bold: $0.bold || bold, italic: $0.italic, underline: $0.underline) }
        let fontSize = (size ?? style.font.size.points) * style.font.scale
        let bodySize = style.font.size.points * style.font.scale
        let key = TextLayoutCache.Key(
            runs: runs, width: width, indent: indent, alignment: alignment, size: fontSize, tabStop: tabStop,
            protectingUpTo: protectingUpTo)
        return cache.layout(for: key) {
            let text = runs.map(\.text).joined()
            // A protected stretch must fit its line: at most about as many letters as the width holds.
            let letters = protectingUpTo ?? width.map { Int($0 / (fontSize * 0.55)) } ?? 0
            var noBreak = width == nil ? [] : ThaiLineBreakRules.protectedByteRanges(in: text, maximumLength: letters)
            func make(_ noBreak: [Range<Int>]) -> TextLayout {
                TextLayout(
                    fonts: fonts, runs: runs, family: style.font.family, size: fontSize,
                    width: width, indent: indent, alignment: alignment, tabStop: tabStop, noBreak: noBreak,
                    // The limits are the body size's; smaller table text is held to as much of its em.
                    widestGap: style.paragraph.widestJustificationGap.points * fontSize / bodySize,
                    widestSpaceGap: style.paragraph.widestSpaceGap.points * fontSize / bodySize,
                    unspaced: alignment == .thaiDistributed ? Justification.unspacedRanges(in: text) : [])
            }
            var layout = make(noBreak)
            // A protected stretch (a date, a royal name) that cannot start a line leaves the line
            // before it short, when neither its letters nor its spaces may take the slack. First
            // the line before gives it a word (its own break is forbidden, so its last word comes
            // down); failing that, the stretch gives way at its first space, its parts kept whole
            // (วันที่ | ๕ กันยายน ๒๕๖๒, สมเด็จพระกนิษฐาธิราชเจ้า | กรมสมเด็จพระ…). A stretch with
            // no space left stays whole and the line short.
            let utf8 = Array(text.utf8)
            for _ in 0..<Self.reflowAttempts {
                // Only a short line that a protected stretch starts after is mended; one short for
                // another reason (a web address set solid) stays as it is.
                guard let loose = Self.firstLooseLine(layout), !noBreak.isEmpty,
                    noBreak.contains(where: {
                        $0.lowerBound <= layout.lines[loose + 1].byteStart
                            && layout.lines[loose + 1].byteStart < $0.upperBound
                    })
                else { break }
                if loose > 0 {
                    let start = layout.lines[loose].byteStart
                    var before = start - 1
                    while before > 0, utf8[before] & 0xC0 == 0x80 { before -= 1 }
                    let trial = noBreak + [before..<(start + 1)]
                    let candidate = make(trial)
                    if (Self.firstLooseLine(candidate) ?? .max) > loose {
                        noBreak = trial
                        layout = candidate
                        continue
                    }
                }
                let next = layout.lines[loose + 1].byteStart
                guard let stretch = noBreak.firstIndex(where: { $0.lowerBound <= next && next < $0.upperBound }),
                    let space = utf8[noBreak[stretch]].firstIndex(of: UInt8(ascii: " ")),
                    space + 1 < noBreak[stretch].upperBound
                else { break }
                let range = noBreak[stretch]
                noBreak.replaceSubrange(
                    stretch...stretch, with: [range.lowerBound..<space, (space + 1)..<range.upperBound])
                layout = make(noBreak)
            }
            return layout
        }
    }

    /// How many times a paragraph is broken again to mend a short line.
    static let reflowAttempts = 8

    /// The first line short of the measure that is not a paragraph's last.
    private static func firstLooseLine(_ layout: TextLayout) -> Int? {
        layout.lines.indices.dropLast().first { layout.lines[$0].isUnderfull }
    }

    func line(_ text: String, size: Double? = nil, bold: Bool = false) -> TextLayout {
        layout([Span(text)], width: nil, size: size, bold: bold)
    }

    var pitch: Double { style.font.linePitch.points }

    /// Clickable areas over the web and e-mail addresses of one line.
    func linkAreas(_ layout: TextLayout, line: Int, x: Double, links: [Links.Link]? = nil) -> [PageItem] {
        (links ?? Links.find(in: layout.text)).compactMap { link in
            layout.span(of: link.range, onLine: line).map {
                .link(uri: link.uri, x: x + $0.x, y: 0, width: $0.width, height: pitch)
            }
        }
    }
    var baseline: Double { style.font.baseline.points }

    /// Rules under the underlined runs of one line, a little below the baseline.
    func underlines(_ layout: TextLayout, line: Int, x: Double) -> [PageItem] {
        layout.underlined.compactMap { range in
            layout.span(of: range, onLine: line).map { span in
                let y = baseline + style.font.size.points * style.font.scale * 0.12
                return .rule(x1: x + span.x, y1: y, x2: x + span.x + span.width, y2: y, lineWidth: 0.5)
            }
        }
    }

    /// One flow box per line; `x` is the left edge of the layout on the page. Paragraph lines
    /// carry keep-with-next so that no paragraph leaves fewer than the style's minimum of lines
    /// at the foot or the head of a page.
    func boxes(
        for layout: TextLayout, x: Double, spaceBefore: Double, color: Color = .black,
        keepLines: Bool = true
    ) -> [FlowBox] {
        let count = layout.lines.count
        let minimum = keepLines ? style.paragraph.minimumLinesAtBreak : 1
        let links = Links.find(in: layout.text)
        return (0..<count).map { index in
            var box = FlowBox(
                height: pitch, items: [.textLine(layout, line: index, x: x, baseline: baseline, color: color)],
                leadText: layout.text(ofLine: index))
            box.items += linkAreas(layout, line: index, x: x, links: links)
            box.items += underlines(layout, line: index, x: x)
            if index == 0 { box.spaceBefore = spaceBefore }
            // Keep the first lines together, and the last ones with those before them.
            if index < minimum - 1 || index >= count - minimum { box.keepWithNext = index < count - 1 }
            return box
        }
    }
}
