import Foundation
import SarabanData
import SarabanFiles
import SwiftCSV
import Yams

/// One recipient of a circular: the letter's fields this row overrides (`to`, `amounts.budget`…).
public struct Recipient: Sendable {
    /// Where the row is: `recipients.csv:5` (its line) or `recipients.yaml[3]`.
    public var place: String
    public var fields: [(key: String, value: String)]

    public func value(_ key: String) -> String? { fields.last { $0.key == key }?.value }
}

/// A recipients sheet that cannot be read, or a row that cannot make a letter: one message
/// naming the file and the row (exit status 1, as every bad input).
public struct BatchError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The recipients of a mail merge, from CSV (UTF-8, with or without the BOM Excel writes) or
/// YAML (a list of field groups). Column headers are field names, or their Thai labels.
public enum RecipientList {
    /// Thai column headings an office would type, and the fields they mean; `-` drops a column
    /// (a sheet's running number, ลำดับ, is for the eye, not for the letter).
    public static let aliases: [String: String] = [
        "เรียน": "to", "ที่": "number", "เรื่อง": "subject", "วันที่": "date", "ชื่อ": "name",
        "ชื่อไฟล์": "name", "อำเภอ": "name", "หน่วยงาน": "name", "ลำดับ": "-", "ลำดับที่": "-",
    ]

    /// `mapping` (`ลำดับ=-,อำเภอ=name`, from `--map`) goes over the built-in aliases.
    /// - Parameter sheet: for an Excel workbook (`.xlsx`), the sheet to read; the first when nil.
    /// - Parameter encoding: a text file's encoding when detecting it is not wanted (`--encoding`).
    public static func load(
        path: String, mapping: [String: String] = [:], sheet: String? = nil,
        encoding: TextEncoding? = nil
    ) throws -> [Recipient] {
        if path.lowercased().hasSuffix(".xlsx") { return try xlsx(path: path, sheet: sheet, mapping: mapping) }
        guard sheet == nil else {
            throw BatchError(message: "\(path): --sheet names a sheet of an Excel workbook (.xlsx)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BatchError(message: "\(path): cannot read the recipients (does the file exist?)")
        }
        return try load(text: decoded(data, path: path, encoding: encoding), path: path, mapping: mapping)
    }

    /// The encodings a sheet's text may be saved in.
    public enum TextEncoding: String, CaseIterable, Sendable {
        case utf8 = "utf-8", utf16 = "utf-16", cp874

        /// `utf8`, `UTF-8`, `tis-620`, `windows-874`… as people write them.
        public init?(named name: String) {
            switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "utf-8", "utf8": self = .utf8
            case "utf-16", "utf16", "utf-16le", "ucs-2": self = .utf16
            case "cp874", "tis-620", "tis620", "windows-874", "iso-8859-11": self = .cp874
            default: return nil
            }
        }
    }

    /// A sheet's text as Thai offices save it: UTF-8 (with or without Excel's BOM), UTF-16 (with
    /// its BOM), or Thai Windows' cp874 / TIS-620 when the bytes are not UTF-8 — or as `encoding`
    /// says, and then an error naming the line where the bytes are not that encoding.
    static func decoded(_ data: Data, path: String, encoding: TextEncoding? = nil) throws -> String {
        let bytes = [UInt8](data)
        let markedUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        switch encoding {
        case nil: break
        case .utf8:
            if let text = String(data: data, encoding: .utf8) { return text }
            throw BatchError(
                message:
                    "\(path):\(lineOfFirstInvalidUTF8(bytes)): not UTF-8 text (--encoding utf-8); a sheet saved by Thai Windows is cp874"
            )
        case .utf16:
            let body = markedUTF16 ? data : Data([0xFF, 0xFE]) + data
            guard bytes.count % 2 == 0, let text = String(data: body, encoding: .utf16) else {
                throw BatchError(message: "\(path): not UTF-16 text (--encoding utf-16)")
            }
            return text
        case .cp874:
            let text = cp874Text(bytes)
            if let bad = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: {
                $0.contains("\u{FFFD}")
            }) {
                throw BatchError(
                    message: "\(path):\(bad + 1): a byte cp874 does not have (--encoding cp874); is the file UTF-8?")
            }
            return text
        }
        if markedUTF16 {
            guard let text = String(data: data, encoding: .utf16) else {
                throw BatchError(message: "\(path): the file says UTF-16 but is not readable as such")
            }
            return text
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        return cp874Text(bytes)
    }

