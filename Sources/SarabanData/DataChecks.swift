import ThaiText

/// The mistakes real documents contain, found in checked data: a weekday that does not match
/// its date, a stated count or total that differs from the list or the rows, numbering with
/// gaps or repeats, an amount typed in words that does not match its digits.
///
/// Each finding names the file, the line and the field. `saraban check` lists them; a render
/// prints them as warnings (errors with `--strict`).
public struct DataChecks {
    public let file: String
    public init(file: String) { self.file = file }

    public func findings(_ data: DocumentData) -> [DataError] {
        switch data {
        case .letter(let letter):
            var result = prose(letter.body, line: letter.bodyLine, field: "body")
            for (index, attachment) in letter.attachments.enumerated() {
                if let minutes = attachment.minutes { result += DataChecks(file: minutes.file).findings(minutes) }
                for block in attachment.content {
                    switch block {
                    case .text(let text): result += prose(text, line: nil, field: "attachments[\(index + 1)]")
                    case .table(let table): result += totals(table, field: "attachments[\(index + 1)].table")
                    default: break
                    }
                }
            }
            return result
        case .memo(let memo):
            return prose(memo.body, line: memo.bodyLine, field: "body")
        case .minutes(let minutes):
            return findings(minutes)
        case .document(let document):
            var result: [DataError] = []
            for (index, table) in document.tables.enumerated() { result += totals(table, field: "body table \(index + 1)") }
            return result + prose(document.body, line: document.bodyLine, field: "body")
        }
    }

    func findings(_ minutes: Minutes) -> [DataError] {
        var result: [DataError] = []
        if let written = minutes.weekdayAsWritten, written != minutes.date.weekdayName {
            result.append(DataError(file: file, line: minutes.weekdayLine, field: "weekday-as-written",
                                    message: "วัน\(written) does not match \(minutes.date.full), which is a วัน\(minutes.date.weekdayName)"))
        }
        for (key, list) in [("present", minutes.present), ("absent", minutes.absent), ("guests", minutes.guests)] {
            guard let list, let stated = list.statedCount, stated != list.people.count else { continue }
            result.append(DataError(file: file, line: list.line, field: "\(key).stated-count",
                                    message: "the source states จำนวน \(ThaiDigits.toThai(String(stated))) คน but the list has \(ThaiDigits.toThai(String(list.people.count))) names"))
        }
        for (index, table) in minutes.tables.enumerated() { result += totals(table, field: "body table \(index + 1)") }
        return result + prose(minutes.body, line: minutes.bodyLine, field: "body")
    }

    func totals(_ table: TableData, field: String) -> [DataError] {
        let computed = table.totals()
        var findings: [DataError] = []
        // A percentage written in a row that is not the share of its parts.
        for (index, column) in table.columns.enumerated() where column.kind == .percent {
            guard let of = column.percentOf else { continue }
            for (r, row) in table.rows.enumerated() {
                guard let stated = table.amount(row: row, column: index),
                      let share = ColumnData.percentage(part: table.amount(row: row, column: of.part - 1),
                                                        whole: table.amount(row: row, column: of.whole - 1)),
                      let s = Double(stated.description), let c = Double(share.description), abs(s - c) > 0.011 else { continue }
                findings.append(DataError(file: file, line: table.line, field: "\(field).rows[\(r + 1)]",
                                          message: "\"\(column.title)\" says \(stated.formatted()) but column \(of.part) is \(share.formatted()) per cent of column \(of.whole)"))
            }
        }
        return findings + table.columns.enumerated().compactMap { index, column in
            guard let stated = column.statedTotal, let sum = computed[index], sum.toPlaces(2) != stated.toPlaces(2) else { return nil }
            return DataError(file: file, line: table.line, field: "\(field).columns[\(index + 1)].stated-total",
                             message: "the stated total \(stated.formatted()) of \"\(column.title)\" differs from the sum of its rows, \(sum.formatted())")
        }
    }

