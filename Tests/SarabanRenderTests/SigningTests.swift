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

    /// The minutes' recorder and reviewer each have a signature field over their sign-off; the
    /// first signer fills the recorder's, the next the reviewer's, and both verify.
    @Test func eachSignerSignsTheirOwnBlock() throws {
        let folder = temporaryDirectory()
        let unsigned = try renderExample("seed-001-minutes")
        #expect(try sign(unsigned, cert: "signer.p12", output: folder + "/a.pdf").status == 0)
        #expect(try sign(folder + "/a.pdf", cert: "reviewer.p12", output: folder + "/b.pdf").status == 0)
        let pdfsig = try run("pdfsig", [folder + "/b.pdf"]).stdout
        #expect(pdfsig.contains("Field Name: ลายมือชื่อ 1 นายวีระยุทธ ราชิวงค์") && pdfsig.contains("Field Name: ลายมือชื่อ 2 นางพันซ์กร วงศ์ชมภู"), "\(pdfsig)")
        #expect(pdfsig.components(separatedBy: "Signature is Valid.").count - 1 == 2)
        let hanko = try pyHanko(folder + "/b.pdf")
        #expect(hanko.status == 0 && hanko.stdout.split(separator: "\n").filter { $0.contains(":INTACT:TRUSTED") }.count == 2, "\(hanko.stdout)")
        // Each field lies over its sign-off's (ลงชื่อ) line, on the last page.
        let script = """
            import pikepdf, sys
            pdf = pikepdf.open(sys.argv[1])
            for f in pdf.Root.AcroForm.Fields:
                print(pdf.pages.index(pikepdf.Page(f.P)) + 1, float(f.Rect[1]), float(f.Rect[3]), 1 if '/V' in f else 0)
            """
        let fields = try run("python3", ["-c", script, folder + "/b.pdf"]).stdout.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        let words = try pdfWords(folder + "/b.pdf").filter { $0.text.hasPrefix("(ลงชื่อ)") }
        #expect(fields.count == 2 && words.count == 2, "\(fields) \(words.map(\.text))")
        for (field, word) in zip(fields, words) where field.count == 4 {
            let pageHeight = 841.89
            #expect(Int(field[0]) == word.page && field[3] == 1, "on the sign-off's page, signed")
            let middle = (word.yMin + word.yMax) / 2
            #expect(pageHeight - field[2] <= middle && middle <= pageHeight - field[1], "over the (ลงชื่อ) line: \(field) \(word)")
        }
    }
}
