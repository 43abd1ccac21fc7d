import CSigning
import Foundation
import SarabanFiles
import ThaiText

/// Signs a PDF Saraban wrote: a PAdES baseline B-B signature (CMS, SHA-256, the signing
/// certificate's hash in a signed attribute) added as an incremental update, so the bytes of
/// the unsigned document stay as they were and an earlier signature stays valid.
///
/// OpenSSL makes the signature (`CSigning`); this type only writes the PDF objects around it:
/// the signature dictionary with its byte range, a signature field and its widget on the page,
/// the catalog's form, a new cross-reference section.
public struct PDFSigner {
    public struct Options {
        public var reason: String?
        public var location: String?
        /// The moment of signing (the signature's /M); now unless a test says otherwise.
        public var time = Date()
        /// No drawing in the signing space: the signature still fills the signer's field.
        public var invisible = false
        /// Draws what the signature shows in a signing space (a one-page PDF as large as the
        /// signed page, see `AppearanceRequest`); nil draws nothing.
        public var appearance: ((AppearanceRequest) throws -> Data)?
        public init(reason: String? = nil, location: String? = nil) { self.reason = reason; self.location = location }
    }

    /// What a signature's appearance is drawn for: the signing space (PDF points from the
    /// page's bottom left) on a page of this size, the position the document prints under the
    /// signer, the certificate's holder and the moment of signing.
    public struct AppearanceRequest {
        public var rect: (x1: Double, y1: Double, x2: Double, y2: Double)
        public var pageWidth: Double
        public var pageHeight: Double
        public var position: String
        public var holder: String
        public var time: Date
    }

    public struct SignError: Error, CustomStringConvertible, ReportedError {
        public var message: String
        package init(message: String) { self.message = message }
        public var description: String { message }
        public var exitStatus: ExitStatus { .input }
    }

    /// Room kept for the signature in the file (hex digits count twice): a certificate chain of
    /// a few certificates fits with room to spare.
    static let reservedBytes = 16_384

    /// The signed document: `pdf` followed by the update. `source` names the input in messages.
    public static func sign(
        _ pdf: Data, source: String, certificate p12: Data, password: String, options: Options = Options()
    ) throws -> Data {
        let file = try PDFFile(pdf, source: source)
        var update = IncrementalUpdate(file: file)

        // The signature dictionary, its /Contents a placeholder of zeros the signature replaces.
        let signatureNumber = update.newObject()
        let fieldNumber = update.newObject()
        let placeholder = "<" + String(repeating: "0", count: reservedBytes * 2) + ">"
        var signature = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n"
        signature += "   /ByteRange [0 0000000000 0000000000 0000000000]\n"
        signature += "   /Contents " + placeholder + "\n"
        signature += "   /M " + pdfDate(options.time) + "\n"
        if let reason = options.reason, !reason.isEmpty { signature += "   /Reason " + textString(reason) + "\n" }
        if let location = options.location, !location.isEmpty {
            signature += "   /Location " + textString(location) + "\n"
        }
        signature += ">>"
        update.set(signatureNumber, signature)

        if let (empty, dictionary) = try file.firstEmptySignatureField() {
            // The first signing space still empty (the recorder's, then the reviewer's): the
            // signature goes there, visible where the signer signs.
            var field = dictionary
            if !options.invisible, let draw = options.appearance {
                field = try withAppearance(
                    field, drawnBy: draw, file: file, update: &update, certificate: p12, password: password,
                    time: options.time, source: source)
            }
            update.set(empty, String(field.dropLast(2)) + " /V \(signatureNumber) 0 R >>")
            update.set(
                file.root, try file.object(file.root).replacingOccurrences(of: "/SigFlags 1", with: "/SigFlags 3"))
        } else {
            // An invisible field on the first page: the signature is the document's, not a picture.
            let page =
                try file.pageObjects().first.map { $0 }
                ?? { throw SignError(message: "\(source): the PDF has no page") }()
            let existing = try file.signatureFieldCount()
            update.set(
                fieldNumber,
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T \(textString("ลายมือชื่อ \(existing + 1)")) /V \(signatureNumber) 0 R\n"
                    + "   /F 132 /Rect [0 0 0 0] /P \(page) 0 R >>")
            update.set(page, try file.adding(annotation: fieldNumber, toPage: page))
            update.set(file.root, try file.catalogAdding(field: fieldNumber))
        }

        // The update, then the byte range around the placeholder, then the signature in it.
        var signed = update.written()
        guard let contents = signed.range(of: Data(placeholder.utf8), in: pdf.count..<signed.count) else {
            throw SignError(message: "\(source): the signature's place was not written")
        }
        let before = contents.lowerBound, after = contents.upperBound
        let range = String(format: "[0 %010d %010d %010d]", before, after, signed.count - after)
        guard
            let marker = signed.range(
                of: Data("[0 0000000000 0000000000 0000000000]".utf8), in: pdf.count..<signed.count)
        else {
            throw SignError(message: "\(source): the byte range was not written")
        }
        signed.replaceSubrange(marker, with: Data(range.utf8))
        var covered = Data(signed[0..<before])
        covered.append(signed[after...])
        let cms = try makeSignature(
            of: covered, certificate: p12, password: password, time: options.time, source: source)
        guard cms.count <= reservedBytes else {
            throw SignError(
                message:
                    "\(source): the signature takes \(cms.count) bytes, more than the \(reservedBytes) kept for it (a long certificate chain?)"
            )
        }
        let hex = cms.map { String(format: "%02X", $0) }.joined()
        signed.replaceSubrange((before + 1)..<(before + 1 + hex.count), with: Data(hex.utf8))
        return signed
    }

