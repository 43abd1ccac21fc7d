import ThaiText

/// The signer of a letter or memo (ผู้ลงนาม).
///
/// A class, not a struct: a `Letter` that grows by a field miscompiles in Swift 6.3's debug
/// builds (see `Minutes`), and a signer with its mode grew it.
public final class Signer: Sendable, Equatable {
    /// Full name with title, without parentheses: `นางสาวศศิธร อินทกุล`.
    public let name: String
    /// Position lines, acting formulas included: `พัฒนาการจังหวัด ปฏิบัติราชการแทน` / `ผู้ว่าราชการจังหวัดลำปาง`.
    public let positions: [String]
    /// A PNG or SVG signature drawn in the signing space, relative to the data file.
    public let signatureImage: String?
    /// How the document is signed in the signer's space.
    public let signing: SigningMode

    public init(name: String, positions: [String], signatureImage: String? = nil, signing: SigningMode = .handwritten) {
        self.name = name; self.positions = positions; self.signatureImage = signatureImage; self.signing = signing
    }

    public static func == (a: Signer, b: Signer) -> Bool {
        a.name == b.name && a.positions == b.positions && a.signatureImage == b.signatureImage && a.signing == b.signing
    }
}

/// How a signer signs (`signing:` in the data): by pen in a space left for it (`handwritten`, and a
/// signature field there a digital signature may fill), with a picture of the signature
/// (`image`), by the name typed in its place as the 2564 amendment allows (`typed`), or
/// digitally (`digital`: a signing space that holds the signature field, filled by `saraban sign`).
public enum SigningMode: String, CaseIterable, Sendable {
    case handwritten, image, typed, digital
}

extension Signer {
    /// A signer's fields: `name`, `position`, `signature` (a picture), `signing`. The mode is
    /// `image` when a picture is given, else `handwritten`, unless `signing` says; a picture
    /// with another mode, or `image` without one, is an error.
    static func read(_ s: FieldReader, example: String) throws -> Signer {
        let name = try s.requiredString("name", example: example)
        let positions = try s.strings("position")
        let image = try s.string("signature")
        let stated = try s.choice("signing", from: SigningMode.allCases.map(\.rawValue)).flatMap(
            SigningMode.init(rawValue:))
        let mode = stated ?? (image == nil ? .handwritten : .image)
        if mode == .image, image == nil {
            throw s.missing(
                "signature", "`signing: image` draws a picture of the signature, e.g. `signature: signature.png`")
        }
        if let image, mode != .image {
            throw s.error(
                "signature", nil,
                "a picture (\(image)) is drawn only with `signing: image`; this signer signs `\(mode.rawValue)`")
        }
        return Signer(name: name, positions: positions, signatureImage: image, signing: mode)
    }
}

/// The issuing office (ส่วนราชการเจ้าของหนังสือ) with its address lines.
public struct Office: Sendable, Equatable {
    public var name: String
    public var address: [String]
}

/// One item of สิ่งที่ส่งมาด้วย.
public struct EnclosureItem: Sendable, Equatable {
    public var text: String
    public var quantity: String?
    /// ฉบับ, ชุด, เล่ม …
    public var unit: String?
}

/// The footer's contact lines (ส่วนราชการเจ้าของเรื่อง, โทร., โทรสาร, ไปรษณีย์อิเล็กทรอนิกส์).
public struct Contact: Sendable, Equatable {
    public var unit: [String]
    public var phone: String?
    public var fax: String?
    /// One number for both: `โทร./โทรสาร`.
    public var phoneFax: String?
    public var email: String?

    /// The footer lines in the order the regulation gives them.
    public var lines: [String] {
        var lines = unit
        if let phoneFax { lines.append("โทร./โทรสาร \(phoneFax)") }
        if let phone { lines.append("โทร. \(phone)") }
        if let fax { lines.append("โทรสาร \(fax)") }
        if let email { lines.append("ไปรษณีย์อิเล็กทรอนิกส์ \(email)") }
        return lines
    }
}

/// Values common to every document type.
public struct CommonFields: Sendable, Equatable {
    /// Print "ตัวอย่าง" in the margin.
    public var specimen: Bool
    /// ชั้นความเร็ว: ด่วน, ด่วนมาก, ด่วนที่สุด.
    public var urgency: String?
    /// ชั้นความลับ: ลับ, ลับมาก, ลับที่สุด.
    public var secrecy: String?
    /// Write digits as Thai digits (the default) or leave them as typed.
    public var thaiDigits: Bool
    /// How baht text reads a final 1 after a zero tens digit.
    public var reading: ThaiNumberReading
    /// Named amounts that the prose quotes as `{{name}}`, each written with its baht text.
    public var amounts: [(name: String, amount: Amount)]
    /// Every table that fits a page moves to the next page whole rather than split
    /// (`keep-tables-together: true`, as some sources print them); by default a table splits
    /// where moving it would leave more than a quarter of the page empty.
    public var keepTablesTogether = false

    public static func == (lhs: CommonFields, rhs: CommonFields) -> Bool {
        lhs.specimen == rhs.specimen && lhs.urgency == rhs.urgency && lhs.secrecy == rhs.secrecy
            && lhs.thaiDigits == rhs.thaiDigits && lhs.reading == rhs.reading
            && lhs.amounts.map(\.name) == rhs.amounts.map(\.name)
            && lhs.amounts.map(\.amount) == rhs.amounts.map(\.amount)
    }
}

/// หนังสือภายนอก, or the circular letter หนังสือเวียน (its number carries ว).
public struct Letter: Sendable, Equatable {
    public var common: CommonFields
    public var isCircular: Bool
    /// ที่: `ลป 0019.3/ว 2561`.
    public var number: String
    public var office: Office
    public var date: ThaiDate
    public var subject: String
    /// คำขึ้นต้น: เรียน (default), กราบเรียน, นมัสการ.
    public var salutation: String
    public var recipient: String
    /// อ้างถึง.
    public var references: [String]
    public var enclosures: [EnclosureItem]
    /// The body as prose: paragraphs, numbered items, **bold**, `{{amount}}` quotes.
    public var body: String
    /// Line of the data file where the body's text starts, for messages.
    public var bodyLine: Int
    /// คำลงท้าย.
    public var closing: String
    public var signer: Signer
    public var contact: Contact
    /// สำเนาส่ง.
    public var copies: [String]
    /// Attachments printed after the letter.
    public var attachments: [Attachment]
}

/// บันทึกข้อความ.
public struct Memo: Sendable, Equatable {
    public var common: CommonFields
    /// ส่วนราชการ.
    public var unit: String
    public var phone: String?
    public var email: String?
    public var number: String
    public var date: ThaiDate
    public var subject: String
    public var salutation: String
    public var recipient: String
    public var body: String
    public var bodyLine: Int
    public var signer: Signer
}

/// A parsed data file.
public enum DocumentData: Sendable, Equatable {
    case letter(Letter)
    case memo(Memo)
    case minutes(Minutes)
    /// A document of no other type (`type: document`).
    case document(GenericDocument)

    /// The built-in template for this data (`type:` field).
    public var templateName: String {
        switch self {
        case .letter(let letter): return letter.isCircular ? "circular-letter" : "external-letter"
        case .memo: return "memo"
        case .minutes: return "minutes"
        case .document: return "document"
        }
    }
}
