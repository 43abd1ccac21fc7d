/// A document as the layout engine sees it: metadata, options and a sequence of blocks.
/// Templates produce it as markup (see docs/markup.md); `MarkupParser` reads it.
public struct Document: Sendable, Equatable {
    /// Which page design applies: the style file has one section per kind.
    public var kind: Kind
    public var metadata: Metadata
    public var options: Options
    public var blocks: [Block]

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// หนังสือภายนอก (and the circular หนังสือเวียน): กระดาษตราครุฑ, Garuda 3 cm centred.
        case letter
        /// บันทึกข้อความ: Garuda 1.5 cm top-left, its own header.
        case memo
    }

    public struct Metadata: Sendable, Equatable {
        /// PDF title: the letter's เรื่อง.
        public var title: String = ""
        /// PDF author: the issuing office.
        public var author: String = ""
        public var subject: String = ""
        /// ISO date (`2018-09-12`) stamped as the PDF's creation date, for byte-identical output.
        public var date: String = "2000-01-01"
        public init() {}
    }

    public struct Options: Sendable, Equatable {
        /// Prints "ตัวอย่าง" in the margin: demo output carries the Garuda but is not a real letter.
        public var specimen = false
        /// ชั้นความลับ (ลับ, ลับมาก, ลับที่สุด): red, top and bottom centre of every page.
        public var secrecy: String?
        public init() {}
    }

    public init(kind: Kind, metadata: Metadata = .init(), options: Options = .init(), blocks: [Block]) {
        self.kind = kind
        self.metadata = metadata
        self.options = options
        self.blocks = blocks
    }
}

/// Text with inline emphasis.
public struct Span: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    /// `<i>`: slanted (Markdown `*…*`).
    public var italic = false
    /// `<u>`: underlined, as offices underline what must not be missed.
    public var underline = false
    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
        self.text = text; self.bold = bold; self.italic = italic; self.underline = underline
    }

    func sameStyle(as other: Span) -> Bool {
        bold == other.bold && italic == other.italic && underline == other.underline
    }
}

extension Array where Element == Span {
    public var plainText: String { map(\.text).joined() }
}

/// One item of สิ่งที่ส่งมาด้วย: description, then the aligned `จำนวน ๑ ฉบับ` columns.
public struct Enclosure: Sendable, Equatable {
    public var number: String?
    public var text: [Span]
    public var quantity: String?
    public var unit: String?
    public init(number: String?, text: [Span], quantity: String?, unit: String?) {
        self.number = number; self.text = text; self.quantity = quantity; self.unit = unit
    }
}

/// The signer: signing space (optionally with a signature image), `(ชื่อเต็ม)`, position lines.
public struct SignatureBlock: Sendable, Equatable {
    public var name: String
    public var positions: [String]
    /// PNG or SVG of a signature drawn in the signing space.
    public var image: String?
    /// What the signing space holds: room for a pen and a signature field (`handwritten`, `digital`),
    /// the picture, or the name typed (`typed`).
    public var mode: SigningSpace
    public init(name: String, positions: [String], image: String? = nil, mode: SigningSpace = .field) {
        self.name = name; self.positions = positions; self.image = image; self.mode = mode
    }
}

/// What a signer's space holds (`<signature mode=…>`, `<sign-off signing=…>`).
public enum SigningSpace: String, Sendable, Equatable {
    /// Room to sign, with a signature field a digital signature fills (`handwritten`, `digital`).
    case field
    /// The signer's name typed where the signature goes.
    case typed
    /// A picture of the signature, and no field.
    case picture
    /// Nothing: the sign-off's own lines are where it is signed (a dotted line).
    case none
}

/// A sign-off (`(ลงชื่อ)……ผู้จดรายงานการประชุม`, `(name)`, position lines), centred on its axis;
/// with a `space` above its lines when it is signed there (a digital signature's field, a picture).
public struct SignOff: Sendable, Equatable {
    public var lines: [String]
    public var space: SigningSpace
    public var image: String?
    public init(lines: [String], space: SigningSpace = .none, image: String? = nil) {
        self.lines = lines; self.space = space; self.image = image
    }
}