    /// The field with its appearance drawn: the drawing's page brought in as a form whose box
    /// is the field's rectangle.
    static func withAppearance(
        _ field: String, drawnBy draw: (AppearanceRequest) throws -> Data, file: PDFFile,
        update: inout IncrementalUpdate,
        certificate p12: Data, password: String, time: Date, source: String
    ) throws -> String {
        guard let rect = numbers(after: "/Rect", in: field), rect.count == 4,
            let page = PDFFile.reference(in: field, key: "/P"),
            let box = numbers(after: "/MediaBox", in: try file.object(page)), box.count == 4,
            let ap = field.range(of: #"/AP\s*<<\s*/N\s+\d+\s+0\s+R\s*>>"#, options: .regularExpression)
        else { return field }
        let holder = try certificateHolder(p12, password: password, time: time, source: source)
        let request = AppearanceRequest(
            rect: (rect[0], rect[1], rect[2], rect[3]), pageWidth: box[2] - box[0], pageHeight: box[3] - box[1],
            position: textValue(after: "/TU", in: field) ?? "", holder: holder, time: time)
        let form = try FormImport.form(
            fromPageOf: try draw(request), bbox: (rect[0], rect[1], rect[2], rect[3]), into: &update)
        return field.replacingCharacters(in: ap, with: "/AP << /N \(form) 0 R >>")
    }

    /// The numbers of the array written after `key` (`/Rect [1 2 3 4]`).
    static func numbers(after key: String, in text: String) -> [Double]? {
        guard let range = text.range(of: key), let open = text[range.upperBound...].firstIndex(of: "["),
            let close = text[open...].firstIndex(of: "]")
        else { return nil }
        return text[text.index(after: open)..<close].split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
    }

    /// The text string written after `key`, as `textString` writes it (`<FEFF…>`).
    static func textValue(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key + " <FEFF"), let close = text[range.upperBound...].firstIndex(of: ">")
        else { return nil }
        let hex = Array(text[range.upperBound..<close])
        var units: [UInt16] = []
        var index = 0
        while index + 4 <= hex.count {
            guard let unit = UInt16(String(hex[index..<index + 4]), radix: 16) else { return nil }
            units.append(unit)
            index += 4
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The holder of the certificate (its common name), read by signing a few bytes with it.
    package static func certificateHolder(_ p12: Data, password: String, time: Date, source: String) throws -> String {
        try makeSignatureAndHolder(
            of: Data("saraban".utf8), certificate: p12, password: password, time: time, source: source
        ).holder
    }

    /// The detached CMS signature of `data`, by OpenSSL.
    package static func makeSignature(
        of data: Data, certificate p12: Data, password: String, time: Date, source: String
    ) throws -> Data {
        try makeSignatureAndHolder(of: data, certificate: p12, password: password, time: time, source: source).signature
    }

    static func makeSignatureAndHolder(
        of data: Data, certificate p12: Data, password: String, time: Date, source: String
    ) throws -> (signature: Data, holder: String) {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var info = saraban_signer_info()
        var error = [CChar](repeating: 0, count: 512)
        let status = p12.withUnsafeBytes { p12Bytes in
            data.withUnsafeBytes { dataBytes in
                saraban_cms_sign(
                    p12Bytes.bindMemory(to: UInt8.self).baseAddress, p12.count, password,
                    dataBytes.bindMemory(to: UInt8.self).baseAddress, data.count, Int64(time.timeIntervalSince1970),
                    &output, &length, &info, &error, error.count)
            }
        }
        guard status == 0, let output else {
            throw SignError(
                message:
                    "\(source): \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
            )
        }
        defer { saraban_free(output) }
        let holder = withUnsafeBytes(of: info.common_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return (Data(bytes: output, count: length), holder)
    }

    /// `D:20261206073000Z`, as a PDF date.
    static func pdfDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return "(D:" + formatter.string(from: date) + "Z)"
    }

    /// A text string: UTF-16BE with its byte-order mark, in hex (Thai needs more than PDFDocEncoding).
    static func textString(_ text: String) -> String {
        // (By hand: String(format:) per letter was a tenth of writing a letter's PDF.)
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = Array("<FEFF".utf8)
        bytes.reserveCapacity(6 + 4 * text.utf16.count)
        for unit in text.utf16 {
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        bytes.append(UInt8(ascii: ">"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A PDF as Cairo writes it (a classic cross-reference table, objects written out plainly, no
/// object streams): its trailer, its objects' offsets and the dictionaries the signature adds to.
struct PDFFile {
    let data: Data
    let source: String
    let root: Int
    let info: Int?
    let size: Int
    let startxref: Int
    /// Object number → its offset (the newest, when updates were appended).
    let offsets: [Int: Int]

    init(_ data: Data, source: String, requireSaraban: Bool = true) throws {
        func refuse(_ why: String) -> PDFSigner.SignError {
            PDFSigner.SignError(message: "\(source): \(why); `saraban sign` signs the PDFs Saraban writes")
        }
        guard data.starts(with: Data("%PDF-".utf8)) else { throw refuse("not a PDF") }
        self.data = data
        self.source = source
        let tail = String(decoding: data.suffix(2048), as: UTF8.self)
        guard let startRange = tail.range(of: "startxref", options: .backwards),
            let start = Int(tail[startRange.upperBound...].split(whereSeparator: \.isWhitespace).first ?? "")
        else {
            throw refuse("no startxref at its end")
        }
        startxref = start
        // Every cross-reference section, newest first, following /Prev.
        var offsets: [Int: Int] = [:]
        var trailer: String?
        var next: Int? = start
        var visited = Set<Int>()
        while let section = next, visited.insert(section).inserted {
            guard section < data.count, data[section...].starts(with: Data("xref".utf8)) else {
                throw refuse("its cross-reference is not a table (an xref stream or a damaged file)")
            }
            // Read by bytes: a section is a line of two numbers, then entries `offset gen n|f`.
            let bytes = [UInt8](data[section..<min(data.count, section + 4_000_000)])
            guard let trailerAt = bytes.firstOffset(of: Array("trailer".utf8)) else {
                throw refuse("a cross-reference section without a trailer")
            }
            var number = 0
            var lineStart = 0
            var firstLine = true
            for index in 0...trailerAt where index == trailerAt || bytes[index] == 0x0A || bytes[index] == 0x0D {
                defer { lineStart = index + 1 }
                guard index > lineStart else { continue }
                if firstLine { firstLine = false; continue }  // `xref`
                let fields = bytes[lineStart..<index].split(separator: 0x20)
                func integer(_ field: ArraySlice<UInt8>) -> Int? {
                    guard !field.isEmpty, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
                    return field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                }
                if fields.count == 2, let first = integer(fields[0]) { number = first; continue }
                if fields.count >= 3, let offset = integer(fields[0]) {
                    if fields[2].first == UInt8(ascii: "n"), offsets[number] == nil { offsets[number] = offset }
                    number += 1
                }
            }
            let dictionary = String(decoding: bytes[(trailerAt + 7)..<min(bytes.count, trailerAt + 607)], as: UTF8.self)
            if trailer == nil { trailer = dictionary }
            next = PDFFile.reference(in: dictionary, key: "/Prev", direct: true)
        }
        guard let trailer, let root = PDFFile.reference(in: trailer, key: "/Root"),
            let size = PDFFile.reference(in: trailer, key: "/Size", direct: true)
        else {
            throw refuse("its trailer names no /Root or /Size")
        }
        guard !trailer.contains("/Encrypt") else { throw refuse("it is encrypted") }
        self.root = root
        self.info = PDFFile.reference(in: trailer, key: "/Info")
        self.size = size
        self.offsets = offsets
        let producer = info.flatMap { try? object($0) } ?? ""
        guard !requireSaraban || producer.contains("(Saraban)") else {
            throw refuse("its document information does not name Saraban as its creator")
        }
    }

    /// `/Key 12 0 R` → 12; with `direct`, `/Key 12` → 12.
    static func reference(in text: String, key: String, direct: Bool = false) -> Int? {
        guard let range = text.range(of: key + " ") ?? text.range(of: key + "\n") else { return nil }
        let words = text[range.upperBound...].split(whereSeparator: \.isWhitespace)
        guard let number = words.first.flatMap({ Int($0) }) else { return nil }
        if direct { return number }
        return words.count >= 3 && words[2].hasPrefix("R") ? number : nil
    }

    /// The text of object `number`'s dictionary, from `<<` to its `>>` (no stream objects).
    func object(_ number: Int) throws -> String {
        let object = try rawObject(number)
        guard object.stream == nil, object.dictionary.hasPrefix("<<"), object.dictionary.hasSuffix(">>") else {
            throw PDFSigner.SignError(message: "\(source): object \(number) is not a dictionary")
        }
        return object.dictionary
    }

    /// Object `number` as written: its value (a dictionary, a number) and, for a stream, its bytes.
    func rawObject(_ number: Int) throws -> (dictionary: String, stream: Data?) {
        guard let offset = offsets[number], offset < data.count else {
            throw PDFSigner.SignError(message: "\(source): object \(number) is not in the cross-reference")
        }
        // Only up to the object's end is read (a document has hundreds of objects).
        guard let end = data.range(of: Data("endobj".utf8), in: offset..<data.count) else {
            throw PDFSigner.SignError(message: "\(source): object \(number) has no end")
        }
        let header = Data("\(number) 0 obj".utf8)
        guard data[offset...].starts(with: header) else {
            throw PDFSigner.SignError(message: "\(source): object \(number) is not where the cross-reference says")
        }
        let bodyStart = offset + header.count
        guard let streamKeyword = data.range(of: Data("stream".utf8), in: bodyStart..<end.lowerBound) else {
            let text = String(decoding: data[bodyStart..<end.lowerBound], as: UTF8.self)
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), nil)
        }
        let dictionary = String(decoding: data[bodyStart..<streamKeyword.lowerBound], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var start = streamKeyword.upperBound
        if start < data.count, data[start] == 0x0D { start += 1 }
        if start < data.count, data[start] == 0x0A { start += 1 }
        let length: Int
        if let indirect = PDFFile.reference(in: dictionary, key: "/Length") {
            guard let number = Int(try rawObject(indirect).dictionary) else {
                throw PDFSigner.SignError(message: "\(source): object \(indirect) is not a length")
            }
            length = number
        } else if let direct = PDFFile.reference(in: dictionary, key: "/Length", direct: true) {
            length = direct
        } else {
            throw PDFSigner.SignError(message: "\(source): stream \(number) has no length")
        }
        guard start + length <= data.count else {
            throw PDFSigner.SignError(message: "\(source): stream \(number) runs past the file")
        }
        return (dictionary, Data(data[start..<(start + length)]))
    }

    /// The page objects in order, from the page tree (Cairo writes one level under /Pages).
    func pageObjects() throws -> [Int] {
        let catalog = try object(root)
        guard let pages = PDFFile.reference(in: catalog, key: "/Pages") else {
            throw PDFSigner.SignError(message: "\(source): the catalog names no pages")
        }
        let tree = try object(pages)
        guard let kids = tree.range(of: "/Kids"), let open = tree[kids.upperBound...].firstIndex(of: "["),
            let close = tree[open...].firstIndex(of: "]")
        else { throw PDFSigner.SignError(message: "\(source): the page tree has no /Kids") }
        let words = tree[tree.index(after: open)..<close].split(whereSeparator: \.isWhitespace)
        return stride(from: 0, to: words.count - 2, by: 3).compactMap { words[$0 + 2] == "R" ? Int(words[$0]) : nil }
    }

    /// The form's first signature field without a signature, and its dictionary.
    func firstEmptySignatureField() throws -> (Int, String)? {
        let catalog = try object(root)
        guard let fields = catalog.range(of: "/Fields") else { return nil }
        let list = catalog[fields.upperBound...].prefix { $0 != "]" }.split(whereSeparator: {
            $0 == " " || $0 == "[" || $0 == "\n"
        })
        for index in list.indices where list[index] == "R" && index >= 2 {
            guard let number = Int(list[index - 2]) else { continue }
            let field = try object(number)
            if field.contains("/FT /Sig"), !field.contains("/V ") { return (number, field) }
        }
        return nil
    }

    /// How many signature fields the form holds already (signers sign in turn).
    func signatureFieldCount() throws -> Int {
        let catalog = try object(root)
        guard let fields = catalog.range(of: "/Fields") else { return 0 }
        let list = catalog[fields.upperBound...].prefix { $0 != "]" }
        return list.split(whereSeparator: \.isWhitespace).filter { $0 == "R" }.count
    }

    /// Page `number`'s dictionary with `annotation` added to its /Annots.
    func adding(annotation: Int, toPage number: Int) throws -> String {
        try PDFFile.adding(annotation: annotation, to: try object(number), source: source)
    }

    static func adding(annotation: Int, to dictionary: String, source: String) throws -> String {
        var page = dictionary
        if let annots = page.range(of: "/Annots") {
            let rest = page[annots.upperBound...]
            if let open = rest.firstIndex(where: { !$0.isWhitespace }), rest[open] == "[" {
                page.insert(contentsOf: " \(annotation) 0 R", at: page.index(after: open))
                return page
            }
            throw PDFSigner.SignError(message: "\(source): the page's /Annots is not a list written in the page")
        }
        page.removeLast(2)
        return page + "   /Annots [ \(annotation) 0 R ]\n>>"
    }

    /// The catalog with `field` in its form (a form made when there is none).
    func catalogAdding(field: Int) throws -> String {
        var catalog = try object(root)
        if let fields = catalog.range(of: "/Fields") {
            let rest = catalog[fields.upperBound...]
            guard let open = rest.firstIndex(of: "[") else {
                throw PDFSigner.SignError(message: "\(source): the form's /Fields is not a list")
            }
            catalog.insert(contentsOf: " \(field) 0 R", at: catalog.index(after: open))
            return catalog
        }
        catalog.removeLast(2)
        return catalog + "   /AcroForm << /Fields [ \(field) 0 R ] /SigFlags 3 >>\n>>"
    }
}

/// Objects appended after the file, with their cross-reference section and a trailer that
/// points back at the previous one.
struct IncrementalUpdate {
    let file: PDFFile
    private var objects: [Int: String] = [:]
    private var streams: [Int: Data] = [:]
    private var nextNumber: Int

    init(file: PDFFile) {
        self.file = file
        nextNumber = file.size
    }

    mutating func newObject() -> Int {
        defer { nextNumber += 1 }
        return nextNumber
    }

    mutating func set(_ number: Int, _ dictionary: String) { objects[number] = dictionary }

    /// A stream object: `dictionary` without its /Length, which is added.
    mutating func setStream(_ number: Int, dictionary: String, bytes: Data) {
        streams[number] = bytes
        objects[number] = String(dictionary.dropLast(2)) + " /Length \(bytes.count) >>"
    }

    /// The file with the update after it.
    func written() -> Data { file.data + appended() }

    /// `offset` in ten digits, as a cross-reference entry writes it.
    static func padded(_ offset: Int) -> String {
        let digits = String(offset)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    /// The update alone: the bytes that go after the file.
    func appended() -> Data {
        var out = Data()
        let base = file.data.count
        if file.data.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        var offsets: [Int: Int] = [:]
        for number in objects.keys.sorted() {
            offsets[number] = base + out.count
            if let stream = streams[number] {
                out.append(Data("\(number) 0 obj\n\(objects[number]!)\nstream\n".utf8))
                out.append(stream)
                out.append(Data("\nendstream\nendobj\n".utf8))
            } else {
                out.append(Data("\(number) 0 obj\n\(objects[number]!)\nendobj\n".utf8))
            }
        }
        let xref = base + out.count
        var table = "xref\n"
        // One subsection per run of consecutive numbers.
        var numbers = offsets.keys.sorted()[...]
        while let first = numbers.first {
            var run = [first]
            numbers = numbers.dropFirst()
            while let next = numbers.first, next == run.last! + 1 { run.append(next); numbers = numbers.dropFirst() }
            table += "\(first) \(run.count)\n" + run.map { Self.padded(offsets[$0]!) + " 00000 n \n" }.joined()
        }
        // The file's identifier, from the unsigned bytes (Cairo writes none).
        let identifier = DocumentIdentifier.identifier(of: file.data)
        table +=
            "trailer\n<< /Size \(nextNumber) /Root \(file.root) 0 R" + (file.info.map { " /Info \($0) 0 R" } ?? "")
            + " /Prev \(file.startxref) /ID [<\(identifier)> <\(identifier)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(Data(table.utf8))
        return out
    }
}

/// The file identifier the trailer carries: 16 bytes from the unsigned bytes, so that the same
/// document is named the same way. Two FNV-1a hashes, not a cryptographic one: an identifier
/// only tells files apart, and hashing here must not load OpenSSL into every render (3 ms of
/// a cold start).
enum DocumentIdentifier {
    static func identifier(of data: Data) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325, second: UInt64 = 0x6c62_272e_07bb_0142
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9_7f4a_7c15
            }
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var hex: [UInt8] = []
        for value in [first, second] {
            for shift in stride(from: 60, through: 0, by: -4) {
                hex.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
