import Foundation
import Testing

/// The rendered letters, judged by what a reader of the PDF sees.
@Suite("Rendered letters", .serialized)
struct LetterRenderingTests {
    static let seed004: String = try! renderExample("seed-004-urgent-circular")

    @Test func seed004LetterTakesTwoPagesLikeTheOriginal() throws {
        #expect(try pdfInfo(Self.seed004)["Pages"] == "10")
        // Page 3 starts the first attachment: it carries no page number and no Garuda.
        let page3 = try pdfText(Self.seed004, page: 3)
        #expect(page3.hasPrefix("บัญชีจัดสรรจำนวนกลุ่มอาชีพ"))
        #expect(try pdfText(Self.seed004, page: 2).contains("ผู้ว่าราชการจังหวัดลำปาง"))
    }

    /// The letter's text (pages 1 and 2) against the seed's.
    @Test func seed004TextReadsBackExactly() throws {
        let all = try String(
            contentsOfFile: packageRoot + "/Examples/seed-004-urgent-circular.expected.txt", encoding: .utf8)
        let expected = all.components(separatedBy: "บัญชีจัดสรรจำนวนกลุ่มอาชีพและงบประมาณ")[0]
        var text = try pdfText(Self.seed004, page: 1) + "\n" + pdfText(Self.seed004, page: 2)
        // Page furniture is no part of the letter's text.
        text = text.replacingOccurrences(of: "- ๒ -", with: "").replacingOccurrences(of: "/๔. การบริหาร...", with: "")
        #expect(text.squeezed == expected.squeezed)
    }

    /// Viewers copy text in the order of glyph positions: a tone mark stacked on ั or ี must not
    /// sit to the right of the next consonant's start, in justified lines or not.
    @Test func viewersReadStackedMarksInTheirPlace() throws {
        let reading = try run("pdftotext", ["-f", "1", "-l", "2", Self.seed004, "-"]).stdout.squeezed
        for word in ["ทั้งนี้", "ซ้ำ", "ยั่งยืน"] {
            #expect(reading.contains(word), "\(word) as a viewer copies it")
        }
        #expect(!reading.contains("ทัง้") && !reading.contains("ยัง่"))
    }

    @Test func continuationMarkerAndPageNumber() throws {
        let page1 = try pdfText(Self.seed004, page: 1).split(separator: "\n").map(String.init)
        let page2 = try pdfText(Self.seed004, page: 2).split(separator: "\n").map(String.init)
        // The marker is the last line of page 1 and names the start of page 2's first body line.
        #expect(page1.last == "/๔. การบริหาร...")
        #expect(page2.first == "- ๒ -")
        #expect(page2[1].hasPrefix("๔. การบริหารจัดการงบประมาณ"))
        let words = try pdfWords(Self.seed004)
        let marker = try #require(words.last { $0.page == 1 })
        #expect(abs(marker.xMax - (21 - 2) * cm) < 1.0, "marker flush with the right margin, ends at \(marker.xMax)")
        let firstRow = words.filter { $0.page == 2 }.map(\.yMin).min()!
        let number = words.filter { $0.page == 2 && abs($0.yMin - firstRow) < 1 }
        #expect(number.map(\.text) == ["-", "๒", "-"])
        let centre = (number.map(\.xMin).min()! + number.map(\.xMax).max()!) / 2
        #expect(abs(centre - (3 + 8) * cm) < 2, "page number centred on the text frame: \(centre)")
        #expect(number.allSatisfy { $0.yMax < 2.5 * cm }, "above the 2.5 cm top margin")
    }

