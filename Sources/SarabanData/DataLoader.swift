import Foundation
import SarabanFiles
import ThaiText
import Yams

/// Reads a data file (YAML, or JSON which is YAML too) into a checked document.
public struct DataLoader {
    public static let documentTypes = ["external-letter", "circular-letter", "memo", "minutes", "document"]
    public static let urgencies = ["ด่วน", "ด่วนมาก", "ด่วนที่สุด"]
    public static let secrecies = ["ลับ", "ลับมาก", "ลับที่สุด"]

    /// Folders besides the data file's own whose files a document may attach (`--allow-path`).
    public var allowedDirectories: [String] = []
    /// An office's defaults, by document type (`defaults.yaml` of the office folder): fields
    /// every document of that type gets unless its data gives them.
    public var defaults: [String: Node.Mapping] = [:]
    /// The file the defaults come from, named in messages about what they give.
    public var defaultsFile: String?
    /// The files being read, outermost first: a file attached inside itself is an error, not a loop.
    var loading: [String] = []
    /// Attachments inside attachments, at most this deep.
    static let maximumAttachmentDepth = 4

    public init(allowedDirectories: [String] = [], defaults: [String: Node.Mapping] = [:], defaultsFile: String? = nil)
    {
        self.allowedDirectories = allowedDirectories
        self.defaults = defaults
        self.defaultsFile = defaultsFile
    }

