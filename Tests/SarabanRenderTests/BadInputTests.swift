import Foundation
import Testing

/// Bad input: one clear message naming the file, line or field; a non-zero exit; no output file.
@Suite("Bad input")
struct BadInputTests {
    /// The seed 000 cover letter without its minutes (which live in a file beside it).
    static let valid = try! String(
        contentsOfFile: packageRoot + "/Examples/seed-000-cover-letter.yaml", encoding: .utf8
    )
    .components(separatedBy: "attachments:")[0]

    /// Writes `data` to a file, renders it, and returns the result and whether a PDF appeared.
    func render(_ data: String, arguments: [String] = [], environment: [String: String] = [:]) throws -> (
        ProcessResult, Bool, String
    ) {
        let folder = temporaryDirectory()
        let input = folder + "/letter.yaml"
        try data.write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder + "/letter.pdf"
        var env = ["SARABAN_HOME": packageRoot]
        for (key, value) in environment { env[key] = value }
        let result = try run(sarabanBinary, ["render", input, "-o", output] + arguments, environment: env)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "letter.yaml" }
        return (result, FileManager.default.fileExists(atPath: output) || !leftovers.isEmpty, input)
    }

    func replacing(_ old: String, with new: String) -> String {
        precondition(Self.valid.contains(old), "fixture lacks \(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func validDataRenders() throws {
        let (result, written, _) = try render(Self.valid)
        #expect(result.status == 0)
        #expect(written)
    }

    @Test(
        "each mistake gets a message naming where it is",
        arguments: [
            // (what to replace, replacement, expected parts of the message, exit code)
            ("subject: ขอส่งรายงานการประชุม", "subject: [ขอส่ง", ["letter.yaml:", "not valid YAML"], 1),
            ("subject: ขอส่งรายงานการประชุม\n", "", ["subject", "missing"], 1),
            ("subject: ขอส่ง", "subjet: ขอส่ง", ["letter.yaml:", "subjet", "did you mean `subject`"], 1),
            ("date: 2019-09-06", "date: [2019, 9, 6]", ["letter.yaml:", "date", "expected text"], 1),
            (
                "date: 2019-09-06", "date: 2019-02-30",
                ["letter.yaml:", "date", "2019-02-30", "not a day of the calendar"], 1
            ),
            ("  name: นางอุทัยวรรณ มินสุวรรณ", "  name: [นาง]", ["signer.name", "expected text"], 1),
            ("number: ลป 0019.1/ว 1237", "number: ลป 0019.1/1237", ["number", "circular letter", "ว"], 1),
            ("type: circular-letter", "type: circular", ["type", "not allowed", "circular-letter"], 1),
            ("    quantity: 1", "    quantity: 1\n    colour: red", ["enclosures[1].colour", "unknown field"], 1),
        ] as [(String, String, [String], Int32)])
    func mistakes(old: String, new: String, expected: [String], code: Int32) throws {
        let (result, written, input) = try render(replacing(old, with: new))
        #expect(result.status == code)
        #expect(!written, "no output file after an error")
        let message = result.stderr.replacingOccurrences(of: input, with: "letter.yaml")
        #expect(message.hasPrefix("saraban: error: "))
        #expect(message.split(separator: "\n").count == 1, "one line: \(message)")
        for part in expected { #expect(message.contains(part), "\(message) lacks \(part)") }
    }

    @Test func lineNumbersPointAtTheField() throws {
        let data = replacing("date: 2019-09-06", with: "date: 2019-13-06")
        let line =
            data.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("date:") }! + 1
        let (result, _, input) = try render(data)
        #expect(result.stderr.contains("\(input):\(line): date:"), "\(result.stderr)")
    }

    @Test func unknownAmountInProse() throws {
        let data = replacing("เวลา 09.00 น.", with: "เวลา 09.00 น. {{budgt}}") + "amounts:\n  budget: 100\n"
        let (result, written, _) = try render(data)
        #expect(result.status == 1)
        #expect(!written)
        #expect(
            result.stderr.contains("{{budgt}}") && result.stderr.contains("did you mean {{budget}}"), "\(result.stderr)"
        )
    }

    @Test func unknownTemplate() throws {
        let (result, written, _) = try render(Self.valid, arguments: ["-t", "circular"])
        #expect(result.status == 1)
        #expect(!written)
        #expect(result.stderr.contains("unknown template \"circular\"") && result.stderr.contains("circular-letter"))
    }

    @Test func missingFontFailsLoudly() throws {
        let (result, written, _) = try render(Self.valid, arguments: ["--font", "TH SarabunIT๙"])
        #expect(result.status == 3)
        #expect(!written)
        #expect(result.stderr.contains("font \"TH SarabunIT๙\" was not found"), "\(result.stderr)")
        #expect(result.stderr.contains("Laksaman"), "names what it would have fallen back to")
    }

    @Test func malformedStyleNamesItsLine() throws {
        let style = temporaryDirectory() + "/style.yaml"
        let good = try String(contentsOfFile: packageRoot + "/Templates/style.yaml", encoding: .utf8)
        // The file ends with a newline, so the line appended below is number `badLine`.
        let badLine = good.split(separator: "\n", omittingEmptySubsequences: false).count
        try (good + "page: a: b\n").write(toFile: style, atomically: true, encoding: .utf8)
        let (result, written, _) = try render(Self.valid, arguments: ["--style", style])
        #expect(result.status == 1)
        #expect(!written)
        #expect(result.stderr.contains("\(style): not valid YAML: \(badLine):"), "\(result.stderr)")
    }

    @Test func missingEmblem() throws {
        // An installation without its Garuda.
        let home = temporaryDirectory()
        for folder in ["Templates", "Fonts"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/" + folder, toPath: home + "/" + folder)
        }
        let (result, written, _) = try render(Self.valid, environment: ["SARABAN_HOME": home])
        #expect(result.status == 3)
        #expect(!written)
        #expect(result.stderr.contains("garuda.svg") && result.stderr.contains("Garuda"), "\(result.stderr)")
    }

    @Test func unwritableOutput() throws {
        let folder = temporaryDirectory()
        let input = folder + "/letter.yaml"
        try Self.valid.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", input, "-o", "/nonexistent-folder/letter.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 3)
        #expect(
            result.stderr.contains("/nonexistent-folder/letter.pdf") && result.stderr.contains("does not exist"),
            "\(result.stderr)")
    }

    @Test func missingSignatureImage() throws {
        let data = replacing("  name: นางอุทัยวรรณ มินสุวรรณ", with: "  name: นางอุทัยวรรณ มินสุวรรณ\n  signature: nowhere.png")
        let (result, written, _) = try render(data)
        #expect(result.status == 3)
        #expect(!written)
        #expect(result.stderr.contains("nowhere.png") && result.stderr.contains("signature image"), "\(result.stderr)")
    }

    @Test func valuesCannotInjectMarkup() throws {
        let data = replacing("subject: ขอส่งรายงานการประชุม", with: "subject: \"ขอส่ง <page-break/> & <b>ตัวหนา</b>\"")
        let folder = temporaryDirectory()
        let input = folder + "/letter.yaml", output = folder + "/letter.pdf"
        try data.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", input, "-o", output], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try pdfInfo(output)["Pages"] == "1", "no page break from data")
        #expect(try pdfText(output).contains("ขอส่ง <page-break/> & <b>ตัวหนา</b>"))
    }
}

