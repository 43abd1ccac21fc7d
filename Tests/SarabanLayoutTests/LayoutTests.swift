import Foundation
import SarabanDocument
import SarabanGraphics
import Testing

@testable import SarabanLayout

let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
    return url.path
}()

/// A layout engine. Suites run in parallel and Pango objects must not be used from two threads
/// at once, so each suite has its own (its tests run one after the other: `.serialized`).
final class Fixture: @unchecked Sendable {
    let fonts: FontLibrary
    let style: Style
    let engine: LayoutEngine
    init() {
        fonts = try! FontLibrary(directories: [root + "/Fonts"])
        style = try! Style.load(path: root + "/Templates/style.yaml")
        engine = try! LayoutEngine(fonts: fonts, style: style, emblemPath: root + "/Resources/garuda.svg")
    }
}

let longText = String(repeating: "การพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน ของประชาชนในพื้นที่เป้าหมาย ", count: 6)

@Suite("Layout", .serialized)
struct LayoutTests {
    static let sharedFixture = Fixture()
    let fixture = LayoutTests.sharedFixture
    var cm: Double { 72 / 2.54 }

    /// A table column's narrowest width comes from the text's one-line layout: the widest of the
    /// stretches between the places a line may break, each as wide as it is set on its own.
    @Test(arguments: ["การพัฒนาศักยภาพสัมมาชีพชุมชน", "จำนวน ๕๓๓,๘๐๐ บาท", "สำนักงานพัฒนาชุมชนจังหวัดลำปาง โทร. ๐ ๕๔๒๖ ๕๐๕๕", "ก"])
    func narrowestColumnWidthIsTheWidestWord(text: String) {
        let setter = TextSetter(fonts: fixture.fonts, style: fixture.style, cache: TextLayoutCache())
        let line = setter.line(text)
        let bytes = Array(text.utf8)
        let cuts = [0] + line.breakOpportunities().filter { $0 > 0 && $0 < bytes.count } + [bytes.count]
        let atNoWidth =
            zip(cuts, cuts.dropFirst()).map { start, end in
                setter.line(String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces))
                    .naturalWidth
            }.max() ?? 0
        let fromOneLine = line.widestUnbreakableWidth
        #expect(abs(fromOneLine - atNoWidth) < 0.5, "\(fromOneLine) vs \(atNoWidth)")
        #expect(fromOneLine > 0)
    }

    /// `text` as a body paragraph: the page's width, the first-line indent, Thai Distributed.
    func bodyParagraph(_ text: String) -> TextLayout {
        let setter = TextSetter(fonts: fixture.fonts, style: fixture.style, cache: TextLayoutCache())
        let width = PageGeometry(style: fixture.style, orientation: .portrait).textWidth
        return setter.layout(
            [Span(text)], width: width, indent: fixture.style.paragraph.firstLineIndent.points,
            alignment: .thaiDistributed)
    }

    /// Seed 001's paragraph whose date could not start a line: justified, that line spread its
    /// slack letter by letter; the slack goes to the line's spaces, or the date's protection
    /// gives way at its first space (วันที่ | ๑ มิถุนายน ๒๕๖๓).
    @Test func aProtectedDateDoesNotLeaveAnOverJustifiedLine() throws {
        let text =
            "เพื่อให้การดำเนินงานตามโครงการพัฒนาชุมชนใสสะอาด ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ เป็นไปด้วยความเรียบร้อย บรรลุวัตถุประสงค์ที่กำหนดไว้ จังหวัดลพบุรีจึงขอให้อำเภอ ดำเนินโครงการพัฒนาชุมชนใสสะอาดตามแนวทางที่กำหนด และให้ดำเนินการขับเคลื่อนกิจกรรมในมิติที่ ๕ ด้านสภาพแวดล้อมสถานที่ทำงาน (กิจกรรม ๕ ส) ให้เห็นเป็นรูปธรรมอย่างต่อเนื่องและสม่ำเสมอ แล้วรายงานผลการดำเนินงาน(กิจกรรม๕ ส) ให้จังหวัดทราบ ภายในวันที่ ๑ มิถุนายน ๒๕๖๓ รายละเอียดสิ่งที่ส่งมาด้วยสามารถดาวน์โหลดได้ที่ www.lopburi.cdd.go.th"
        let layout = bodyParagraph(text)
        let widest = fixture.style.paragraph.widestJustificationGap.points
        #expect(layout.lines.count > 2)
        for line in layout.lines.dropLast() {
            #expect(line.justificationGap <= widest, "a line spread by \(line.justificationGap) pt between letters")
            #expect(
                !line.isUnderfull && abs(line.width - line.available) < 0.01,
                "the date gave way, so every line is flush")
        }
    }

    /// Seed 001's paragraph that opens with a web address Pango can only break after its `?`:
    /// the line stays short of the edge rather than spaced more than the widest gap a letter.
    @Test func aLineThatCannotFillStopsAtTheWidestGap() throws {
        let text =
            "https://logbook.tpmapp.in.th/house?house_id=๑๔๑๖๒๕&village_id=๑๖๐๑๖๐๗๐๑ จะต้องใช้ Password ที่จังหวัดได้จัดส่งไปให้เพื่อดำเนินการบันทึกข้อมูล TPMAP logbook"
        let layout = bodyParagraph(text)
        let widest = fixture.style.paragraph.widestJustificationGap.points
        let first = try #require(layout.lines.first)
        #expect(layout.text(ofLine: 0).hasSuffix("house?"))
        // The address is the whole line, and an address is never spaced out: the line stays as set.
        #expect(first.isUnderfull)
        #expect(first.justificationGap == 0)
        #expect(first.width < first.available - 1)
        #expect(layout.lines.allSatisfy { $0.justificationGap <= widest })
        for line in layout.lines.dropFirst().dropLast() { #expect(abs(line.width - line.available) < 0.01) }
    }

    func textLines(_ page: Page) -> [(layout: TextLayout, line: Int, x: Double, baseline: Double)] {
        page.items.compactMap {
            if case let .textLine(layout, line, x, baseline, _) = $0 { return (layout, line, x, baseline) }
            return nil
        }
    }

    /// Thai is spread between its clusters; a Latin word is not spread between its letters.
    @Test func latinWordsAreNotLetterSpaced() throws {
        let text =
            String(repeating: "จังหวัดลพบุรีมีครัวเรือนเป้าหมายเป็นกลุ่มเป้าหมาย ", count: 3) + "TPMAP logbook "
            + String(repeating: "ดำเนินการบันทึกข้อมูลครัวเรือน ", count: 6)
        let layout = bodyParagraph(text)
        let word = try #require(text.utf8.ranges(of: "logbook".utf8).first)
        let start = text.utf8.distance(from: text.utf8.startIndex, to: word.lowerBound)
        let range = start..<(start + "logbook".utf8.count)
        let line = try #require(layout.lines.indices.first { layout.span(of: range, onLine: $0) != nil })
        try #require(
            line < layout.lines.count - 1 && layout.lines[line].justificationGap > 0.1,
            "the word sits on a justified line")
        // From the word's first letter to its last (the gap after it may widen, as any word's).
        let letters = range.lowerBound..<(range.upperBound - 1)
        let typed = TextSetter(fonts: fixture.fonts, style: fixture.style, cache: TextLayoutCache()).line("logbook")
        let natural = try #require(typed.span(of: 0..<6, onLine: 0)).width
        let set = try #require(layout.span(of: letters, onLine: line)).width
        #expect(abs(set - natural) < 0.01, "logboo set \(set) pt wide, \(natural) pt as typed")
    }

    /// Offices underline what must not be missed: a rule under exactly the underlined words.
    @Test func underlinedWordsHaveARuleUnderThemAndOnlyThem() throws {
        let spans = [Span("ให้ทุกอำเภอรายงานผล "), Span("ภายในวันที่ ๑๐ ธันวาคม ๒๕๖๙", underline: true), Span(" ทุกกรณี")]
        let page = try fixture.engine.layout(Document(kind: .letter, blocks: [.paragraph(spans)])).pages[0]
        let rules = page.items.compactMap { item -> (Double, Double, Double)? in
            if case let .rule(x1, y1, x2, _, _) = item { return (x1, x2, y1) } else { return nil }
        }
        #expect(rules.count == 1, "\(rules)")
        let line = try #require(textLines(page).first)
        let text = line.layout.text
        let start = text.utf8.count - "ภายในวันที่ ๑๐ ธันวาคม ๒๕๖๙ ทุกกรณี".utf8.count
        let underlined = try #require(
            line.layout.span(of: start..<(start + "ภายในวันที่ ๑๐ ธันวาคม ๒๕๖๙".utf8.count), onLine: 0))
        let rule = try #require(rules.first)
        #expect(
            abs(rule.0 - (line.x + underlined.x)) < 0.5
                && abs(rule.1 - (line.x + underlined.x + underlined.width)) < 0.5)
    }

    @Test func thaiDistributedLinesAreFlushWithoutHoles() throws {
        let document = Document(kind: .letter, blocks: [.paragraph([Span(longText)])])
        let page = try fixture.engine.layout(document).pages[0]
        let lines = textLines(page)
        #expect(lines.count >= 3)
        let right = fixture.style.page.width.points - fixture.style.page.marginRight.points
        for entry in lines.dropLast() {
            let geometry = entry.layout.lines[entry.line]
            #expect(abs(entry.x + geometry.x + geometry.width - right) < 0.05, "line \(entry.line) ends at the margin")
        }
        let last = try #require(lines.last)
        #expect(
            last.x + last.layout.lines[last.line].x + last.layout.lines[last.line].width < right - 1,
            "the last line is not stretched")
        // The first line starts at the 2.5 cm indent, the others at the margin.
        #expect(abs(lines[0].x + lines[0].layout.lines[0].x - (3 + 2.5) * cm) < 0.01)
        #expect(abs(lines[1].x + lines[1].layout.lines[1].x - 3 * cm) < 0.01)
    }

    @Test func justificationDoesNotMoveBreaks() throws {
        let distributed = TextLayout(
            fonts: fixture.fonts, runs: [StyledRun(longText)], family: "Laksaman", size: 11,
            width: 450, indent: 70, alignment: .thaiDistributed)
        let left = TextLayout(
            fonts: fixture.fonts, runs: [StyledRun(longText)], family: "Laksaman", size: 11,
            width: 450, indent: 70, alignment: .left)
        #expect(distributed.lines.map(\.byteStart) == left.lines.map(\.byteStart))
        #expect(distributed.text == longText, "no invisible characters added")
    }

    @Test func protectedStretchesStayOnOneLine() throws {
        let text =
            String(repeating: "ก", count: 60) + " ภายในวันที่ ๑๓ กันยายน ๒๕๖๑ ก่อนเวลา ๑๒.๐๐ น. "
            + String(repeating: "ข", count: 30)
        let setter = TextSetter(fonts: fixture.fonts, style: fixture.style, cache: TextLayoutCache())
        for width in stride(from: 200.0, through: 420, by: 20) {
            let layout = setter.layout([Span(text)], width: width)
            let lines = layout.lines.indices.map { layout.text(ofLine: $0) }
            #expect(lines.contains { $0.contains("๑๓ กันยายน ๒๕๖๑") }, "width \(width): \(lines)")
            #expect(lines.contains { $0.contains("๑๒.๐๐ น.") })
        }
    }

    @Test func garudaIsThreeCentimetresCentredOnPageOne() throws {
        let document = Document(kind: .letter, blocks: [.emblem(.large), .paragraph([Span("ข้อความ")])])
        let page = try fixture.engine.layout(document).pages[0]
        let emblem = try #require(
            page.items.compactMap { item -> (Double, Double, Double, Double)? in
                if case let .vector(image, x, y, height) = item {
                    return (x, y, height, height * image.width / image.height)
                }
                return nil
            }.first)
        #expect(abs(emblem.2 - 3 * cm) < 0.01)
        #expect(abs(emblem.1 - 1.5 * cm) < 0.01, "top 1.5 cm from the paper's edge")
        #expect(abs(emblem.0 + emblem.3 / 2 - page.width / 2) < 0.01, "centred on the page")
    }

    @Test func memoEmblemIsSmallAtTopLeft() throws {
        let document = Document(kind: .memo, blocks: [.emblem(.small), .memoTitle("บันทึกข้อความ")])
        let page = try fixture.engine.layout(document).pages[0]
        guard
            case let .vector(_, x, y, height)? = page.items.first(where: {
                if case .vector = $0 { return true }; return false
            })
        else {
            Issue.record("no emblem"); return
        }
        #expect(abs(height - 1.5 * cm) < 0.01)
        #expect(abs(x - 3 * cm) < 0.01)
        #expect(abs(y - 1.5 * cm) < 0.01)
    }

    @Test func closingAndSignatureNeverStandAlone() throws {
        // Enough one-line paragraphs to fill page one, for every possible filling.
        for count in 30...40 {
            let body = (0..<count).map { Block.paragraph([Span("ย่อหน้าที่ \($0)")]) }
            let document = Document(
                kind: .letter,
                blocks: body + [
                    .closing("ขอแสดงความนับถือ"), .signature(SignatureBlock(name: "นาย ก", positions: ["ตำแหน่ง"])),
                ])
            let pages = try fixture.engine.layout(document).pages
            let last = try #require(pages.last)
            let texts = textLines(last).map { $0.layout.text(ofLine: $0.line) }
            let closingIndex = try #require(texts.firstIndex(of: "ขอแสดงความนับถือ"))
            let bodyBefore = texts[..<closingIndex].filter { $0.hasPrefix("ย่อหน้า") }
            #expect(bodyBefore.count >= 2, "\(count) paragraphs: the closing's page starts with \(texts.prefix(3))")
        }
    }

    @Test func everyContinuedPageNamesTheNextPagesFirstWords() throws {
        let body = (0..<12).map { Block.paragraph([Span("\($0). " + longText)]) }
        let pages = try fixture.engine.layout(Document(kind: .letter, blocks: body)).pages
        #expect(pages.count >= 2)
        for (index, page) in pages.enumerated() {
            let texts = textLines(page).map { $0.layout.text(ofLine: $0.line) }
            let marker = texts.last { $0.hasPrefix("/") && $0.hasSuffix("...") }
            if index + 1 < pages.count {
                let next = textLines(pages[index + 1]).map { $0.layout.text(ofLine: $0.line) }.filter {
                    !$0.hasPrefix("- ")
                }
                let words = try #require(marker).dropFirst().dropLast(3)
                #expect(next[0].hasPrefix(String(words)), "page \(index + 1): \(marker ?? "") vs \(next[0])")
                #expect(words.count >= 6)
            } else {
                #expect(marker == nil, "the last page has no marker")
            }
            if index > 0 { #expect(texts.first == "- \(["๒", "๓", "๔", "๕"][index - 1]) -") }
        }
    }

    @Test func secrecyMarkOnEveryPageTopAndBottom() throws {
        var document = Document(kind: .letter, blocks: (0..<12).map { _ in Block.paragraph([Span(longText)]) })
        document.options.secrecy = "ลับมาก"
        let pages = try fixture.engine.layout(document).pages
        for page in pages {
            let marks = page.items.compactMap { item -> Double? in
                if case let .textLine(layout, _, _, baseline, color) = item, layout.text == "ลับมาก", color == .stampRed
                {
                    return baseline
                }
                return nil
            }
            #expect(marks.count == 2)
            #expect(marks.min()! < 2 * cm && marks.max()! > page.height - 2 * cm)
        }
    }
}

