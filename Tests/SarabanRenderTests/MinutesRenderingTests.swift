import Foundation
import Testing

/// Seed 000's minutes, written as Markdown with YAML front matter.
@Suite("Minutes", .serialized)
struct MinutesRenderingTests {
    static let pdf: String = try! renderExample("seed-000-minutes")

    @Test func headerAndCountsComputedFromTheLists() throws {
        let page1 = try pdfText(Self.pdf, page: 1)
        #expect(page1.contains("ครั้งที่ ๘/๒๕๖๒"))
        #expect(page1.contains("วันพุธที่ ๓๐ สิงหาคม ๒๕๖๒ เวลา ๐๙.๐๐ น."), "the weekday as the source wrote it")
        #expect(page1.contains("ผู้เข้าร่วมประชุม จำนวน ๒๘ คน"))
    }

    @Test func attendanceColumnsAlign() throws {
        let words = try pdfWords(Self.pdf).filter { $0.page == 1 }
        // Rows ๑. … ๒๘.: the numbers end at one x, the names start at one x.
        let numbers = words.filter {
            $0.text.hasSuffix(".") && $0.text.dropLast().allSatisfy { ("๐"..."๙").contains($0) }
        }
        #expect(numbers.count >= 20)
        #expect(Set(numbers.map { Int($0.xMax.rounded()) }).count == 1, "numbers right-aligned")
        let names = words.filter { w in
            numbers.contains { abs($0.yMin - w.yMin) < 1 && $0.xMax < w.xMin && w.xMin - $0.xMax < 20 }
        }
        #expect(Set(names.map { Int($0.xMin.rounded()) }).count == 1, "names start in one column")
    }

    @Test func resolutionsHangAtTheirTab() throws {
        let words = try pdfWords(Self.pdf)
        let labels = words.filter { $0.text == "มติที่ประชุม" }
        #expect(labels.count >= 10)
        var withText = 0
        for label in labels {
            #expect(abs(label.xMin - 3 * cm) < 0.5)
            // One resolution of the seed is empty (`มติที่ประชุม` alone).
            guard
                let text = words.first(where: {
                    $0.page == label.page && abs($0.yMax - label.yMax) < 3 && $0.xMin > label.xMax
                })
            else { continue }
            withText += 1
            #expect(abs(text.xMin - (3 + 3.5) * cm) < 0.5, "resolution text at the 3.5 cm tab")
        }
        #expect(withText >= 10)
    }

    @Test func agendaItemsAreBookmarked() throws {
        let titles = try pdfOutlineTitles(Self.pdf)
        #expect(titles.contains("ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ทราบ"))
        #expect(titles.contains("๑.๑ เรื่องจากการประชุมนายอำเภอ"))
        #expect(titles.count > 20)
    }

