import Foundation
import SarabanFiles
import SarabanGraphics
import SarabanLayout
import SarabanSign
import ThaiText

/// `saraban sign`: a signed copy of a PDF Saraban wrote, written as every output is (a
/// temporary file beside it, renamed when complete; nothing left behind on an error).
public enum Signing {
    public typealias Options = PDFSigner.Options

    /// Opens the certificate and signs a few bytes with it, so that `render --sign` refuses a
    /// wrong password or an expired certificate before it writes anything.
    public static func checkCertificate(_ certificate: String, password: String) throws {
        guard let p12 = FileManager.default.contents(atPath: certificate) else {
            throw PDFSigner.SignError(message: "\(certificate): cannot read the certificate")
        }
        _ = try PDFSigner.makeSignature(
            of: Data("saraban".utf8), certificate: p12, password: password, time: Date(), source: certificate)
    }

    /// Signs `input` with the key and certificate of the PKCS#12 file `certificate` into
    /// `output` (which may be `input` itself: the signed file replaces it only when complete).
    /// With a `renderer`, the signature shows in the signer's space as its style says
    /// (`signature:` lines, font and colour) unless `options.invisible`.
    public static func sign(
        input: String, output: String, certificate: String, password: String, options: Options = Options(),
        renderer: Renderer? = nil
    ) throws {
        var options = options
        if let renderer, options.appearance == nil { options.appearance = renderer.signatureAppearance }
        guard let pdf = FileManager.default.contents(atPath: input) else {
            throw PDFSigner.SignError(message: "\(input): cannot read the PDF")
        }
        guard let p12 = FileManager.default.contents(atPath: certificate) else {
            throw PDFSigner.SignError(message: "\(certificate): cannot read the certificate")
        }
        let signed = try PDFSigner.sign(pdf, source: input, certificate: p12, password: password, options: options)
        let file = try OutputFile(
            destination: output, kind: .pdf, inputs: output == input ? [certificate] : [input, certificate])
        do {
            try file.write([UInt8](signed))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
