import Foundation
import SarabanFiles
import SarabanMarkdown
import ThaiText

/// รายงานการประชุม: meeting minutes (regulation form แบบที่ ๑๑).
/// A reference type: a large value nested in `DocumentData` and `Attachment` made the debug
/// build's outlined copies crash (Swift 6.3).
public final class Minutes: Sendable, Equatable {
    /// The file the minutes were read from (they may come with a cover letter from another file).
    public let file: String
    public let common: CommonFields
    /// Title lines: `รายงานการประชุม…`.
    public let title: [String]
    /// ครั้งที่: `8/2562`.
    public let session: String?
    public let date: ThaiDate
    /// The weekday as the source document writes it, when it must be reproduced as written
    /// (`saraban check` reports it when it does not match the date).
    public let weekdayAsWritten: String?
    public let weekdayLine: Int?
    /// Write the weekday in the date line (`วันศุกร์ที่ …`); some offices write `วันที่ …` only.
    public let showWeekday: Bool
    public let time: ThaiTime?
    /// ณ …: may be several lines.
    public let place: [String]
    /// ผู้มาประชุม (or an office's own word, ผู้เข้าร่วมประชุม); agenda-style documents have none.
    public let present: AttendanceList?
    /// ผู้ไม่มาประชุม, with reasons.
    public let absent: AttendanceList?
    /// ผู้เข้าร่วมประชุม (non-members).
    public let guests: AttendanceList?
    /// เริ่มประชุมเวลา (or เปิดประชุมเวลา).
    public let openingLabel: String
    public let openingTime: ThaiTime?
    /// Where `opening-time` was written, for findings.
    public let openingTimeLine: Int?
    /// The minutes themselves, in Markdown: headings are agenda items, `มติที่ประชุม …` lines resolutions.
    public let body: String
    /// Line of the data file where the body starts, for messages.
    public let bodyLine: Int
    /// The body's tables written as ```` ```table ```` blocks (YAML, as in attachments: merged
    /// header cells, totals), in the order they appear.
    public let tables: [TableData]
    /// เลิกประชุมเวลา (or ปิดประชุมเวลา).
    public let closingLabel: String
    public let closingTime: ThaiTime?
    /// ผู้จดรายงานการประชุม.
    public let recorder: Signer?
    /// ผู้ตรวจรายงานการประชุม.
    public let reviewer: Signer?
    /// The two signatures side by side rather than one under the other.
    public let signaturesSideBySide: Bool

    init(
        file: String, common: CommonFields, title: [String], session: String?, date: ThaiDate,
        weekdayAsWritten: String?, weekdayLine: Int?, showWeekday: Bool, time: ThaiTime?, place: [String],
        present: AttendanceList?, absent: AttendanceList?, guests: AttendanceList?, openingLabel: String,
        openingTime: ThaiTime?, body: String, bodyLine: Int, tables: [TableData], closingLabel: String,
        closingTime: ThaiTime?, recorder: Signer?, reviewer: Signer?, signaturesSideBySide: Bool,
        openingTimeLine: Int? = nil
    ) {
        self.openingTimeLine = openingTimeLine
        self.file = file
        self.common = common
        self.title = title
        self.session = session
        self.date = date
        self.weekdayAsWritten = weekdayAsWritten
        self.weekdayLine = weekdayLine
        self.showWeekday = showWeekday
        self.time = time
        self.place = place
        self.present = present
        self.absent = absent
        self.guests = guests
        self.openingLabel = openingLabel
        self.openingTime = openingTime
        self.body = body
        self.bodyLine = bodyLine
        self.tables = tables
        self.closingLabel = closingLabel
        self.closingTime = closingTime
        self.recorder = recorder
        self.reviewer = reviewer
        self.signaturesSideBySide = signaturesSideBySide
    }

    public static func == (lhs: Minutes, rhs: Minutes) -> Bool { lhs === rhs }
}

/// An attendance list: its heading word, the count the source states (checked against the
/// list), and its people as columns (title+name, surname, position, reason).
public struct AttendanceList: Sendable, Equatable {
    public var label: String
    public var statedCount: Int?
    /// Print `จำนวน N คน` (computed from the list) after the label.
    public var showCount: Bool
    public var people: [[String]]
    public var line: Int?
}

extension DataLoader {
    /// A Markdown file whose YAML front matter holds the meeting's metadata and lists.
    /// Minutes, or a generic document, written in Markdown after YAML front matter.
    func fromMarkdown(_ text: String, file: String) throws -> DocumentData {
        let expectation =
            "a Markdown file starts with YAML front matter between two `---` lines (type: minutes or document, date, title…)"
        guard text.hasPrefix("---\n"),
            let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
        else {
            throw DataError(file: file, line: 1, message: expectation)
        }
        guard end.lowerBound > text.index(text.startIndex, offsetBy: 3) else {
            throw DataError(file: file, line: 2, message: "the front matter is empty; \(expectation)")
        }
        let frontMatter = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
        let body = String(text[end.upperBound...])
        // Front matter lines are numbered from the file's second line.
        let data = try FieldReader.root(text: "\n" + frontMatter, file: file)
        let type = try data.choice("type", from: Self.documentTypes)
        let root = data.withDefaults(type.flatMap { defaults[$0] }, file: defaultsFile)
        _ = try root.string("type")  // read already; the merged reader must know it too
        guard type == "minutes" || type == "document" else {
            throw DataError(
                file: file, line: 2, field: "type",
                message: "a Markdown file holds minutes or a document; expected `type: minutes` or `type: document`")
        }
        let bodyLine = frontMatter.split(separator: "\n", omittingEmptySubsequences: false).count + 3
        if let line = MarkdownTree.lineNestedTooDeep(in: body) {
            throw DataError(
                file: file, line: bodyLine + line - 1,
                message:
                    "quotes, lists or emphasis nested more than \(MarkdownTree.maximumDepth) levels deep; documents use a few"
            )
        }
        let result: DocumentData =
            type == "minutes"
            ? .minutes(try minutes(root, body: body, bodyLine: bodyLine))
            : .document(try genericDocument(root, body: body, bodyLine: bodyLine))
        try root.finish()
        return result
    }