    static func cp874Text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.flatMap { byte -> [UInt8] in Array(String(Character(cp874(byte))).utf8) }, as: UTF8.self)
    }

    /// The line (from 1) holding the first byte sequence that is not UTF-8.
    static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validatingUTF8: bytes[start..<index].map { CChar(bitPattern: $0) } + [0]) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    /// One byte of cp874 (TIS-620 and Microsoft's additions) as Unicode.
    static func cp874(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0..<0x80: return Unicode.Scalar(byte)
        case 0x80: return "\u{20AC}"
        case 0x85: return "\u{2026}"
        case 0x91: return "\u{2018}"
        case 0x92: return "\u{2019}"
        case 0x93: return "\u{201C}"
        case 0x94: return "\u{201D}"
        case 0x95: return "\u{2022}"
        case 0x96: return "\u{2013}"
        case 0x97: return "\u{2014}"
        case 0xA0: return "\u{00A0}"
        case 0xA1...0xFB: return Unicode.Scalar(UInt32(byte) + 0x0E00 - 0xA0)!
        default: return "\u{FFFD}"
        }
    }

    /// Recipients from text: CSV when `path` ends in `.csv`, YAML otherwise.
    public static func load(text: String, path: String, mapping: [String: String] = [:]) throws -> [Recipient] {
        if path.lowercased().hasSuffix(".csv") { return try csv(text, path: path, mapping: mapping) }
        return try yaml(text, path: path)
    }

    static func csv(_ text: String, path: String, mapping: [String: String] = [:]) throws -> [Recipient] {
        do { try BoundedYAML.checkText(text, file: path) } catch let error as BoundedYAML.LimitError {
            throw BatchError(message: error.description)
        }
        let delimiter: Character = text.contains("\t") && !text.contains(",") ? "\t" : ","
        // Where each record starts and how many cells it has, read before SwiftCSV parses it: a
        // quote left open would otherwise swallow every row after it without a word.
        let records = try CSVRecords.scan(text, delimiter: delimiter, path: path)
        let table: EnumeratedCSV
        do {
            table = try EnumeratedCSV(string: text, delimiter: delimiter == "\t" ? .tab : .comma, loadColumns: false)
        } catch {
            throw BatchError(message: "\(path): not valid CSV: \(error)")
        }
        let keys = try fieldNames(table.header, mapping: mapping, place: "\(path):1")
        // SwiftCSV leaves out blank lines; so does the scan.
        let dataRecords = Array(records.dropFirst())
        guard dataRecords.count == table.rows.count else {
            throw BatchError(
                message:
                    "\(path): \(dataRecords.count) rows in the file but \(table.rows.count) read; check the quotes (\") in the cells"
            )
        }
        var problems: [String] = []
        for (record, row) in zip(dataRecords, table.rows)
        where record.cells != keys.count && !record.blank
            && !row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty })
        {
            problems.append(
                "\(path):\(record.line): \(record.cells) cells for \(keys.count) columns (\(keys.joined(separator: ", ")))"
            )
        }
        guard problems.isEmpty else {
            throw BatchError(
                message: problems.prefix(10).joined(separator: "\n")
                    + (problems.count > 10 ? "\n… and \(problems.count - 10) more rows" : ""))
        }
        return zip(dataRecords, table.rows).compactMap { record, row in
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            let fields = zip(keys, row).map { (key: $0, value: $1.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.value.isEmpty && $0.key != "-" }
            return Recipient(place: "\(path):\(record.line)", fields: fields)
        }
    }

    /// The fields a header row names: headings as typed, Thai ones through the aliases, and the
    /// office's `--map` over both.
    static func fieldNames(_ header: [String], mapping: [String: String], place: String) throws -> [String] {
        let keys = header.map { heading -> String in
            let trimmed = heading.trimmingCharacters(in: .whitespaces)
            return mapping[trimmed] ?? aliases[trimmed] ?? trimmed
        }
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else {
            throw BatchError(message: "\(place): the first row must name the fields (to, name, amounts.budget…)")
        }
        return keys
    }

    /// Recipients from an Excel workbook's sheet: the first row names the fields; every other
    /// row with something in it is a recipient, named by its row number in the sheet.
    static func xlsx(path: String, sheet: String?, mapping: [String: String]) throws -> [Recipient] {
        let rows = try Spreadsheet.rows(path: path, sheet: sheet)
        guard let header = rows.first else { throw BatchError(message: "\(path): the sheet is empty") }
        // Trailing empty headings (a sheet's formatted but unused columns) name nothing.
        var headings = header.cells
        while headings.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { headings.removeLast() }
        let keys = try fieldNames(headings, mapping: mapping, place: "\(path):\(header.row)")
        var problems: [String] = []
        var result: [Recipient] = []
        for row in rows.dropFirst() {
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            if cells.count > keys.count, cells[keys.count...].contains(where: { !$0.isEmpty }) {
                problems.append(
                    "\(path):\(row.row): a value in column \(cells.lastIndex { !$0.isEmpty }! + 1), which has no heading (the headings are \(keys.joined(separator: ", ")))"
                )
                continue
            }
            let fields = zip(keys, cells).map { (key: $0, value: $1) }.filter { !$0.value.isEmpty && $0.key != "-" }
            result.append(Recipient(place: "\(path):\(row.row)", fields: fields))
        }
        guard problems.isEmpty else {
            throw BatchError(
                message: problems.prefix(10).joined(separator: "\n")
                    + (problems.count > 10 ? "\n… and \(problems.count - 10) more rows" : ""))
        }
        return result
    }

    static func yaml(_ text: String, path: String) throws -> [Recipient] {
        let node: Node?
        do { node = try BoundedYAML.compose(text, file: path) } catch let error as BoundedYAML.LimitError {
            throw BatchError(message: error.description)
        } catch {
            throw BatchError(message: "\(path): not valid YAML: \(error)")
        }
        guard let list = node?.sequence else {
            throw BatchError(message: "\(path): expected a list of recipients (lines starting with `- `)")
        }
        return try list.enumerated().map { index, item in
            guard let mapping = item.mapping else {
                throw BatchError(
                    message: "\(path):\(item.mark?.line ?? 0): recipient \(index + 1) must be a group of fields")
            }
            var fields: [(key: String, value: String)] = []
            func flatten(_ mapping: Node.Mapping, prefix: String) {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string else { continue }
                    let full = prefix.isEmpty ? (aliases[name] ?? name) : prefix + "." + name
                    if let nested = value.mapping {
                        flatten(nested, prefix: full)
                    } else if let scalar = value.scalar {
                        fields.append((full, scalar.string))
                    }
                }
            }
            flatten(mapping, prefix: "")
            return Recipient(place: "\(path)[\(index + 1)] (line \(item.mark?.line ?? 0))", fields: fields)
        }
    }
}