    /// A recorder who signs with a picture (`signature: FILE`, `signing: image`) has it drawn in
    /// a signing space above their name in brackets (it was once left out without a word), and
    /// no dotted line; the reviewer, signing by hand, keeps theirs.
    @Test func aSignOffSignedWithAPictureShowsIt() throws {
        let folder = temporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/Examples/signature-example.svg", toPath: folder + "/sig.svg")
        let source = try String(contentsOfFile: packageRoot + "/Examples/seed-001-minutes.md", encoding: .utf8)
        try source.replacingOccurrences(
            of: "position: เจ้าพนักงานธุรการปฏิบัติงาน}", with: "position: เจ้าพนักงานธุรการปฏิบัติงาน, signature: sig.svg}"
        ).write(toFile: folder + "/m.md", atomically: true, encoding: .utf8)
        let result = try run(sarabanBinary, ["render", folder + "/m.md", "-o", folder + "/m.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try pdfText(folder + "/m.pdf")
        #expect(!text.contains("(ลงชื่อ)....................ผู้จดรายงานการประชุม"), "no dotted line for the recorder")
        #expect(text.contains("(ลงชื่อ)....................ผู้ตรวจรายงานการประชุม"), "the reviewer's stays")
        let name = try #require(try pdfWords(folder + "/m.pdf").first { $0.text == "(นายวีระยุทธ" })
        // Ink in the space above the name, higher than a dotted line would stand (at 50 dpi, grey): the picture.
        let script = """
            import subprocess, sys
            page, x1, y1, x2, y2 = int(sys.argv[2]), *(float(v) * 50 / 72 for v in sys.argv[3:7])
            data = subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", str(page), "-l", str(page), sys.argv[1]], capture_output=True).stdout
            head = data.split(b"\\n", 3)
            w, h = map(int, head[1].split())
            pixels = head[3]
            print(sum(1 for y in range(int(y1), int(y2)) for x in range(int(x1), int(x2)) if pixels[y * w + x] < 128))
            """
        let ink = try run("python3", ["-c", script, folder + "/m.pdf", String(name.page), String(name.xMin - 40),
                                      String(name.yMin - 60), String(name.xMax + 80), String(name.yMin - 22)])
        #expect((Int(ink.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 20, "\(ink.stdout) \(ink.stderr)")
    }

    @Test func thaiNumberingIsKeptAsWritten() throws {
        let text = try pdfText(Self.pdf)
        #expect(text.contains("๒. ปลัดจังหวัดลำปาง"), "Markdown must not renumber ๒. as 1.")
        #expect(text.contains("๒) รางวัลรองชนะเลิศอันดับ ๑"))
    }
}

@Suite("Lists in minutes")
struct NestedListTests {
    static let minutes = """
        ---
        type: minutes
        title: [รายงานการประชุม]
        session: 1/2562
        date: 2019-08-30
        place: ห้องประชุม
        ---
        ## ระเบียบวาระที่ ๑ เรื่องทดสอบ

        ผู้ได้รับรางวัล ได้แก่
        - ระดับจังหวัด
          - นางมยุเรศ ใจดี
          - นายสมชาย รักงาน
        - ระดับอำเภอ
          1. นางสาวก ขค

        ๑. ข้อแรก
        บรรทัดใต้ข้อแรก

        """

    @Test func subItemsStandUnderTheirItemOneLevelDeeperNeverGluedOn() throws {
        let folder = temporaryDirectory()
        try Self.minutes.write(toFile: folder + "/m.md", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/m.md", "-o", folder + "/m.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let words = try pdfWords(folder + "/m.pdf")
        func x(_ text: String) -> Double? { words.first { $0.text == text }?.xMin }
        let parent = try #require(x("ระดับจังหวัด")), child = try #require(x("นางมยุเรศ")),
            sibling = try #require(x("ระดับอำเภอ"))
        #expect(abs(parent - sibling) < 1, "items of one list align")
        #expect(child > parent + 10, "a sub-item is indented under its item: \(child) vs \(parent)")
        #expect(!words.contains { $0.text.contains("ระดับจังหวัดนาง") }, "never glued")
        // The line typed under ๑. is a paragraph of its own, on a line of its own.
        let item = try #require(words.first { $0.text == "ข้อแรก" }),
            under = try #require(words.first { $0.text.hasPrefix("บรรทัดใต้ข้อแรก") })
        #expect(under.yMin > item.yMax, "on the next line")
        let check = try run(sarabanBinary, ["check", folder + "/m.md"])
        #expect(check.stdout.contains("m.md:18: body: this line is typed under item ๑."), "\(check.stdout)")
    }
}

@Suite("Checking the data")
struct CheckCommandTests {
    @Test func checkReportsTheSeedsRealInconsistencies() throws {
        let result = try run(sarabanBinary, ["check", packageRoot + "/Examples/seed-000-minutes.md"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "seed-000-minutes.md:8: weekday-as-written: วันพุธ does not match ๓๐ สิงหาคม ๒๕๖๒, which is a วันศุกร์"))
        #expect(result.stdout.contains("item ๓.๒ repeats"))
        let clean = try run(sarabanBinary, ["check", packageRoot + "/Examples/memo.yaml"])
        #expect(clean.status == 0)
        // For scripts: JSON with the rule of each finding; a rule silenced; an unknown rule is a usage error.
        let json = try run(sarabanBinary, ["check", packageRoot + "/Examples/seed-000-minutes.md", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rules = (parsed?["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        #expect(rules.sorted() == ["date", "numbering", "stated-count", "weekday"], "\(json.stdout)")
        let quiet = try run(
            sarabanBinary,
            [
                "check", packageRoot + "/Examples/seed-000-minutes.md", "--ignore", "weekday", "--ignore", "numbering",
                "--ignore", "stated-count", "--ignore", "date",
            ])
        #expect(quiet.status == 0, "\(quiet.stdout)")
        let typo = try run(sarabanBinary, ["check", packageRoot + "/Examples/memo.yaml", "--ignore", "weekdays"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean weekday?"), "\(typo.stderr)")
    }

    /// What the checks find in every example: the seeds' real mistakes, each on its line, and
    /// nothing in our own examples.
    @Test func theExamplesHoldTheSeedsRealMistakesAndNothingElse() throws {
        let expected: [String: [String]] = [
            "seed-000-minutes.md": ["8 weekday", "54 date", "117 numbering", "325 stated-count"],
            "seed-001-minutes.md": [
                "116 names", "233 stated-total", "244 stated-count", "494 resolution-label", "566 names",
            ],
            "seed-004-urgent-circular.yaml": ["39 names"],
            "external-letter.yaml": [], "memo.yaml": [], "directives-summary.md": [], "report-with-pictures.md": [],
        ]
        for (name, findings) in expected {
            let json = try run(sarabanBinary, ["check", packageRoot + "/Examples/" + name, "--format", "json"])
            let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let found =
                (parsed?["findings"] as? [[String: Any]])?.map {
                    "\($0["line"] as? Int ?? 0) \($0["rule"] as? String ?? "")"
                } ?? []
            #expect(found.sorted() == findings.sorted(), "\(name): \(json.stdout)")
        }
    }

    /// Minutes and documents quote computed amounts as letters do; an undeclared one is an
    /// error on its line, never `{{name}}` printed.
    @Test func minutesAndDocumentsQuoteComputedAmounts() throws {
        for type in ["minutes", "document"] {
            let folder = temporaryDirectory()
            let data =
                "---\ntype: \(type)\ntitle: [รายงานการประชุม]\ndate: 2019-08-30\namounts: {budget: 130000}\n---\n"
                + "## ระเบียบวาระที่ ๑ เรื่องแจ้ง\n\nงบประมาณ {{budget}} คือ {{budget.digits}} บาท\n"
            try data.write(toFile: folder + "/m.md", atomically: true, encoding: .utf8)
            let result = try run(
                sarabanBinary, ["render", folder + "/m.md", "-o", folder + "/m.pdf"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try pdfText(folder + "/m.pdf")
            #expect(text.contains("งบประมาณ ๑๓๐,๐๐๐ บาท (หนึ่งแสนสามหมื่นบาทถ้วน) คือ ๑๓๐,๐๐๐ บาท"), "\(text)")
            try data.replacingOccurrences(of: "{{budget.digits}}", with: "{{budgt.digits}}").write(
                toFile: folder + "/m.md", atomically: true, encoding: .utf8)
            let wrong = try run(
                sarabanBinary, ["render", folder + "/m.md", "-o", folder + "/w.pdf"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(
                wrong.status == 1
                    && wrong.stderr.contains(
                        "m.md:9: body: {{budgt}} is not one of the amounts; did you mean {{budget}}?"),
                "\(wrong.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/w.pdf"))
        }
    }

    @Test func renderWarnsAndStrictRefuses() throws {
        let folder = temporaryDirectory()
        let warned = try run(
            sarabanBinary, ["render", packageRoot + "/Examples/seed-000-minutes.md", "-o", folder + "/m.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(warned.status == 0)
        #expect(
            warned.stderr.contains("saraban: warning:") && FileManager.default.fileExists(atPath: folder + "/m.pdf"))
        let strict = try run(
            sarabanBinary,
            ["render", packageRoot + "/Examples/seed-000-minutes.md", "-o", folder + "/s.pdf", "--strict"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(strict.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/s.pdf"))
    }
}

@Suite("Minutes sign-off")
struct MinutesSignOffTests {
    @Test func recorderAndReviewerSideBySideOrStacked() throws {
        let folder = temporaryDirectory()
        let starter = try String(contentsOfFile: packageRoot + "/Templates/starters/minutes.yaml", encoding: .utf8)
        for (layout, sameRow) in [("side-by-side", true), ("stacked", false)] {
            let data = folder + "/\(layout).yaml"
            try starter.replacingOccurrences(of: "signatures: side-by-side", with: "signatures: \(layout)").write(
                toFile: data, atomically: true, encoding: .utf8)
            let result = try run(sarabanBinary, ["render", data], environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 0, "\(result.stderr)")
            let words = try pdfWords(folder + "/\(layout).pdf").filter { $0.text.contains("ลงชื่อ") }
            try #require(words.count == 2)
            #expect((abs(words[0].yMin - words[1].yMin) < 1) == sameRow, "\(layout)")
            // The sign-off comes after the closing time, never alone.
            #expect(try pdfText(folder + "/\(layout).pdf").contains("เลิกประชุมเวลา ๑๒.๐๐ น."))
        }
    }
}

/// Seed 001's minutes: agenda-format, eight tables written as ```table blocks.
@Suite("Seed 001 minutes")
struct Seed001MinutesTests {
    static let pdf: String = try! renderExample("seed-001-minutes")

    /// Page sizes (width, height) in points, page by page.
    func pageSizes() throws -> [(Double, Double)] {
        let pages = Int(try pdfInfo(Self.pdf)["Pages"] ?? "0") ?? 0
        let output = try run("pdfinfo", ["-f", "1", "-l", "\(pages)", Self.pdf]).stdout
        return output.split(separator: "\n").filter { $0.contains("size:") && $0.hasPrefix("Page") }.compactMap {
            line in
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            return numbers.count >= 3 ? (numbers[1], numbers[2]) : nil
        }
    }

    @Test func wideTablesTurnThePageAndTheTextReadsBack() throws {
        let sizes = try pageSizes()
        let landscape = sizes.indices.filter { sizes[$0].0 > sizes[$0].1 }
        #expect(landscape.count == 2, "the 11- and 15-column tables are set on landscape pages: \(landscape)")
        let turned = try landscape.map { try pdfText(Self.pdf, page: $0 + 1) }
        #expect(
            turned[0].contains("5,394,000") && turned[0].contains("กิจกรรมย่อยที่ ๑"),
            "the 11 columns with their title rows")
        #expect(
            turned[1].contains("การจัดตั้งกลุ่มอาชีพ") && turned[1].contains("287,100"), "the 15 columns, total row included")
        #expect(sizes.first.map { $0.0 < $0.1 } == true, "the minutes start on a portrait page")
        let text = try pdfText(Self.pdf)
        #expect(text.contains("5,394,000"), "the source's Arabic digits stay in its tables")
        #expect(text.contains("ครั้งที่ ๕/๒๕๖๓"), "and its Thai digits in the text")
        #expect(text.contains("ปิดประชุม เวลา ๑๒.๐๐ น."))
        #expect(text.contains("(นางพันซ์กร วงศ์ชมภู)"))
    }

    @Test func checkReportsTheSeedsMisspeltResolution() throws {
        let result = try run(sarabanBinary, ["check", packageRoot + "/Examples/seed-001-minutes.md"])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""มิติที่ประชุม" opens the line: did you mean "มติที่ประชุม"?"#), "\(result.stdout)")
    }

    @Test func theFifteenColumnTableFitsOneLandscapePageWithItsFourHeaderRows() throws {
        let sizes = try pageSizes()
        let pages = sizes.indices.filter { sizes[$0].0 > sizes[$0].1 }.map { $0 + 1 }
        let withHeader = try pages.filter { try pdfText(Self.pdf, page: $0).contains("การจัดตั้งกลุ่มอาชีพ") }
        #expect(withHeader.count == 1, "set a little smaller, the table fits one page: \(withHeader)")
        for page in withHeader {
            let text = try pdfText(Self.pdf, page: page)
            #expect(
                text.contains("ดำเนินการไตรมาส 1-2") && text.contains("เบิกจ่าย") && text.contains("เป้าหมาย"),
                "all four header rows on page \(page)")
        }
    }
}

/// The PDF's outline nests as the document does, read back with qpdf.
@Suite("Outline")
struct OutlineTests {
    struct Entry { var title: String; var kids: [Entry] }

    func outline(_ pdf: String) throws -> [Entry] {
        let json = try run("qpdf", ["--json", "--json-key=outlines", pdf]).stdout
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        func entries(_ list: Any?) -> [Entry] {
            ((list as? [[String: Any]]) ?? []).map {
                Entry(title: $0["title"] as? String ?? "", kids: entries($0["kids"]))
            }
        }
        return entries(root?["outlines"])
    }

    @Test func aLettersAttachedMinutesNestTheirAgendaAndSubItems() throws {
        let top = try outline(renderExample("seed-000-cover-letter"))
        #expect(top.count == 1 && top[0].title == "ขอส่งรายงานการประชุม", "one entry: the letter")
        let minutes = try #require(top.first?.kids.first)
        #expect(minutes.title.hasPrefix("รายงานการประชุมผู้บริหาร"), "the minutes under the letter")
        let agenda = try #require(minutes.kids.first { $0.title.hasPrefix("ระเบียบวาระที่ ๑") })
        #expect(
            agenda.kids.map(\.title) == [
                "๑.๑ เรื่องจากการประชุมนายอำเภอ", "๑.๒ เรื่องจากการประชุมกระทรวงมหาดไทย", "๑.๓ เรื่องจากการประชุมหัวหน้าส่วนราชการ",
            ]
                || agenda.kids.prefix(3).map(\.title).allSatisfy { $0.hasPrefix("๑.") }, "\(agenda.kids.map(\.title))")
        let four = try #require(minutes.kids.first { $0.title.hasPrefix("ระเบียบวาระที่ ๔") })
        #expect(
            four.kids.map { String($0.title.prefix(3)) } == ["๔.๑", "๔.๒", "๔.๓", "๔.๔"], "\(four.kids.map(\.title))")
        // A heading's second line (E-Commerce under its item) is no entry of its own.
        func all(_ entries: [Entry]) -> [String] { entries.flatMap { [$0.title] + all($0.kids) } }
        #expect(!all(top).contains("E-Commerce"))
    }

    @Test func minutesNestSubItemsUnderTheirAgendaItem() throws {
        let top = try outline(renderExample("seed-001-minutes"))
        #expect(top.count == 1, "the minutes' title alone at the top")
        let items = top.first?.kids ?? []
        #expect(items.filter { $0.title.hasPrefix("ระเบียบวาระที่") }.count == 5, "\(items.map(\.title))")
        let three = try #require(items.first { $0.title.hasPrefix("ระเบียบวาระที่ ๓") })
        #expect(
            three.kids.count == 18 && three.kids.allSatisfy { $0.title.hasPrefix("๓.") }, "\(three.kids.map(\.title))")
    }
}