    func minutes(_ r: FieldReader, body: String? = nil, bodyLine: Int? = nil) throws -> Minutes {
        let common = try common(r)
        guard let date = try r.date("date") else {
            throw r.missing("date", "expected the meeting's date, e.g. `date: 2019-08-30`")
        }
        let weekday = try r.choice("weekday-as-written", from: ThaiDate.weekdayNames)
        func list(_ key: String, defaultLabel: String) throws -> AttendanceList? {
            guard let l = try r.object(key) else { return nil }
            let result = AttendanceList(
                label: try l.string("label") ?? defaultLabel,
                statedCount: try l.integer("stated-count", in: 0...100_000, example: "28"),
                showCount: try l.bool("show-count") ?? true,
                people: try l.rawList("people").map { row in
                    row.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
                },
                line: l.line)
            try l.finish()
            return result
        }
        func signer(_ key: String) throws -> Signer? {
            guard let s = try r.object(key) else { return nil }
            let signer = try Signer.read(s, example: "นางพรพรรณ ปัญตะบุตร")
            try s.finish()
            return signer
        }
        let present = try list("present", defaultLabel: "ผู้มาประชุม")
        let text = try body ?? r.requiredString("body", example: "## ระเบียบวาระที่ ๑ …")
        let firstLine = bodyLine ?? r.valueLine("body")
        try checkAmountQuotes(in: text, bodyLine: firstLine, amounts: common.amounts.map(\.name), file: r.file)
        return Minutes(
            file: r.file, common: common, title: try r.strings("title"), session: try r.string("session"), date: date,
            weekdayAsWritten: weekday, weekdayLine: r.mapping["weekday-as-written"]?.mark?.line,
            showWeekday: try r.bool("show-weekday") ?? true, time: try r.time("time"), place: try r.strings("place"),
            present: present, absent: try list("absent", defaultLabel: "ผู้ไม่มาประชุม"),
            guests: try list("guests", defaultLabel: "ผู้เข้าร่วมประชุม"),
            openingLabel: try r.string("opening-label") ?? "เริ่มประชุมเวลา", openingTime: try r.time("opening-time"),
            body: text, bodyLine: firstLine, tables: try tablesAndPictures(in: text, bodyLine: firstLine, file: r.file),
            closingLabel: try r.string("closing-label") ?? "เลิกประชุมเวลา", closingTime: try r.time("closing-time"),
            recorder: try signer("recorder"), reviewer: try signer("reviewer"),
            signaturesSideBySide: try r.choice("signatures", from: ["stacked", "side-by-side"]) == "side-by-side",
            openingTimeLine: r.mapping["opening-time"]?.mark?.line)
    }

    /// The pictures of a Markdown body exist, lie inside the data file's folder (or an allowed
    /// one) and are PNG or SVG: a missing or broken picture is an error naming its line here,
    /// before anything is laid out.
    func checkPictures(in body: String, bodyLine: Int, file: String) throws {
        let directory = (file as NSString).deletingLastPathComponent
        let access = FileAccess(roots: [directory.isEmpty ? "." : directory]).allowing(allowedDirectories)
        for (picture, line) in MarkdownTree.pictures(in: body) {
            let at = bodyLine + line - 1
            let path: String
            do { path = try access.resolve(picture, relativeTo: directory) } catch {
                throw DataError(file: file, line: at, message: "picture \(error)")
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DataError(
                    file: file, line: at,
                    message: "picture \(picture): file not found (a path is read from the data file's folder)")
            }
            defer { try? handle.close() }
            let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
            let isPNG = head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let start = String(decoding: head, as: UTF8.self)
            let isSVG = picture.lowercased().hasSuffix(".svg") && (start.contains("<svg") || start.hasPrefix("<?xml"))
            let isJPEG =
                head.starts(with: [0xFF, 0xD8, 0xFF])
                && [".jpg", ".jpeg"].contains { picture.lowercased().hasSuffix($0) }
            guard isPNG || isSVG || isJPEG else {
                throw DataError(
                    file: file, line: at,
                    message: "picture \(picture) is not a PNG, JPEG or SVG picture (by its first bytes and its name)")
            }
        }
    }

    /// A Markdown body's tables, its pictures checked.
    func tablesAndPictures(in body: String, bodyLine: Int, file: String) throws -> [TableData] {
        try checkPictures(in: body, bodyLine: bodyLine, file: file)
        return try tables(in: body, bodyLine: bodyLine, file: file)
    }

    /// The ```` ```table ```` blocks of a Markdown body, read as tables; errors name the line of
    /// the data file.
    func tables(in body: String, bodyLine: Int, file: String) throws -> [TableData] {
        try MarkdownTree.fencedBlocks(in: body).filter { $0.info == "table" }.map { block in
            let yaml = block.text
            // The YAML starts on the line after the fence; pad it so that its lines are the file's.
            let firstLine = bodyLine + block.line
            let reader = try FieldReader.root(text: String(repeating: "\n", count: firstLine - 1) + yaml, file: file)
            let table = try self.table(reader)
            try reader.finish()
            return table
        }
    }
}
