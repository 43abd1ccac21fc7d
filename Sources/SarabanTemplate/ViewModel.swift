import Foundation
import SarabanData
import ThaiText

/// An amount as prose quotes it: `{{budget}}` → `๕๓๓,๘๐๐ บาท (ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน)`,
/// `{{budget.digits}}` → `๕๓๓,๘๐๐`, `{{budget.text}}` → `ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน`.
struct QuotedAmount {
    let digits: String
    let text: String
    var full: String { "\(digits) บาท (\(text))" }

    init(_ amount: Amount, reading: ThaiNumberReading, thaiDigits: Bool) {
        let places = amount.toPlaces(2).fractionDigits == "00" ? 0 : 2
        digits = amount.formatted(places: places, thaiDigits: thaiDigits)
        text = ThaiNumberText.baht(amount, reading: reading)
    }

    /// Fills every `{{name}}`, `{{name.digits}}` and `{{name.text}}` of `prose` (the data stage
    /// has checked that each name is declared).
    static func fill(_ prose: String, with amounts: [String: QuotedAmount]) -> String {
        // (By bytes: a Swift string search of a long Thai body is slow.)
        let placeholders = Placeholder.all(in: prose)
        guard !placeholders.isEmpty else { return prose }
        let utf8 = Array(prose.utf8)
        var result = ""
        var from = 0
        for placeholder in placeholders {
            result += String(decoding: utf8[from..<placeholder.bytes.lowerBound], as: UTF8.self)
            let parts = placeholder.name.split(separator: ".", maxSplits: 1).map(String.init)
            if let amount = parts.first.flatMap({ amounts[$0] }) {
                switch parts.count > 1 ? parts[1] : "" {
                case "digits": result += amount.digits
                case "text": result += amount.text
                default: result += amount.full
                }
            }
            from = placeholder.bytes.upperBound
        }
        return result + String(decoding: utf8[from...], as: UTF8.self)
    }
}

/// Turns checked data into the values templates see: dates written out, digits made Thai,
/// amounts given their baht text, prose cut into paragraphs and items. Templates only place
/// values; every rule of Thai writing is applied here, once.
struct ViewModelBuilder {
    let common: CommonFields

    func digits(_ text: String) -> String { common.thaiDigits ? ThaiDigits.toThai(text) : text }

    func commonValues(title: String, author: String, date: ThaiDate) -> [String: Any] {
        var values: [String: Any] = [
            "specimen": common.specimen,
            // Tables made elsewhere than `table()` (Markdown pipe tables) find it here.
            "keep-together": common.keepTablesTogether,
            "title": digits(title),
            "author": digits(author),
            "iso-date": "\(date.year)-\(String(twoDigits: date.month))-\(String(twoDigits: date.day))",
        ]
        if let urgency = common.urgency { values["urgency"] = urgency }
        if let secrecy = common.secrecy { values["secrecy"] = secrecy }
        return values
    }

    /// The prose with `{{amount}}` quotes filled, cut into blocks.
    /// - Parameter tables: the text's ```` ```table ```` blocks, read with the data.
    func body(_ prose: String, tables: [TableData] = []) throws -> [[String: Any]] {
        try markdownBody(prose, tables: tables, resolutions: false)
    }

    /// The kinds of block `_blocks` tells apart.
    static let blockKinds = ["md-heading", "paragraph", "item", "resolution", "md-figure", "md-center", "md-page-break", "md-table"]

    /// A Markdown body (any document type's) with its `{{amount}}` quotes filled, as blocks.
    /// - Parameter resolutions: `มติที่ประชุม …` paragraphs are resolutions (minutes, documents).
    func markdownBody(_ prose: String, tables: [TableData], resolutions: Bool) throws -> [[String: Any]] {
        var amounts: [String: QuotedAmount] = [:]
        for (name, amount) in common.amounts {
            amounts[name] = QuotedAmount(amount, reading: common.reading, thaiDigits: common.thaiDigits)
        }
        let filled = QuotedAmount.fill(prose, with: amounts)
        // Every prose field is read as minutes' bodies are: one Markdown reader for all.
        do {
            // Each block names every kind it is not (false): Mustache looks a missing name up
            // through every enclosing value, and `_blocks` asks each block for all eight kinds.
            return try MarkdownBody.blocks(filled, tables: tables, builder: self, resolutions: resolutions).map { block in
                var block = block
                for kind in Self.blockKinds where block[kind] == nil { block[kind] = false }
                return block
            }
        } catch let error as MarkdownBody.MarkdownError {
            throw TemplateLibrary.TemplateError(message: error.message)
        }
    }

    func spanValues(_ spans: [ProseSpan]) -> [[String: Any]] {
        spans.map { ["text": digits($0.text), "bold": $0.bold, "italic": $0.italic, "underline": $0.underline] }
    }