/// The records of a CSV text as RFC 4180 reads them: the line each starts on and its number of
/// cells. A quote left open at the end is an error naming the line where it opened.
enum CSVRecords {
    struct Record { var line: Int; var cells: Int; var blank: Bool }

    static func scan(_ text: String, delimiter: Character, path: String) throws -> [Record] {
        let separator = delimiter.asciiValue!
        var records: [Record] = []
        var line = 1
        var start = 1
        var cells = 1
        var quoted = false
        var quoteLine = 0
        var blank = true
        var previousWasQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func endRecord() {
            records.append(Record(line: start, cells: cells, blank: blank))
            cells = 1; blank = true
        }
        for byte in bytes {
            if quoted {
                if byte == 0x22 { quoted = false; previousWasQuote = true; continue }
                if byte == 0x0A { line += 1 }
                continue
            }
            if byte == 0x22 {
                // `""` inside a quoted cell is a quote: the cell goes on.
                quoted = true
                if !previousWasQuote { quoteLine = line }
                blank = false
                previousWasQuote = false
                continue
            }
            previousWasQuote = false
            switch byte {
            case 0x0A:
                endRecord()
                line += 1
                start = line
            case 0x0D: break
            case separator: cells += 1; blank = false
            case 0x20, 0x09: break
            default: blank = false
            }
        }
        if quoted {
            throw BatchError(
                message:
                    "\(path):\(quoteLine): a quote (\") opens a cell that never closes; every row after it would be lost"
            )
        }
        // A last line without its newline is a record; the empty text after a final newline is not.
        if !blank || cells > 1 { endRecord() }
        return records
    }
}

/// A letter to send to many: its data, with each recipient's fields put in.
/// Immutable after init, so workers may share it.
public struct MailMerge: @unchecked Sendable {
    public let letterPath: String
    let base: Node.Mapping
    let loader: DataLoader
    let recipientsMayNameFiles: Bool

