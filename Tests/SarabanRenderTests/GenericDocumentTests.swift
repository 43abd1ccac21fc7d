import Foundation
import Testing

/// `type: document`: everything that is not a letter, a memo or minutes.
@Suite("Generic documents")
struct GenericDocumentTests {
    @Test func theDirectivesSummaryHasItsTitleBlockListsInCellsAndTwoSigners() throws {
        let pdf = try renderExample("directives-summary")
        let words = try pdfWords(pdf)
        let text = try pdfText(pdf)
        // Title lines, ครั้งที่ and the date line, each only because the data gives it, centred.
        for line in [
            "สรุปข้อสั่งการผู้ว่าราชการจังหวัดลำปาง", "ครั้งที่ ๑๑/๒๕๖๙", "วันพุธที่ ๒๕ พฤศจิกายน ๒๕๖๙", "ข้อมูล ณ วันที่ ๒๗ พฤศจิกายน ๒๕๖๙",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        let title = try #require(words.first { $0.text == "สรุปข้อสั่งการผู้ว่าราชการจังหวัดลำปาง" })
        #expect(abs((title.xMin + title.xMax) / 2 - 595.28 / 2 - 0.5 * cm) < 3 * cm, "centred on the text frame")
        // A list in a cell: one directive a line, each starting at the cell's left.
        // (the third column starts well right of the margin, past ที่ and เรื่อง)
        let first = try #require(words.first { $0.text == "๑." && $0.page == 1 && $0.xMin > 3 * cm + 4 * cm })
        let second = words.filter { $0.text == "๒." && $0.page == 1 && abs($0.xMin - first.xMin) < 1 }
        #expect(!second.isEmpty, "๒. under ๑.")
        // Two sign-off blocks side by side, each with its dotted line and role.
        let roles = words.filter { $0.text.hasSuffix("ผู้สรุป") || $0.text.hasSuffix("ผู้ตรวจ") }
        #expect(roles.count == 2 && abs(roles[0].yMin - roles[1].yMin) < 1, "\(roles.map(\.text))")
    }

    @Test func onlyTheLinesTheDataGivesArePrinted() throws {
        let folder = temporaryDirectory()
        try "type: document\ntitle: [ทะเบียนคุมหนังสือ]\nbody: |\n  ข้อความ\n".write(
            toFile: folder + "/d.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/d.yaml", "-o", folder + "/d.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try pdfText(folder + "/d.pdf")
        #expect(text == "ทะเบียนคุมหนังสือ\nข้อความ", "\(text)")
    }

    /// Each signer signs as the data says: by hand on a dotted line with their role, with the
    /// name alone (`sign-by-hand: false`), or typed in the dotted line's place (`signing: typed`).
    @Test func aDocumentsSignersSignAsTheDataSays() throws {
        let folder = temporaryDirectory()
        func signer(_ extra: String) -> String {
            "  - name: นางสาวพรทิพย์ แก้วมูล\n    position: นักวิชาการ\n    role: ผู้สรุป\n" + extra
        }
        for (extra, lines) in [
            ("", ["(ลงชื่อ)..............................ผู้สรุป", "(นางสาวพรทิพย์ แก้วมูล)", "นักวิชาการ"]),
            ("    sign-by-hand: false\n", ["(นางสาวพรทิพย์ แก้วมูล)", "นักวิชาการ"]),
            ("    signing: typed\n", ["(ลงชื่อ) นางสาวพรทิพย์ แก้วมูล ผู้สรุป", "(นางสาวพรทิพย์ แก้วมูล)", "นักวิชาการ"]),
        ] {
            try ("type: document\ntitle: [สรุป]\nbody: ข้อความ\nsigners:\n" + signer(extra))
                .write(toFile: folder + "/d.yaml", atomically: true, encoding: .utf8)
            let result = try run(
                sarabanBinary, ["render", folder + "/d.yaml", "-o", folder + "/d.pdf"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try pdfText(folder + "/d.pdf")
            #expect(text == (["สรุป", "ข้อความ"] + lines).joined(separator: "\n"), "\(extra): \(text)")
        }
    }

    @Test func aDocumentWithoutATitleIsAnError() throws {
        let folder = temporaryDirectory()
        try "type: document\nbody: ข้อความ\n".write(toFile: folder + "/d.yaml", atomically: true, encoding: .utf8)
        let result = try run(sarabanBinary, ["render", folder + "/d.yaml"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1)
        #expect(result.stderr.contains("d.yaml:1: title: missing"), "\(result.stderr)")
    }

    /// A document in a folder with the examples' pictures; `body` is its Markdown.
    func document(_ body: String) throws -> (folder: String, file: String) {
        let folder = temporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/Examples/pictures", toPath: folder + "/pictures")
        try ("---\ntype: document\ntitle: [รายงาน]\n---\n" + body).write(
            toFile: folder + "/r.md", atomically: true, encoding: .utf8)
        return (folder, folder + "/r.md")
    }

    @Test func aPictureStandsWithItsCaptionScaledToTheWidthAskedFor() throws {
        let (folder, file) = try document(
            "ก่อนภาพ\n\n![ภาพที่ ๑ ผลการดำเนินงาน](pictures/district-results.svg){width=10cm}\n\n"
                + "![ภาพที่ ๒ หนังสือ](pictures/circular-first-page.png){width=6cm align=left}\n")
        let result = try run(
            sarabanBinary, ["render", file, "-o", folder + "/r.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try run("pdfimages", ["-list", folder + "/r.pdf"]).stdout
        #expect(images.contains("image"), "the PNG is in the PDF: \(images)")
        let words = try pdfWords(folder + "/r.pdf")
        let caption = try #require(words.first { $0.text == "ผลการดำเนินงาน" })
        let before = try #require(words.first { $0.text == "ก่อนภาพ" })
        // A 640×360 drawing 10 cm wide is 5.6 cm high: the caption is that far under the text above.
        #expect(caption.yMin - before.yMax > 5.6 * cm, "\(caption.yMin) vs \(before.yMax)")
        #expect(caption.yMin - before.yMax < 5.6 * cm + 2 * cm)
    }

    @Test(
        "a picture that cannot be used is an error naming its line",
        arguments: [
            ("![ก](pictures/none.png)\n", ["r.md:6", "file not found"]),
            ("![ก](../outside.png)\n", ["r.md:6", "outside the data file's folder"]),
            ("![ก](pictures/photo.png)\n", ["r.md:6", "not a PNG, JPEG or SVG"]),
            ("ข้อความ ![ก](pictures/circular-first-page.png) ต่อ\n", ["a picture stands on a line of its own"]),
            ("![ก](pictures/circular-first-page.png){height=3cm}\n", ["height=3cm"]),
        ])
    func badPictures(body: String, expected: [String]) throws {
        let (folder, file) = try document("\n" + body)
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: URL(fileURLWithPath: folder + "/pictures/photo.png"))
        let result = try run(
            sarabanBinary, ["render", file, "-o", folder + "/r.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1, "\(result.stderr)")
        for part in expected { #expect(result.stderr.contains(part), "\(result.stderr) lacks \(part)") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/r.pdf"))
    }

    @Test func aCentredLineAPageBreakAndUnknownTags() throws {
        let (folder, file) = try document("ก่อน\n\n<center>กึ่งกลาง</center>\n\n<page-break>\n\nหน้าใหม่\n")
        let result = try run(
            sarabanBinary, ["render", file, "-o", folder + "/r.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let words = try pdfWords(folder + "/r.pdf")
        let centred = try #require(words.first { $0.text == "กึ่งกลาง" })
        #expect(
            abs((centred.xMin + centred.xMax) / 2 - (3 * cm + (595.28 - 5 * cm) / 2)) < 2, "centred on the text frame")
        #expect(words.first { $0.text == "หน้าใหม่" }?.page == 2)
        let (folder2, file2) = try document("<div>กล่อง</div>\n")
        let bad = try run(
            sarabanBinary, ["render", file2, "-o", folder2 + "/r.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(bad.status == 1 && bad.stderr.contains("<div>") && bad.stderr.contains("<page-break>"), "\(bad.stderr)")
    }

    /// A photograph goes into the PDF as the JPEG it is, not re-encoded.
    @Test func aJPEGPhotographIsEmbeddedAsItIs() throws {
        let (folder, file) = try document("![ภาพถ่าย](pictures/photo-1.jpg){width=6cm}\n")
        // A JPEG made here from a rendered page.
        let page = folder + "/page.pdf"
        #expect(
            try run(
                sarabanBinary, ["render", packageRoot + "/Examples/memo.yaml", "-o", page],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        #expect(
            try run("pdftoppm", ["-jpeg", "-r", "30", "-f", "1", "-l", "1", page, folder + "/pictures/photo"]).status
                == 0)
        let result = try run(
            sarabanBinary, ["render", file, "-o", folder + "/r.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try run("pdfimages", ["-list", folder + "/r.pdf"]).stdout
        let jpegBytes =
            try FileManager.default.attributesOfItem(atPath: folder + "/pictures/photo-1.jpg")[.size] as? Int ?? 0
        #expect(images.contains(" jpeg "), "embedded as JPEG: \(images)")
        #expect(images.contains("\(jpegBytes)B"), "the file's own \(jpegBytes) bytes: \(images)")
    }
}