    /// A signer's name, positions and how they sign: `signing` (handwritten, image, typed,
    /// digital) and a flag of each name, for templates to print what each mode needs.
    func signer(_ signer: Signer) -> [String: Any] {
        var values: [String: Any] = [
            "name": digits(signer.name), "positions": signer.positions.map(digits), "signing": signer.signing.rawValue,
        ]
        for mode in SigningMode.allCases { values[mode.rawValue] = signer.signing == mode }
        if let image = signer.signatureImage { values["image"] = image }
        return values
    }

    /// Numbers items `๑.`, `๒.` … when there are several; a single item stands unnumbered.
    func numbered(_ texts: [String]) -> [[String: Any]] {
        texts.enumerated().map { index, text in
            var item: [String: Any] = ["text": digits(text)]
            if texts.count > 1 { item["ordinal"] = digits("\(index + 1).") }
            return item
        }
    }
}

extension ViewModelBuilder {
    func values(for letter: Letter) throws -> [String: Any] {
        var values = commonValues(title: letter.subject, author: letter.office.name, date: letter.date)
        values["number"] = digits(letter.number)
        values["office"] = ["name": digits(letter.office.name), "address": letter.office.address.map(digits)]
        values["date"] = letter.date.full
        values["subject"] = digits(letter.subject)
        values["salutation"] = letter.salutation
        values["recipient"] = digits(letter.recipient)
        values["references"] = numbered(letter.references)
        values["has-references"] = !letter.references.isEmpty
        var enclosures = numbered(letter.enclosures.map(\.text))
        for (index, item) in letter.enclosures.enumerated() {
            if let quantity = item.quantity { enclosures[index]["quantity"] = digits(quantity) }
            if let unit = item.unit { enclosures[index]["unit"] = unit }
        }
        values["enclosures"] = enclosures
        values["has-enclosures"] = !enclosures.isEmpty
        values["body"] = try body(letter.body, tables: DataLoader.bodyTables(in: letter.body))
        values["closing"] = letter.closing
        values["signer"] = signer(letter.signer)
        values["contact"] = letter.contact.lines.map(digits)
        values["copies"] = letter.copies.map(digits)
        values["has-copies"] = !letter.copies.isEmpty
        values["attachments"] = try letter.attachments.map(attachment)
        return values
    }

    func values(for memo: Memo) throws -> [String: Any] {
        var values = commonValues(title: memo.subject, author: memo.unit, date: memo.date)
        var unitLine = memo.unit
        if let phone = memo.phone { unitLine += " โทร. \(phone)" }
        if let email = memo.email { unitLine += " ไปรษณีย์อิเล็กทรอนิกส์ \(email)" }
        values["unit"] = digits(unitLine)
        values["number"] = digits(memo.number)
        values["date"] = memo.date.full
        values["subject"] = digits(memo.subject)
        values["salutation"] = memo.salutation
        values["recipient"] = digits(memo.recipient)
        values["body"] = try body(memo.body, tables: DataLoader.bodyTables(in: memo.body))
        values["signer"] = signer(memo.signer)
        return values
    }
}

