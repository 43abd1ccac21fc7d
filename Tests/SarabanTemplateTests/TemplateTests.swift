import Foundation
import Mustache
import SarabanDocument
import Testing

@testable import SarabanData
@testable import SarabanTemplate

let templateDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
    return url.path + "/Templates"
}()

/// Every prose field (letter and memo bodies, attachment texts, minutes) is read by one
/// Markdown reader; a block here is written `kind number level tight: text`, bold in **.
@Suite("Prose")
struct ProseTests {
    func blocks(_ text: String) throws -> [String] {
        let common = CommonFields(
            specimen: false, urgency: nil, secrecy: nil, thaiDigits: false, reading: .royalSociety, amounts: [])
        return try ViewModelBuilder(common: common).body(text).map { block in
            let spans = (block["spans"] as? [[String: Any]] ?? []).map { span in
                (span["bold"] as? Bool == true ? "**\(span["text"]!)**" : "\(span["text"]!)")
            }.joined()
            if block["item"] as? Bool == true {
                return
                    "item \(block["number"]!) \(block["level"]!)\(block["tight"] as? Bool == true ? " tight" : ""): \(spans)"
            }
            // (Every block names the kinds it is not, as false.)
            return block["paragraph"] as? Bool == true
                ? "paragraph: \(spans)" : "\(block.filter { $0.value as? Bool != false }.keys.sorted())"
        }
    }

    @Test func paragraphsItemsAndBold() throws {
        let blocks = try blocks(
            """
            ด้วยจังหวัด
            ต่อบรรทัด

            ๑. ข้อแรก **สำคัญ** ครับ
            1.1 ข้อย่อย
            (๑) วงเล็บ
            - ขีด
            """)
        // Items typed line under line are a tight list; the first follows a blank line.
        #expect(
            blocks == [
                "paragraph: ด้วยจังหวัด ต่อบรรทัด",
                "item ๑. 1: ข้อแรก **สำคัญ** ครับ",
                "item 1.1 2 tight: ข้อย่อย",
                "item (๑) 3 tight: วงเล็บ",
                "item - 2: ขีด",
            ])
    }

    @Test func itemsSeparatedByBlankLinesAreNotTight() throws {
        #expect(
            try blocks("ดังนี้\n๑. ข้อแรก\n\n๒. ข้อสอง") == ["paragraph: ดังนี้", "item ๑. 1 tight: ข้อแรก", "item ๒. 1: ข้อสอง"])
    }

    @Test func aLineUnderAnItemIsAParagraphOfItsOwn() throws {
        #expect(try blocks("๑. ข้อแรก\nทั้งนี้ให้ถือปฏิบัติ") == ["item ๑. 1: ข้อแรก", "paragraph: ทั้งนี้ให้ถือปฏิบัติ"])
    }

    @Test(arguments: [
        ("a**b**c", "paragraph: a**b**c"),
        ("** หมายเหตุ", "paragraph: ** หมายเหตุ"),
        ("  \tเว้นวรรค\r", "paragraph: เว้นวรรค"),
        ("มติที่ประชุม รับทราบ", "paragraph: มติที่ประชุม รับทราบ"),
    ])
    func boldMarkersSpacesAndLabels(text: String, block: String) throws {
        #expect(try blocks(text) == [block])
    }

    @Test func aNumberInsideASentenceIsNotAnItem() throws {
        #expect(try blocks("พ.ศ. 2561 ปี") == ["paragraph: พ.ศ. 2561 ปี"])
    }

    @Test func aPipeTableInALetterIsATable() throws {
        let result = try blocks("ดังนี้\n\n| ที่ | อำเภอ |\n|---|---|\n| 1 | เมือง |\n")
        #expect(result.count == 2 && result[1].contains("md-table"), "\(result)")
    }
}

@Suite("Templates")
struct TemplateTests {
    func letter(subject: String) throws -> DocumentData {
        try DataLoader().load(
            text: """
                type: circular-letter
                number: ลป 0019.3/ว 2561
                office: {name: ศาลากลางจังหวัดลำปาง}
                date: 2018-09-12
                subject: "\(subject)"
                to: นายอำเภอทุกอำเภอ
                amounts: {budget: 533800}
                body: |
                  เป็นเงิน {{budget}} หรือ {{budget.digits}} บาท
                signer: {name: นางสาวศศิธร อินทกุล, position: พัฒนาการจังหวัด}
                """, file: "t.yaml")
    }