    @Test func headPartsSitWhereTheStyleSays() throws {
        let words = try pdfWords(Self.seed004).filter { $0.page == 1 }
        let date = try #require(words.first { $0.text == "๑๒" })
        #expect(abs(date.xMin - 11 * cm) < 0.5, "date starts 8 cm into the text frame")
        let reference = try #require(words.first { $0.text == "ที่" })
        #expect(abs(reference.xMin - 3 * cm) < 0.5)
        let urgency = try #require(words.first { $0.text == "ด่วนที่สุด" })
        #expect(urgency.yMax < reference.yMin, "urgency mark above ที่")
        #expect(
            urgency.yMax - urgency.yMin > 2 * (reference.yMax - reference.yMin) * 0.95,
            "urgency at twice the body size (32 pt)")
        // The body's first line starts at the 2.5 cm indent.
        let body = try #require(words.first { $0.text.hasPrefix("ด้วยจังหวัดลำปาง") })
        #expect(abs(body.xMin - (3 + 2.5) * cm) < 0.5)
    }

    @Test func enclosureQuantitiesAlignInColumns() throws {
        let words = try pdfWords(Self.seed004).filter { $0.page == 1 }
        let quantityWords = words.filter { $0.text == "จำนวน" && $0.xMin > 10 * cm }
        #expect(quantityWords.count == 5)
        let xs = Set(quantityWords.map { Int(($0.xMin * 10).rounded()) })
        #expect(xs.count == 1, "every จำนวน at one x: \(quantityWords.map(\.xMin))")
        let units = words.filter { $0.text == "ฉบับ" || $0.text == "ชุด" }
        #expect(units.count == 5)
        #expect(Set(units.map { Int(($0.xMin * 10).rounded()) }).count == 1)
    }

    @Test func signatureLinesAreCentredUnderTheClosing() throws {
        let words = try pdfWords(Self.seed004).filter { $0.page == 2 }
        /// Centre of the printed row that starts with `first` (pdftotext may split off punctuation).
        func centre(_ first: String, _ last: String) throws -> Double {
            let a = try #require(words.first { $0.text.hasPrefix(first) })
            let row = words.filter { abs(($0.yMin + $0.yMax) / 2 - (a.yMin + a.yMax) / 2) < 4 }
            #expect(row.map(\.text).joined().contains(last))
            return (row.map(\.xMin).min()! + row.map(\.xMax).max()!) / 2
        }
        let closing = try centre("ขอแสดงความนับถือ", "ขอแสดงความนับถือ")
        #expect(abs(try centre("(นางสาวศศิธร", "อินทกุล)") - closing) < 1)
        #expect(abs(try centre("พัฒนาการจังหวัด", "ปฏิบัติราชการแทน") - closing) < 1)
        #expect(abs(try centre("ผู้ว่าราชการจังหวัดลำปาง", "ผู้ว่าราชการจังหวัดลำปาง") - closing) < 1)
        // The closing and the signature are not alone on their page: body lines precede them.
        let closingWord = try #require(words.first { $0.text == "ขอแสดงความนับถือ" })
        #expect(words.filter { $0.yMax < closingWord.yMin && $0.yMin > 2.5 * cm }.count >= 2)
    }

    @Test func metadataAndFonts() throws {
        let info = try pdfInfo(Self.seed004)
        #expect(info["Title"] == "การดำเนินโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน")
        #expect(info["Author"] == "ศาลากลางจังหวัดลำปาง")
        #expect(
            info["CreationDate"]?.contains("2018") == true,
            "the letter's date, not the clock: \(info["CreationDate"] ?? "")")
        let fonts = try run("pdffonts", [Self.seed004]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts { #expect(font.contains("yes yes"), "embedded and subset: \(font)") }
    }

    @Test func identicalInputGivesIdenticalBytes() throws {
        let again = try renderExample("seed-004-urgent-circular")
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: Self.seed004))
    }

    /// The Garuda's size and PDF stream come from the drawing cache after the first render; the
    /// file is the same byte for byte with a new cache, a filled one, and none.
    @Test func theDrawingCacheChangesNoByte() throws {
        let cache = temporaryDirectory() + "/cache"
        let input = packageRoot + "/Examples/seed-004-urgent-circular.yaml"
        func render(_ environment: [String: String]) throws -> Data? {
            let output = temporaryDirectory() + "/letter.pdf"
            let result = try run(
                sarabanBinary, ["render", input, "-o", output],
                environment: environment.merging(["SARABAN_HOME": packageRoot]) { a, _ in a })
            #expect(result.status == 0, "\(result.stderr)")
            return FileManager.default.contents(atPath: output)
        }
        let first = try render(["XDG_CACHE_HOME": cache])
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache + "/saraban")
        #expect(entries.contains { $0.hasSuffix(".size") } && entries.contains { $0.hasSuffix(".forms") }, "\(entries)")
        let second = try render(["XDG_CACHE_HOME": cache])
        let none = try render(["SARABAN_NO_CACHE": "1"])
        #expect(first != nil && first == second && second == none)
        #expect(first == FileManager.default.contents(atPath: Self.seed004))
    }

    /// Cairo's streams go through zlib at its fastest level (CFastDeflate): the two-byte zlib
    /// header of every stream says so (0x78 0x01; the default level writes 0x78 0x9C).
    @Test func streamsAreCompressedAtTheFastestLevel() throws {
        let bytes = [UInt8](FileManager.default.contents(atPath: Self.seed004)!)
        let keyword = Array("stream\n".utf8)
        var headers: [[UInt8]] = []
        var index = 0
        while index + keyword.count + 2 <= bytes.count {
            // Every compressed stream (the signature field's empty appearance is no stream to compress).
            if bytes[index..<(index + keyword.count)].elementsEqual(keyword),
                index == 0 || bytes[index - 1] != UInt8(ascii: "d"),
                String(decoding: bytes[max(0, index - 300)..<index], as: UTF8.self).components(separatedBy: " obj")
                    .last?.contains("/FlateDecode") == true
            {
                headers.append(Array(bytes[(index + keyword.count)..<(index + keyword.count + 2)]))
            }
            index += 1
        }
        #expect(headers.count > 5)
        #expect(headers.allSatisfy { $0 == [0x78, 0x01] }, "\(headers)")
    }

    @Test func seed000CoverLetterThenItsMinutes() throws {
        let pdf = try renderExample("seed-000-cover-letter")
        #expect(try pdfInfo(pdf)["Pages"] == "15")
        #expect(try pdfText(pdf, page: 1).contains("ขอแสดงความนับถือ"), "the letter is page 1")
        #expect(try pdfText(pdf, page: 2).hasPrefix("รายงานการประชุมผู้บริหาร"), "the minutes start page 2, unnumbered")
        #expect(try pdfText(pdf, page: 3).hasPrefix("- ๒ -"), "and number their own pages")
        // The whole text, without page numbers and continuation words, is the seed's.
        let expected = try String(
            contentsOfFile: packageRoot + "/Examples/seed-000-cover-letter.expected.txt", encoding: .utf8)
        let text = try pdfText(pdf).split(separator: "\n").filter { line in
            !(line.hasPrefix("- ") && line.hasSuffix(" -")) && !(line.hasPrefix("/") && line.hasSuffix("..."))
        }.joined(separator: "\n")
        #expect(text.squeezed == expected.squeezed)
    }

    @Test func memoHeaderAndNoClosing() throws {
        let pdf = try renderExample("memo")
        let words = try pdfWords(pdf)
        let title = try #require(words.first { $0.text == "บันทึกข้อความ" })
        #expect(abs((title.xMin + title.xMax) / 2 - 11 * cm) < 1, "title centred on the text frame")
        let dateLabel = try #require(words.first { $0.text == "วันที่" && $0.yMin < 6 * cm })
        #expect(abs(dateLabel.xMin - 11 * cm) < 0.5)
        #expect(!(try pdfText(pdf)).contains("ขอแสดงความนับถือ"))
        #expect(try pdfText(pdf).contains("๔,๘๕๐ บาท (สี่พันแปดร้อยห้าสิบบาทถ้วน)"))
    }

    @Test func externalLetterComputesBahtTextAndKeepsAddresses() throws {
        let pdf = try renderExample("external-letter")
        let text = try pdfText(pdf).squeezed
        #expect(text.contains("๗,๒๐๐บาท(เจ็ดพันสองร้อยบาทถ้วน)"))
        #expect(text.contains("๒๑,๖๐๐.๕๐บาท(สองหมื่นหนึ่งพันหกร้อยบาทห้าสิบสตางค์)"))
        #expect(text.contains("saraban.lampang@cdd.go.th"), "e-mail keeps its Arabic letters and digits")
        #expect(text.contains("อ้างถึงหนังสือมหาวิทยาลัยราชภัฏลำปาง"))
        #expect(text.contains("สำเนาส่งพัฒนาการอำเภอทุกอำเภอ"))
    }
}