@Suite("Command line")
struct CommandLineTests {
    @Test func thaiBahtFromArgumentsAndStandardInput() throws {
        let args = try run(sarabanBinary, ["thai", "baht", "533800", "101"])
        #expect(args.stdout == "ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน\nหนึ่งร้อยเอ็ดบาทถ้วน\n")
        let excel = try run(sarabanBinary, ["thai", "baht", "--excel", "101"])
        #expect(excel.stdout == "หนึ่งร้อยหนึ่งบาทถ้วน\n")
        let piped = try run(sarabanBinary, ["thai", "baht"], stdin: "1.01\nxyz\n11\n")
        #expect(piped.stdout == "หนึ่งบาทหนึ่งสตางค์\n\nสิบเอ็ดบาทถ้วน\n")
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("line 2") && piped.stderr.contains("xyz"))
    }

    @Test func thaiDatesAndDigits() throws {
        #expect(
            try run(sarabanBinary, ["thai", "date", "--form", "weekday", "2019-08-30"]).stdout
                == "วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒\n")
        #expect(
            try run(sarabanBinary, ["thai", "date", "--form", "abbreviated", "2018-09-12"]).stdout == "๑๒ ก.ย. ๖๑\n")
        #expect(try run(sarabanBinary, ["thai", "digits", "COVID-19 ระลอก 3"]).stdout == "COVID-19 ระลอก ๓\n")
    }

    @Test func templatesAreListed() throws {
        let result = try run(sarabanBinary, ["templates"], environment: ["SARABAN_HOME": packageRoot])
        let names = result.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] }
        #expect(names == ["circular-letter", "document", "external-letter", "memo", "minutes"])
    }

    @Test func everyCommandHasHelp() throws {
        for command in [
            ["render"], ["preview"], ["templates"], ["thai"], ["thai", "baht"], ["thai", "date"], ["thai", "digits"],
        ] {
            let result = try run(sarabanBinary, command + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE:"))
        }
    }

    @Test func previewDrawsThePageAtTheAskedResolution() throws {
        let output = temporaryDirectory() + "/page.png"
        let result = try run(
            sarabanBinary, ["preview", packageRoot + "/Examples/memo.yaml", "--dpi", "72", "-o", output],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let png = try #require(FileManager.default.contents(atPath: output))
        // PNG header: width and height, big-endian, at bytes 16…23.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 595 && height == 842)
    }
}

@Suite("Bad minutes and tables")
struct BadMinutesAndTablesTests {
    func render(_ text: String, name: String = "m.md") throws -> (ProcessResult, Bool) {
        let folder = temporaryDirectory()
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/" + name, "-o", folder + "/out.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        return (result, FileManager.default.fileExists(atPath: folder + "/out.pdf"))
    }

    /// A minimal letter (`Tests/Fixtures/minimal-letter.yaml`) whose one attachment has
    /// `content` (YAML lines indented for the list).
    func letterWithAttachment(_ content: String) -> String {
        let head = try! String(contentsOfFile: packageRoot + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)
        return head + """
            attachments:
              - title: บัญชี
                content:
            \(content)
            """
    }

    @Test func markdownWithoutFrontMatter() throws {
        let (result, written) = try render("## ระเบียบวาระที่ ๑\nข้อความ\n")
        #expect(result.status == 1 && !written)
        #expect(result.stderr.contains("m.md:1: a Markdown file starts with YAML front matter"))
    }

    @Test func misspeltFrontMatterFieldNamesItsLine() throws {
        let (result, written) = try render(
            "---\ntype: minutes\ndate: 2019-08-30\npresent: {people: [[นาย ก, ข, ค]]}\nsesion: 8/2562\n---\nข้อความ\n")
        #expect(result.status == 1 && !written)
        #expect(result.stderr.contains("m.md:5: sesion: unknown field; did you mean `session`?"), "\(result.stderr)")
    }

    @Test func impossibleMeetingTime() throws {
        let (result, _) = try render(
            "---\ntype: minutes\ndate: 2019-08-30\ntime: \"25:00\"\npresent: {people: [[นาย ก, ข, ค]]}\n---\nข้อความ\n")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("m.md:4: time:") && result.stderr.contains("not a time of day"), "\(result.stderr)")
    }

    @Test func tableRowWithTooManyValues() throws {
        let yaml = letterWithAttachment(
            """
                  - table:
                      columns: [ที่, อำเภอ]
                      rows: [[1, เถิน, 3]]
            """)
        let (result, written) = try render(yaml, name: "t.yaml")
        #expect(result.status == 1 && !written)
        #expect(result.stderr.contains("rows[1]: has 3 values for 2 columns"), "\(result.stderr)")
    }

    @Test func unknownContentKindInAnAttachment() throws {
        let yaml = letterWithAttachment("      - tabel: {columns: [ที่]}")
        let (result, _) = try render(yaml, name: "t.yaml")
        #expect(result.status == 1)
        #expect(result.stderr.contains("tabel") && result.stderr.contains("did you mean `table`"), "\(result.stderr)")
    }
}