    /// Fields that name files: a recipients sheet may set them only when allowed.
    public static let fileFields: Set<String> = ["signer.signature"]

    /// Fields that only name the output file, not the letter.
    public static let outputOnlyFields: Set<String> = ["name"]

    /// - Parameter loader: reads the letter and each recipient's copy (the office's defaults under
    ///   them, files from the allowed folders: `OfficeFolder.dataLoader`).
    public init(letterPath: String, loader: DataLoader = DataLoader(), recipientsMayNameFiles: Bool = false) throws {
        self.loader = loader
        self.recipientsMayNameFiles = recipientsMayNameFiles
        guard let text = try? String(contentsOfFile: letterPath, encoding: .utf8) else {
            throw DataError(file: letterPath, message: "cannot read the file (does it exist?)")
        }
        // Read once through the loader: a broken letter stops before any recipient.
        _ = try loader.load(text: text, file: letterPath)
        guard let mapping = try BoundedYAML.compose(text, file: letterPath)?.mapping else {
            throw DataError(file: letterPath, message: "expected a mapping of fields")
        }
        self.letterPath = letterPath
        base = mapping
    }

    /// The letter for one recipient, checked like any data file; errors name the recipient's row.
    public func data(for recipient: Recipient, distribution: [String]? = nil) throws -> DocumentData {
        var mapping = base
        if !recipientsMayNameFiles,
            let field = recipient.fields.first(where: {
                Self.fileFields.contains($0.key) || $0.key.hasPrefix("attachments")
            })
        {
            throw BatchError(
                message:
                    "\(recipient.place): \(field.key): a recipients sheet cannot name files; put it in the letter, or pass --recipients-name-files"
            )
        }
        for (key, value) in recipient.fields where !Self.outputOnlyFields.contains(key) {
            set(&mapping, path: key.split(separator: ".").map(String.init), value: value)
        }
        if let distribution { appendDistributionList(&mapping, names: distribution) }
        let text = try Yams.serialize(node: .mapping(mapping))
        do {
            return Self.keepingRecipientRows(try loader.load(text: text, file: letterPath), recipient: recipient)
        } catch let error as DataError {
            // Line numbers of the merged text mean nothing to the user; the field and the row do.
            throw BatchError(message: "\(recipient.place): \(error.field.map { "\($0): " } ?? "")\(error.message)")
        }
    }

    /// A spreadsheet's columns that are no field of this letter (a notes column, a telephone
    /// number kept for the office's own use; not a misspelt field inside a known group such as
    /// `signer.nmae`), each tried once on the letter alone; they are left
    /// out of every row with one warning, instead of one error per row. A YAML list's keys are
    /// typed as data and stay errors.
    public func withoutUnknownColumns(_ list: [Recipient], path: String) -> (recipients: [Recipient], warning: String?)
    {
        guard [".csv", ".tsv", ".txt", ".xlsx"].contains(where: path.lowercased().hasSuffix) else { return (list, nil) }
        var tried = Set<String>()
        var unknown: [String] = []
        for recipient in list {
            for (key, value) in recipient.fields where !tried.contains(key) && !Self.outputOnlyFields.contains(key) {
                tried.insert(key)
                var mapping = base
                set(&mapping, path: key.split(separator: ".").map(String.init), value: value)
                guard let text = try? Yams.serialize(node: .mapping(mapping)) else { continue }
                do { _ = try loader.load(text: text, file: letterPath) } catch let error as DataError {
                    // A misspelt field inside a group (signer.nmae) stays an error on its rows.
                    if error.field == key, !key.contains("."), error.message.hasPrefix("unknown field") {
                        unknown.append(key)
                    }
                } catch {}
            }
        }
        guard !unknown.isEmpty else { return (list, nil) }
        let kept = list.map { recipient in
            Recipient(place: recipient.place, fields: recipient.fields.filter { !unknown.contains($0.key) })
        }
        let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
        let map = unknown.map { "\($0)=-" }.joined(separator: ",")
        return (
            kept,
            "\(path): column\(unknown.count > 1 ? "s" : "") \(names) \(unknown.count > 1 ? "are not fields" : "is not a field") of "
                + "\(letterPath) and left out of every letter (--map \"\(map)\" says so and silences this)"
        )
    }

