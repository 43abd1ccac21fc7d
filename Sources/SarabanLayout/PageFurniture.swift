import SarabanGraphics
import ThaiText

/// What every page carries besides its flow: the page number `- ๒ -` from page 2, the
/// continuation marker (คำต่อ) `/๔. การบริหาร...` at the foot of every page that continues,
/// the secrecy class (ชั้นความลับ) at top and bottom centre, and the specimen stamp.
struct PageFurniture {
    let setter: TextSetter
    let style: Style

    func pageNumber(_ number: Int, on page: PageGeometry) -> PageItem {
        let layout = setter.line(ThaiDigits.toThai("- \(number) -"))
        return .textLine(
            layout, line: 0, x: page.frameCentre - layout.naturalWidth / 2,
            baseline: style.furniture.pageNumberBaseline.points, color: .black)
    }

    /// `/` + the first words of the next page + `...`, flush with the right margin on the reserved last line.
    func continuationMarker(nextPageLead lead: String, on page: PageGeometry) -> PageItem {
        // A tab (มติที่ประชุม⇥รับทราบ) would open a hole in the marker: it reads as a space.
        let lead = String(String.UnicodeScalarView(lead.unicodeScalars.map { $0 == "\t" ? " " : $0 }))
        let layout = setter.line("/" + leadingWords(of: lead) + "...")
        let right = page.width - page.right
        let baseline = page.height - page.bottom - style.font.linePitch.points + style.font.baseline.points
        return .textLine(layout, line: 0, x: right - layout.naturalWidth, baseline: baseline, color: .black)
    }

    /// The shortest prefix of `text` that ends at a word boundary (libthai's) and holds at least
    /// the style's minimum of letters: `๔. การบริหารจัดการงบประมาณ` → `๔. การบริหาร`.
    func leadingWords(of text: String) -> String {
        let bytes = Array(text.utf8)
        let breaks = setter.line(text).breakOpportunities().filter { $0 > 0 && $0 < bytes.count }
        let minimum = style.furniture.continuationMinCharacters
        for offset in breaks {
            let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
            let letters = prefix.unicodeScalars.filter {
                !$0.properties.isWhitespace && $0.properties.generalCategory != .nonspacingMark
            }.count
            if letters >= minimum { return prefix.trimmingTrailingSpaces() }
        }
        return text
    }

    func secrecy(_ text: String, on page: PageGeometry) -> [PageItem] {
        let layout = setter.line(text, size: style.furniture.secrecySize.points, bold: true)
        let x = page.width / 2 - layout.naturalWidth / 2
        // The bottom mark keeps its distance from the paper's lower edge whatever the orientation.
        let bottom = page.height - (style.page.height.points - style.furniture.secrecyBottomBaseline.points)
        return [style.furniture.secrecyTopBaseline.points, bottom].map {
            .textLine(layout, line: 0, x: x, baseline: $0, color: .stampRed)
        }
    }

    /// "ตัวอย่าง" up the left margin, as outlines: a stamp on the paper, not words of the letter.
    func specimen(on page: PageGeometry) -> PageItem {
        let layout = setter.line(style.furniture.specimenText, size: style.furniture.specimenSize.points, bold: true)
        let x = page.left / 2 + style.furniture.specimenSize.points * style.font.scale * 0.5
        let y = page.height / 2 + layout.naturalWidth / 2
        return .outlinedLine(
            layout, line: 0, x: x, baseline: y, color: Color(red: 0.8, green: 0.2, blue: 0.2), rotation: -90)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
