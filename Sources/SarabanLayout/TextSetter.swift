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
    func layout(_ spans: [Span], width: Double?, indent: Double = 0, alignment: TextAlignment = .left,
                size: Double? = nil, bold: Bool = false, tabStop: Double? = nil, protectingUpTo: Int? = nil) -> TextLayout {
        // A width computed from nothing (an empty column) is at least a point, never NaN.
        let width = width.map { $0.isFinite ? max($0, 1) : 1 }
        let runs = spans.map { StyledRun($0.text, bold: $0.bold || bold, italic: $0.italic, underline: $0.underline) }
        let fontSize = (size ?? style.font.size.points) * style.font.scale
        let key = TextLayoutCache.Key(runs: runs, width: width, indent: indent, alignment: alignment, size: fontSize, tabStop: tabStop,
                                      protectingUpTo: protectingUpTo)
        return cache.layout(for: key) {
            let text = runs.map(\.text).joined()
            // A protected stretch must fit its line: at most about as many letters as the width holds.
            let letters = protectingUpTo ?? width.map { Int($0 / (fontSize * 0.55)) } ?? 0
            var noBreak = width == nil ? [] : ThaiLineBreakRules.protectedByteRanges(in: text, maximumLength: letters)
            func make() -> TextLayout {
                TextLayout(fonts: fonts, runs: runs, family: style.font.family, size: fontSize,
                           width: width, indent: indent, alignment: alignment, tabStop: tabStop, noBreak: noBreak,
                           widestGap: style.paragraph.widestJustificationGap.points,
                           unspaced: alignment == .thaiDistributed ? Justification.unspacedRanges(in: text) : [])
            }
            var layout = make()
            // A protected stretch that could not start a line can leave that line so short that
            // justification spreads it letter by letter: the stretch gives way instead.
            while let stretch = stretchLeavingLooseLine(in: layout, protected: noBreak) {
                noBreak.remove(at: stretch)
                layout = make()
            }
            return layout
        }
    }

    /// The protected stretch that starts the line after the first over-justified one, if any.
    private func stretchLeavingLooseLine(in layout: TextLayout, protected: [Range<Int>]) -> Int? {
        guard let loose = layout.lines.indices.dropLast().first(where: { layout.lines[$0].isUnderfull }) else { return nil }
        let next = layout.lines[loose + 1].byteStart
        return protected.firstIndex { $0.lowerBound <= next && next < $0.upperBound }
    }

    func line(_ text: String, size: Double? = nil, bold: Bool = false) -> TextLayout {
        layout([Span(text)], width: nil, size: size, bold: bold)
    }

    var pitch: Double { style.font.linePitch.points }

    /// Clickable areas over the web and e-mail addresses of one line.
    func linkAreas(_ layout: TextLayout, line: Int, x: Double, links: [Links.Link]? = nil) -> [PageItem] {
        (links ?? Links.find(in: layout.text)).compactMap { link in
            layout.span(of: link.range, onLine: line).map { .link(uri: link.uri, x: x + $0.x, y: 0, width: $0.width, height: pitch) }
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
    func boxes(for layout: TextLayout, x: Double, spaceBefore: Double, color: Color = .black,
               keepLines: Bool = true) -> [FlowBox] {
        let count = layout.lines.count
        let minimum = keepLines ? style.paragraph.minimumLinesAtBreak : 1
        let links = Links.find(in: layout.text)
        return (0..<count).map { index in
            var box = FlowBox(height: pitch, items: [.textLine(layout, line: index, x: x, baseline: baseline, color: color)],
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
