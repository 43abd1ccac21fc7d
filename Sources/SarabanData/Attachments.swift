import Foundation
import SarabanFiles
import ThaiText

/// An attachment (สิ่งที่ส่งมาด้วย) printed after the letter in the same PDF: a new page, its own
/// centred title, no Garuda, its own page numbering.
public struct Attachment: Sendable, Equatable {
    /// Title lines, centred and bold; the first is the PDF bookmark.
    public var title: [String]
    public var landscape: Bool
    public var content: [AttachmentBlock]
    /// Minutes from their own file (`file: minutes.md`), sent with their cover letter.
    public var minutes: Minutes?
}

public enum AttachmentBlock: Sendable, Equatable {
    /// A bold heading line.
    case heading(String)
    /// Prose: paragraphs and numbered items, as a letter's body.
    case text(String)
    case table(TableData)
    /// A dotted sign-off for a form (`ลงชื่อ.....ผู้เสนอ` / `(.....)` / `ตำแหน่ง.....`), centred on the signature axis.
    case signOff([String])
}

/// A table as data: typed columns, rows of values, a computed total.
public struct TableData: @unchecked Sendable, Equatable {
    /// Title lines printed centred above the grid, on the table's page (ตาราง…, จังหวัด…).
    public var caption: [String] = []
    public var columns: [ColumnData]
    /// Header rows with merged cells; when absent the column titles make one header row.
    public var header: [[HeaderCell]]
    public var rows: [[String]]
    /// Empty rows to append (blank forms and registers).
    public var blankRows: Int
    /// Label of the total row (รวม); nil for no total row.
    public var totalLabel: String?
    /// Where the rows were written, for messages.
    public var line: Int?
    /// In a mail merge, each recipient's copy keeps only the rows whose `column` (1-based) is named
    /// in the recipient's `field` (each district sees its own line of the allocation table).
    public var rowsFor: (field: String, column: Int)?
    /// Never split (`keep-together: true`), as a source document keeps it: moved whole to the
    /// next page when it fits one.
    public var keepTogether = false
    /// Printed above the repeated header where the table continues on another page
    /// (`continued-caption: ตารางที่ ๑ (ต่อ)`).
    public var continuedCaption: String?
    /// The line each row was written on, for findings.
    public var rowLines: [Int?] = []

    public static func == (lhs: TableData, rhs: TableData) -> Bool {
        lhs.caption == rhs.caption && lhs.columns == rhs.columns && lhs.header == rhs.header && lhs.rows == rhs.rows
            && lhs.blankRows == rhs.blankRows
            && lhs.totalLabel == rhs.totalLabel && lhs.keepTogether == rhs.keepTogether
            && lhs.continuedCaption == rhs.continuedCaption && lhs.rowsFor?.field == rhs.rowsFor?.field
            && lhs.rowsFor?.column == rhs.rowsFor?.column
    }

    /// The table as one recipient sees it: their rows only, totals of those rows (the stated
    /// totals were the whole table's).
    public func rows(for recipientValue: String) -> TableData {
        guard let rowsFor else { return self }
        var copy = self
        copy.rows = rows.filter { row in
            let index = rowsFor.column - 1
            return index < row.count && !row[index].isEmpty && recipientValue.contains(row[index])
        }
        for index in copy.columns.indices { copy.columns[index].statedTotal = nil }
        return copy
    }

    /// The computed total of each column with a numeric total rule: sums first, then averages
    /// and counts, then percentages of two other columns' totals.
    public func totals() -> [Int: Amount] {
        var result: [Int: Amount] = [:]
        func numbers(_ index: Int) -> [Amount] { rows.compactMap { amount(row: $0, column: index) } }
        for (index, column) in columns.enumerated() {
            switch column.totalRule {
            case .sum? where column.kind != .percent: result[index] = numbers(index).reduce(Amount(0), +)
            case .average?:
                let values = numbers(index)
                if !values.isEmpty {
                    result[index] = ColumnData.quotient(values.reduce(Amount(0), +), Amount(values.count))
                }
            case .count?:
                result[index] = Amount(
                    rows.filter { index < $0.count && !$0[index].trimmingCharacters(in: .whitespaces).isEmpty }.count)
            default: break
            }
        }
        for (index, column) in columns.enumerated()
        where column.totalRule == .percentOfTotals || (column.kind == .percent && column.totalRule == .sum) {
            guard let of = column.percentOf else { continue }
            result[index] = ColumnData.percentage(part: result[of.part - 1], whole: result[of.whole - 1])
        }
        return result
    }

