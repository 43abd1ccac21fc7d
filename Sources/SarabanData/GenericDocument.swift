import Foundation
import ThaiText

/// Everything that is not a letter, a memo or minutes (สรุปข้อสั่งการ, รายงานผล, บันทึกสรุป, a
/// register): centred title lines, then ครั้งที่ / date / place / reference lines, each only when
/// given, a Markdown body (headings, prose, lists, tables) and any number of sign-off blocks.
/// A reference type, like `Minutes`, for the same reason.
public final class GenericDocument: Sendable, Equatable {
    public let file: String
    public let common: CommonFields
    /// Title lines, centred and bold; the first is the PDF's title.
    public let title: [String]
    /// ครั้งที่: `2/2565`.
    public let session: String?
    public let date: ThaiDate?
    public let showWeekday: Bool
    public let time: ThaiTime?
    /// ณ …: may be several lines.
    public let place: [String]
    /// Lines printed under the title as written (อ้างถึง …, ข้อมูล ณ …).
    public let lines: [String]
    /// The body, in Markdown, as minutes write theirs.
    public let body: String
    public let bodyLine: Int
    public let tables: [TableData]
    /// Who signs, in order: each a block of `(ลงชื่อ)….role` (when signed by hand), `(name)`, positions.
    public let signers: [DocumentSigner]
    public let signersSideBySide: Bool

    init(
        file: String, common: CommonFields, title: [String], session: String?, date: ThaiDate?, showWeekday: Bool,
        time: ThaiTime?,
        place: [String], lines: [String], body: String, bodyLine: Int, tables: [TableData], signers: [DocumentSigner],
        signersSideBySide: Bool
    ) {
        self.file = file; self.common = common; self.title = title; self.session = session; self.date = date
        self.showWeekday = showWeekday; self.time = time; self.place = place; self.lines = lines; self.body = body
        self.bodyLine = bodyLine; self.tables = tables; self.signers = signers;
        self.signersSideBySide = signersSideBySide
    }

    public static func == (a: GenericDocument, b: GenericDocument) -> Bool {
        a.file == b.file && a.common == b.common && a.title == b.title && a.session == b.session && a.date == b.date
            && a.showWeekday == b.showWeekday && a.time == b.time && a.place == b.place && a.lines == b.lines
            && a.body == b.body
            && a.tables == b.tables && a.signers == b.signers && a.signersSideBySide == b.signersSideBySide
    }
}

/// One sign-off block of a generic document.
public struct DocumentSigner: Sendable, Equatable {
    public var signer: Signer
    /// What the signer is to the document: ผู้รายงาน, ผู้สรุป, ผู้ตรวจ (after the dotted line).
    public var role: String?
    /// A dotted line to sign on by hand, `(ลงชื่อ)....................ผู้รายงาน`; false when the
    /// name alone is printed (a typed signature).
    public var signsByHand: Bool
}

extension DataLoader {
    func genericDocument(_ r: FieldReader, body: String? = nil, bodyLine: Int? = nil) throws -> GenericDocument {
        let common = try common(r)
        let title = try r.strings("title")
        guard !title.isEmpty else { throw r.missing("title", "expected the title lines, e.g. `title: [สรุปข้อสั่งการ …]`") }
        let text = try body ?? r.requiredString("body", example: "## ๑. เรื่อง …")
        let firstLine = bodyLine ?? r.valueLine("body")
        try checkAmountQuotes(in: text, bodyLine: firstLine, amounts: common.amounts.map(\.name), file: r.file)
        let signers = try r.list(
            "signers",
            item: { s in
                let signer = try Signer.read(s, example: "นางสาวศศิธร อินทกุล")
                // `sign-by-hand: false`: no dotted line, the name and positions alone. Only a
                // signer who signs by hand has one.
                let byHand = try s.bool("sign-by-hand") ?? true
                return DocumentSigner(
                    signer: signer, role: try s.string("role"),
                    signsByHand: byHand && signer.signing == .handwritten)
            })
        return GenericDocument(
            file: r.file, common: common, title: title, session: try r.string("session"), date: try r.date("date"),
            showWeekday: try r.bool("show-weekday") ?? false, time: try r.time("time"), place: try r.strings("place"),
            lines: try r.strings("lines"), body: text, bodyLine: firstLine,
            tables: try tablesAndPictures(in: text, bodyLine: firstLine, file: r.file),
            signers: signers,
            signersSideBySide: try r.choice("signatures", from: ["stacked", "side-by-side"]) == "side-by-side")
    }
}
