import Foundation
import ThaiText

/// The mistakes real documents contain, found in checked data: a weekday that does not match
/// its date, a stated count or total that differs from the list or the rows, numbering with
/// gaps or repeats, an amount typed in words that does not match its digits.
///
/// Each finding names the file, the line and the field. `saraban check` lists them; a render
/// prints them as warnings (errors with `--strict`).
public struct DataChecks: Sendable {
    public let file: String
    /// Rules not to report (`check --ignore RULE`).
    public var ignoring: Set<String>

    public init(file: String, ignoring: Set<String> = []) { self.file = file; self.ignoring = ignoring }

    /// Every rule, with what it checks (docs/checks.md has an example of each).
    public static let rules: [(id: String, checks: String)] = [
        ("weekday", "a weekday written with a date (วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒, วันพุธ ที่ ๓๑ ส.ค. ๖๕) is that date's"),
        ("baht-text", "an amount typed in words matches its digits, in any common shape"),
        ("numbering", "items, sub-items and agenda items go ๑, ๒, ๓ without gaps or repeats"),
        ("stated-count", "a count stated in the front matter or in prose (จำนวน ๕ เรื่อง ดังนี้) matches what follows"),
        ("stated-total", "a table's stated total is the sum of its rows"),
        ("percent", "a percentage written in a row is the share of its columns"),
        ("resolution-label", "a line opening with a misspelt มติที่ประชุม"),
        ("line-under-item", "a line typed under a numbered item without a number of its own"),
        (
            "meeting",
            "the previous and the next meeting's numbers follow the session's, and the previous one has one date wherever it is cited"
        ),
        ("enclosure", "a body's (สิ่งที่ส่งมาด้วย ๕) names an enclosure the letter lists"),
        (
            "date",
            "a date in running text is a real one, and a deadline (ภายในวันที่ …) is within a year of the document's date"
        ),
        (
            "names",
            "the minutes' recorder and reviewer, and whoever the body quotes as speaking, are among the people listed as present; a project's name or an abbreviation is written one way"
        ),
        (
            "formula",
            "a cell of a column worked out from others (difference, change, rank, reached) is what its row gives"
        ),
    ]

    public static let ruleIDs = Set(rules.map(\.id))

    /// The checks with `ignoring` silenced, after making sure each is a rule; an unknown one is
    /// an error naming it and the nearest rule (`where` says where it was asked for).
    public static func configured(file: String, ignoring: [(rule: String, where: String)]) throws -> DataChecks {
        for (rule, place) in ignoring where !ruleIDs.contains(rule) {
            let hint = closestName(to: rule, in: rules.map(\.id)).map { "; did you mean \($0)?" } ?? ""
            throw DataError(
                file: place,
                message: "\(rule): no such check\(hint) (the checks: \(rules.map(\.id).joined(separator: ", ")))")
        }
        return DataChecks(file: file, ignoring: Set(ignoring.map(\.rule)))
    }

    /// An office's `checks.yaml`: `ignore: [rule, …]`, the checks the office does not want reported.
    public static func officeIgnores(path: String) throws -> [(rule: String, where: String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DataError(file: path, message: "cannot read the office's checks")
        }
        let root = try FieldReader.root(text: text, file: path)
        let rules = try root.strings("ignore")
        let line = root.mapping["ignore"]?.mark?.line
        try root.finish()
        return rules.map { ($0, line.map { "\(path):\($0)" } ?? path) }
    }

    public func findings(_ data: DocumentData) -> [DataError] {
        (allFindings(data) + ambiguousYearProblems()).filter { $0.rule.map { !ignoring.contains($0) } ?? true }
    }