@Suite("Tables", .serialized)
struct TableLayoutTests {
    static let sharedFixture = Fixture()
    let fixture = TableLayoutTests.sharedFixture

    func cell(_ text: String, colspan: Int = 1, rowspan: Int = 1) -> TableCell {
        TableCell(text: [Span(text)], colspan: colspan, rowspan: rowspan)
    }

    func texts(_ page: Page) -> [String] {
        page.items.compactMap {
            if case let .textLine(layout, line, _, _, _) = $0 { return layout.text(ofLine: line) } else { return nil }
        }
    }

    @Test func longCellsRunOverPagesWithTheHeaderRepeated() throws {
        // Far more than a page even in the smaller type a nearly fitting table gets.
        let long = String(repeating: "ข้อสั่งการให้อำเภอดำเนินการตามแนวทางที่กำหนด ", count: 110)
        let table = Table(
            columns: [
                TableColumn(width: 40, align: .center), TableColumn(width: nil, align: .left),
                TableColumn(width: nil, align: .left),
            ],
            head: [[cell("ที่"), cell("ประเด็น"), cell("ข้อสั่งการ")]],
            body: [[cell("๑"), cell("สั้น"), cell(long)], [cell("๒"), cell("ข้อสอง"), cell("จบ")]], foot: [])
        let pages = try fixture.engine.layout(Document(kind: .letter, blocks: [.table(table)])).pages
        #expect(pages.count >= 2, "the long row runs on")
        for page in pages { #expect(texts(page).contains("ข้อสั่งการ"), "the header on every page") }
        // No text is lost: every line of the long cell is drawn once.
        let others: Set<String> = ["ที่", "ประเด็น", "ข้อสั่งการ", "๑", "สั้น", "๒", "ข้อสอง", "จบ"]
        let drawn = pages.flatMap(texts).filter { !others.contains($0) && !$0.hasPrefix("/") && !$0.hasPrefix("- ") }
            .joined()
        #expect(drawn.filter { !$0.isWhitespace } == long.filter { !$0.isWhitespace })
        #expect(pages.last.map(texts)?.contains("จบ") == true)
    }

    func rows(_ count: Int) -> [[TableCell]] {
        (1...count).map { [cell("\($0)"), cell("อำเภอเมืองลำปาง"), cell("๓๑,๔๐๐")] }
    }

    func table(rows count: Int, caption: [[Span]] = []) -> Table {
        Table(
            caption: caption,
            columns: [
                TableColumn(width: 40, align: .center), TableColumn(width: nil, align: .left),
                TableColumn(width: nil, align: .right),
            ],
            head: [[cell("ที่"), cell("อำเภอ"), cell("งบประมาณ")]], body: rows(count), foot: [])
    }

    /// The sizes of the table's text on each page (cells only: not the page number or marker).
    func cellSizes(_ pages: [Page]) -> [Set<Double>] {
        pages.map { page in
            Set(
                page.items.compactMap { item -> Double? in
                    guard case let .textLine(layout, line, _, _, _) = item else { return nil }
                    let text = layout.text(ofLine: line)
                    return text.hasPrefix("/") || text.hasPrefix("- ") ? nil : (layout.fontSize * 100).rounded() / 100
                })
        }
    }

    @Test func aTableThatJustMissesAPageIsSetSmallerToFitIt() throws {
        let body = fixture.style.font.size.points * fixture.style.font.scale
        // One line of rows more than a page holds at the body size: set smaller, on one page.
        let pitch = fixture.style.font.linePitch.points + 2 * fixture.style.table.cellPadding.points
        let geometry = PageGeometry(style: fixture.style, orientation: .portrait)
        let room = geometry.height - geometry.top - geometry.bottom - fixture.style.font.linePitch.points
        let count = Int(room / pitch) + 1
        let before: [Block] = [.paragraph([Span("ตามตารางต่อไปนี้")]), .pageBreak]
        let fitted = try fixture.engine.layout(Document(kind: .letter, blocks: before + [.table(table(rows: count))]))
            .pages
        try #require(fitted.count == 2, "a page break, then the whole table on one page")
        let size = try #require(cellSizes([fitted[1]]).first?.max())
        #expect(
            size < body
                && size >= body * (1 - fixture.style.table.shrinkToFitPage.points / fixture.style.font.size.points)
                    - 0.01
        )
        // Twice as many rows would not fit even 2 pt smaller: the table keeps the body size and runs on.
        let long = try fixture.engine.layout(Document(kind: .letter, blocks: before + [.table(table(rows: 2 * count))]))
            .pages
        #expect(long.count >= 3, "runs on over pages")
        #expect(cellSizes(Array(long.dropFirst())).allSatisfy { $0 == [(body * 100).rounded() / 100] })
    }

