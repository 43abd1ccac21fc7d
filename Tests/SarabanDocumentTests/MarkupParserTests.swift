import Testing

@testable import SarabanDocument

@Suite("Document markup")
struct MarkupParserTests {
    @Test func readsEveryElement() throws {
        let document = try MarkupParser().parse(
            """
            <document kind="letter" title="เรื่อง" author="สำนักงาน" date="2018-09-12" specimen="true" secrecy="ลับ">
              <urgency>ด่วนที่สุด</urgency>
              <emblem size="large"/>
              <head><reference>ที่ ลป ๑</reference><address><line>ศาลากลาง</line><line></line><line>ลป ๕๒๐๐๐</line></address></head>
              <date>๑๒ กันยายน ๒๕๖๑</date>
              <field label="เรื่อง">ทดสอบ   หลาย
                 บรรทัด</field>
              <enclosures label="สิ่งที่ส่งมาด้วย"><enclosure number="๑." quantity="๑" unit="ฉบับ">บัญชี</enclosure></enclosures>
              <p>ด้วย <b>ตัวหนา</b> ต่อ</p>
              <item number="๑." level="2">ข้อ</item>
              <plain align="center">กลาง</plain>
              <closing>ขอแสดงความนับถือ</closing>
              <signature image="sig.png"><name>นาย ก</name><position>ตำแหน่ง</position></signature>
              <footer><line>ฝ่าย</line></footer>
              <copies label="สำเนาส่ง"><line>อำเภอ</line></copies>
              <space lines="2"/>
              <page-break/>
            </document>
            """)
        #expect(document.options.specimen)
        #expect(document.options.secrecy == "ลับ")
        #expect(document.metadata.title == "เรื่อง")
        #expect(
            document.blocks == [
                .urgency("ด่วนที่สุด"), .emblem(.large),
                .letterHead(reference: "ที่ ลป ๑", address: ["ศาลากลาง", "ลป ๕๒๐๐๐"]),
                .date("๑๒ กันยายน ๒๕๖๑"),
                .field(label: "เรื่อง", value: [Span("ทดสอบ หลาย บรรทัด")]),
                .enclosures(
                    label: "สิ่งที่ส่งมาด้วย",
                    items: [Enclosure(number: "๑.", text: [Span("บัญชี")], quantity: "๑", unit: "ฉบับ")]),
                .paragraph([Span("ด้วย "), Span("ตัวหนา", bold: true), Span(" ต่อ")]),
                .item(number: "๑.", text: [Span("ข้อ")], level: 2),
                .plain([Span("กลาง")], align: .center),
                .closing("ขอแสดงความนับถือ"),
                .signature(SignatureBlock(name: "นาย ก", positions: ["ตำแหน่ง"], image: "sig.png", mode: .picture)),
                .footer(["ฝ่าย"]), .copies(label: "สำเนาส่ง", lines: ["อำเภอ"]), .space(2), .pageBreak,
            ])
    }

    /// What Mustache's escaping and a template author may write: references, either quote, comments.
    @Test func readsReferencesQuotesAndComments() throws {
        let document = try MarkupParser().parse(
            """
            <?xml version="1.0"?>
            <!-- a comment, <p>not an element</p> -->
            <document kind='letter' title="ก &amp; ข &lt;ค&gt; &quot;ง&quot; &#39;จ&#39; &#x0E01;">
              <p>ก&amp;ข &lt;b&gt;ไม่หนา&lt;/b&gt; &#3585;</p>
            </document>
            """)
        #expect(document.metadata.title == "ก & ข <ค> \"ง\" 'จ' ก")
        #expect(document.blocks == [.paragraph([Span("ก&ข <b>ไม่หนา</b> ก")])])
    }

    @Test(
        "errors name the line and what was expected",
        arguments: [
            ("<document>\n<paragraph>x</paragraph></document>", 2, "unknown element <paragraph>"),
            ("<document>\n<pp>x</pp></document>", 2, "did you mean <p>?"),
            ("<document><emblem size=\"huge\"/></document>", 1, "expected size=\"large\""),
            ("<document>\n\n<item>ข้อ</item></document>", 3, "<item> needs the attribute number"),
            ("<letter></letter>", 1, "must start with <document>"),
            ("<document><p>unclosed</document>", 1, "not well-formed"),
            ("<document kind=\"novel\"></document>", 1, "unknown document kind"),
            ("<document>\n<p>a</b></document>", 2, "</b> closes <p> opened on line 2"),
            ("<document>\n\n<p>a</p>", 1, "<document> is never closed"),
            ("<document><p a=\"1\" a=\"2\">x</p></document>", 1, "has the attribute a twice"),
            ("<document><p a=\"<\">x</p></document>", 1, "< inside an attribute value"),
            ("<document><p a=1>x</p></document>", 1, "expected a value in quotes"),
            ("<document>\n<p>&nbsp;</p></document>", 2, "unknown reference &nbsp;"),
            ("<document>\n<p>a & b</p></document>", 2, "& must start a reference"),
            ("<document></document>\n<document></document>", 2, "after the document element"),
            ("ข้อความ<document></document>", 1, "text outside the document element"),
            ("", 1, "no document element"),
            ("<document>\n<!-- unclosed </document>", 2, "comment is never closed"),
        ])
    func errors(markup: String, line: Int, message: String) {
        #expect {
            try MarkupParser().parse(markup)
        } throws: { error in
            let e = error as! MarkupParser.MarkupError
            return e.line == line && e.message.contains(message)
        }
    }
}
