import Foundation

/// Makes a PDF Saraban wrote a PDF/A-2b file (ISO 19005-2, level b), by one incremental update
/// of what Cairo leaves out (docs/pdfa.md lists every requirement and how it is tested):
/// XMP metadata that repeats the document information (pdfaid part 2, conformance B), an sRGB
/// output intent with its ICC profile, the language (`/Lang (th)`), document information dates
/// in the PDF form with a time zone, link annotations marked to print, and a file identifier.
public enum PDFArchive {
    /// What the XMP and the document information say.
    public struct Description {
        public var title: String
        public var author: String
        public var subject: String
        /// `2019-09-06T00:00:00`: the document's own date, for byte-identical output.
        public var date: String
        public init(title: String, author: String, subject: String, date: String) {
            self.title = title; self.author = author; self.subject = subject; self.date = date
        }
    }

    /// Where Debian's icc-profiles-free (and colord) put the sRGB profile.
    public static let profilePaths = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"]

    public static func sRGBProfile() throws -> Data {
        for path in profilePaths { if let data = FileManager.default.contents(atPath: path) { return data } }
        throw PDFSigner.SignError(
            message:
                "--pdfa needs an sRGB colour profile (ICC), looked for at \(profilePaths.joined(separator: ", ")); on Debian: apt install icc-profiles-free"
        )
    }

    /// The source data a PDF/A-3 record carries inside it (`--embed-data`).
    public struct EmbeddedSource {
        /// The data file's own name, as it was (`อำเภอ-letter.yaml`).
        public var name: String
        public var bytes: Data
        public init(name: String, bytes: Data) { self.name = name; self.bytes = bytes }

        /// The MIME type its name says: YAML, Markdown, JSON, CSV, else plain text.
        var mimeType: String {
            switch (name as NSString).pathExtension.lowercased() {
            case "yaml", "yml": return "application/yaml"
            case "md", "markdown": return "text/markdown"
            case "json": return "application/json"
            case "csv": return "text/csv"
            default: return "text/plain"
            }
        }
    }

    /// - Parameter embedded: the data the document was made from, embedded as its source
    ///   (`/AFRelationship /Source`): the file is then PDF/A-3b (ISO 19005-3), which allows it.
    public static func archival(
        _ pdf: Data, source: String, description: Description, profile: Data,
        signaturePlaces: [SignaturePlace] = [], figureAlternates: [FigureAlternate] = [],
        embedded: EmbeddedSource? = nil
    ) throws -> Data {
        // Images ask viewers to smooth them (`/Interpolate true`), which PDF/A forbids: the value
        // becomes null, which a PDF reads as the key being absent, in as many bytes, so no offset moves.
        var bytes = pdf
        let interpolate = Data("/Interpolate true".utf8), absent = Data("/Interpolate null".utf8)
        var searchFrom = bytes.startIndex
        while let found = bytes.range(of: interpolate, in: searchFrom..<bytes.endIndex) {
            bytes.replaceSubrange(found, with: absent)
            searchFrom = found.upperBound
        }
        let file = try PDFFile(bytes, source: source)
        var update = IncrementalUpdate(file: file)
        // The producer as Cairo wrote it, repeated in the XMP.
        let producer =
            try file.info.flatMap { PDFArchive.literal(after: "/Producer", in: try file.object($0)) } ?? "Saraban"

        let metadata = update.newObject(), icc = update.newObject(), intent = update.newObject()
        update.setStream(
            metadata, dictionary: "<< /Type /Metadata /Subtype /XML >>",
            bytes: Data(xmp(description, producer: producer, part: embedded == nil ? 2 : 3).utf8))
        update.setStream(icc, dictionary: "<< /N 3 >>", bytes: profile)
        update.set(
            intent,
            "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)\n"
                + "   /Info (sRGB IEC61966-2.1) /DestOutputProfile \(icc) 0 R >>")

        var catalog = try file.object(file.root)
        catalog.removeLast(2)
        catalog +=
            "   /Metadata \(metadata) 0 R\n   /OutputIntents [ \(intent) 0 R ]\n" + Self.taggedEntries
            + (try signatureFields(signaturePlaces, file: file, update: &update))
            + (try embedded.map { try embeddedFile($0, date: description.date, catalog: catalog, update: &update) }
                ?? "") + ">>"
        update.set(file.root, catalog)
        try alternateTexts(figureAlternates, file: file, update: &update)

        // The document information as the XMP says it, dates with their time zone.
        if let info = file.info {
            let date = pdfDate(description.date)
            update.set(
                info,
                "<< /Producer \(PDFSigner.textString(producer))\n   /Title \(PDFSigner.textString(description.title))\n"
                    + "   /Author \(PDFSigner.textString(description.author))\n   /Subject \(PDFSigner.textString(description.subject))\n"
                    + "   /Creator (Saraban)\n   /CreationDate \(date)\n   /ModDate \(date)\n>>")
        }
        // A CID TrueType font names how its CIDs map to glyphs (Cairo's are the glyph numbers);
        // annotations print (PDF/A: the print flag set, hidden and invisible ones none).
        let additions: [(marks: String, unless: String, entry: String)] = [
            ("/Subtype /CIDFontType2", "/CIDToGIDMap", "/CIDToGIDMap /Identity"),
            ("/Type /Annot", "/F ", "/F 4"),
        ]
        for number in file.offsets.keys.sorted() {
            let head = file.prefix(of: number, length: 400)
            guard !head.contains("stream"),
                let addition = additions.first(where: { head.contains($0.marks) && !head.contains($0.unless) })
            else { continue }
            var dictionary = try file.object(number)
            dictionary.removeLast(2)
            update.set(number, dictionary + " \(addition.entry) >>")
        }
        return update.written()
    }