    /// The fraction digits a column's numbers are written with (the most any cell has): its
    /// total and every cell print with as many, so `1,000.00` keeps its `.00`.
    public func places(column index: Int) -> Int {
        rows.reduce(0) { widest, row in max(widest, amount(row: row, column: index)?.fractionDigits.count ?? 0) }
    }

    /// A value of a row as an amount, if it is one (`1,234`, `4.30%`).
    public func amount(row: [String], column: Int) -> Amount? {
        guard column < row.count else { return nil }
        return try? Amount(parsing: row[column].replacingOccurrences(of: "%", with: ""))
    }
}

public struct ColumnData: @unchecked Sendable, Equatable {
    public var title: String
    public var kind: Kind
    /// Width (e.g. `2cm`); nil fits the content.
    public var width: String?
    public var align: String?
    /// What the total row holds under this column (nil: nothing).
    public var totalRule: TotalRule?
    /// Add the column up in the total row (any numeric total rule).
    public var total: Bool { totalRule != nil && totalRule != .blank }
    /// How zero prints in a number column (`-` unless the column says `๐`).
    public var zero: String = "-"
    /// Arabic digits for this column (statistics and finance tables may keep them).
    public var arabicDigits = false

    /// The total row's rule for a column.
    public enum TotalRule: Sendable, Equatable {
        /// The sum of the column (`total: true` or `total: sum`).
        case sum
        /// The percentage of two other columns' totals (`of: [part, whole]`).
        case percentOfTotals
        /// The average of the column's numbers.
        case average
        /// How many rows have something in the column.
        case count
        /// A text the source states (`total-text: ครบ`).
        case text(String)
        /// Nothing, on purpose (`total: blank`).
        case blank
    }
    /// A total the source document states, checked against the computed one.
    public var statedTotal: Amount?
    /// For a `percent` column: the columns (1-based) of the part and the whole it is the share of.
    public var percentOf: (part: Int, whole: Int)?
    /// Worked out from other columns of the row (`difference`, `change`, `rank`, `reached`).
    public var formula: Formula?

    public init(
        title: String, kind: Kind, width: String? = nil, align: String? = nil, totalRule: TotalRule? = nil,
        statedTotal: Amount? = nil, percentOf: (part: Int, whole: Int)? = nil
    ) {
        self.title = title; self.kind = kind; self.width = width; self.align = align; self.totalRule = totalRule
        self.statedTotal = statedTotal; self.percentOf = percentOf
    }

    /// `dividend / divisor` to six places (averages).
    public static func quotient(_ dividend: Amount, _ divisor: Amount) -> Amount? {
        guard !divisor.isZero, let p = Double(dividend.description), let w = Double(divisor.description) else {
            return nil
        }
        return try? Amount(parsing: String(format: "%.6f", p / w))
    }

    public static func == (lhs: ColumnData, rhs: ColumnData) -> Bool {
        lhs.title == rhs.title && lhs.kind == rhs.kind && lhs.width == rhs.width && lhs.align == rhs.align
            && lhs.totalRule == rhs.totalRule && lhs.statedTotal == rhs.statedTotal && lhs.zero == rhs.zero
            && lhs.arabicDigits == rhs.arabicDigits
            && lhs.percentOf?.part == rhs.percentOf?.part && lhs.percentOf?.whole == rhs.percentOf?.whole
            && lhs.formula == rhs.formula
    }

    /// The percentage `part` is of `whole`, to two places; nil when the whole is zero or missing.
    public static func percentage(part: Amount?, whole: Amount?) -> Amount? {
        guard let part, let whole, !whole.isZero,
            let p = Double(part.description), let w = Double(whole.description)
        else { return nil }
        return try? Amount(parsing: String(format: "%.2f", p / w * 100))
    }