    @Test func theLastRowIsNeverAloneOnAPage() throws {
        // Whatever the number of rows, the page a table ends on holds at least two of its rows.
        for count in 50...62 {
            let pages = try fixture.engine.layout(Document(kind: .letter, blocks: [.table(table(rows: count))])).pages
            let last = try #require(pages.last)
            let rowsOnLast = texts(last).filter { $0 == "อำเภอเมืองลำปาง" }.count
            #expect(rowsOnLast >= 2, "\(count) rows: \(rowsOnLast) on the last page")
        }
    }

    @Test func aCaptionIsCentredAndOnTheTablesPage() throws {
        let filler = (0..<14).map { _ in Block.paragraph([Span(longText)]) }
        let caption: [[Span]] = [[Span("ตารางกำหนดการคัดสรร")], [Span("จังหวัดลพบุรี")]]
        let pages = try fixture.engine.layout(
            Document(kind: .letter, blocks: filler + [.table(table(rows: 6, caption: caption))])
        ).pages
        let page = try #require(pages.first { texts($0).contains("จังหวัดลพบุรี") })
        #expect(texts(page).contains("ตารางกำหนดการคัดสรร") && texts(page).contains("อำเภอ"), "caption and table together")
        let geometry = PageGeometry(style: fixture.style, orientation: .portrait)
        for item in page.items {
            guard case let .textLine(layout, line, x, _, _) = item, layout.text(ofLine: line) == "จังหวัดลพบุรี" else {
                continue
            }
            #expect(
                abs(x + layout.lines[line].x + layout.lines[line].width / 2 - geometry.frameCentre) < 0.5,
                "centred on the text")
        }
        let captionY = page.items.compactMap { item -> Double? in
            if case let .textLine(layout, line, _, baseline, _) = item, layout.text(ofLine: line) == "จังหวัดลพบุรี" {
                return baseline
            } else {
                return nil
            }
        }
        let headerY = page.items.compactMap { item -> Double? in
            if case let .textLine(layout, line, _, baseline, _) = item, layout.text(ofLine: line) == "งบประมาณ" {
                return baseline
            } else {
                return nil
            }
        }
        #expect(try #require(captionY.first) < #require(headerY.first), "above the grid")
    }

    /// Seed 004's progress form: the process column holds long text, the result columns are
    /// left blank for writing in; they keep room enough for their headings (and the pen).
    @Test func blankColumnsOfAFormAreAsWideAsTheirHeadings() throws {
        let headings = ["ผลที่เกิดขึ้นจากดำเนินงาน", "ปัญหา/อุปสรรค", "แนวทางการแก้ไขปัญหา"]
        let process = [
            "สำรวจข้อมูลและจัดทำ ฐานข้อมูล กลุ่มอาชีพเป้าหมาย", "จัดระดับศักยภาพ และ วางแผนการพัฒนาศักยภาพ กลุ่มอาชีพตามความต้องการ",
        ]
        let table = Table(
            columns: (0..<5).map { _ in TableColumn(width: nil, align: .left) },
            head: [[cell("ที่"), cell("กระบวนการ/ขั้นตอน")] + headings.map { cell($0) }],
            body: process.enumerated().map {
                [cell("\($0.offset + 1)"), cell($0.element)] + headings.map { _ in cell("") }
            }, foot: [])
        let page = try #require(try fixture.engine.layout(Document(kind: .letter, blocks: [.table(table)])).pages.first)
        for heading in headings {
            let layouts = page.items.compactMap { item -> TextLayout? in
                if case let .textLine(layout, _, _, _, _) = item, layout.text == heading {
                    return layout
                } else {
                    return nil
                }
            }
            let layout = try #require(layouts.first, "\(heading) is drawn")
            #expect(layout.lines.count <= 2, "\(heading) set on \(layout.lines.count) lines")
        }
    }

    @Test func fifteenColumnsWithAFourRowHeaderFitALandscapePage() throws {
        var head: [[TableCell]] = [
            [
                cell("ที่", rowspan: 4), cell("อำเภอ", rowspan: 4),
                cell("ผลการดำเนินงานตามตัวชี้วัด ประจำปีงบประมาณ ๒๕๖๓", colspan: 13),
            ]
        ]
        head.append([cell("ไตรมาสที่ ๑", colspan: 4), cell("ไตรมาสที่ ๒", colspan: 4), cell("ไตรมาสที่ ๓", colspan: 5)])
        head.append((0..<13).map { _ in cell("เป้าหมาย") })
        head.append((0..<13).map { _ in cell("(คน)") })
        let body = (1...12).map { r in [cell("\(r)"), cell("เมืองลพบุรี")] + (0..<13).map { _ in cell("1,234") } }
        let table = Table(
            columns: (0..<15).map { _ in TableColumn(width: nil, align: .right) }, head: head, body: body, foot: [])
        let pages = try fixture.engine.layout(
            Document(kind: .letter, blocks: [.documentStart(title: "ตาราง", orientation: .landscape), .table(table)])
        ).pages
        let page = try #require(pages.last)
        #expect(page.width > page.height, "landscape")
        let right = page.width - fixture.style.page.marginRight.points
        var maxX = 0.0
        for item in page.items { if case let .rectangle(x, _, w, _, _) = item { maxX = max(maxX, x + w) } }
        #expect(maxX <= right + 0.5, "the grid stays inside the text frame: \(maxX) vs \(right)")
        // Every cell's text fits its column: no line wider than its cell.
        for item in page.items {
            if case let .textLine(layout, line, _, _, _) = item, let width = layout.width {
                #expect(layout.lines[line].width <= width + 0.5, "\(layout.text(ofLine: line))")
            }
        }
    }
}

