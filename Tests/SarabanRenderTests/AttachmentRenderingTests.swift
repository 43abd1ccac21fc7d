import Foundation
import Testing

/// Seed 004's attachments: documents of their own after the letter, in the same PDF.
@Suite("Attachments", .serialized)
struct AttachmentRenderingTests {
    static let pdf: String = try! renderExample("seed-004-urgent-circular")

    @Test func eachAttachmentStartsItsOwnNumbering() throws {
        // Pages 4–6 are the progress form: unnumbered first page, then - ๒ -, - ๓ -.
        #expect(!(try pdfText(Self.pdf, page: 4)).hasPrefix("-"))
        #expect(try pdfText(Self.pdf, page: 5).hasPrefix("- ๒ -"))
        #expect(try pdfText(Self.pdf, page: 6).hasPrefix("- ๓ -"))
        #expect(try pdfText(Self.pdf, page: 8).hasPrefix("- ๒ -"), "the guideline restarts its numbering")
    }

    @Test func allocationTableTotalsAreComputed() throws {
        let lines = try pdfText(Self.pdf, page: 3).split(separator: "\n").map(String.init)
        #expect(lines.contains("๑ วังเหนือ ๒ ๓๑,๔๐๐ ๖๒,๘๐๐"))
        #expect(lines.contains("รวม ๑๗ ๕๓๓,๘๐๐"))
        // Amount columns are right-aligned: the totals end where the rows' amounts end.
        let words = try pdfWords(Self.pdf).filter { $0.page == 3 }
        let row = try #require(words.first { $0.text == "๖๒,๘๐๐" })
        let total = try #require(words.first { $0.text == "๕๓๓,๘๐๐" })
        #expect(abs(row.xMax - total.xMax) < 0.5)
    }

    @Test func registerIsLandscapeWithATwoLevelHeader() throws {
        let info = try run("pdfinfo", ["-f", "10", "-l", "10", Self.pdf]).stdout
        #expect(info.contains("841.89 x 595.27"), "A4 landscape: \(info)")
        let words = try pdfWords(Self.pdf).filter { $0.page == 10 }
        let group = try #require(words.first { $0.text == "ที่ตั้งกลุ่ม" }, "ที่ตั้งกลุ่ม, spanning five columns, read whole")
        let sub = try #require(words.first { $0.text == "ชื่อหมู่บ้าน" })
        #expect(sub.yMin > group.yMax, "the second header row sits under the first")
        #expect(try pdfText(Self.pdf, page: 10).contains("ลงชื่อ..... ผู้เสนอ"))
    }

    @Test func tickMarksUseTheSymbolFont() throws {
        #expect(try pdfText(Self.pdf, page: 5).contains("✓"))
        let fonts = try run("pdffonts", [Self.pdf]).stdout
        #expect(fonts.contains("DejaVuSans"))
    }

    @Test func bookmarksNameTheLetterAndEachAttachment() throws {
        let titles = try pdfOutlineTitles(Self.pdf)
        #expect(
            titles.dropLast()
                == [
                    "การดำเนินโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน",
                    "บัญชีจัดสรรจำนวนกลุ่มอาชีพและงบประมาณตามโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน",
                    "แบบรายงานความก้าวหน้า",
                    "แนวทางการดำเนิน",
                    "ทะเบียนกลุ่มอาชีพที่เสนอเพื่อรับการสนับสนุนงบประมาณตามโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน ปี ๒๕๖๑",
                ][...])
        #expect(titles.last == "การดำเนินโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน", "the document's own title")
    }
}

/// The titles of the PDF's outline entries, then the document's title, in file order (Cairo
/// writes them as UTF-16 hex strings).
func pdfOutlineTitles(_ path: String) throws -> [String] {
    let data = try #require(FileManager.default.contents(atPath: path))
    let text = String(decoding: data, as: UTF8.self)
    var titles: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: "/Title <FEFF") ?? rest.range(of: "/Title <feff") {
        let hex = rest[range.upperBound...].prefix { $0 != ">" }
        var units: [UInt16] = []
        var index = hex.startIndex
        while index < hex.endIndex, let end = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex) {
            units.append(UInt16(hex[index..<end], radix: 16) ?? 0)
            index = end
        }
        let title = String(decoding: units, as: UTF16.self)
        titles.append(title)
        rest = rest[range.upperBound...]
    }
    return titles
}