    /// A literal string's text after `key` (`/Producer (cairo 1.16.0 (https://…))`): brackets
    /// inside it balanced, as Cairo writes them.
    static func literal(after key: String, in dictionary: String) -> String? {
        guard let keyRange = dictionary.range(of: key),
            let open = dictionary[keyRange.upperBound...].firstIndex(of: "(")
        else { return nil }
        var depth = 0
        var text = ""
        for character in dictionary[open...] {
            if character == "(" { depth += 1; if depth == 1 { continue } }
            if character == ")" { depth -= 1; if depth == 0 { return text } }
            text.append(character)
        }
        return nil
    }

    /// What a tagged PDF's catalog says besides the structure tree Cairo writes: the content is
    /// marked, the language is Thai, a viewer shows the title (the letter's เรื่อง).
    static let taggedEntries =
        "   /MarkInfo << /Marked true >>\n   /Lang (th)\n   /ViewerPreferences << /DisplayDocTitle true >>\n"

    /// Where a signer signs: a page (from 0), the signing space in PDF points from the page's
    /// bottom left, and the signer's name and position as the document prints them.
    public struct SignaturePlace {
        public var page: Int
        public var rect: (x1: Double, y1: Double, x2: Double, y2: Double)
        public var name: String
        public var position: String
        public init(
            page: Int, rect: (x1: Double, y1: Double, x2: Double, y2: Double), name: String, position: String = ""
        ) {
            self.page = page; self.rect = rect; self.name = name; self.position = position
        }
    }

    /// Every PDF Saraban writes is tagged: when Cairo wrote a structure tree, the catalog says
    /// so; and each signing space gets an empty signature field (`saraban sign` fills the first
    /// one left). Returns the bytes of that small incremental update, to append to `pdf` (nil:
    /// nothing to add).
    public static func taggedUpdate(
        _ pdf: Data, source: String, signaturePlaces: [SignaturePlace] = [],
        figureAlternates: [FigureAlternate] = []
    ) throws -> Data? {
        let file = try PDFFile(pdf, source: source)
        var catalog = try file.object(file.root)
        let tagged = catalog.contains("/StructTreeRoot") && !catalog.contains("/MarkInfo")
        guard tagged || !signaturePlaces.isEmpty else { return nil }
        var update = IncrementalUpdate(file: file)
        catalog.removeLast(2)
        catalog +=
            (tagged ? taggedEntries : "") + (try signatureFields(signaturePlaces, file: file, update: &update)) + ">>"
        update.set(file.root, catalog)
        if tagged { try alternateTexts(figureAlternates, file: file, update: &update) }
        return update.appended()
    }