@Suite("Wide tables", .serialized)
struct WideTableTests {
    static let sharedFixture = Fixture()
    let fixture = WideTableTests.sharedFixture

    @Test func aTableTooWideForThePageTurnsItAndTurnsBack() throws {
        let columns = (0..<15).map { _ in TableColumn(width: nil, align: .right) }
        let row = (0..<15).map { TableCell(text: [Span($0 == 1 ? "เมืองลพบุรี" : "1,376,400")]) }
        let table = Table(
            columns: columns, head: [(0..<15).map { TableCell(text: [Span("งบประมาณ \($0)")]) }], body: [row, row],
            foot: [])
        let pages = try fixture.engine.layout(
            Document(
                kind: .letter,
                blocks: [
                    .paragraph([Span("ก่อนตาราง")]), .table(table), .paragraph([Span("หลังตาราง")]),
                ])
        ).pages
        #expect(pages.count == 3)
        #expect(
            pages[0].width < pages[0].height && pages[1].width > pages[1].height && pages[2].width < pages[2].height)
        #expect(pages.map(\.number) == [1, 2, 3], "one document, numbered on")
        // Nothing overflows its cell on the turned page.
        for item in pages[1].items {
            if case let .textLine(layout, line, _, _, _) = item, let width = layout.width {
                #expect(layout.lines[line].width <= width + 0.5, "\(layout.text(ofLine: line))")
            }
        }
    }
}
