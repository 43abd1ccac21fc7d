import Foundation
import Testing

/// No input crashes Saraban: each line of ordinary or hostile data that once stopped it with a
/// trap or a segmentation fault now renders, or is one message naming the file and what was
/// expected, with exit 1 and no PDF.
@Suite("No crash")
struct NoCrashTests {
    static let letter = try! String(
        contentsOfFile: packageRoot + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)

    /// An attachment holding one table (`columns` and `rows` as YAML).
    static func table(_ body: String) -> String {
        letter + "attachments:\n  - title: ตาราง\n    content:\n      - table:\n" + body
    }

    static let minutesWithoutPositions = """
        ---
        type: minutes
        title: [รายงานการประชุม]
        session: 1/2562
        date: 2019-08-30
        time: "09:00"
        place: ห้องประชุม
        present:
          people:
            - ["นายก", "ข"]
            - ["นางค", "ง"]
        ---
        ## ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้ง

        รับทราบ

        """

    static let billionLaughs: String = {
        var text = letter + "x0: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]\n"
        for level in 1...9 {
            text +=
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        return text
    }()

    /// Each case: its file name, its data, the exit code, and words the message or the PDF holds.
    static let cases: [(name: String, data: String, code: Int32, expected: [String])] = [
        // (file name, data, exit code, words the message or the PDF holds)
        ("empty-amount.yaml", letter + "amounts: {fee: }\n", 1, ["amounts.fee", "found nothing"]),
        ("null-amount.yaml", letter + "amounts: {fee: ~}\n", 1, ["amounts.fee", "found nothing"]),
        (
            "huge-amount.yaml", letter + "amounts: {fee: 1\(String(repeating: "0", count: 40))}\n", 1,
            ["amounts.fee", "too large"]
        ),
        (
            "percent-of.yaml",
            table(
                "          columns:\n            - {title: a, type: number, total: true}\n            - {title: p, type: percent, of: [9, 0]}\n          rows:\n            - [1, \"\"]\n"
            ),
            1, ["columns[2].of"]
        ),
        (
            "text-in-a-total.yaml",
            table(
                "          columns:\n            - {title: a, type: number, total: true}\n          rows:\n            - [1]\n            - [หนึ่ง]\n"
            ),
            1, ["rows[2][1]", "หนึ่ง", "not an amount"]
        ),
        (
            "int64-total.yaml",
            table(
                "          columns:\n            - ที่\n            - {title: a, type: number, total: true}\n          rows:\n            - [1, 9223372036854775807]\n            - [2, 9223372036854775807]\n"
            ),
            0, ["๑๘,๔๔๖,๗๔๔,๐๗๓,๗๐๙,๕๕๑,๖๑๔"]
        ),
        (
            "overlapping-header.yaml",
            table(
                "          columns: [a, b]\n          header:\n            - [x, {text: y, rowspan: 2}]\n            - [{text: z, colspan: 2}]\n          rows:\n            - [1, 2]\n"
            ),
            1, ["overlaps", "z"]
        ),
        (
            "header-past-the-rows.yaml",
            table(
                "          columns: [a, b]\n          header:\n            - [{text: x, rowspan: 3}, y]\n          rows:\n            - [1, 2]\n"
            ),
            1, ["spans 3 rows"]
        ),
        (
            "self-attachment.yaml", letter + "attachments:\n  - file: self-attachment.yaml\n", 1,
            ["attachments[1].file", "cannot attach itself"]
        ),
        (
            "nested.yaml",
            letter + "x: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n", 1,
            ["nested more than 100 levels"]
        ),
        ("billion-laughs.yaml", billionLaughs, 1, ["aliases"]),
        (
            "year-zero.yaml", letter.replacingOccurrences(of: "body: ด้วย", with: "body: วันศุกร์ที่ 30 สิงหาคม 0"), 0,
            ["สิงหาคม"]
        ),
        (
            "two-digit-year.yaml", letter.replacingOccurrences(of: "body: ด้วย", with: "body: วันพุธที่ ๓๑ ส.ค. ๖๕"), 0,
            ["ส.ค."]
        ),
        (
            "year-typo.yaml", letter.replacingOccurrences(of: "date: 2018-09-12", with: "date: 25610-09-12"), 1,
            ["date", "25610"]
        ),
        (
            "year-typo-2.yaml", letter.replacingOccurrences(of: "date: 2018-09-12", with: "date: 2651-09-12"), 1,
            ["date", "not one a document carries"]
        ),
        (
            "year-zeros.yaml", letter.replacingOccurrences(of: "date: 2018-09-12", with: "date: 0000-09-12"), 1,
            ["date", "not one a document carries"]
        ),
        (
            "nul.yaml", letter.replacingOccurrences(of: "subject: ทดสอบ", with: "subject: ทด\u{0}สอบ"), 1,
            ["nul.yaml:6", "NUL"]
        ),
        ("empty-front-matter.md", "---\n---\nข้อความ\n", 1, ["empty-front-matter.md:2", "front matter is empty"]),
        ("no-positions.md", minutesWithoutPositions, 0, ["นายก"]),
        (
            "deep-quotes.md", minutesWithoutPositions + String(repeating: "> ", count: 5000) + "x\n", 1,
            ["deep-quotes.md:", "nested more than 64"]
        ),
        (
            "deep-lists.md",
            minutesWithoutPositions + (0..<300).map { String(repeating: "  ", count: $0) + "- ก\n" }.joined(), 1,
            ["nested more than 64"]
        ),
        (
            "deep-emphasis.md",
            minutesWithoutPositions + String(repeating: "*", count: 5000) + "x" + String(repeating: "*", count: 5000)
                + "\n", 1,
            ["nested more than 64"]
        ),
        (
            "blank-rows.yaml", table("          columns: [a]\n          blank-rows: สิบ\n"), 1,
            ["blank-rows", "whole number"]
        ),
    ]

    // The cases by name: the test log names each, instead of printing 10,000 characters of data.
    @Test("one line of data is an error or a PDF, never a crash", arguments: cases.map(\.name))
    func oneLine(name: String) throws {
        let (_, data, code, expected) = try #require(Self.cases.first { $0.name == name })
        try check(name: name, data: data, code: code, expected: expected)
    }

    func check(name: String, data: String, code: Int32, expected: [String]) throws {
        let folder = temporaryDirectory()
        let input = folder + "/" + name
        try data.write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder + "/out.pdf"
        let result = try run(
            sarabanBinary, ["render", input, "-o", output], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == code, "\(name): exit \(result.status): \(result.stderr.prefix(300))")
        if code == 0 {
            let text = try pdfText(output)
            for word in expected { #expect(text.contains(word), "\(name): the PDF lacks \(word)") }
        } else {
            #expect(!FileManager.default.fileExists(atPath: output), "\(name): no PDF")
            #expect(
                result.stderr.hasPrefix("saraban: error: ") && result.stderr.split(separator: "\n").count == 1,
                "\(name): \(result.stderr)")
            for word in expected { #expect(result.stderr.contains(word), "\(name): \(result.stderr) lacks \(word)") }
        }
    }

    @Test func aliasBombsInABatchAreRefusedBeforeAnyLetter() throws {
        let folder = temporaryDirectory()
        var bomb = "- &r0 {to: นายอำเภอ, name: a}\n"
        bomb += "- x0: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]\n"
        for level in 1...9 {
            bomb +=
                "  x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        try bomb.write(toFile: folder + "/r.yaml", atomically: true, encoding: .utf8)
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        try Self.billionLaughs.write(toFile: folder + "/bomb-letter.yaml", atomically: true, encoding: .utf8)
        try "- {to: นายอำเภอ, name: a}\n".write(toFile: folder + "/one.yaml", atomically: true, encoding: .utf8)
        for (letter, recipients) in [("letter.yaml", "r.yaml"), ("bomb-letter.yaml", "one.yaml")] {
            let result = try run(
                sarabanBinary,
                ["batch", folder + "/" + letter, "--recipients", folder + "/" + recipients, "-o", folder + "/out"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 1, "\(letter) + \(recipients): \(result.stderr)")
            #expect(result.stderr.contains("aliases"), "\(result.stderr)")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).isEmpty)
        }
    }

    @Test func impossibleStyleSizesAreErrorsNamingTheField() throws {
        let folder = temporaryDirectory()
        let style = try String(contentsOfFile: packageRoot + "/Templates/style.yaml", encoding: .utf8)
        for (old, new, field) in [
            ("  size: 16pt", "  size: 0pt", "font.size"), ("  marginLeft: 3cm", "  marginLeft: 30cm", "page"),
            ("  cellPadding: 3pt", "  cellPadding: -3pt", "table.cellPadding"),
        ] {
            #expect(style.contains(old), "style.yaml lacks \(old)")
            try style.replacingOccurrences(of: old, with: new).write(
                toFile: folder + "/style.yaml", atomically: true, encoding: .utf8)
            try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
            let result = try run(
                sarabanBinary,
                ["render", folder + "/letter.yaml", "--style", folder + "/style.yaml", "-o", folder + "/out.pdf"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 1, "\(new)")
            #expect(result.stderr.contains("style.yaml: \(field)"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.pdf"))
        }
    }

    /// An office's style names only what it changes; a setting that does not exist is an error
    /// with the nearest one, never ignored.
    @Test func aPartialStyleChangesOnlyWhatItNames() throws {
        let folder = temporaryDirectory()
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        try "font:\n  size: 20pt\n".write(toFile: folder + "/office.yaml", atomically: true, encoding: .utf8)
        let plain = try run(
            sarabanBinary, ["render", folder + "/letter.yaml", "-o", folder + "/a.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        let larger = try run(
            sarabanBinary,
            ["render", folder + "/letter.yaml", "--style", folder + "/office.yaml", "-o", folder + "/b.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(plain.status == 0 && larger.status == 0, "\(larger.stderr)")
        func height(_ pdf: String) throws -> Double {
            let word = try #require(try pdfWords(pdf).first { $0.text == "ทดสอบ" })
            return word.yMax - word.yMin
        }
        let (small, large) = (try height(folder + "/a.pdf"), try height(folder + "/b.pdf"))
        #expect(large > small * 1.15, "20 pt against 16 pt: \(large) vs \(small)")
        try "font:\n  sise: 20pt\n".write(toFile: folder + "/typo.yaml", atomically: true, encoding: .utf8)
        let typo = try run(
            sarabanBinary,
            ["render", folder + "/letter.yaml", "--style", folder + "/typo.yaml", "-o", folder + "/c.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            typo.status == 1 && typo.stderr.contains("typo.yaml: font.sise: no such setting; did you mean font.size?"),
            "\(typo.stderr)")
    }

    /// What a signature shows is a style setting like any: a colour that is not one, a size too
    /// small to print, a misspelt key are each one error naming the setting as it is written.
    @Test("a signature's style is checked", arguments: [
        ("signature:\n  color: blue\n", "signature.color: \"blue\" is not a colour; expected #RRGGBB"),
        ("signature:\n  size: 0pt\n", "signature.size: 0.0pt is too small to print"),
        ("signature:\n  colour: \"#000000\"\n", "signature.colour: no such setting; did you mean signature.color?"),
        ("limits:\n  pages: 0\n", "limits.pages: 0 is out of range"),
    ])
    func aSignaturesStyleIsChecked(style: String, message: String) throws {
        let folder = temporaryDirectory()
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        try style.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/letter.yaml", "--style", folder + "/s.yaml", "-o", folder + "/x.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1 && result.stderr.contains("s.yaml: " + message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.pdf"))
    }

    @Test func aDocumentPastALimitStopsWithTheLimitsName() throws {
        let folder = temporaryDirectory()
        let style = try String(contentsOfFile: packageRoot + "/Templates/style.yaml", encoding: .utf8)
        try style.replacingOccurrences(of: "  pages: 2000", with: "  pages: 1").write(
            toFile: folder + "/style.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary,
            [
                "render", packageRoot + "/Examples/seed-004-urgent-circular.yaml", "--style", folder + "/style.yaml",
                "-o", folder + "/out.pdf",
            ], environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1)
        #expect(result.stderr.contains("limits.pages"), "\(result.stderr)")
    }

    @Test func aWordLongerThanTheLineBreaksInsideTheTextFrame() throws {
        let folder = temporaryDirectory()
        let run10000 = String(repeating: "x", count: 3000)
        try Self.letter.replacingOccurrences(of: "body: ด้วย", with: "body: ด้วย \(run10000)")
            .write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/letter.yaml", "-o", folder + "/out.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0)
        let words = try pdfWords(folder + "/out.pdf").filter { $0.text.hasPrefix("xxx") }
        #expect(words.map(\.text).joined().count == 3000, "every letter printed")
        let rightEdge = 595.28 - 2 * cm
        for word in words {
            #expect(word.xMax <= rightEdge + 1, "\(word.text.prefix(10))… ends at \(word.xMax), past \(rightEdge)")
        }
    }

    @Test func aMissingPartialIsAnErrorNamingTheTemplateLine() throws {
        let folder = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/Templates", withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Templates")
        where file.hasSuffix(".mustache") || file == "style.yaml" {
            try FileManager.default.copyItem(
                atPath: packageRoot + "/Templates/" + file, toPath: folder + "/Templates/" + file)
        }
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/Fonts", withDestinationPath: packageRoot + "/Fonts")
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/Resources", withDestinationPath: packageRoot + "/Resources")
        try FileManager.default.removeItem(atPath: folder + "/Templates/_letter-body.mustache")
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/letter.yaml", "-o", folder + "/out.pdf"],
            environment: ["SARABAN_HOME": folder])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(".mustache:") && result.stderr.contains("{{> _letter-body}} does not exist"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.pdf"))
    }
}
