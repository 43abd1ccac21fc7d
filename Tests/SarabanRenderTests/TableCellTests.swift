import Foundation
import Testing

/// A cell holds what offices put in one: paragraphs, a numbered list that reads as a list,
/// line breaks, bold and underline, pictures; none of it printed as raw marks.
@Suite("Table cells")
struct TableCellTests {
    /// A document whose body is `body`, in a folder with the examples' pictures.
    func render(_ body: String) throws -> (result: ProcessResult, pdf: String) {
        let folder = temporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/Examples/pictures", toPath: folder + "/pictures")
        try ("---\ntype: document\ntitle: [รายงาน]\n---\n" + body).write(
            toFile: folder + "/r.md", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/r.md", "-o", folder + "/r.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        return (result, folder + "/r.pdf")
    }

    static let directives = [
        "๑. ให้ทุกส่วนราชการเร่งรัดการเบิกจ่ายงบลงทุนให้ได้ตามเป้าหมายไตรมาสที่ ๑ ร้อยละ ๒๘ และรายงานผลทุกวันที่ ๕",
        "๒. รายงานผลการเบิกจ่ายทุกวันที่ ๕ ของเดือน",
        "๑๐. โครงการที่ยังไม่ได้ลงนามในสัญญา ให้ชี้แจงเหตุผลเป็นรายโครงการต่อที่ประชุมครั้งต่อไป",
    ]

    /// Items typed as a YAML list in a ```table cell, or as `<br>` lines of a pipe table: each
    /// number at the cell's left, its wrapped lines under its text, not under its number.
    @Test func aListInACellHangsUnderItsNumbers() throws {
        let yaml =
            "```table\ncolumns: [{title: ที่, width: 1cm}, {title: ข้อสั่งการ, width: 7cm}]\nrows:\n  - - \"๑\"\n    - - "
            + Self.directives.map { "\"\($0)\"" }.joined(separator: "\n      - ") + "\n```\n"
        let pipe = "| ที่ | ข้อสั่งการ |\n|---|---|\n| ๑ | \(Self.directives.joined(separator: "<br>")) |\n"
        for body in [yaml, pipe] {
            let (result, pdf) = try render("ข้อสั่งการ\n\n" + body)
            #expect(result.status == 0, "\(result.stderr)")
            let words = try pdfWords(pdf)
            let numbers = ["๑.", "๒.", "๑๐."].compactMap { number in words.first { $0.text == number } }
            #expect(numbers.count == 3, "\(body)")
            guard numbers.count == 3 else { continue }
            #expect(
                abs(numbers[0].xMin - numbers[1].xMin) < 0.5 && abs(numbers[0].xMin - numbers[2].xMin) < 0.5,
                "numbers at one left edge")
            // The text after every number starts at one hanging edge, the widest number's (๑๐.).
            let texts = numbers.compactMap { number in
                words.filter { $0.page == number.page && abs($0.yMin - number.yMin) < 1 && $0.xMin > number.xMax }.min {
                    $0.xMin < $1.xMin
                }
            }
            #expect(texts.count == 3)
            let edge = texts.map(\.xMin).max() ?? 0
            #expect(texts.allSatisfy { abs($0.xMin - edge) < 0.5 }, "\(texts.map(\.xMin))")
            // A wrapped line of an item starts at that edge, right of the numbers.
            let lineStarts = Dictionary(
                grouping: words.filter { $0.xMin >= numbers[0].xMin - 0.5 && $0.xMin < edge + 40 }, by: { Int($0.yMin) }
            )
            .values.compactMap { $0.min { $0.xMin < $1.xMin } }
            let wrapped = lineStarts.filter { start in
                !numbers.contains { abs($0.yMin - start.yMin) < 1 } && start.yMin > numbers[0].yMin
            }
            #expect(!wrapped.isEmpty, "the long items wrap")
            #expect(
                wrapped.allSatisfy { abs($0.xMin - edge) < 0.5 }, "\(wrapped.map { ($0.text, $0.xMin) }) vs \(edge)")
        }
    }

    @Test func boldUnderlineAndPicturesInCellsPrintAsSuchNeverAsMarks() throws {
        let (result, pdf) = try render(
            """
            | ที่ | เรื่อง | ภาพ |
            |---|---|---|
            | ๑ | **สำคัญ** ต้อง<u>ส่งภายในวันนี้</u> | ![ผลงาน](pictures/district-results.svg){width=3cm} |

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try pdfText(pdf)
        for mark in ["**", "<u>", "![", "{width", "](", "pictures/"] {
            #expect(!text.contains(mark), "\(mark) printed: \(text)")
        }
        #expect(text.contains("สำคัญ ต้องส่งภายในวันนี้"), "\(text)")
        // The picture is drawn (an SVG is vector paths: the caption stands under it, in its cell).
        let words = try pdfWords(pdf)
        let caption = try #require(words.first { $0.text == "ผลงาน" })
        let heading = try #require(words.first { $0.text == "ภาพ" })
        #expect(caption.yMin > heading.yMax + 3 * cm * 0.5, "the caption stands under a picture about 3 cm wide")
        #expect(
            abs((caption.xMin + caption.xMax) / 2 - (heading.xMin + heading.xMax) / 2) < 3,
            "centred in the picture's column")
    }

    @Test func aMissingPictureInATableCellNamesItsRow() throws {
        let (result, _) = try render(
            "ข้อความ\n\n```table\ncolumns: [ที่, ภาพ]\nrows:\n  - [\"๑\", \"ข้อความ\"]\n  - [\"๒\", \"![ภาพ](pictures/nothere.png)\"]\n```\n"
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("r.md:11: picture pictures/nothere.png: file not found"), "\(result.stderr)")
    }

    /// A heading that starts with a number is a heading, centred as every header cell.
    @Test func aNumberedHeaderCellIsNoItem() throws {
        let (result, pdf) = try render("| ๑) ประเภทผู้นำชุมชน | จำนวน |\n|---|---|\n| ๒) ประเภทกลุ่ม | ๘ |\n")
        #expect(result.status == 0, "\(result.stderr)")
        let words = try pdfWords(pdf)
        let header = try #require(words.first { $0.text == "๑)" })
        let row = try #require(words.first { $0.text == "๒)" })
        #expect(header.xMin > row.xMin + 20, "the header is centred, the row's item at the cell's left")
    }
}