    /// The data file embedded as the document's source (ISO 19005-3, 6.8): an embedded file
    /// stream with its MIME type and date, a file specification with `/F`, `/UF` and
    /// `/AFRelationship /Source`, listed in the catalog's `/AF` and its embedded files. Returns
    /// the catalog's new entries.
    static func embeddedFile(_ source: EmbeddedSource, date: String, catalog: String, update: inout IncrementalUpdate)
        throws -> String
    {
        guard !catalog.contains("/Names"), !catalog.contains("/AF ") else {
            throw PDFSigner.SignError(
                message: "the PDF's catalog already has names or associated files; the data cannot be embedded")
        }
        let stream = update.newObject(), specification = update.newObject()
        let subtype = "/" + source.mimeType.replacingOccurrences(of: "/", with: "#2F")
        update.setStream(
            stream,
            dictionary:
                "<< /Type /EmbeddedFile /Subtype \(subtype) /Params << /ModDate \(pdfDate(date)) /Size \(source.bytes.count) >> >>",
            bytes: source.bytes)
        // /F is a byte string: the name when it is ASCII, else one that says what the file is.
        let ascii = source.name.allSatisfy { $0.isASCII && $0 != "(" && $0 != ")" && $0 != "\\" }
        let plainName =
            ascii
            ? source.name
            : "source-data."
                + ((source.name as NSString).pathExtension.isEmpty ? "txt" : (source.name as NSString).pathExtension)
        update.set(
            specification,
            "<< /Type /Filespec /F (\(plainName)) /UF \(PDFSigner.textString(source.name))\n"
                + "   /EF << /F \(stream) 0 R /UF \(stream) 0 R >> /AFRelationship /Source\n"
                + "   /Desc \(PDFSigner.textString("ข้อมูลต้นฉบับของเอกสาร (the data this document was made from)")) >>")
        return
            "   /AF [ \(specification) 0 R ]\n   /Names << /EmbeddedFiles << /Names [ \(PDFSigner.textString(source.name)) \(specification) 0 R ] >> >>\n"
    }

    /// A picture's alternate text, on a page (from 0).
    public struct FigureAlternate {
        public var page: Int
        public var text: String
        public init(page: Int, text: String) { self.page = page; self.text = text }
    }