    public enum Kind: String, Sendable, CaseIterable {
        /// Text as written (digits made Thai).
        case text
        /// Whole numbers, right-aligned, thousands separated; zero or empty prints `-`.
        case number
        /// Money with two decimals when it has satang, right-aligned; zero or empty prints `-`.
        case amount
        /// A tick box: `true`/`yes`/`✓` print ✓, `/` prints /, anything else nothing.
        case tick
        /// A percentage of two other columns (`of: [part, whole]`): computed where empty, checked where written.
        case percent
    }
}

public struct HeaderCell: Sendable, Equatable {
    public var text: String
    public var colspan: Int
    public var rowspan: Int
}

extension DataLoader {
    func attachments(_ r: FieldReader) throws -> [Attachment] {
        try r.list(
            "attachments",
            item: { a in
                if let file = try a.string("file") {
                    let path = try attachedFile(file, in: r, item: a)
                    var loader = self
                    loader.loading.append(FileAccess.resolved(r.file))
                    guard case .minutes(let minutes) = try loader.load(path: path) else {
                        throw DataError(
                            file: r.file, line: a.line, field: "attachments.file",
                            message: "\(file) must hold minutes (type: minutes)")
                    }
                    return Attachment(title: minutes.title, landscape: false, content: [], minutes: minutes)
                }
                return Attachment(
                    title: try a.strings("title"),
                    landscape: try a.choice("orientation", from: ["portrait", "landscape"]) == "landscape",
                    content: try a.list("content", item: attachmentBlock), minutes: nil)
            })
    }