extension String {
    init(twoDigits value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

extension ViewModelBuilder {
    /// An attachment's values: keys are distinct from the letter's, because Mustache looks a
    /// missing key up in the enclosing values.
    func attachment(_ attachment: Attachment) throws -> [String: Any] {
        if let minutes = attachment.minutes {
            return [
                "attachment-bookmark": digits(attachment.title.first ?? ""), "attachment-orientation": "portrait",
                "attachment-title": [String](), "attachment-content": [[String: Any]](),
                "attachment-minutes": try ViewModelBuilder(common: minutes.common).minutesValues(minutes),
            ]
        }
        return [
            "attachment-bookmark": digits(attachment.title.first ?? ""),
            "attachment-orientation": attachment.landscape ? "landscape" : "portrait",
            "attachment-title": attachment.title.map(digits),
            "attachment-content": try attachment.content.map { block -> [String: Any] in
                switch block {
                case .heading(let text): return ["block-heading": digits(text)]
                case .text(let prose): return ["block-body": try body(prose)]
                case .signOff(let lines): return ["block-sign-off": ["sign-off-lines": lines.map(digits)]]
                case .table(let table): return ["block-table": try self.table(table)]
                }
            },
            "attachment-minutes": false,
        ]
    }

    func table(_ table: TableData) throws -> [String: Any] {
        func cell(_ text: String, colspan: Int = 1, rowspan: Int = 1, header: Bool = false) throws -> [String: Any] {
            var values = try CellBlocks.cell(text, builder: self, items: !header)
            values["colspan"] = colspan
            values["rowspan"] = rowspan
            return values
        }
        let head: [[String: Any]] =
            table.header.isEmpty
            ? [["cells": try table.columns.map { try cell(digits($0.title), header: true) }]]
            : try table.header.map { row in
                [
                    "cells": try row.map {
                        try cell(digits($0.text), colspan: $0.colspan, rowspan: $0.rowspan, header: true)
                    }
                ]
            }
        let places = table.columns.indices.map { table.places(column: $0) }
        var body: [[String: Any]] = try table.rows.indices.map { r in
            [
                "cells": try table.columns.indices.map {
                    try cell(format(index: $0, ofRow: r, in: table, places: places[$0]))
                }
            ]
        }
        body += Array(repeating: ["cells": try table.columns.map { _ in try cell("") }], count: table.blankRows)
        var foot: [[String: Any]] = []
        if let label = table.totalLabel {
            let totals = table.totals()
            func total(_ index: Int) -> String {
                let column = table.columns[index]
                switch column.totalRule {
                case .text(let text)?: return digits(text, column: column)
                case .average?:
                    return totals[index].map { format($0, column: column, places: max(places[index], 2)) } ?? ""
                case .count?: return totals[index].map { format($0, column: column, places: 0) } ?? ""
                case nil, .blank?: return ""
                default: return totals[index].map { format($0, column: column, places: places[index]) } ?? ""
                }
            }
            // The label spans the columns before the first total; a total in the first column
            // follows the label in its cell rather than being dropped.
            let first = table.columns.indices.first {
                table.columns[$0].totalRule != nil && table.columns[$0].totalRule != .blank
            }
            let span = max(1, first ?? 1)
            let firstTotal = first == 0 ? total(0) : ""
            var cells = [try cell(firstTotal.isEmpty ? label : label + " " + firstTotal, colspan: span)]
            for index in span..<table.columns.count { cells.append(try cell(total(index))) }
            foot = [["cells": cells]]
        }
        return [
            "caption": table.caption.map(digits),
            "widths": table.columns.map { $0.width ?? "*" }.joined(separator: ","),
            "aligns": table.columns.map { $0.align ?? defaultAlign($0.kind) }.joined(separator: ","),
            "head-rows": head, "body-rows": body, "foot-rows": foot,
            "keep-together": table.keepTogether || common.keepTablesTogether,
            "continued-caption": table.continuedCaption.map { [digits($0)] } ?? [],
        ]
    }

    private func defaultAlign(_ kind: ColumnData.Kind) -> String {
        switch kind {
        case .text: return "left"
        case .number, .amount, .percent: return "right"
        case .tick: return "center"
        }
    }

    /// Digits as the document says, unless the column keeps Arabic digits.
    private func digits(_ text: String, column: ColumnData) -> String { column.arabicDigits ? text : digits(text) }

    private func format(index: Int, ofRow r: Int, in table: TableData, places: Int) -> String {
        let row = table.rows[r]
        let value = index < row.count ? row[index] : ""
        let column = table.columns[index]
        // A ที่ column left empty in every row is numbered ๑, ๒, ๓ …
        if index == 0, let number = table.sequenceNumber(row: r) { return digits("\(number)", column: column) }
        // A formula's cell left empty is worked out (a stated one is checked, not replaced).
        if value.trimmingCharacters(in: .whitespaces).isEmpty, let computed = table.formulaValue(row: r, column: index)
        {
            switch computed {
            case .number(let amount):
                return format(amount, column: column, places: column.kind == .percent ? 2 : places)
            case .tick(let reached): return reached ? "✓" : ""
            }
        }
        switch column.kind {
        case .text: return digits(value, column: column)
        case .percent:
            // Written as given; computed from its parts where the data leaves it empty.
            if !value.isEmpty { return digits(value, column: column) }
            guard let of = column.percentOf,
                let share = ColumnData.percentage(
                    part: table.amount(row: row, column: of.part - 1),
                    whole: table.amount(row: row, column: of.whole - 1))
            else { return "-" }
            return format(share, column: column, places: 2)
        case .tick:
            // A tick as the office writes it: ✓ (or true, yes, 1), or the slash many forms ask for.
            if value == "/" { return "/" }
            if ["✗", "x", "X"].contains(value) { return "✗" }
            return ["true", "yes", "✓", "1"].contains(value.lowercased()) ? "✓" : ""
        case .number, .amount:
            // An empty cell is empty; `-` as written; a number as precise as its column.
            guard let amount = try? Amount(parsing: value) else { return digits(value, column: column) }
            return format(amount, column: column, places: places)
        }
    }

    /// A number of a column: zero as the column says, thousands separated, as many fraction
    /// digits as the column's numbers have (money: none or two).
    private func format(_ amount: Amount, column: ColumnData, places: Int) -> String {
        let thai = common.thaiDigits && !column.arabicDigits
        if column.kind == .percent { return amount.formatted(places: 2, thaiDigits: thai) }
        if amount.isZero, column.zero != "๐" { return column.zero }
        let shown = column.kind == .amount ? (places > 0 || amount.toPlaces(2).fractionDigits != "00" ? 2 : 0) : places
        return amount.formatted(places: shown, thaiDigits: thai)
    }
}