    /// An office's `defaults.yaml`: a group of fields per document type.
    public static func defaults(path: String) throws -> [String: Node.Mapping] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DataError(file: path, message: "cannot read the office's defaults")
        }
        let root = try FieldReader.root(text: text, file: path)
        var result: [String: Node.Mapping] = [:]
        for (key, value) in root.mapping {
            let name = key.scalar?.string ?? ""
            guard documentTypes.contains(name) else {
                let hint = closestName(to: name, in: documentTypes).map { "; did you mean \($0)?" } ?? ""
                throw DataError(
                    file: path, line: key.mark?.line, field: name,
                    message:
                        "not a document type\(hint) (defaults are given per type: \(documentTypes.joined(separator: ", ")))"
                )
            }
            guard let fields = value.mapping else {
                throw DataError(
                    file: path, line: value.mark?.line, field: name, message: "expected the fields every \(name) gets")
            }
            result[name] = fields
        }
        return result
    }

    /// The ```` ```table ```` blocks of a prose field that the loader has already checked.
    public static func bodyTables(in text: String) -> [TableData] {
        (try? DataLoader().tables(in: text, bodyLine: 1, file: "")) ?? []
    }

    public func load(path: String) throws -> DocumentData {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, message: "cannot read the file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(file: path, message: "not UTF-8 text; save the file as UTF-8")
        }
        return try load(text: text, file: path)
    }

    /// The template a data file names (`template: lampang-letter`), or its office's defaults
    /// name for its type; nil when neither does (the type's own template is used).
    public func namedTemplate(path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return nil }
        // Most data names none, and most offices give none: then nothing is read again.
        let inDefaults = defaults.values.contains { $0.keys.contains { $0.scalar?.string == "template" } }
        guard inDefaults || Array(text.utf8).firstOffset(of: Array("template".utf8)) != nil else { return nil }
        var yaml = text
        if path.hasSuffix(".md") {
            guard text.hasPrefix("---\n"),
                let end = text.range(of: "\n---", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
            else { return nil }
            yaml = "\n" + String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
        }
        let root = try FieldReader.root(text: yaml, file: path)
        let type = try root.choice("type", from: Self.documentTypes)
        return try root.withDefaults(type.flatMap { defaults[$0] }, file: defaultsFile).string("template")
    }

    /// `file` names the text in messages; a name ending in `.md` means Markdown minutes.
    public func load(text: String, file: String) throws -> DocumentData {
        do { try BoundedYAML.checkText(text, file: file) } catch let error as BoundedYAML.LimitError {
            throw DataError(file: file, line: error.line, message: error.message)
        }
        if file.hasSuffix(".md") { return try fromMarkdown(text, file: file) }
        let data = try FieldReader.root(text: text, file: file)
        let type = try data.choice("type", from: Self.documentTypes)
        guard let type else {
            throw DataError(
                file: file, line: 1, field: "type",
                message: "missing; expected one of: \(Self.documentTypes.joined(separator: ", "))")
        }
        let root = data.withDefaults(defaults[type], file: defaultsFile)
        _ = try root.string("type")  // read already; the merged reader must know it too
        let result: DocumentData
        switch type {
        case "memo": result = .memo(try memo(root))
        case "minutes": result = .minutes(try minutes(root))
        case "document": result = .document(try genericDocument(root))
        default: result = .letter(try letter(root, circular: type == "circular-letter"))
        }
        try root.finish()
        return result
    }

    func common(_ r: FieldReader) throws -> CommonFields {
        let readingName = try r.choice("baht-reading", from: ThaiNumberReading.allCases.map(\.rawValue))
        var fields = CommonFields(
            specimen: try r.bool("specimen") ?? false,
            urgency: try r.choice("urgency", from: Self.urgencies),
            secrecy: try r.choice("secrecy", from: Self.secrecies),
            thaiDigits: try r.bool("thai-digits") ?? true,
            reading: readingName.flatMap(ThaiNumberReading.init(rawValue:)) ?? .royalSociety,
            amounts: try r.amounts("amounts").map { (name: $0.0, amount: $0.1) })
        fields.keepTablesTogether = try r.bool("keep-tables-together") ?? false
        // The template a document names is read by `namedTemplate` (checked here as text).
        _ = try r.string("template")
        return fields
    }

    private func letter(_ r: FieldReader, circular: Bool) throws -> Letter {
        let common = try common(r)
        let number = try r.requiredString("number", example: circular ? "ลป 0019.3/ว 2561" : "ลป 0019.3/2561")
        if circular && !number.contains("/ว") {
            throw DataError(
                file: r.file, line: r.mapping["number"]?.mark?.line, field: "number",
                message:
                    "a circular letter's number has ว before its serial, e.g. `ลป 0019.3/ว 2561`; found \"\(number)\"")
        }
        guard let officeReader = try r.object("office") else {
            throw r.missing("office", "expected `office:` with `name:` and `address:`")
        }
        let office = Office(
            name: try officeReader.requiredString("name", example: "ศาลากลางจังหวัดลำปาง"),
            address: try officeReader.strings("address"))
        try officeReader.finish()
        guard let date = try r.date("date") else {
            throw r.missing("date", "expected the letter's date, e.g. `date: 2018-09-12`")
        }
        let letter = Letter(
            common: common, isCircular: circular, number: number, office: office, date: date,
            subject: try r.requiredString("subject", example: "ขอส่งรายงานการประชุม"),
            salutation: try r.string("salutation") ?? "เรียน",
            recipient: try r.requiredString("to", example: "นายอำเภอทุกอำเภอ"),
            references: try r.strings("references"),
            enclosures: try r.list("enclosures", item: enclosure, fromText: { EnclosureItem(text: $0) }),
            body: try r.requiredString("body", example: "ด้วย…"),
            bodyLine: r.valueLine("body"),
            closing: try r.string("closing") ?? "ขอแสดงความนับถือ",
            signer: try signer(r),
            contact: try contact(r),
            copies: try r.strings("copies"),
            attachments: try attachments(r))
        try checkAmountQuotes(
            in: letter.body, bodyLine: letter.bodyLine, amounts: common.amounts.map(\.name), file: r.file)
        // The body's tables and pictures are checked here, with the data's lines; the template
        // reads the tables again (`bodyTables`). (A field for them would grow `Letter`, and the
        // debug build miscompiles copies of large values nested in `DocumentData`.)
        _ = try tablesAndPictures(in: letter.body, bodyLine: letter.bodyLine, file: r.file)
        return letter
    }

    private func memo(_ r: FieldReader) throws -> Memo {
        let common = try common(r)
        guard let date = try r.date("date") else {
            throw r.missing("date", "expected the memo's date, e.g. `date: 2019-09-06`")
        }
        let memo = Memo(
            common: common,
            unit: try r.requiredString("unit", example: "สำนักงานพัฒนาชุมชนจังหวัดลำปาง ฝ่ายอำนวยการ"),
            phone: try r.string("phone"), email: try r.string("email"),
            number: try r.requiredString("number", example: "ลป 0019.1/123"),
            date: date,
            subject: try r.requiredString("subject", example: "ขออนุมัติเดินทางไปราชการ"),
            salutation: try r.string("salutation") ?? "เรียน",
            recipient: try r.requiredString("to", example: "พัฒนาการจังหวัดลำปาง"),
            body: try r.requiredString("body", example: "ด้วย…"),
            bodyLine: r.valueLine("body"),
            signer: try signer(r))
        try checkAmountQuotes(in: memo.body, bodyLine: memo.bodyLine, amounts: common.amounts.map(\.name), file: r.file)
        _ = try tablesAndPictures(in: memo.body, bodyLine: memo.bodyLine, file: r.file)
        return memo
    }

    private func enclosure(_ r: FieldReader) throws -> EnclosureItem {
        EnclosureItem(
            text: try r.requiredString("text", example: "บัญชีจัดสรรงบประมาณ"),
            quantity: try r.string("quantity"), unit: try r.string("unit"))
    }

    private func signer(_ r: FieldReader) throws -> Signer {
        guard let s = try r.object("signer") else {
            throw r.missing("signer", "expected `signer:` with `name:` and `position:`")
        }
        let signer = try Signer.read(s, example: "นางสาวศศิธร อินทกุล")
        try s.finish()
        return signer
    }

    private func contact(_ r: FieldReader) throws -> Contact {
        guard let c = try r.object("contact") else { return Contact(unit: []) }
        let contact = Contact(
            unit: try c.strings("unit"), phone: try c.string("phone"), fax: try c.string("fax"),
            phoneFax: try c.string("phone-fax"), email: try c.string("email"))
        try c.finish()
        return contact
    }

    /// Every `{{name}}` in the prose must be a declared amount: a typo would print nothing.
    /// Every `{{name}}` of a body names a declared amount; an error names the quote's line.
    func checkAmountQuotes(in body: String, bodyLine: Int?, amounts: [String], file: String) throws {
        // (By bytes: most bodies quote nothing, and a Swift string search of Thai is slow.)
        for placeholder in Placeholder.all(in: body) {
            var name = placeholder.name
            for suffix in [".digits", ".text"] where name.hasSuffix(suffix) {
                name = String(name.dropLast(suffix.count))
            }
            if !amounts.contains(name) {
                let hint = closestName(to: name, in: amounts).map { "; did you mean {{\($0)}}?" } ?? ""
                let line = bodyLine.map {
                    $0 + body.utf8.prefix(placeholder.bytes.lowerBound).filter { $0 == UInt8(ascii: "\n") }.count
                }
                throw DataError(
                    file: file, line: line, field: "body",
                    message: "{{\(name)}} is not one of the amounts\(hint) (declare it under `amounts:` as a number)")
            }
        }
    }
}

extension EnclosureItem {
    init(text: String) { self.init(text: text, quantity: nil, unit: nil) }
}
extension Contact {
    init(unit: [String]) { self.init(unit: unit, phone: nil, fax: nil, phoneFax: nil, email: nil) }
}