    /// Dates typed as a spreadsheet writes them, `20/11/26`: a two-digit year is read as พ.ศ.
    /// (๒๕๒๖), but below ๔๓ the Common-Era reading (2026) is as likely — Excel writes its short
    /// dates in ค.ศ. Each such date in the file is a finding asking for the year in full.
    func ambiguousYearProblems() -> [DataError] {
        guard let data = FileManager.default.contents(atPath: file) else { return [] }
        // By bytes (a slash is rare; reading every line as characters was 2 % of a cold render):
        // each `/` with a day and month before it and a two-digit year after, in Arabic or Thai digits.
        let bytes = [UInt8](data)
        func digit(at index: Int) -> (value: Int, length: Int)? {
            guard index >= 0, index < bytes.count else { return nil }
            if (0x30...0x39).contains(bytes[index]) { return (Int(bytes[index] - 0x30), 1) }
            if index + 2 < bytes.count, bytes[index] == 0xE0, bytes[index + 1] == 0xB9,
                (0x90...0x99).contains(bytes[index + 2])
            {
                return (Int(bytes[index + 2] - 0x90), 3)
            }
            return nil
        }
        /// The digits starting at `index`: their value, count and byte length.
        func number(at index: Int) -> (value: Int, digits: Int, length: Int) {
            var value = 0, digits = 0, length = 0
            while let d = digit(at: index + length) { value = value * 10 + d.value; digits += 1; length += d.length }
            return (value, digits, length)
        }
        /// Where the digits that end just before `index` start (Thai digits are three bytes).
        func numberStart(before index: Int) -> Int {
            var start = index
            while true {
                if start - 1 >= 0, digit(at: start - 1)?.length == 1 { start -= 1; continue }
                if start - 3 >= 0, digit(at: start - 3)?.length == 3 { start -= 3; continue }
                return start
            }
        }
        var result: [DataError] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            guard bytes[index] == 0x2F else { index += 1; continue }
            let monthStart = numberStart(before: index)
            let month = number(at: monthStart)
            guard month.digits == 1 || month.digits == 2, monthStart > 0, bytes[monthStart - 1] == 0x2F else {
                index += 1; continue
            }
            let dayStart = numberStart(before: monthStart - 1)
            let day = number(at: dayStart)
            let year = number(at: index + 1)
            let before = dayStart > 0 ? bytes[dayStart - 1] : 0x20
            let after = index + 1 + year.length < bytes.count ? bytes[index + 1 + year.length] : 0x20
            if (1...2).contains(day.digits), year.digits == 2, year.value < 43, before != 0x2F, after != 0x2F,
                digit(at: index + 1 + year.length) == nil,
                let date = try? ThaiDate(year: 1957 + year.value, month: month.value, day: day.value)
            {
                let typed = "\(day.value)/\(month.value)/" + (year.value < 10 ? "0" : "") + "\(year.value)"
                let yy = (year.value < 10 ? "0" : "") + "\(year.value)"
                result.append(
                    DataError(
                        file: file, line: line, field: nil,
                        message:
                            "\(typed): a two-digit year reads as \(date.full) (พ.ศ.), but a spreadsheet's short date may mean ค.ศ. 20\(yy); "
                            + "write the year in full (\(day.value)/\(month.value)/25\(yy) or \(day.value)/\(month.value)/20\(yy))",
                        rule: "date"))
            }
            index += 1
        }
        return result
    }

    /// The findings computed on another thread while the caller goes on (lays the document out):
    /// `wait()` gives them. A cold render spends a few milliseconds on checks it need not wait for.
    public func findingsInBackground(_ data: DocumentData) -> PendingFindings {
        let pending = PendingFindings()
        Thread.detachNewThread { [self] in pending.deliver(findings(data)) }
        return pending
    }

    private func allFindings(_ data: DocumentData) -> [DataError] {
        switch data {
        case .letter(let letter):
            var result = prose(letter.body, line: letter.bodyLine, field: "body", date: letter.date, instructs: true)
            result += enclosureProblems(in: letter.body, enclosures: letter.enclosures.count, bodyLine: letter.bodyLine)
            result += spellingProblems(in: letter.body, bodyLine: letter.bodyLine, field: "body")
            result += crossTableProblems(
                letter.attachments.enumerated().flatMap { index, attachment in
                    attachment.content.compactMap { block -> (TableData, String)? in
                        if case .table(let table) = block {
                            return (table, "attachments[\(index + 1)].table")
                        } else {
                            return nil
                        }
                    }
                })
            if !letter.enclosures.isEmpty, letter.attachments.count > letter.enclosures.count {
                result.append(
                    DataError(
                        file: file, line: nil, field: "attachments",
                        message:
                            "the letter attaches \(letter.attachments.count) documents but lists \(letter.enclosures.count) under สิ่งที่ส่งมาด้วย",
                        rule: "enclosure"))
            }
            for (index, attachment) in letter.attachments.enumerated() {
                if let minutes = attachment.minutes { result += DataChecks(file: minutes.file).findings(minutes) }
                var leadIn: String?
                for block in attachment.content {
                    switch block {
                    case .text(let text):
                        result += prose(text, line: nil, field: "attachments[\(index + 1)]")
                        leadIn = text.split(separator: "\n").last.map(String.init)
                    case .table(let table):
                        result += totals(table, field: "attachments[\(index + 1)].table", cellDates: true)
                        result += leadInProblems(leadIn ?? "", table: table).map {
                            DataError(
                                file: file, line: table.line, field: "attachments[\(index + 1)]", message: $0,
                                rule: "stated-total")
                        }
                        leadIn = nil
                    default: leadIn = nil
                    }
                }
            }
            return result
        case .memo(let memo):
            return prose(memo.body, line: memo.bodyLine, field: "body", date: memo.date, instructs: true)
        case .minutes(let minutes):
            return findings(minutes)
        case .document(let document):
            var result: [DataError] = []
            for (index, table) in document.tables.enumerated() {
                result += totals(table, field: "body table \(index + 1)")
            }
            result += meetingProblems(
                session: document.session, date: document.date, body: document.body, bodyLine: document.bodyLine,
                field: "body")
            result += leadInProblems(
                body: document.body, bodyLine: document.bodyLine, tables: document.tables, field: "body")
            result += crossTableProblems(document.tables.enumerated().map { ($1, "body table \($0 + 1)") })
            return result + prose(document.body, line: document.bodyLine, field: "body", date: document.date)
        }
    }

    func findings(_ minutes: Minutes) -> [DataError] {
        var result: [DataError] = []
        if let written = minutes.weekdayAsWritten, written != minutes.date.weekdayName {
            result.append(
                DataError(
                    file: file, line: minutes.weekdayLine, field: "weekday-as-written",
                    message:
                        "วัน\(written) does not match \(minutes.date.full), which is a วัน\(minutes.date.weekdayName)",
                    rule: "weekday"))
        }
        for (key, list) in [("present", minutes.present), ("absent", minutes.absent), ("guests", minutes.guests)] {
            guard let list, let stated = list.statedCount, stated != list.people.count else { continue }
            result.append(
                DataError(
                    file: file, line: list.line, field: "\(key).stated-count",
                    message:
                        "the source states จำนวน \(ThaiDigits.toThai(String(stated))) คน but the list has \(ThaiDigits.toThai(String(list.people.count))) names",
                    rule: "stated-count"))
        }
        for (index, table) in minutes.tables.enumerated() { result += totals(table, field: "body table \(index + 1)") }
        result += meetingProblems(
            session: minutes.session, date: minutes.date, body: minutes.body, bodyLine: minutes.bodyLine, field: "body")
        result += signerProblems(minutes) + speakerProblems(minutes) + openingProblems(minutes)
        result += spellingProblems(in: minutes.body, bodyLine: minutes.bodyLine, field: "body")
        result += leadInProblems(body: minutes.body, bodyLine: minutes.bodyLine, tables: minutes.tables, field: "body")
        result += crossTableProblems(minutes.tables.enumerated().map { ($1, "body table \($0 + 1)") })
        return result + prose(minutes.body, line: minutes.bodyLine, field: "body", date: minutes.date)
    }

    /// - Parameter cellDates: check the dates in the cells (a ```table block's lines are read as
    ///   the body's prose already).
    func totals(_ table: TableData, field: String, cellDates: Bool = false) -> [DataError] {
        let computed = table.totals()
        var findings: [DataError] = []
        // A percentage written in a row that is not the share of its parts.
        for (index, column) in table.columns.enumerated() where column.kind == .percent {
            guard let of = column.percentOf else { continue }
            for (r, row) in table.rows.enumerated() {
                guard let stated = table.amount(row: row, column: index),
                    let share = ColumnData.percentage(
                        part: table.amount(row: row, column: of.part - 1),
                        whole: table.amount(row: row, column: of.whole - 1)),
                    let s = Double(stated.description), let c = Double(share.description), abs(s - c) > 0.011
                else { continue }
                findings.append(
                    DataError(
                        file: file, line: r < table.rowLines.count ? table.rowLines[r] ?? table.line : table.line,
                        field: "\(field).rows[\(r + 1)]",
                        message:
                            "\"\(column.title)\" says \(stated.formatted()) but column \(of.part) is \(share.formatted()) per cent of column \(of.whole)",
                        rule: "percent"))
            }
        }
        findings += formulaProblems(table, field: field)
        // Dates in cells: a weekday that is not the date's, a day the calendar lacks.
        for (r, row) in table.rows.enumerated() where cellDates {
            let line = r < table.rowLines.count ? table.rowLines[r] ?? table.line : table.line
            for cell in row where cell.utf8.count > 6 {
                let bytes = Array(cell.utf8)
                var problems: [(String, String)] = []
                if bytes.firstOffset(of: Array("วัน".utf8)) != nil {
                    problems += weekdayProblems(in: cell).map { ("weekday", $0) }
                }
                if Self.monthMarks.contains(where: { bytes.firstOffset(of: Array($0.utf8)) != nil }) {
                    problems += dateProblems(in: cell, documentDate: nil).map { ("date", $0) }
                }
                findings += problems.map {
                    DataError(file: file, line: line, field: "\(field).rows[\(r + 1)]", message: $0.1, rule: $0.0)
                }
            }
        }
        let titles = table.columns.map(\.title)
        let averaged = Set(
            table.columns.indices.filter {
                [.percent].contains(table.columns[$0].kind) || table.columns[$0].totalRule == .average
            })
        findings += rowProblems(
            titles: titles, rows: table.rows, lines: table.rowLines, field: field, averaged: averaged)
        return findings
            + table.columns.enumerated().compactMap { index, column in
                guard let stated = column.statedTotal, let sum = computed[index], sum.toPlaces(2) != stated.toPlaces(2)
                else { return nil }
                return DataError(
                    file: file, line: table.line, field: "\(field).columns[\(index + 1)].stated-total",
                    message:
                        "the stated total \(stated.formatted()) of \"\(column.title)\" differs from the sum of its rows, \(sum.formatted())",
                    rule: "stated-total")
            }
    }

    /// Weekdays, baht text and numbering inside running text.
    /// - Parameters:
    ///   - documentDate: the document's own date, which deadlines are read against.
    ///   - instructs: a letter or memo, whose deadlines lie after its date.
    func prose(_ text: String, line: Int?, field: String, date documentDate: ThaiDate? = nil, instructs: Bool = false)
        -> [DataError]
    {
        var result: [DataError] = []
        var numbering = NumberingTracker()
        var bracketed = BracketedNumberingTracker()
        var agenda = AgendaTracker()
        var previousItem: String?
        var announced: AnnouncedCount?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = line.map { $0 + offset }
            func finding(_ rule: String, _ message: String) {
                result.append(DataError(file: file, line: lineNumber, field: field, message: message, rule: rule))
            }
            let lineText = String(rawLine)
            // Most lines hold no date, no amount in words and no label: a look at the bytes
            // spares them the slower checks of Thai text.
            let bytes = Array(rawLine.utf8)
            func has(_ needle: String) -> Bool { bytes.firstOffset(of: Array(needle.utf8)) != nil }
            // A digit, Arabic or Thai (๐–๙ are E0 B9 90–99 in UTF-8).
            let hasDigits = bytes.indices.contains { i in
                (0x30...0x39).contains(bytes[i])
                    || (bytes[i] == 0xB9 && i > 0 && bytes[i - 1] == 0xE0 && i + 1 < bytes.count
                        && (0x90...0x99).contains(bytes[i + 1]))
            }
            if has("วัน") { for problem in weekdayProblems(in: lineText) { finding("weekday", problem) } }
            if has("บาท") { for problem in bahtTextProblems(in: lineText) { finding("baht-text", problem) } }
            if hasDigits, Self.monthMarks.contains(where: { has($0) }) {
                for problem in dateProblems(in: lineText, documentDate: documentDate, instructs: instructs) {
                    finding("date", problem)
                }
            }
            if let problem = resolutionLabelProblem(in: lineText) { finding("resolution-label", problem) }
            if hasDigits, has("ได้แก่") || has("คือ") || bytes.contains(UInt8(ascii: "(")) {
                for problem in namedCountProblems(in: lineText) { finding("stated-count", problem) }
            }
            if hasDigits, has("รวม") {
                for problem in proseTotalProblems(in: lineText) { finding("stated-total", problem) }
            }
            if let problem = numbering.next(lineText) { finding("numbering", problem) }
            if let problem = bracketed.next(lineText) { finding("numbering", problem) }
            if file.hasSuffix(".md"), let item = previousItem, let problem = lineUnderItemProblem(lineText, item: item)
            {
                finding("line-under-item", problem)
            }
            if let problem = agenda.next(lineText) { finding("numbering", problem) }
            // จำนวน ๕ เรื่อง ดังนี้: the items under it are counted, up to the next line that is not one.
            let trimmed = lineText.trimmingCharacters(in: .whitespaces)
            if var open = announced {
                // Items, or the rows of a table typed under the line.
                let isRow = trimmed.hasPrefix("|")
                let isItem = Self.itemNumber(trimmed) != nil || trimmed.hasPrefix("- ") || isRow
                if trimmed.isEmpty || isRow && trimmed.allSatisfy({ "|-: ".contains($0) }) {
                } else if isItem, isRow || Self.markerShape(trimmed) != open.shape {
                    // A table's rows are not counted (a header may be a row): only their parts add up.
                    if !isRow { open.items.append(Self.markerShape(trimmed)) }
                    open.addParts(of: trimmed)
                    announced = open
                } else {
                    if let problem = open.problem() {
                        result.append(
                            DataError(file: file, line: open.line, field: field, message: problem, rule: "stated-count")
                        )
                    }
                    announced = nil
                }
            }
            if announced == nil, let (count, unit) = Self.announcedCount(trimmed) {
                let isItem = Self.itemNumber(trimmed) != nil
                announced = AnnouncedCount(
                    line: lineNumber, count: count, unit: unit, shape: isItem ? Self.markerShape(trimmed) : nil)
            }
            previousItem = Self.itemNumber(lineText)
        }
        if let problem = announced?.problem() {
            result.append(
                DataError(file: file, line: announced?.line, field: field, message: problem, rule: "stated-count"))
        }
        if text.containsBytes(of: "|") {
            for table in Self.pipeTables(in: text, firstLine: line) {
                result += rowProblems(titles: table.titles, rows: table.rows, lines: table.lines, field: field)
            }
        }
        return result
    }

    /// Bytes every Thai month's name holds, full (…คม, …ยน, กุมภาพันธ์) or abbreviated (ม.ค.):
    /// a line with none of them holds no date to check.
    static let monthMarks = ["คม", "ยน", "พันธ์", ".ค.", ".ย.", ".พ."]

    /// `… จำนวน ๕ เรื่อง ดังนี้` (or `ได้แก่`, `คือ`) ending a line: the count and its unit.
    static func announcedCount(_ line: String) -> (Int, String)? {
        var words = line.split(separator: " ").map(String.init)
        // A note in brackets may follow: จำนวน ๕๘ หน่วยนับ ดังนี้ (เอกสารแนบ ๖)
        if words.last?.hasSuffix(")") == true, let open = words.lastIndex(where: { $0.hasPrefix("(") }), open > 0 {
            words.removeSubrange(open...)
        }
        guard words.count >= 3, let last = words.last, ["ดังนี้", "ได้แก่", "คือ", "ดังนี้:"].contains(last) else { return nil }
        let unit = words[words.count - 2], number = words[words.count - 3]
        guard let count = Int(ThaiDigits.toArabic(number)), count > 1, count < 100,
            unit.unicodeScalars.allSatisfy({ (0x0E01...0x0E4E).contains($0.value) })
        else { return nil }
        return (count, unit)
    }

    /// The shape of an item's number (`๑.`, `๑.๑`, `(๑)`, `-`): items of one list share it.
    static func markerShape(_ line: String) -> String {
        if line.hasPrefix("- ") { return "-" }
        let marker = line.split(separator: " ").first.map(String.init) ?? ""
        return String(marker.map { $0.isNumber ? "9" : $0 })
    }

    /// `๑.`, `๑.๑`, `๑)`, `(๑)` opening a line, if it does.
    static func itemNumber(_ line: String) -> String? {
        guard let marker = line.split(separator: " ", maxSplits: 1).first.map(String.init) else { return nil }
        let digits = marker.unicodeScalars.filter { ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }
        let rest = marker.unicodeScalars.filter { !(("0"..."9").contains($0) || ("๐"..."๙").contains($0)) }
        guard !digits.isEmpty, rest.allSatisfy({ ".()".unicodeScalars.contains($0) }), marker.count <= 12,
            marker.hasSuffix(".") || marker.hasSuffix(")") || marker.contains(".")
        else { return nil }
        return marker
    }

    /// A line typed right under a numbered item, with no number of its own and no indent: it
    /// prints as a paragraph of its own, which may not be what the writer meant.
    func lineUnderItemProblem(_ line: String, item: String) -> String? {
        guard let first = line.unicodeScalars.first, first != " ", first != "\t", first != "#", first != "|",
            first != "-",
            first != "`", first != ">", Self.itemNumber(line) == nil,
            !line.hasPrefix("มติ"), !line.trimmingCharacters(in: .whitespaces).isEmpty
        else { return nil }
        return
            "this line is typed under item \(ThaiDigits.toThai(item)) with no number of its own: it prints as a paragraph of its own; "
            + "to continue the item, join it to the item's line (an editor wraps long lines by itself); leave a blank line above it to say it is a paragraph"
    }

    /// `วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒` whose weekday is not the date's, in every form clerks write
    /// it: `วันพุธ ที่` with a space, abbreviated months, two-digit Buddhist-Era years, `พ.ศ.`,
    /// Arabic or Thai digits, punctuation after the year.
    func weekdayProblems(in line: String) -> [String] {
        var problems: [String] = []
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }).map(String.init)
        for (i, word) in words.enumerated() {
            guard let range = word.range(of: "วัน", options: .backwards) else { continue }
            var weekday = String(word[range.upperBound...])
            var next = i + 1
            if weekday.hasSuffix("ที่") {
                weekday = String(weekday.dropLast("ที่".count))
            } else if next < words.count, words[next] == "ที่" {
                next += 1
            } else {
                continue
            }
            guard ThaiDate.weekdayNames.contains(weekday) else { continue }
            var dateWords = Array(words[min(next, words.count)..<min(words.count, next + 4)])
            if dateWords.count >= 3, dateWords[2] == "พ.ศ." { dateWords.remove(at: 2) }
            guard dateWords.count >= 3 else { continue }
            let year = String(dateWords[2].prefix { $0.isNumber })
            guard let date = try? ThaiDate(parsing: "\(dateWords[0]) \(dateWords[1]) \(year)") else { continue }
            if date.weekdayName != weekday {
                problems.append("วัน\(weekday)ที่ \(date.full) is a วัน\(date.weekdayName)")
            }
        }
        return problems
    }

    /// A line that opens with a misspelt `มติที่ประชุม` (seed 001 has `มิติที่ประชุม`): it would
    /// print as a paragraph instead of a resolution.
    func resolutionLabelProblem(in line: String) -> String? {
        let label = "มติที่ประชุม"
        // Two edits or fewer: the first word is within two letters of the label's length.
        let firstWord = line.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ":") }
        let labelLength = label.unicodeScalars.count
        guard firstWord.count <= 3 * (labelLength + 2) else { return nil }
        var first = String(Substring(firstWord))
        // มติที่ประชุมฯ: the label with its abbreviation mark is the label.
        if first.hasSuffix("ฯ") { first.removeLast() }
        guard first != label, abs(first.unicodeScalars.count - labelLength) <= 2,
            Suggestion.editDistance(first, label) <= 2
        else { return nil }
        return "\"\(first)\" opens the line: did you mean \"\(label)\"? (it prints as a paragraph, not as a resolution)"
    }

    /// An amount typed in words that is not its digits, in any common shape:
    /// `๖๑,๘๕๗,๗๐๐ บาท (หกสิบเอ็ดล้าน…บาทถ้วน)`, `1,000 บาท(หนึ่งพันบาทถ้วน)`, `๕๐๐.- บาท`,
    /// a no-break space, words without brackets, `… บาท … สตางค์`.
    func bahtTextProblems(in line: String) -> [String] {
        var problems: [String] = []
        let text = line.replacingOccurrences(of: "\u{A0}", with: " ")
        var rest = Substring(text)
        while let baht = rest.range(of: "บาท") {
            defer { rest = rest[baht.upperBound...] }
            // The number before: spaces and a `.-` between them are allowed.
            var before = rest[..<baht.lowerBound]
            while before.last == " " { before = before.dropLast() }
            if before.hasSuffix(".-") { before = before.dropLast(2) }
            let digits = String(before.reversed().prefix { $0.isNumber || $0 == "," || $0 == "." }.reversed())
            guard !digits.isEmpty, let amount = try? Amount(parsing: digits) else { continue }
            // The words after: in brackets, or the next word when it reads as baht text.
            var after = rest[baht.upperBound...]
            while after.first == " " { after = after.dropFirst() }
            let words: String
            if after.first == "(" {
                guard let close = after.firstIndex(of: ")") else { continue }
                words = String(after[after.index(after: after.startIndex)..<close]).replacingOccurrences(
                    of: " ", with: "")
            } else {
                words = String(after.prefix { $0 != " " && $0 != ")" && $0 != "," })
            }
            guard words.hasSuffix("บาทถ้วน") || words.hasSuffix("สตางค์") || words.hasSuffix("ถ้วน") else { continue }
            let royal = ThaiNumberText.baht(amount), excel = ThaiNumberText.baht(amount, reading: .excel)
            if words != royal && words != excel && words + "บาทถ้วน" != royal {
                problems.append("\(ThaiDigits.toThai(digits)) บาท is \"\(royal)\", not \"\(words)\"")
            }
        }
        return problems
    }
}