    /// Each `Figure` element of the structure tree gets its picture's text as `/Alt` (Cairo
    /// writes no attributes on structure elements): the elements in the order of their pages
    /// and first marked content, the texts in the order the pages drew the pictures.
    static func alternateTexts(_ alternates: [FigureAlternate], file: PDFFile, update: inout IncrementalUpdate) throws {
        guard !alternates.isEmpty else { return }
        let pages = try file.pageObjects()
        let pageIndex = Dictionary(pages.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var figures: [(page: Int, mcid: Int, number: Int, dictionary: String)] = []
        for number in file.offsets.keys.sorted() {
            let head = file.prefix(of: number, length: 200)
            guard head.contains("/StructElem"), head.contains("/S /Figure") else { continue }
            let dictionary = try file.object(number)
            guard let page = PDFFile.reference(in: dictionary, key: "/Pg").flatMap({ pageIndex[$0] }) else { continue }
            let mcid =
                PDFSigner.numbers(after: "/K", in: dictionary)?.first.map(Int.init)
                ?? PDFFile.reference(in: dictionary, key: "/K", direct: true) ?? 0
            figures.append((page, mcid, number, dictionary))
        }
        figures.sort { ($0.page, $0.mcid) < ($1.page, $1.mcid) }
        var remaining = alternates[...]
        for figure in figures {
            guard let index = remaining.firstIndex(where: { $0.page == figure.page }) else { continue }
            let text = remaining[index].text
            remaining.remove(at: index)
            update.set(
                figure.number, String(figure.dictionary.dropLast(2)) + " /Alt " + PDFSigner.textString(text) + " >>")
        }
    }

    /// Empty signature fields over the signing spaces, each with an empty appearance (the page
    /// prints as it was; a viewer shows the field there); the catalog's form entry that lists them.
    static func signatureFields(_ places: [SignaturePlace], file: PDFFile, update: inout IncrementalUpdate) throws
        -> String
    {
        guard !places.isEmpty else { return "" }
        let pages = try file.pageObjects()
        var annotations: [Int: [Int]] = [:]
        var fields: [Int] = []
        for (index, place) in places.enumerated() where place.page < pages.count {
            let (x1, y1, x2, y2) = place.rect
            let appearance = update.newObject(), field = update.newObject()
            // An empty appearance: the printed page stays as it was; a viewer marks the field.
            let frame = ""
            update.setStream(
                appearance,
                dictionary: String(
                    format: "<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] >>", x2 - x1, y2 - y1),
                bytes: Data(frame.utf8))
            // (A field's name holds no period: PDF readers take one for a level of the form.)
            let fieldName = "ลายมือชื่อ \(index + 1) " + place.name.filter { $0 != "." }
            // Its description for a reader (/TU) is the signer's position, which a signature's
            // appearance shows.
            let description = place.position.isEmpty ? "" : " /TU " + PDFSigner.textString(place.position)
            update.set(
                field,
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T \(PDFSigner.textString(fieldName))\(description)\n"
                    + String(format: "   /Rect [%.2f %.2f %.2f %.2f]", x1, y1, x2, y2)
                    + " /F 4 /P \(pages[place.page]) 0 R /AP << /N \(appearance) 0 R >> >>")
            annotations[pages[place.page], default: []].append(field)
            fields.append(field)
        }
        for (page, added) in annotations {
            var dictionary = try file.object(page)
            for field in added {
                dictionary = try PDFFile.adding(annotation: field, to: dictionary, source: file.source)
            }
            update.set(page, dictionary)
        }
        return "   /AcroForm << /Fields [ " + fields.map { "\($0) 0 R" }.joined(separator: " ") + " ] /SigFlags 1 >>\n"
    }

    /// `(D:20190906000000Z)`.
    static func pdfDate(_ iso: String) -> String {
        let digits = iso.filter(\.isNumber)
        return "(D:" + String((digits + "00000000000000").prefix(14)) + "Z)"
    }

    /// The XMP packet: PDF/A identification, Dublin Core, the XMP basic and PDF schemas, with the
    /// same values as the document information.
    static func xmp(_ d: Description, producer: String, part: Int = 2) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let date = String(d.date.prefix(19)) + "Z"
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
               <pdfaid:part>\(part)</pdfaid:part>
               <pdfaid:conformance>B</pdfaid:conformance>
               <dc:format>application/pdf</dc:format>
               <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escaped(d.title))</rdf:li></rdf:Alt></dc:title>
               <dc:creator><rdf:Seq><rdf:li>\(escaped(d.author))</rdf:li></rdf:Seq></dc:creator>
               <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escaped(d.subject))</rdf:li></rdf:Alt></dc:description>
               <dc:language><rdf:Bag><rdf:li>th</rdf:li></rdf:Bag></dc:language>
               <xmp:CreatorTool>Saraban</xmp:CreatorTool>
               <xmp:CreateDate>\(date)</xmp:CreateDate>
               <xmp:ModifyDate>\(date)</xmp:ModifyDate>
               <pdf:Producer>\(escaped(producer))</pdf:Producer>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }
}

extension PDFFile {
    /// The first bytes of object `number`, as text (enough to tell what it is).
    func prefix(of number: Int, length: Int) -> String {
        guard let offset = offsets[number], offset < data.count else { return "" }
        let text = String(decoding: data[offset..<min(data.count, offset + length)], as: UTF8.self)
        return text.range(of: "endobj").map { String(text[..<$0.lowerBound]) } ?? text
    }
}
