import ArgumentParser
import Foundation
import Saraban

/// `saraban sign IN.pdf --cert office.p12 -o OUT.pdf`: a PAdES signature on a Saraban PDF.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a PDF Saraban wrote (PAdES baseline B-B, with the key and certificate of a .p12 file).",
        discussion: """
            The signature is added as an incremental update: the bytes of the unsigned document stay as \
            they were, and a document signed in turn by several people keeps every earlier signature valid. \
            The signature shows in the signer's signing space (the certificate's holder, the position \
            under the signer, the date and time, as the style's signature: lines say), or nothing with \
            --invisible. The password is read from --password-file (its first line), else SARABAN_CERT_PASSWORD, else \
            empty. A wrong password, an expired certificate or one whose key usage does not allow signing, \
            and a PDF Saraban did not write are each an error, and nothing is written.
            """
    )

    @Argument(help: "The PDF to sign.")
    var input: String

    @Option(name: .customLong("cert"), help: "The signer's key and certificate: a PKCS#12 file (.p12 or .pfx).")
    var certificate: String

    @OptionGroup var signature: SignatureOptions

    /// (The office's style may change what the signature shows.)
    @OptionGroup var office: OfficeOption

    @Option(
        name: .customLong("font-dir"),
        help: "A folder with the fonts the document uses, when not the shipped ones; may be repeated.")
    var fontDirectories: [String] = []

    @Option(name: .shortAndLong, help: "The signed PDF (default: IN-signed.pdf beside it).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let target = output ?? (input.hasSuffix(".pdf") ? String(input.dropLast(4)) : input) + "-signed.pdf"
            // The signature's appearance is drawn with the style's lines, font and colour.
            let renderer = try Renderer(
                installation: try locateInstallation(), office: office.office,
                extraFontDirectories: fontDirectories)
            try Signing.sign(
                input: input, output: target, certificate: certificate, password: try signature.password(),
                options: signature.options, renderer: renderer)
            print("\(target): signed")
        }
    }
}

/// How a signature is made: the certificate's password, why and where.
struct SignatureOptions: ParsableArguments {
    @Option(help: "A file whose first line is the certificate's password (else SARABAN_CERT_PASSWORD, else empty).")
    var passwordFile: String?

    @Option(help: "Why the document is signed (the signature's /Reason).")
    var reason: String?

    @Option(help: "Where it is signed (the signature's /Location).")
    var location: String?

    @Flag(help: "Draw nothing in the signing space (the signature still fills the signer's field).")
    var invisible = false

    var options: Signing.Options {
        var options = Signing.Options(reason: reason, location: location)
        options.invisible = invisible
        return options
    }

    func password() throws -> String {
        guard let passwordFile else { return ProcessInfo.processInfo.environment["SARABAN_CERT_PASSWORD"] ?? "" }
        guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
            throw Failure.input("\(passwordFile): cannot read the password file")
        }
        return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }
}