@Suite("Links")
struct LinkTests {
    @Test func webAndMailAddressesAreClickable() throws {
        let pdf = try renderExample("external-letter")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: pdf)), as: UTF8.self)
        let uris = text.components(separatedBy: "/URI (").dropFirst().map { $0.prefix { $0 != ")" } }
        #expect(uris.filter { $0 == "mailto:saraban.lampang@cdd.go.th" }.count == 2, "in the body and in the footer")
    }

    /// No line of any example runs past the right margin (2 cm, the regulation's): text is
    /// broken between words or, a stretch that cannot be, set within the measure.
    @Test(
        "no line runs past the right margin",
        arguments: [
            "seed-004-urgent-circular", "seed-000-cover-letter", "seed-001-minutes", "seed-000-minutes", "memo",
            "external-letter", "directives-summary", "report-with-pictures",
        ])
    func noLineRunsPastTheRightMargin(example: String) throws {
        let pdf = try renderExample(example)
        let xml = try run("pdftotext", ["-bbox-layout", pdf, "-"]).stdout
        let margin = 2 / 2.54 * 72
        var past: [String] = []
        for page in xml.components(separatedBy: "<page ").dropFirst() {
            guard let width = page.split(separator: "\"").dropFirst().first.flatMap({ Double($0) }) else { continue }
            for line in page.components(separatedBy: "<line ").dropFirst() {
                let numbers = line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.prefix(3)
                    .compactMap { Double($0.element) }
                guard numbers.count == 3, numbers[2] > width - margin + 0.5 else { continue }
                let words = line.components(separatedBy: "</word>").dropLast().compactMap {
                    $0.components(separatedBy: ">").last
                }
                past.append("\(numbers[2] - (width - margin)) pt: " + words.joined(separator: " ").prefix(60))
            }
        }
        #expect(past.isEmpty, "\(past)")
    }
}