/// A labelled line of the memo header (`ส่วนราชการ …`, `ที่ …`, `วันที่ …`, `เรื่อง …`) with its dotted leader.
public struct MemoField: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(label: String, value: String) { self.label = label; self.value = value }
}

public enum EmblemSize: String, Sendable, Equatable {
    /// 3 cm, centred: กระดาษตราครุฑ.
    case large
    /// 1.5 cm, top-left: กระดาษบันทึกข้อความ.
    case small
}

/// The parts of a document, in reading order.
public enum Block: Sendable, Equatable {
    /// ตราครุฑ, first page only.
    case emblem(EmblemSize)
    /// ชั้นความเร็ว (ด่วน, ด่วนมาก, ด่วนที่สุด), red.
    case urgency(String)
    /// `ที่ …` at the left and the issuing office's address block at the right, on one line.
    case letterHead(reference: String, address: [String])
    /// The memo's title line (`บันทึกข้อความ`) beside its small Garuda.
    case memoTitle(String)
    /// Memo header rows; several fields on one row share it (`ที่` and `วันที่`).
    case memoRow([MemoField])
    /// วัน เดือน ปี under the address block.
    case date(String)
    /// A label and its text, wrapped lines hanging after the label: เรื่อง, เรียน, อ้างถึง.
    case field(label: String, value: [Span])
    /// สิ่งที่ส่งมาด้วย with its items and quantity columns.
    case enclosures(label: String, items: [Enclosure])
    /// A body paragraph: first line indented, Thai Distributed.
    case paragraph([Span])
    /// A numbered item of the body (`๑. ศึกษาแนวทาง…`), number at the indent of its level.
    /// A tight item (typed right under the one before) has no paragraph space above it.
    case item(number: String, text: [Span], level: Int, tight: Bool = false)
    /// A paragraph that is not justified and not indented (headings, notes).
    case plain([Span], align: PlainAlignment)
    /// คำลงท้าย (ขอแสดงความนับถือ).
    case closing(String)
    case signature(SignatureBlock)
    /// ส่วนราชการเจ้าของเรื่อง, โทร., โทรสาร, ไปรษณีย์อิเล็กทรอนิกส์: lines at the left margin.
    case footer([String])
    /// สำเนาส่ง with its recipients.
    case copies(label: String, lines: [String])
    /// A bordered table.
    case table(Table)
    /// A heading: level 2 an agenda item (ระเบียบวาระที่ …), 3 and deeper its sub-items; bold,
    /// kept with what follows, and a PDF bookmark at `outline` depth in its document (1 an
    /// agenda item, 2 its sub-item; 0 none; nil: from the level).
    case heading(level: Int, text: String, outline: Int? = nil)
    /// A resolution (มติที่ประชุม …): the label bold, the text hanging at the resolution tab.
    case resolution(label: String, text: [Span])
    /// A form's dotted sign-off (`ลงชื่อ.....ผู้เสนอ`, `(.....)`, `ตำแหน่ง.....`), lines centred on the signature axis.
    /// `signs`: the block is a signature (`<sign-off signature="yes">`): the body's last lines
    /// go to its page, as they go to a letter's closing.
    case signOff(SignOff, signs: Bool = false)
    /// Sign-offs side by side (the minutes' recorder and reviewer), each centred in its half.
    case signOffsSideBySide([SignOff])
    /// Starts a new document in the same PDF (an attachment, สิ่งที่ส่งมาด้วย): a new page with its
    /// own page numbering and orientation, and a bookmark.
    case documentStart(title: String, orientation: Orientation)
    /// A picture on a line of its own, its caption under it, kept together on one page.
    case figure(Figure)
    /// Vertical space, in lines.
    case space(Double)
    case pageBreak

    public enum PlainAlignment: String, Sendable, Equatable { case left, center, right }
}

/// A picture (PNG or SVG) and its caption.
public struct Figure: Sendable, Equatable {
    /// The file, relative to the data file's folder.
    public var source: String
    /// The width asked for, in points; nil for the picture's own size (never wider than the text).
    public var width: Double?
    public var align: Block.PlainAlignment
    public var caption: [Span]

    public init(source: String, width: Double?, align: Block.PlainAlignment, caption: [Span]) {
        self.source = source; self.width = width; self.align = align; self.caption = caption
    }
}