/// Follows `๑.`, `๒.`, `๑.๑`, `๓.๒` … numbering through a text and reports gaps and repeats.
struct NumberingTracker {
    private var last: [Int] = []

    mutating func next(_ line: String) -> String? {
        // A heading starts new lists under it.
        if line.hasPrefix("#") || line.hasPrefix("**ระเบียบวาระ") { last = []; return nil }
        var text = Substring(line)
        // Headings' #, bold's *, and bullets (`- ๑.๑`) before a number are not the number.
        while let first = text.first,
            first == "#" || first == " " || first == "*" || first == "-" || first == "+" || first == "\t"
        {
            text = text.dropFirst()
        }
        guard let marker = text.split(separator: " ").first, marker.hasSuffix(".") || marker.contains(".") else {
            return nil
        }
        let parts = ThaiDigits.toArabic(String(marker)).split(separator: ".", omittingEmptySubsequences: true)
        guard !parts.isEmpty, parts.allSatisfy({ Int($0) != nil }),
            marker.unicodeScalars.first.map({ ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }) == true
        else { return nil }
        let number = parts.compactMap { Int($0) }
        defer { last = number }
        guard !last.isEmpty, number.count <= last.count + 1 else { return nil }
        // A deeper level starts at 1; the same level goes up by one; a shallower level resumes its parent.
        let expected: [Int]
        if number.count == last.count + 1 {
            expected = last + [1]
        } else {
            var parent = Array(last.prefix(number.count))
            parent[parent.count - 1] += 1
            expected = parent
        }
        // A list that starts again at 1 is a new list, not a mistake.
        if number == expected || number.last == 1 || Array(number.dropLast()) != Array(expected.dropLast()) {
            return nil
        }
        let written = ThaiDigits.toThai(String(marker))
        let want = ThaiDigits.toThai(expected.map(String.init).joined(separator: "."))
        return number.last! <= expected.last! - 1
            ? "item \(written) repeats or goes back; expected \(want)"
            : "item \(written) skips a number; expected \(want)"
    }
}

