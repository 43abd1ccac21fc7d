import Foundation
import Testing

/// `saraban sign`: a PAdES signature two independent verifiers (poppler's pdfsig, pyHanko)
/// accept, added without touching the signed bytes; every bad input refused with nothing written.
@Suite("Signing")
struct SigningTests {
    /// A test CA and certificates made with Python's `cryptography` (pyHanko's own): a signer, an
    /// expired signer, and one whose key usage is for encryption only; each in a .p12 with the
    /// password `secret`.
    static let pki: String = {
        let folder = temporaryDirectory()
        let script = #"""
            import datetime, sys
            from cryptography import x509
            from cryptography.x509.oid import NameOID
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import rsa
            from cryptography.hazmat.primitives.serialization import pkcs12
            out = sys.argv[1]
            now = datetime.datetime.now(datetime.timezone.utc)
            def name(cn): return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Saraban Test")])
            def key(): return rsa.generate_private_key(public_exponent=65537, key_size=2048)
            ca_key = key()
            ca = (x509.CertificateBuilder().subject_name(name("Test CA")).issuer_name(name("Test CA")).public_key(ca_key.public_key())
                  .serial_number(1).not_valid_before(now - datetime.timedelta(days=10)).not_valid_after(now + datetime.timedelta(days=30))
                  .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                  .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
                  .sign(ca_key, hashes.SHA256()))
            open(out + "/ca.pem", "wb").write(ca.public_bytes(serialization.Encoding.PEM))
            def signer(file, cn, start, end, signing):
                k = key()
                usage = x509.KeyUsage(signing, signing, not signing, False, False, False, False, False, False)
                cert = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca.subject).public_key(k.public_key())
                        .serial_number(x509.random_serial_number()).not_valid_before(now + start).not_valid_after(now + end)
                        .add_extension(usage, critical=True).sign(ca_key, hashes.SHA256()))
                data = pkcs12.serialize_key_and_certificates(b"signer", k, cert, [ca], serialization.BestAvailableEncryption(b"secret"))
                open(out + "/" + file, "wb").write(data)
            day = datetime.timedelta(days=1)
            signer("signer.p12", "Somchai Jaidee", -day, 10 * day, True)
            signer("reviewer.p12", "Pornthip Kaewmoon", -day, 10 * day, True)
            signer("expired.p12", "Old Signer", -20 * day, -2 * day, True)
            signer("encrypt-only.p12", "Not A Signer", -day, 10 * day, False)
            """#
        let made = try? run("python3", ["-c", script, folder])
        precondition(
            made?.status == 0,
            "the test PKI (python3 cryptography, installed with pyHanko by scripts/test): \(made?.stderr ?? "")")
        try? "secret\n".write(toFile: folder + "/password", atomically: true, encoding: .utf8)
        return folder
    }()

    func sign(_ input: String, cert: String, output: String, extra: [String] = []) throws -> ProcessResult {
        try run(
            sarabanBinary,
            ["sign", input, "--cert", Self.pki + "/" + cert, "--password-file", Self.pki + "/password", "-o", output]
                + extra)
    }

    func pyHanko(_ pdf: String) throws -> ProcessResult {
        try run(
            "python3",
            [
                "-c", "from pyhanko.cli import cli_root; cli_root()", "sign", "validate", "--trust",
                Self.pki + "/ca.pem", "--trust-replace", pdf,
            ])
    }

    @Test func theMinutesSignedInTurnVerifyInBothVerifiersAndTheUnsignedBytesStay() throws {
        let folder = temporaryDirectory()
        let unsigned = try renderExample("seed-000-minutes")
        let first = folder + "/signed-once.pdf", second = folder + "/signed-twice.pdf"
        let one = try sign(
            unsigned, cert: "signer.p12", output: first, extra: ["--reason", "ผู้จดรายงานการประชุม", "--location", "ลำปาง"])
        #expect(one.status == 0, "\(one.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: unsigned))
        let signed = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(signed.prefix(original.count) == original, "an incremental update: the unsigned bytes untouched")
        let pdfsig = try run("pdfsig", [first]).stdout
        #expect(
            pdfsig.contains("Signature Validation: Signature is Valid.") && pdfsig.contains("Total document signed")
                && pdfsig.contains("Signature Type: ETSI.CAdES.detached") && pdfsig.contains("Somchai Jaidee"),
            "\(pdfsig)")
        let hanko = try pyHanko(first)
        #expect(
            hanko.status == 0 && hanko.stdout.contains("INTACT:TRUSTED,UNTOUCHED"), "\(hanko.stdout)\(hanko.stderr)")
        // The reviewer signs after the recorder: both signatures stand.
        #expect(try sign(first, cert: "reviewer.p12", output: second).status == 0)
        let both = try run("pdfsig", [second]).stdout
        #expect(both.components(separatedBy: "Signature is Valid.").count - 1 == 2, "\(both)")
        let bothHanko = try pyHanko(second)
        #expect(
            bothHanko.status == 0
                && bothHanko.stdout.split(separator: "\n").filter { $0.contains(":INTACT:TRUSTED") }.count == 2,
            "\(bothHanko.stdout)")
        #expect(
            bothHanko.stdout.contains("ACCEPTABLE_MODIFICATIONS"),
            "the first signature sees the second as an allowed addition")
        // The text layer is the document's still.
        #expect(try pdfText(second).contains("ระเบียบวาระที่ ๑"))
    }

    @Test func aByteChangedAfterSigningIsReported() throws {
        let folder = temporaryDirectory()
        let signedPath = folder + "/s.pdf"
        #expect(try sign(try renderExample("memo"), cert: "signer.p12", output: signedPath).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: signedPath))
        bytes[2000] ^= 1
        try bytes.write(to: URL(fileURLWithPath: folder + "/t.pdf"))
        #expect(try run("pdfsig", [folder + "/t.pdf"]).stdout.contains("Digest Mismatch"))
        #expect(try pyHanko(folder + "/t.pdf").status != 0)
    }

    @Test(
        "a bad certificate or input is one clear error and nothing is written",
        arguments: [
            ("expired.p12", "", "the certificate is expired"),
            ("encrypt-only.p12", "", "key usage does not allow signing"),
            ("signer.p12", "wrong", "wrong password"),
            ("signer.p12", "not-saraban", "signs the PDFs Saraban writes"),
        ])
    func badInputs(cert: String, twist: String, message: String) throws {
        let folder = temporaryDirectory()
        var input = try renderExample("memo")
        var arguments = ["sign", input, "--cert", Self.pki + "/" + cert, "-o", folder + "/out.pdf"]
        if twist == "wrong" {
            try "not the password\n".write(toFile: folder + "/pw", atomically: true, encoding: .utf8)
            arguments += ["--password-file", folder + "/pw"]
        } else {
            arguments += ["--password-file", Self.pki + "/password"]
        }
        if twist == "not-saraban" {
            // A PDF another program wrote: the same pages, another creator.
            input = folder + "/other.pdf"
            let bytes = try Data(contentsOf: URL(fileURLWithPath: try renderExample("memo")))
            try bytes.replacing(Data("(Saraban)".utf8), with: Data("(Word    )".utf8)).write(
                to: URL(fileURLWithPath: input))
            arguments[1] = input
        }
        let result = try run(sarabanBinary, arguments)
        #expect(result.status != 0 && result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.pdf"), "nothing written")
    }

    /// `render --sign` in one step; a certificate that cannot sign stops it before anything is written.
    @Test func renderSignsInOneStepOrWritesNothing() throws {
        let folder = temporaryDirectory()
        let memo = packageRoot + "/Examples/memo.yaml"
        let good = try run(
            sarabanBinary,
            [
                "render", memo, "-o", folder + "/m.pdf", "--pdfa", "--sign", Self.pki + "/signer.p12",
                "--password-file", Self.pki + "/password", "--reason", "อนุมัติ",
            ], environment: ["SARABAN_HOME": packageRoot])
        #expect(good.status == 0, "\(good.stderr)")
        let verified = try run("pdfsig", [folder + "/m.pdf"]).stdout
        #expect(verified.contains("Signature is Valid.") && verified.contains("Total document signed"), "\(verified)")
        #expect(
            try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/m.pdf"]).status == 0,
            "signed PDF/A in one step")
        let expired = try run(
            sarabanBinary,
            [
                "render", memo, "-o", folder + "/x.pdf", "--sign", Self.pki + "/expired.p12",
                "--password-file", Self.pki + "/password",
            ], environment: ["SARABAN_HOME": packageRoot])
        #expect(expired.status != 0 && expired.stderr.contains("expired"), "\(expired.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.pdf"))
    }

    /// The seed-001 minutes with its recorder and reviewer signing digitally.
    func digitalMinutes() throws -> String {
        let folder = temporaryDirectory()
        var text = try String(contentsOfFile: packageRoot + "/Examples/seed-001-minutes.md", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "position: เจ้าพนักงานธุรการปฏิบัติงาน}", with: "position: เจ้าพนักงานธุรการปฏิบัติงาน, signing: digital}"
        )
        .replacingOccurrences(of: "หัวหน้าฝ่ายอำนวยการ]}", with: "หัวหน้าฝ่ายอำนวยการ], signing: digital}")
        try text.write(toFile: folder + "/m.md", atomically: true, encoding: .utf8)
        let rendered = try run(
            sarabanBinary, ["render", folder + "/m.md", "-o", folder + "/m.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        return folder + "/m.pdf"
    }

    /// The signature fields of a PDF: page, rectangle, signed or not.
    func fields(_ pdf: String) throws -> [[Double]] {
        let script = """
            import pikepdf, sys
            pdf = pikepdf.open(sys.argv[1])
            for f in (pdf.Root.AcroForm.Fields if '/AcroForm' in pdf.Root else []):
                r = [float(x) for x in f.Rect]
                print(pdf.pages.index(pikepdf.Page(f.P)) + 1, *r, 1 if '/V' in f else 0)
            """
        return try run("python3", ["-c", script, pdf]).stdout.split(separator: "\n").map {
            $0.split(separator: " ").compactMap { Double($0) }
        }
    }

    /// Pixels of `page` at 50 dpi that differ between two PDFs, and how many of them lie inside
    /// `rect` (PDF points from the bottom left).
    func changedPixels(_ a: String, _ b: String, page: Int, inside rect: [Double]) throws -> (total: Int, inside: Int) {
        let script = """
            import subprocess, sys
            def grey(pdf):
                return subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", sys.argv[3], "-l", sys.argv[3], pdf], capture_output=True).stdout
            a, b = grey(sys.argv[1]), grey(sys.argv[2])
            header = a.split(b"\\n", 3)
            w, h = map(int, header[1].split())
            pa, pb = header[3], b.split(b"\\n", 3)[3]
            x1, y1, x2, y2 = (float(v) * 50 / 72 for v in sys.argv[4:8])
            total = inside = 0
            for i in range(w * h):
                if pa[i] != pb[i]:
                    total += 1
                    x, y = i % w, h - i // w
                    if x1 - 1 <= x <= x2 + 1 and y1 - 1 <= y <= y2 + 1:
                        inside += 1
            print(total, inside)
            """
        let out = try run("python3", ["-c", script, a, b, String(page)] + rect.map { String($0) }).stdout
        let numbers = out.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        return (numbers.first ?? -1, numbers.last ?? -1)
    }

    /// Minutes whose recorder and reviewer sign digitally have a signing space above each one's
    /// name holding a signature field; the first signer fills the recorder's, the next the
    /// reviewer's, each drawing the signature there (and nowhere else), and both verify.
    @Test func eachSignerSignsTheirOwnBlock() throws {
        let folder = temporaryDirectory()
        let unsigned = try digitalMinutes()
        #expect(try sign(unsigned, cert: "signer.p12", output: folder + "/a.pdf").status == 0)
        #expect(try sign(folder + "/a.pdf", cert: "reviewer.p12", output: folder + "/b.pdf").status == 0)
        let pdfsig = try run("pdfsig", [folder + "/b.pdf"]).stdout
        #expect(
            pdfsig.contains("Field Name: ลายมือชื่อ 1 นายวีระยุทธ ราชิวงค์")
                && pdfsig.contains("Field Name: ลายมือชื่อ 2 นางพันซ์กร วงศ์ชมภู"), "\(pdfsig)")
        #expect(pdfsig.components(separatedBy: "Signature is Valid.").count - 1 == 2)
        let hanko = try pyHanko(folder + "/b.pdf")
        #expect(
            hanko.status == 0
                && hanko.stdout.split(separator: "\n").filter { $0.contains(":INTACT:TRUSTED") }.count == 2,
            "\(hanko.stdout)")
        // Each field is the space right above its signer's name in brackets, on the last page.
        let found = try fields(folder + "/b.pdf")
        let names = try pdfWords(folder + "/b.pdf").filter { $0.text == "(นายวีระยุทธ" || $0.text == "(นางพันซ์กร" }
        #expect(found.count == 2 && names.count == 2, "\(found) \(names.map(\.text))")
        let pageHeight = 841.89
        for (field, name) in zip(found, names) where field.count == 6 {
            #expect(Int(field[0]) == name.page && field[5] == 1, "on the name's page, signed")
            #expect(
                abs((pageHeight - field[2]) - name.yMin) < 6,
                "the space ends where the name's line starts: \(field) \(name)")
            #expect(field[4] - field[2] >= 40, "room for the signature: \(field)")
        }
        // What the first signature draws lies inside its field; the second signer's inside theirs.
        if found.count == 2 {
            let first = try changedPixels(
                unsigned, folder + "/a.pdf", page: Int(found[0][0]), inside: Array(found[0][1...4]))
            #expect(
                first.total > 50 && first.total == first.inside,
                "the recorder's signature shows in the recorder's space only: \(first)")
            let second = try changedPixels(
                folder + "/a.pdf", folder + "/b.pdf", page: Int(found[1][0]), inside: Array(found[1][1...4]))
            #expect(second.total > 50 && second.total == second.inside, "\(second)")
        }
        // The text layer is the document's, with what each signature shows (a reader sees it).
        let signedText = try pdfText(folder + "/b.pdf"), unsignedText = try pdfText(unsigned)
        #expect(signedText.hasPrefix(String(unsignedText.prefix(2000))))
        #expect(
            signedText.contains("ลงนามโดย Somchai Jaidee") && signedText.contains("ลงนามโดย Pornthip Kaewmoon"),
            "\(signedText.suffix(600))")
        #expect(
            signedText.contains("เจ้าพนักงานธุรการปฏิบัติงาน\n") && signedText.contains(" เวลา "), "position, date and time")
    }

    /// A letter's signer signs by hand by default (a space with a field a digital signature may
    /// fill), or with the name typed there (no field: the name is the signature), or with a
    /// picture; a picture without `signing: image` and `image` without a picture are errors.
    @Test func aSignerSignsAsTheDataSays() throws {
        let folder = temporaryDirectory()
        let memo = try String(contentsOfFile: packageRoot + "/Examples/memo.yaml", encoding: .utf8)
        func render(_ signing: String, extra: String = "") throws -> ProcessResult {
            let text = memo.replacingOccurrences(
                of: "\nsigner:", with: "\nsigner:\n  signing: \(signing)\(extra)", options: [], range: nil)
            try text.write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
            return try run(
                sarabanBinary, ["render", folder + "/m.yaml", "-o", folder + "/\(signing).pdf"],
                environment: ["SARABAN_HOME": packageRoot])
        }
        #expect(try render("handwritten").status == 0)
        #expect(try fields(folder + "/handwritten.pdf").count == 1, "a field in the signing space")
        #expect(try render("typed").status == 0)
        #expect(try fields(folder + "/typed.pdf").isEmpty, "a typed name is the signature: no field")
        // The name once more than by hand: typed in the space, above its line in brackets.
        let words = try pdfWords(folder + "/handwritten.pdf")
        let bracketed = try #require(words.last { $0.text.hasPrefix("(") && !$0.text.hasPrefix("(ลงชื่อ") })
        let first = String(bracketed.text.dropFirst())
        let typedWords = try pdfWords(folder + "/typed.pdf")
        #expect(typedWords.filter { $0.text == first }.count == words.filter { $0.text == first }.count + 1, "\(first)")
        if let typed = typedWords.last(where: { $0.text == first }),
            let under = typedWords.last(where: { $0.text == bracketed.text })
        {
            #expect(
                typed.yMin < under.yMin && under.yMin - typed.yMin < 20,
                "typed on the space's last line, just above: \(typed) \(under)")
        }
        let noPicture = try render("image")
        #expect(
            noPicture.status == 1 && noPicture.stderr.contains("signature: missing; `signing: image` draws a picture"),
            "\(noPicture.stderr)")
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Examples/signature-example.svg", toPath: folder + "/sig.svg")
        let both = try render("typed", extra: "\n  signature: sig.svg")
        #expect(
            both.status == 1
                && both.stderr.contains("signature: a picture (sig.svg) is drawn only with `signing: image`"),
            "\(both.stderr)")
        let wrong = try render("pen")
        #expect(wrong.status == 1 && wrong.stderr.contains("signer.signing"), "\(wrong.stderr)")
    }

    /// Minutes signed by hand (the default) have no field on their dotted lines: a digital
    /// signature there is invisible, still the document's; typed minutes print the names on the
    /// dotted lines' place.
    @Test func minutesSignedByHandOrTypedHaveNoFieldAndSignInvisibly() throws {
        let folder = temporaryDirectory()
        let byHand = try renderExample("seed-001-minutes")
        #expect(try fields(byHand).isEmpty)
        #expect(try sign(byHand, cert: "signer.p12", output: folder + "/s.pdf").status == 0)
        let signed = try fields(folder + "/s.pdf")
        #expect(
            signed.count == 1 && signed[0].count == 6 && signed[0][1...4].allSatisfy { $0 == 0 }, "invisible: \(signed)"
        )
        #expect(try run("pdfsig", [folder + "/s.pdf"]).stdout.contains("Signature is Valid."))
        var text = try String(contentsOfFile: packageRoot + "/Examples/seed-001-minutes.md", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "position: เจ้าพนักงานธุรการปฏิบัติงาน}", with: "position: เจ้าพนักงานธุรการปฏิบัติงาน, signing: typed}")
        try text.write(toFile: folder + "/t.md", atomically: true, encoding: .utf8)
        #expect(
            try run(
                sarabanBinary, ["render", folder + "/t.md", "-o", folder + "/t.pdf"],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        let typed = try pdfText(folder + "/t.pdf")
        #expect(
            typed.contains("(ลงชื่อ) นายวีระยุทธ ราชิวงค์ ผู้จดรายงานการประชุม")
                && typed.contains("(ลงชื่อ)....................ผู้ตรวจรายงานการประชุม"),
            "\(typed.suffix(400))")
    }

    /// `--invisible` fills the signer's field and draws nothing: the page looks as it did.
    @Test func anInvisibleSignatureLeavesThePageAsItWas() throws {
        let folder = temporaryDirectory()
        let unsigned = try renderExample("memo")
        #expect(try sign(unsigned, cert: "signer.p12", output: folder + "/i.pdf", extra: ["--invisible"]).status == 0)
        #expect(try sign(unsigned, cert: "signer.p12", output: folder + "/v.pdf").status == 0)
        let field = try fields(folder + "/i.pdf")
        #expect(field.count == 1 && field.first?.last == 1, "the signer's own field, signed: \(field)")
        if let rect = field.first, rect.count == 6 {
            #expect(
                try changedPixels(unsigned, folder + "/i.pdf", page: Int(rect[0]), inside: Array(rect[1...4])).total
                    == 0)
            let visible = try changedPixels(unsigned, folder + "/v.pdf", page: Int(rect[0]), inside: Array(rect[1...4]))
            #expect(visible.total > 50 && visible.total == visible.inside, "\(visible)")
        }
        #expect(try run("pdfsig", [folder + "/i.pdf"]).stdout.contains("Signature is Valid."))
    }
}