    /// An attached file's path: inside the data file's folder (or an allowed one), never the
    /// data file itself or a file that attaches it in turn.
    private func attachedFile(_ file: String, in r: FieldReader, item a: FieldReader) throws -> String {
        let directory = (r.file as NSString).deletingLastPathComponent
        let access = FileAccess(roots: [directory.isEmpty ? "." : directory]).allowing(allowedDirectories)
        let path: String
        do { path = try access.resolve(file, relativeTo: directory) } catch {
            throw DataError(file: r.file, line: a.line, field: "\(a.path).file", message: "\(error)")
        }
        let chain = loading + [FileAccess.resolved(r.file)]
        if chain.contains(path) {
            throw DataError(
                file: r.file, line: a.line, field: "\(a.path).file",
                message:
                    "\(file) is already being read (\(chain.map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")) → \(file)); a document cannot attach itself"
            )
        }
        guard chain.count <= Self.maximumAttachmentDepth else {
            throw DataError(
                file: r.file, line: a.line, field: "\(a.path).file",
                message: "attachments nest more than \(Self.maximumAttachmentDepth) files deep")
        }
        return path
    }

    private func attachmentBlock(_ r: FieldReader) throws -> AttachmentBlock {
        let kinds = ["heading", "text", "table", "sign-off"]
        let present = kinds.filter(r.has)
        guard present.count == 1 else {
            let expectation = "each content item is exactly one of: \(kinds.joined(separator: ", "))"
            if present.isEmpty, let (key, line) = r.keysWithLines.first,
                let kind = closestName(to: key, in: kinds)
            {
                throw DataError(
                    file: r.file, line: line, field: "\(r.path.isEmpty ? "" : r.path + ".")\(key)",
                    message: "unknown field; did you mean `\(kind)`? (\(expectation))")
            }
            throw DataError(file: r.file, line: r.line, field: r.path, message: expectation)
        }
        switch present[0] {
        case "heading": return .heading(try r.requiredString("heading", example: "วัตถุประสงค์"))
        case "text": return .text(try r.requiredString("text", example: "๑. …"))
        case "sign-off": return .signOff(try r.strings("sign-off"))
        default:
            guard let t = try r.object("table") else {
                throw r.missing("table", "expected `table:` with `columns:` and `rows:`")
            }
            let table = try self.table(t)
            try t.finish()
            return .table(table)
        }
    }

    /// A table: `columns`, optional `header` rows with merged cells, `rows`, totals.
    func table(_ r: FieldReader) throws -> TableData {
        let columns = try r.list(
            "columns",
            item: { c in
                let of = try c.integers("of", in: 1...1000, example: "[3, 2]")
                guard of.isEmpty || of.count == 2 else {
                    throw DataError(
                        file: c.file, line: c.line, field: "of",
                        message: "expected the part's and the whole's column numbers, e.g. `of: [3, 2]`")
                }
                var column = ColumnData(
                    title: try c.string("title") ?? "",
                    kind: ColumnData.Kind(
                        rawValue: try c.choice("type", from: ColumnData.Kind.allCases.map(\.rawValue)) ?? "text")!,
                    width: try c.string("width"), align: try c.choice("align", from: ["left", "center", "right"]),
                    totalRule: try totalRule(c), statedTotal: try c.amount("stated-total"),
                    percentOf: of.count == 2 ? (of[0], of[1]) : nil)
                if column.totalRule == .percentOfTotals, column.percentOf == nil {
                    throw DataError(
                        file: c.file, line: c.line, field: "\(c.path).of",
                        message: "`total: percent` needs the part's and the whole's columns, e.g. `of: [3, 2]`")
                }
                column.zero = try c.choice("zero", from: ["-", "๐", "0", ""]).map { $0 == "0" ? "๐" : $0 } ?? "-"
                column.formula = try formula(c)
                column.arabicDigits = try c.choice("digits", from: ["thai", "arabic"]) == "arabic"
                return column
            }, fromText: { ColumnData(title: $0, kind: .text) })
        guard !columns.isEmpty else { throw r.missing("columns", "expected a list of columns, each with a `title:`") }
        for (index, column) in columns.enumerated() {
            guard let formula = column.formula else { continue }
            for of in formula.columns where !(1...columns.count).contains(of) || of == index + 1 {
                throw DataError(
                    file: r.file, line: r.mapping["columns"]?.mark?.line ?? r.line, field: "columns[\(index + 1)]",
                    message:
                        "column \(of) is not another column of the table; expected numbers from 1 to \(columns.count) other than \(index + 1)"
                )
            }
        }
        for (index, column) in columns.enumerated() {
            guard let of = column.percentOf else { continue }
            let range = 1...columns.count
            guard range.contains(of.part), range.contains(of.whole), of.part != index + 1, of.whole != index + 1,
                of.part != of.whole
            else {
                throw DataError(
                    file: r.file, line: r.mapping["columns"]?.mark?.line ?? r.line, field: "columns[\(index + 1)].of",
                    message:
                        "expected two other columns' numbers from 1 to \(columns.count) (the part's and the whole's), found [\(of.part), \(of.whole)]"
                )
            }
        }
        let headerRows = try headerRows(r)
        let rows = try rowList(r, columns: columns)
        var rowsFor: (field: String, column: Int)?
        if let spec = try r.object("rows-for") {
            guard let column = try spec.integer("column", in: 1...columns.count, example: "2") else {
                throw spec.missing(
                    "column", "expected the number of the column that names the recipient, e.g. `column: 2`")
            }
            rowsFor = (try spec.requiredString("field", example: "name"), column)
            try spec.finish()
        }
        var table = TableData(
            caption: try r.strings("caption"), columns: columns, header: headerRows, rows: rows,
            blankRows: try r.integer("blank-rows", in: 0...1000, example: "10") ?? 0,
            totalLabel: try r.string("total-label") ?? (columns.contains(where: \.total) ? "รวม" : nil),
            line: r.line, rowsFor: rowsFor)
        table.keepTogether = try r.bool("keep-together") ?? false
        table.continuedCaption = try r.string("continued-caption")
        let sequence = r.mapping["rows"]?.sequence
        table.rowLines = rows.indices.map { index in sequence.flatMap { index < $0.count ? $0[index].mark?.line : nil }
        }
        return table
    }

    /// A column's formula: one of `difference: [a, b]`, `change: [base, now]`, `rank: c`,
    /// `reached: [value, target]`.
    private func formula(_ c: FieldReader) throws -> Formula? {
        let given = Formula.keys.filter { c.has($0.key) }
        guard let spec = given.first else { return nil }
        guard given.count == 1 else {
            throw DataError(
                file: c.file, line: c.line, field: c.path,
                message: "a column has one formula; found \(given.map(\.key).joined(separator: " and "))")
        }
        let numbers =
            spec.columns == 1
            ? try c.integer(spec.key, in: 1...1000, example: spec.example).map { [$0] } ?? []
            : try c.integers(spec.key, in: 1...1000, example: spec.example)
        guard numbers.count == spec.columns else {
            throw DataError(
                file: c.file, line: c.line, field: "\(c.path).\(spec.key)",
                message:
                    "expected \(spec.columns == 1 ? "a column's number" : "two columns' numbers"), e.g. `\(spec.key): \(spec.example)`"
            )
        }
        switch spec.key {
        case "difference": return .difference(numbers[0], numbers[1])
        case "change": return .change(base: numbers[0], now: numbers[1])
        case "rank": return .rank(numbers[0])
        default: return .reached(value: numbers[0], target: numbers[1])
        }
    }

    /// `total:` true/sum, percent, average, count or blank; `total-text:` a stated text.
    private func totalRule(_ c: FieldReader) throws -> ColumnData.TotalRule? {
        let rules: [String: ColumnData.TotalRule] = [
            "true": .sum, "sum": .sum, "percent": .percentOfTotals, "average": .average,
            "count": .count, "blank": .blank,
        ]
        if let text = try c.string("total-text") {
            guard !c.has("total") else {
                throw DataError(
                    file: c.file, line: c.line, field: "\(c.path).total-text",
                    message: "give either `total:` or `total-text:`, not both")
            }
            return .text(text)
        }
        guard let rule = try c.string("total") else { return nil }
        if rule == "false" { return nil }
        guard let known = rules[rule] else {
            throw DataError(
                file: c.file, line: c.mapping["total"]?.mark?.line ?? c.line, field: "\(c.path).total",
                message:
                    "\"\(rule)\" is not a total rule; expected true (sum), sum, percent, average, count or blank, or `total-text:` for a stated text"
            )
        }
        return known
    }

    /// `header:` rows of cells: `text` or `{text, colspan, rowspan}`.
    private func headerRows(_ r: FieldReader) throws -> [[HeaderCell]] {
        guard r.has("header") else { return [] }
        return try r.rawList("header").enumerated().map { rowIndex, row in
            try row.map { cell in
                switch cell {
                case .text(let text): return HeaderCell(text: text, colspan: 1, rowspan: 1)
                case .fields(let c):
                    let span = { (key: String) -> Int in try c.integer(key, in: 1...60, example: "2") ?? 1 }
                    let result = HeaderCell(
                        text: try c.string("text") ?? "", colspan: try span("colspan"), rowspan: try span("rowspan"))
                    try c.finish()
                    return result
                }
            }
        }
    }

    private func rowList(_ r: FieldReader, columns: [ColumnData]) throws -> [[String]] {
        let sequence = r.mapping["rows"]?.sequence
        return try r.rawList("rows").enumerated().map { index, row in
            let rowLine = sequence.flatMap { index < $0.count ? $0[index].mark?.line : nil } ?? r.line
            let values = try row.map { cell -> String in
                guard case .text(let text) = cell else {
                    throw DataError(
                        file: r.file, line: rowLine, field: "rows[\(index + 1)]",
                        message: "expected values, found a group of fields")
                }
                return text
            }
            guard values.count <= columns.count else {
                throw DataError(
                    file: r.file, line: rowLine, field: "rows[\(index + 1)]",
                    message: "has \(values.count) values for \(columns.count) columns")
            }
            // A picture in a cell is checked here, with its row's line, like one in a body.
            for value in values where value.contains("![") {
                try checkPictures(in: value, bodyLine: rowLine ?? r.line ?? 1, file: r.file)
            }
            // A number that cannot be read would print as written and count as nothing in a
            // total: an error naming the row and the column, never a silent zero.
            for (c, value) in values.enumerated() where [.number, .amount].contains(columns[c].kind) {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed != "-" else { continue }
                do { _ = try Amount(parsing: trimmed) } catch {
                    throw DataError(
                        file: r.file, line: rowLine, field: "rows[\(index + 1)][\(c + 1)]",
                        message: "column \"\(columns[c].title)\" holds numbers, and \(error)")
                }
            }
            return values
        }
    }
}