/// `๑)`, `๒)` … and `(๑)`, `(๒)` … in order: each shape counts on its own, starts again at ๑
/// under a new dotted item or heading, and a number that skips or goes back is a finding.
struct BracketedNumberingTracker {
    private var last: [String: Int] = [:]

    mutating func next(_ line: String) -> String? {
        var text = Substring(line)
        while let first = text.first, first == " " || first == "-" || first == "\t" { text = text.dropFirst() }
        guard let marker = text.split(separator: " ", maxSplits: 1).first else { return nil }
        let inner =
            marker.hasPrefix("(") && marker.hasSuffix(")")
            ? marker.dropFirst().dropLast() : marker.hasSuffix(")") ? marker.dropLast() : nil
        guard let inner, !inner.isEmpty,
            inner.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }),
            let number = Int(ThaiDigits.toArabic(String(inner)))
        else {
            // A heading or a dotted item starts new lists under it.
            if line.hasPrefix("#")
                || DataChecks.itemNumber(String(text)).map({ $0.hasSuffix(".") || $0.contains(".") }) == true
            {
                last = [:]
            }
            return nil
        }
        let shape = marker.hasPrefix("(") ? "(9)" : "9)"
        defer { last[shape] = number }
        guard let previous = last[shape], number != previous + 1, number != 1 else { return nil }
        let written = ThaiDigits.toThai(String(marker))
        let expected = ThaiDigits.toThai(shape == "(9)" ? "(\(previous + 1))" : "\(previous + 1))")
        return number <= previous
            ? "item \(written) repeats or goes back; expected \(expected)"
            : "item \(written) skips a number; expected \(expected)"
    }
}

extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string's (no Unicode normalisation).
    func containsBytes(of needle: String) -> Bool {
        Array(utf8).firstOffset(of: Array(needle.utf8)) != nil
    }
}

/// `ระเบียบวาระที่ ๑`, `๒` … in order: an agenda item repeated or skipped is a finding.
struct AgendaTracker {
    private var last: Int?

    mutating func next(_ line: String) -> String? {
        var text = Substring(line)
        while let first = text.first, first == "#" || first == " " || first == "*" { text = text.dropFirst() }
        guard text.hasPrefix("ระเบียบวาระที่") else { return nil }
        let rest = text.dropFirst("ระเบียบวาระที่".count).drop { $0 == " " }
        guard let number = Int(ThaiDigits.toArabic(String(rest.prefix { $0.isNumber }))) else { return nil }
        defer { last = number }
        guard let last, number != last + 1 else { return nil }
        return
            "ระเบียบวาระที่ \(ThaiDigits.toThai(String(number))) follows ระเบียบวาระที่ \(ThaiDigits.toThai(String(last))); expected ระเบียบวาระที่ \(ThaiDigits.toThai(String(last + 1)))"
    }
}

/// `จำนวน ๕ รางวัล ได้แก่` and the items under it: the count may be of the items or of their
/// sub-items (๑.๑, ๑.๒, and ๑.๓'s three awards make five).
struct AnnouncedCount {
    var line: Int?
    var count: Int
    var unit: String
    /// The shape of the announcing line's own number: an item of that shape ends the list.
    var shape: String?
    var items: [String] = []
    /// The numbers of the announced unit in the items (`๒๘ หน่วยนับ`): parts of the whole.
    var parts: [Double] = []