    @Test func markupCarriesComputedValues() throws {
        let library = try TemplateLibrary(directory: templateDirectory)
        let document = try MarkupParser().parse(try library.markup(for: try letter(subject: "เรื่องทดสอบ 2")))
        #expect(document.kind == .letter)
        #expect(document.metadata.title == "เรื่องทดสอบ ๒")
        #expect(document.metadata.date == "2018-09-12")
        #expect(document.blocks.contains(.date("๑๒ กันยายน ๒๕๖๑")))
        #expect(document.blocks.contains(.letterHead(reference: "ที่ ลป ๐๐๑๙.๓/ว ๒๕๖๑", address: ["ศาลากลางจังหวัดลำปาง"])))
        #expect(
            document.blocks.contains(
                .paragraph([Span("เป็นเงิน ๕๓๓,๘๐๐ บาท (ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน) หรือ ๕๓๓,๘๐๐ บาท")])))
        #expect(document.blocks.contains(.closing("ขอแสดงความนับถือ")))
    }

    @Test func dataCannotAddMarkup() throws {
        let library = try TemplateLibrary(directory: templateDirectory)
        let markup = try library.markup(for: try letter(subject: "<page-break/> & <b>x</b>"))
        let document = try MarkupParser().parse(markup)
        #expect(!document.blocks.contains(.pageBreak))
        #expect(document.blocks.contains(.field(label: "เรื่อง", value: [Span("<page-break/> & <b>x</b>")])))
    }

    @Test func aTableBlockInMinutesKeepsItsMergedHeaderAndTotal() throws {
        let data = try DataLoader().load(
            text: """
                ---
                type: minutes
                title: [รายงานการประชุม]
                date: 2019-08-30
                ---
                ```table
                columns: [อำเภอ, {title: ชาย, type: number, total: true}, {title: หญิง, type: number, total: true}]
                header: [[{text: อำเภอ, rowspan: 2}, {text: ผู้เข้าร่วม, colspan: 2}], [ชาย, หญิง]]
                rows: [[เกาะคา, 12, 30], [งาว, 8, 16]]
                ```
                """, file: "m.md")
        let markup = try TemplateLibrary(directory: templateDirectory).markup(for: data).replacingOccurrences(
            of: "\n", with: "")
        // Plain cells print their text as it is; numbers (which could start an item) as blocks.
        #expect(markup.contains(#"<cell colspan="2" rowspan="1">ผู้เข้าร่วม</cell>"#))
        #expect(markup.contains(#"<cell colspan="1" rowspan="2">อำเภอ</cell>"#))
        #expect(markup.contains("<foot><row>"), "a รวม row")
        #expect(markup.contains("<p>๒๐</p>") && markup.contains("<p>๔๖</p>"), "totals computed, in Thai digits")
        #expect(!(try MarkupParser().parse(markup)).blocks.isEmpty)
    }

    func minutesMarkup(_ body: String) throws -> String {
        let data = try DataLoader().load(
            text: "---\ntype: minutes\ntitle: [รายงานการประชุม]\ndate: 2019-08-30\n---\n" + body, file: "m.md")
        // A paragraph's text ends with the line end of its partial: no part of what is compared here.
        return try TemplateLibrary(directory: templateDirectory).markup(for: data).replacingOccurrences(
            of: "\n</", with: "</")
    }

    /// Seed 001 types `๑. …` `๒. …` line under line (set close) and elsewhere with blank lines between.
    @Test func numberedLinesUnderAParagraphAreATightList() throws {
        let markup = try minutesMarkup(
            """
            พิธีก่อนการประชุม ดังนี้
            ๑. พิธีสวดมนต์ไหว้พระ
            ๒. พิธีปฏิญาณตน
            มติที่ประชุม: รับทราบ

            ๓. การส่งเสริมคุณธรรม

            - กพสอ. สมัครครบ
            - กพสต. สมัครครบ
            """)
        #expect(markup.contains("<p>พิธีก่อนการประชุม ดังนี้</p>"))
        #expect(markup.contains(#"<item number="๑." level="1" tight="yes">พิธีสวดมนต์ไหว้พระ</item>"#))
        #expect(markup.contains(#"<item number="๒." level="1" tight="yes">พิธีปฏิญาณตน</item>"#))
        #expect(
            markup.contains(#"<resolution label="มติที่ประชุม:">รับทราบ</resolution>"#), "a resolution line is its own block"
        )
        #expect(markup.contains(#"<item number="๓." level="1">การส่งเสริมคุณธรรม</item>"#), "after a blank line: spaced")
        #expect(markup.contains(#"<item number="-" level="2">กพสอ. สมัครครบ</item>"#))
        #expect(
            markup.contains(#"<item number="-" level="2" tight="yes">กพสต. สมัครครบ</item>"#), "a tight Markdown list")
        let blocks = try MarkupParser().parse(markup).blocks
        #expect(blocks.contains(.item(number: "๒.", text: [Span("พิธีปฏิญาณตน")], level: 1, tight: true)))
    }

    @Test func aTableCaptionGoesIntoTheTable() throws {
        let markup = try minutesMarkup(
            """
            ```table
            caption: [ตารางกำหนดการ, จังหวัดลพบุรี 2563]
            columns: [อำเภอ, {title: คน, type: number}]
            rows: [[เกาะคา, 12]]
            ```
            """)
        #expect(markup.contains("<caption>ตารางกำหนดการ</caption>"))
        #expect(markup.contains("<caption>จังหวัดลพบุรี ๒๕๖๓</caption>"), "Thai digits like the rest")
        let table = try #require(
            try MarkupParser().parse(markup).blocks.compactMap {
                if case .table(let t) = $0 { return t } else { return nil }
            }.first)
        #expect(table.caption == [[Span("ตารางกำหนดการ")], [Span("จังหวัดลพบุรี ๒๕๖๓")]])
    }

    @Test func listsTheDocumentTemplatesWithDescriptions() throws {
        let library = try TemplateLibrary(directory: templateDirectory)
        #expect(library.documentTemplates == ["circular-letter", "document", "external-letter", "memo", "minutes"])
        #expect(library.descriptions["memo"]?.hasPrefix("บันทึกข้อความ") == true)
    }

    @Test(arguments: ["ไม่มีอะไรพิเศษ", "<b>ตัวหนา</b> & \"คำพูด\" 'เดี่ยว'", "a<>&\"'b", "", "ก&ข"])
    func markupEscapingIsMustachesHTMLEscaping(text: String) throws {
        let html = try MustacheTemplate(string: "{{x}}").render(["x": text])
        #expect(MarkupEscaping().escapeText(text) == html)
    }

    @Test func anErrorOnTheFirstLineKeepsItsColumn() throws {
        let folder = NSTemporaryDirectory() + "saraban-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "<p>{{#a}}x{{/b}}</p>\n"
        try text.write(toFile: folder + "/broken.mustache", atomically: true, encoding: .utf8)
        var column = 0
        do { _ = try MustacheTemplate(string: text) } catch let error as MustacheTemplate.ParserError {
            column = error.context.columnNumber
        }
        #expect(column > 0)
        #expect {
            try TemplateLibrary(directory: folder).check()
        } throws: { error in
            "\(error)".contains("broken.mustache:1:\(column):") && !"\(error)".contains("CONTENT_TYPE")
        }
    }

    @Test func aBrokenTemplateIsReportedWithItsLine() throws {
        let folder = NSTemporaryDirectory() + "saraban-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "{{! broken }}\n<document>\n{{#body}}\n".write(
            toFile: folder + "/broken.mustache", atomically: true, encoding: .utf8)
        #expect {
            try TemplateLibrary(directory: folder).check()
        } throws: { error in
            "\(error)".contains("broken.mustache:") && "\(error)".contains("template syntax error")
        }
    }

    /// The built-in templates write only the markup's elements, each closed; a typo in a copy
    /// is named at the template's own line and column.
    @Test func templateMarkupIsCheckedAtTheTemplatesOwnLine() throws {
        try TemplateLibrary(directory: templateDirectory).check()
        let folder = NSTemporaryDirectory() + "saraban-markup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (text, message) in [
            (
                "{{! a comment with <b> is no markup }}\n<document>\n  <headng level=\"2\">{{subject}}</headng>\n</document>\n",
                "memo.mustache:3:3: <headng> is not an element of the document markup; did you mean <heading>?"
            ),
            ("<document>\n<p>{{subject}}\n</document>\n", "memo.mustache:2:1: <p> is never closed"),
        ] {
            try text.write(toFile: folder + "/memo.mustache", atomically: true, encoding: .utf8)
            #expect(throws: (any Error).self) { try TemplateLibrary(directory: folder).check() }
            do { try TemplateLibrary(directory: folder).check() } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}
