import Foundation
import Testing

/// `--pdfa`: every example written as PDF/A-2b, each requirement that applies to Saraban's output
/// checked on the file by scripts/check-pdfa.py (pikepdf), as docs/pdfa.md lists them.
@Suite("PDF/A")
struct ArchivalTests {
    static let examples = [
        "seed-004-urgent-circular.yaml", "seed-000-cover-letter.yaml", "seed-001-minutes.md", "memo.yaml",
        "external-letter.yaml", "directives-summary.md", "report-with-pictures.md",
    ]

    func render(_ example: String, to pdf: String, archival: Bool = true) throws -> ProcessResult {
        try run(
            sarabanBinary, ["render", packageRoot + "/Examples/" + example, "-o", pdf] + (archival ? ["--pdfa"] : []),
            environment: ["SARABAN_HOME": packageRoot])
    }

    @Test("every example meets the PDF/A-2b requirements", arguments: examples)
    func everyExampleIsArchival(example: String) throws {
        let folder = temporaryDirectory()
        let pdf = folder + "/a.pdf"
        let result = try render(example, to: pdf)
        #expect(result.status == 0, "\(result.stderr)")
        let check = try run("python3", [packageRoot + "/scripts/check-pdfa.py", pdf])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // The same input writes the same bytes, and the text layer is the document's.
        #expect(try render(example, to: folder + "/b.pdf").status == 0)
        #expect(FileManager.default.contents(atPath: pdf) == FileManager.default.contents(atPath: folder + "/b.pdf"))
        #expect(try !pdfText(pdf).isEmpty)
    }

    @Test func withoutTheFlagThePDFIsNotClaimedArchivalAndASignatureKeepsItArchival() throws {
        let folder = temporaryDirectory()
        #expect(try render("memo.yaml", to: folder + "/plain.pdf", archival: false).status == 0)
        let plain = try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/plain.pdf"])
        #expect(
            plain.status == 1 && plain.stdout.contains("the catalog has /Metadata"),
            "the checker tells a plain PDF: \(plain.stdout)")
        // An office sets it once in its style.
        let office = folder + "/office"
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        try "output:\n  pdfa: true\n".write(toFile: office + "/style.yaml", atomically: true, encoding: .utf8)
        let styled = try run(
            sarabanBinary,
            ["render", packageRoot + "/Examples/memo.yaml", "-o", folder + "/office.pdf", "--office", office],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(styled.status == 0, "\(styled.stderr)")
        #expect(try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/office.pdf"]).status == 0)
        let signed = try run(
            sarabanBinary,
            [
                "sign", folder + "/office.pdf", "--cert", SigningTests.pki + "/signer.p12",
                "--password-file", SigningTests.pki + "/password", "-o", folder + "/signed.pdf",
            ])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(
            try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/signed.pdf"]).status == 0,
            "a signature is a PDF/A update")
    }

    /// `--embed-data` (or the style's `output.embedData`) makes a PDF/A-3b record that carries
    /// its own data file: the same bytes come out again (pdfdetach), listed as the document's
    /// source; a file specification without its relationship is refused by the checker.
    @Test func aRecordCarriesItsOwnData() throws {
        let folder = temporaryDirectory()
        let memo = packageRoot + "/Examples/memo.yaml"
        let env = ["SARABAN_HOME": packageRoot]
        #expect(
            try run(sarabanBinary, ["render", memo, "-o", folder + "/m.pdf", "--embed-data"], environment: env).status
                == 0)
        let checked = try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/m.pdf"])
        #expect(checked.status == 0, "\(checked.stdout)")
        let script = """
            import pikepdf, sys
            pdf = pikepdf.open(sys.argv[1])
            xmp = pdf.Root.Metadata.read_bytes().decode()
            spec = pdf.Root.AF[0]
            print('<pdfaid:part>3</pdfaid:part>' in xmp, spec.AFRelationship, str(spec.UF), spec.EF.F.Subtype)
            """
        #expect(
            try run("python3", ["-c", script, folder + "/m.pdf"]).stdout == "True /Source memo.yaml /application/yaml\n"
        )
        #expect(try run("pdfdetach", ["-save", "1", "-o", folder + "/back.yaml", folder + "/m.pdf"]).status == 0)
        #expect(
            FileManager.default.contents(atPath: folder + "/back.yaml") == FileManager.default.contents(atPath: memo))
        // The style may ask it of every render; data from standard input is embedded as read.
        try "output:\n  embedData: true\n".write(toFile: folder + "/style.yaml", atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: memo, encoding: .utf8)
        let piped = try run(
            "/bin/sh", ["-c", "'\(sarabanBinary)' render - --style '\(folder)/style.yaml' -o '\(folder)/s.pdf'"],
            environment: env, stdin: text)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try run("pdfdetach", ["-list", folder + "/s.pdf"]).stdout.contains("stdin.yaml"))
        #expect(try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/s.pdf"]).status == 0)
        // Without its relationship the embedded file breaks PDF/A-3: the checker says so.
        let broken = """
            import pikepdf, sys
            pdf = pikepdf.open(sys.argv[1])
            del pdf.Root.AF[0].AFRelationship
            pdf.save(sys.argv[2])
            """
        #expect(try run("python3", ["-c", broken, folder + "/m.pdf", folder + "/b.pdf"]).status == 0)
        let refused = try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/b.pdf"])
        #expect(refused.status == 1 && refused.stdout.contains("/AFRelationship"), "\(refused.stdout)")
    }
}