    mutating func addParts(of line: String) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "|" }).map(String.init)
        for j in words.indices.dropFirst() where words[j] == unit {
            if let value = DataChecks.number(words[j - 1]) { parts.append(value) }
        }
    }

    func problem() -> String? {
        guard let first = items.first else {
            guard parts.count >= 2 else { return nil }
            let sum = parts.reduce(0, +)
            return abs(sum - Double(count)) < 0.005
                ? nil
                : "states \(ThaiDigits.toThai(String(count))) \(unit), but the \(ThaiDigits.toThai(String(parts.count))) parts listed add up to \(DataChecks.thai(sum))"
        }
        let direct = items.filter { $0 == first }.count
        // Sub-items under each item: an item with some counts them, one without counts itself.
        var children: [Int] = []
        for item in items {
            if item == first { children.append(0) } else if !children.isEmpty { children[children.count - 1] += 1 }
        }
        let leaves = children.reduce(0) { $0 + max(1, $1) }
        guard count != direct, count != leaves else { return nil }
        // ๕๘ หน่วยนับ over parts of ๒๘, ๘, ๔ and ๘ หน่วยนับ: the parts add up to the whole.
        if parts.count >= 2 {
            let sum = parts.reduce(0, +)
            if abs(sum - Double(count)) < 0.005 { return nil }
            return
                "states \(ThaiDigits.toThai(String(count))) \(unit), but the \(ThaiDigits.toThai(String(parts.count))) parts listed add up to \(DataChecks.thai(sum))"
        }
        return "states \(ThaiDigits.toThai(String(count))) \(unit), but \(ThaiDigits.toThai(String(direct))) follow"
    }
}

/// Findings being computed on another thread (`DataChecks.findingsInBackground`).
public final class PendingFindings: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var findings: [DataError] = []

    fileprivate func deliver(_ found: [DataError]) {
        findings = found
        done.signal()
    }

    /// Waits for the findings (once).
    public func wait() -> [DataError] {
        done.wait()
        done.signal()
        return findings
    }
}