    /// Tables marked `rows-for` keep, in this recipient's copy, only the rows that concern them.
    static func keepingRecipientRows(_ data: DocumentData, recipient: Recipient) -> DocumentData {
        guard case .letter(var letter) = data else { return data }
        for a in letter.attachments.indices {
            letter.attachments[a].content = letter.attachments[a].content.map { block in
                guard case .table(let table) = block, let field = table.rowsFor?.field else { return block }
                return .table(table.rows(for: recipient.value(field) ?? ""))
            }
        }
        return .letter(letter)
    }

    private func set(_ mapping: inout Node.Mapping, path: [String], value: String) {
        let key = Node(path[0])
        if path.count == 1 {
            mapping[key] = Node(value)
        } else {
            var child = mapping[key]?.mapping ?? Node.Mapping([])
            set(&child, path: Array(path.dropFirst()), value: value)
            mapping[key] = .mapping(child)
        }
    }

    /// บัญชีแจกจ่าย: the numbered list of recipients, attached after the letter.
    private func appendDistributionList(_ mapping: inout Node.Mapping, names: [String]) {
        let rows = names.enumerated().map { Node.sequence(Node.Sequence([Node(String($0 + 1)), Node($1)])) }
        let table: Node = .mapping(
            Node.Mapping([
                (
                    Node("columns"),
                    .sequence(
                        Node.Sequence([
                            .mapping(
                                Node.Mapping([
                                    (Node("title"), Node("ที่")), (Node("align"), Node("center")),
                                    (Node("width"), Node("1.5cm")),
                                ])),
                            Node("ผู้รับ"),
                        ]))
                ),
                (Node("rows"), .sequence(Node.Sequence(rows))),
            ]))
        let attachment: Node = .mapping(
            Node.Mapping([
                (Node("title"), Node("บัญชีแจกจ่าย")),
                (Node("content"), .sequence(Node.Sequence([.mapping(Node.Mapping([(Node("table"), table)]))]))),
            ]))
        var list = mapping[Node("attachments")]?.sequence ?? Node.Sequence([])
        list.append(attachment)
        mapping[Node("attachments")] = .sequence(list)
    }
}

/// Output file names from a pattern over the recipient's fields: `{index}-{name}` →
/// `003-อำเภอเกาะคา.pdf`. Characters no file system accepts become `-`.
public enum FileNamePattern {
    public static func name(_ pattern: String, recipient: Recipient, index: Int, count: Int) -> String {
        var result = ""
        var rest = Substring(pattern)
        let width = String(count).count
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            if key == "index" {
                let number = String(index + 1)
                result += String(repeating: "0", count: max(0, width - number.count)) + number
            } else {
                result += recipient.value(key) ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return sanitized(result, fallback: "letter-\(index + 1)")
    }

    /// Every recipient's output file in `folder`, or an error naming the rows whose names come
    /// out the same (compared as a case-insensitive file system would): one letter must never
    /// replace another.
    public static func files(_ pattern: String, recipients: [Recipient], folder: String) throws -> [String] {
        let names = recipients.enumerated().map { index, recipient in
            name(pattern, recipient: recipient, index: index, count: recipients.count) + ".pdf"
        }
        var first: [String: Int] = [:]
        var clashes: [String] = []
        for (index, name) in names.enumerated() {
            let key = name.lowercased()
            if let earlier = first[key] {
                clashes.append("\(recipients[earlier].place) and \(recipients[index].place) both make \(name)")
            } else {
                first[key] = index
            }
        }
        guard clashes.isEmpty else {
            throw BatchError(
                message: "two recipients would get the same file, and one letter would replace the other: "
                    + clashes.prefix(5).joined(separator: "; ")
                    + (clashes.count > 5 ? "; and \(clashes.count - 5) more" : "")
                    + ". Give each recipient a distinct name, or put {index} in --name")
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.map { prefix + $0 }
    }

    /// Safe on Linux, macOS and Windows: no separators or reserved characters, no leading dot,
    /// at most 150 bytes.
    public static func sanitized(_ name: String, fallback: String) -> String {
        let forbidden = Set("/\\:*?\"<>|")
        var cleaned = String(
            name.map { forbidden.contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 } ? "-" : $0 })
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: " .-"))
        while cleaned.utf8.count > 150 { cleaned.removeLast() }
        let reserved: Set<String> = ["CON", "PRN", "AUX", "NUL", "COM1", "LPT1"]
        return cleaned.isEmpty || reserved.contains(cleaned.uppercased()) ? fallback : cleaned
    }
}

extension BatchError: ReportedError { public var exitStatus: ExitStatus { .input } }