    /// Weekdays, baht text and numbering inside running text.
    func prose(_ text: String, line: Int?, field: String) -> [DataError] {
        var result: [DataError] = []
        var numbering = NumberingTracker()
        var previousItem: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = line.map { $0 + offset }
            func finding(_ message: String) { result.append(DataError(file: file, line: lineNumber, field: field, message: message)) }
            let lineText = String(rawLine)
            // Most lines hold no date, no amount in words and no label: a look at the bytes
            // spares them the slower checks of Thai text.
            if lineText.containsBytes(of: "ที่") { for problem in weekdayProblems(in: lineText) { finding(problem) } }
            if lineText.containsBytes(of: " บาท (") { for problem in bahtTextProblems(in: lineText) { finding(problem) } }
            if let problem = resolutionLabelProblem(in: lineText) { finding(problem) }
            if let problem = numbering.next(lineText) { finding(problem) }
            if file.hasSuffix(".md"), let item = previousItem, let problem = lineUnderItemProblem(lineText, item: item) { finding(problem) }
            previousItem = Self.itemNumber(lineText)
        }
        return result
    }

    /// `๑.`, `๑.๑`, `๑)`, `(๑)` opening a line, if it does.
    static func itemNumber(_ line: String) -> String? {
        guard let marker = line.split(separator: " ", maxSplits: 1).first.map(String.init) else { return nil }
        let digits = marker.unicodeScalars.filter { ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }
        let rest = marker.unicodeScalars.filter { !(("0"..."9").contains($0) || ("๐"..."๙").contains($0)) }
        guard !digits.isEmpty, rest.allSatisfy({ ".()".unicodeScalars.contains($0) }), marker.count <= 12,
              marker.hasSuffix(".") || marker.hasSuffix(")") || marker.contains(".") else { return nil }
        return marker
    }

    /// A line typed right under a numbered item, with no number of its own and no indent: it
    /// prints as a paragraph of its own, which may not be what the writer meant.
    func lineUnderItemProblem(_ line: String, item: String) -> String? {
        guard let first = line.unicodeScalars.first, first != " ", first != "\t", first != "#", first != "|", first != "-",
              first != "`", first != ">", Self.itemNumber(line) == nil,
              !line.hasPrefix("มติ"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return "this line is typed under item \(ThaiDigits.toThai(item)) with no number of its own: it prints as a paragraph of its own; "
            + "to continue the item, join it to the item's line (an editor wraps long lines by itself); leave a blank line above it to say it is a paragraph"
    }

    /// `วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒` whose weekday is not the date's.
    func weekdayProblems(in line: String) -> [String] {
        var problems: [String] = []
        let words = line.split(separator: " ").map(String.init)
        for (i, word) in words.enumerated() where word.contains("วัน") && word.hasSuffix("ที่") && i + 3 < words.count {
            guard let range = word.range(of: "วัน", options: .backwards) else { continue }
            let weekday = String(word[range.upperBound...].dropLast("ที่".count))
            guard ThaiDate.weekdayNames.contains(weekday),
                  let date = try? ThaiDate(parsing: "\(words[i + 1]) \(words[i + 2]) \(words[i + 3])") else { continue }
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
        let first = String(Substring(firstWord))
        guard first != label, abs(first.unicodeScalars.count - labelLength) <= 2,
              Suggestion.editDistance(first, label) <= 2 else { return nil }
        return "\"\(first)\" opens the line: did you mean \"\(label)\"? (it prints as a paragraph, not as a resolution)"
    }

    /// `๖๑,๘๕๗,๗๐๐ บาท (หกสิบเอ็ดล้าน…บาทถ้วน)` whose words are not its digits.
    func bahtTextProblems(in line: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(line)
        while let open = rest.range(of: " บาท (") {
            let before = rest[..<open.lowerBound]
            let digits = before.split(separator: " ").last.map(String.init) ?? ""
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            let words = String(rest[open.upperBound..<close])
            if let amount = try? Amount(parsing: digits), words.hasSuffix("บาทถ้วน") || words.hasSuffix("สตางค์") {
                let royal = ThaiNumberText.baht(amount), excel = ThaiNumberText.baht(amount, reading: .excel)
                if words != royal && words != excel {
                    problems.append("\(ThaiDigits.toThai(digits)) บาท is \"\(royal)\", not \"\(words)\"")
                }
            }
            rest = rest[close...]
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
        while let first = text.first, first == "#" || first == " " || first == "*" { text = text.dropFirst() }
        guard let marker = text.split(separator: " ").first, marker.hasSuffix(".") || marker.contains(".") else { return nil }
        let parts = ThaiDigits.toArabic(String(marker)).split(separator: ".", omittingEmptySubsequences: true)
        guard !parts.isEmpty, parts.allSatisfy({ Int($0) != nil }), marker.unicodeScalars.first.map({ ("0"..."9").contains($0) || ("๐"..."๙").contains($0) }) == true else { return nil }
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
        if number == expected || number.last == 1 || Array(number.dropLast()) != Array(expected.dropLast()) { return nil }
        let written = ThaiDigits.toThai(String(marker))
        let want = ThaiDigits.toThai(expected.map(String.init).joined(separator: "."))
        return number.last! <= expected.last! - 1
            ? "item \(written) repeats or goes back; expected \(want)"
            : "item \(written) skips a number; expected \(want)"
    }
}

extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string's (no Unicode normalisation).
    func containsBytes(of needle: String) -> Bool {
        Array(utf8).firstOffset(of: Array(needle.utf8)) != nil
    }
}
