import Foundation
import ThaiText

/// Facts a document states twice, or states and then lists: each must agree with itself.
///
/// - `stated-count`: `ไม่ส่ง ๖ อำเภอ คือ เกาะคา งาว เถิน แจ้ห่ม และวังเหนือ` names five, and
///   `จำนวน ๕๘ หน่วยนับ ดังนี้` over parts of ๒๘, ๘, ๔ and ๘ หน่วยนับ adds up to ๔๘;
/// - `stated-total`: `รวมทั้งสิ้น ๑๒ แห่ง` after the numbers it sums, `๑๓๐ ทุน ทุนละ ๑,๐๐๐ บาท
///   รวมเป็นเงิน ๑๓๐,๐๐๐ บาท`, a `รวม` row typed in a table;
/// - `numbering`: a table's ที่ column numbered ๑, ๒, ๓ …;
/// - `meeting`: the previous meeting's number and date wherever the minutes cite it, the next
///   meeting's number;
/// - `enclosure`: `(สิ่งที่ส่งมาด้วย ๕)` names an enclosure the letter lists.
extension DataChecks {
    /// A number written with Thai or Arabic digits, commas and a decimal point.
    static func number(_ token: some StringProtocol) -> Double? {
        // Most words are not numbers: their first letter says so at once.
        guard let lead = token.unicodeScalars.first, ("0"..."9").contains(lead) || ("๐"..."๙").contains(lead) else {
            return nil
        }
        let text = ThaiDigits.toArabic(String(token)).replacingOccurrences(of: ",", with: "")
        guard let first = text.first, first.isNumber, text.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Double(text)
    }

    /// A number as the findings quote it: Thai digits, thousands separated, two places when it
    /// has a fraction.
    /// A line's words: cut at spaces and no-break spaces (by scalars: Foundation's replacing
    /// and Swift's character search are slow on Thai text).
    static func words(of line: String) -> [String] {
        line.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map {
            String(String.UnicodeScalarView($0))
        }
    }

    static func thai(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let whole = rounded == rounded.rounded()
        let text = whole ? String(Int(rounded)) : String(format: "%.2f", rounded)
        return (try? Amount(parsing: text))?.formatted(places: whole ? 0 : 2) ?? ThaiDigits.toThai(text)
    }

    /// Words a person's name is counted in: names hold spaces, so a list of them cannot be
    /// counted by its words.
    static let personUnits: Set<String> = ["คน", "ราย", "ท่าน", "รูป", "นาย"]

    // MARK: stated-count

    /// `N หน่วย ได้แก่ A B C และD` or `N หน่วย (A, B, C และ D)`: the names counted against N.
    func namedCountProblems(in line: String) -> [String] {
        let words = Self.words(of: line)
        var problems: [String] = []
        for i in words.indices.dropLast(2) {
            // A count, not an item's number (๓.) nor an ordinal (มิติที่ ๕).
            guard !words[i].hasSuffix("."), i == 0 || !words[i - 1].hasSuffix("ที่"),
                let stated = Self.number(words[i]), stated >= 2, stated == stated.rounded(), stated < 100
            else { continue }
            var unit = words[i + 1]
            var next = i + 2
            var list: [String]
            if unit.hasPrefix("("), let open = unit.firstIndex(of: "(") {
                // ๕ อำเภอ(เกาะคา, …: the bracket glued to the unit.
                list = [String(unit[unit.index(after: open)...])] + words[(i + 2)...]
                unit = String(unit[..<open])
            } else if words[next].hasPrefix("(") {
                list = [String(words[next].dropFirst())] + words[(next + 1)...]
            } else if ["ได้แก่", "คือ"].contains(words[next]) {
                next += 1
                list = Array(words[next...])
            } else {
                continue
            }
            // A measure word (อำเภอ, หน่วยนับ, ครัวเรือน), not a phrase.
            guard !unit.isEmpty, unit.unicodeScalars.count <= 12, !Self.personUnits.contains(unit),
                unit.unicodeScalars.allSatisfy({ (0x0E01...0x0E4E).contains($0.value) }),
                let named = Self.namedItems(list), named >= 2
            else { continue }
            if Double(named) != stated {
                problems.append("states \(Self.thai(stated)) \(unit), but names \(Self.thai(Double(named)))")
            }
        }
        return problems
    }

    /// How many names a list holds, up to its last one (`และX`, `และ X`, or a closing bracket);
    /// nil when its end cannot be told.
    static func namedItems(_ words: [String]) -> Int? {
        var count = 0
        for (index, raw) in words.prefix(24).enumerated() {
            // Names hold no numbers: a list with figures in it (เมือง จำนวน ๑๘ องค์กร) is not counted.
            if raw.contains(where: \.isNumber) { return nil }
            var word = raw
            let closes = word.hasSuffix(")")
            if closes { word.removeLast() }
            let names = word.split(separator: ",").filter { !$0.isEmpty }
            if word.hasPrefix("และ") {
                // และX is the last name; และ alone comes before it.
                if word == "และ" { return index + 1 < words.count ? count + 1 : nil }
                return count + 1
            }
            count += names.count
            if closes { return count }
        }
        return nil
    }

    // MARK: stated-total in prose

    /// `… รวม(เป็นเงิน)(ทั้งสิ้น) T หน่วย` after the numbers it adds up (two or more of the same
    /// unit since the line's start or its last total), or after `N หน่วย หน่วยละ M บาท`.
    func proseTotalProblems(in line: String) -> [String] {
        let words = Self.words(of: line)
        var problems: [String] = []
        var start = 0
        for i in words.indices where words[i].hasPrefix("รวม") {
            // The total: the first number within three words of รวม, and its unit.
            guard let t = (i...min(i + 3, words.count - 2)).first(where: { Self.number(words[$0]) != nil }),
                let total = Self.number(words[t])
            else { continue }
            let unit = words[t + 1].trimmingCharacters(in: CharacterSet(charactersIn: "(),"))
            defer { start = t + 2 }
            // N ทุน ทุนละ M บาท: a count times a price.
            if let p = (start..<i).last(where: { words[$0].hasSuffix("ละ") && $0 >= 2 && $0 + 2 < i }),
                let count = Self.number(words[p - 2]), words[p] == words[p - 1] + "ละ",
                let each = Self.number(words[p + 1]), words[p + 2] == unit
            {
                if abs(count * each - total) > 0.005 {
                    problems.append(
                        "\(Self.thai(count)) \(words[p - 1]) at \(Self.thai(each)) \(unit) each is \(Self.thai(count * each)) \(unit), not \(Self.thai(total))"
                    )
                }
                continue
            }
            let parts = (start..<i).compactMap { j -> Double? in
                guard j + 1 < i, words[j + 1] == unit else { return nil }
                return Self.number(words[j])
            }
            guard parts.count >= 2 else { continue }
            let sum = parts.reduce(0, +)
            if abs(sum - total) > 0.005 {
                problems.append(
                    "\(words[i]) \(Self.thai(total)) \(unit), but the \(Self.thai(Double(parts.count))) numbers before it add up to \(Self.thai(sum))"
                )
            }
        }
        return problems
    }

    // MARK: tables typed as rows

    /// A table's rows as written (a ```table block's, an attachment's, or a pipe table's), with
    /// their lines: a `รวม` row against the rows above it, the ที่ column's numbering.
    /// - Parameter averaged: columns that do not add up (percentages, averages).
    func rowProblems(
        titles: [String], rows allRows: [[String]], lines allLines: [Int?], field: String, averaged: Set<Int> = []
    ) -> [DataError] {
        var result: [DataError] = []
        // Rows with no number in them before the first that has one continue the header
        // (`| | | ผ่าน (คร.) | ร้อยละ |`): their words name the columns.
        let headerRows = allRows.prefix { row in
            !row.contains { Self.number($0.trimmingCharacters(in: .whitespaces)) != nil }
        }
        let rows = Array(allRows.dropFirst(headerRows.count)), lines = Array(allLines.dropFirst(headerRows.count))
        var titles = titles
        for row in headerRows {
            for (c, cell) in row.enumerated() where !cell.isEmpty {
                if c < titles.count { titles[c] += " " + cell } else { titles.append(cell) }
            }
        }
        func isTotal(_ row: [String]) -> Bool {
            row.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("รวม")
            } ?? false
        }
        // The ที่ column: ๑, ๒, ๓ … down the rows that carry a number.
        if let title = titles.first?.trimmingCharacters(in: .whitespaces), ["ที่", "ลำดับ", "ลำดับที่", "ข้อ"].contains(title) {
            var expected = 1.0
            for (r, row) in rows.enumerated()
            where !isTotal(row) && !row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                guard let cell = row.first,
                    let value = Self.number(cell.trimmingCharacters(in: CharacterSet(charactersIn: " .")))
                else { continue }
                if value != expected {
                    result.append(
                        DataError(
                            file: file, line: r < lines.count ? lines[r] : nil,
                            field: "\(field).rows[\(r + 1 + headerRows.count)]",
                            message: "the \(title) column says \(Self.thai(value)); expected \(Self.thai(expected))",
                            rule: "numbering"))
                    break
                }
                expected += 1
            }
        }
        // A รวม row typed by hand: each of its numbers is the sum of the rows since the last one.
        var since = 0
        for (r, row) in rows.enumerated() {
            guard isTotal(row) else { continue }
            defer { since = r + 1 }
            let above = rows[since..<r].filter { !isTotal($0) }
            guard above.count >= 2 else { continue }
            for (c, cell) in row.enumerated() {
                let title = c < titles.count ? titles[c] : ""
                guard c > 0, !averaged.contains(c),
                    !["ร้อยละ", "%", "เฉลี่ย"].contains(where: { title.contains($0) || cell.contains($0) }),
                    let stated = Self.number(cell.trimmingCharacters(in: .whitespaces))
                else { continue }
                let values = above.map { c < $0.count ? $0[c].trimmingCharacters(in: .whitespaces) : "" }
                // Only a column of numbers adds up (a blank or "-" counts as nothing).
                guard values.allSatisfy({ $0.isEmpty || $0 == "-" || Self.number($0) != nil }) else { continue }
                let sum = values.compactMap { Self.number($0) }.reduce(0, +)
                if abs(sum - stated) > 0.005 {
                    // A column under merged header rows is titled by its number: named so.
                    let name = title.isEmpty || title.allSatisfy(\.isNumber) ? "column \(c + 1)" : "\"\(title)\""
                    result.append(
                        DataError(
                            file: file, line: r < lines.count ? lines[r] : nil,
                            field: "\(field).rows[\(r + 1 + headerRows.count)]",
                            message:
                                "the \(row.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "รวม") row gives \(name) as \(Self.thai(stated)), but the rows above add up to \(Self.thai(sum))",
                            rule: "stated-total"))
                }
            }
        }
        return result
    }

    /// The pipe tables of a Markdown text: titles, rows and each row's line.
    static func pipeTables(in text: String, firstLine: Int?) -> [(titles: [String], rows: [[String]], lines: [Int?])] {
        var tables: [(titles: [String], rows: [[String]], lines: [Int?])] = []
        var current: (titles: [String], rows: [[String]], lines: [Int?])?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("|") else {
                if let table = current { tables.append(table); current = nil }
                continue
            }
            var cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            cells.removeFirst()
            if cells.last == "" { cells.removeLast() }
            if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) { continue }
            if current == nil {
                current = (cells, [], [])
            } else {
                current?.rows.append(cells)
                current?.lines.append(firstLine.map { $0 + offset })
            }
        }
        if let table = current { tables.append(table) }
        return tables
    }

    // MARK: meeting

    /// `ครั้งที่ ๗/๒๕๖๒` in a line: the number and the year, and the date written after it.
    static func meetingMention(in line: String) -> (number: Int, year: Int, date: ThaiDate?)? {
        guard let range = line.range(of: "ครั้งที่") else { return nil }
        let words = line[range.upperBound...].split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let parts = ThaiDigits.toArabic(first).split(separator: "/")
        guard parts.count == 2, let number = Int(parts[0]), var year = Int(parts[1].prefix { $0.isNumber }) else {
            return nil
        }
        if year < 100 { year += 2500 }
        // The date: the first three words after it (skipping เมื่อวันที่, วันที่) that read as one.
        var date: ThaiDate?
        for k in 1..<min(words.count, 8) where k + 2 < words.count {
            if let parsed = try? ThaiDate(parsing: "\(words[k]) \(words[k + 1]) \(words[k + 2].prefix { $0.isNumber })")
            {
                date = parsed; break
            }
        }
        return (number, year, date)
    }

    /// Minutes cite the previous meeting of their series (รับรองรายงานการประชุม, สืบเนื่องจาก
    /// การประชุม) and the next one (ครั้งต่อไป): their numbers follow the session's, and the
    /// previous meeting has one date wherever it is cited.
    func meetingProblems(session: String?, date: ThaiDate?, body: String, bodyLine: Int?, field: String) -> [DataError]
    {
        let parts = ThaiDigits.toArabic(session ?? "").split(separator: "/")
        guard parts.count == 2, let number = Int(parts[0]), var year = Int(parts[1]) else { return [] }
        if year < 100 { year += 2500 }
        var result: [DataError] = []
        var previous: (number: Int, year: Int, date: ThaiDate?, line: Int?)?
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            guard text.containsBytes(of: "ครั้งที่"), let mention = Self.meetingMention(in: text) else { continue }
            let lineNumber = bodyLine.map { $0 + offset }
            func finding(_ message: String) {
                result.append(DataError(file: file, line: lineNumber, field: field, message: message, rule: "meeting"))
            }
            let cited = "ครั้งที่ \(ThaiDigits.toThai("\(mention.number)/\(mention.year)"))"
            if text.containsBytes(of: "รับรองรายงานการประชุม") || text.containsBytes(of: "สืบเนื่องจากการประชุม") {
                if mention.year == year, number > 1, mention.number != number - 1 {
                    finding(
                        "this meeting is ครั้งที่ \(ThaiDigits.toThai("\(number)/\(year)")), so the previous one is ครั้งที่ \(ThaiDigits.toThai("\(number - 1)/\(year)")), not \(cited)"
                    )
                }
                if let earlier = previous, earlier.number == mention.number, earlier.year == mention.year,
                    let first = earlier.date, let now = mention.date, first != now
                {
                    finding(
                        "\(cited) is dated \(now.full) here but \(first.full) on line \(earlier.line.map(String.init) ?? "?")"
                    )
                }
                if let held = mention.date, let date, held >= date {
                    finding("\(cited) is dated \(held.full), not before this meeting's \(date.full)")
                }
                if previous == nil || previous?.date == nil {
                    previous = (mention.number, mention.year, mention.date, lineNumber)
                }
            } else if text.containsBytes(of: "ครั้งต่อไป") || text.containsBytes(of: "ครั้งถัดไป") {
                if mention.year == year, mention.number != number + 1 {
                    finding(
                        "this meeting is ครั้งที่ \(ThaiDigits.toThai("\(number)/\(year)")), so the next one is ครั้งที่ \(ThaiDigits.toThai("\(number + 1)/\(year)")), not \(cited)"
                    )
                }
            }
        }
        return result
    }

    // MARK: enclosure

    /// `(สิ่งที่ส่งมาด้วย ๕)` in a letter that lists four enclosures.
    func enclosureProblems(in body: String, enclosures: Int, bodyLine: Int?) -> [DataError] {
        var result: [DataError] = []
        let mark = Array("สิ่งที่ส่งมาด้วย".utf8)
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard Array(line.utf8).firstOffset(of: mark) != nil else { continue }
            var rest = Substring(line)
            while let range = rest.range(of: "สิ่งที่ส่งมาด้วย") {
                rest = rest[range.upperBound...]
                let digits = rest.drop { $0 == " " }.prefix { $0.isNumber }
                guard let cited = Int(ThaiDigits.toArabic(String(digits))), cited > enclosures else { continue }
                result.append(
                    DataError(
                        file: file, line: bodyLine.map { $0 + offset }, field: "body",
                        message:
                            "cites สิ่งที่ส่งมาด้วย \(ThaiDigits.toThai(String(cited))), but the letter lists \(ThaiDigits.toThai(String(enclosures))) enclosures",
                        rule: "enclosure"))
            }
        }
        return result
    }
}

// MARK: date, names

extension DataChecks {
    /// Dates in running text (`๑๕ กันยายน ๒๕๖๒`, `๓๑ ส.ค. ๖๕`): one that cannot be (๓๑
    /// กันยายน) is a finding, and so is a deadline (`ภายในวันที่ …`) more than a year from the
    /// document's own date, a slip of the year clerks make every January.
    /// - Parameter instructs: the document asks for something by a date (a letter, a memo): a
    ///   deadline before its own date is a slip too.
    func dateProblems(in line: String, documentDate: ThaiDate?, instructs: Bool = false) -> [String] {
        let words = Self.words(of: line)
        var problems: [String] = []
        for k in words.indices.dropLast(2) {
            let month = words[k + 1]
            guard ThaiDate.monthNames.contains(month) || ThaiDate.monthAbbreviations.contains(month),
                words[k].last?.isNumber == true,
                let day = Int(ThaiDigits.toArabic(String(words[k].reversed().prefix { $0.isNumber }.reversed())))
            else { continue }
            // พ.ศ. may stand before the year.
            let yearWord = words[k + 2] == "พ.ศ." && k + 3 < words.count ? words[k + 3] : words[k + 2]
            let year = String(yearWord.prefix { $0.isNumber })
            guard !year.isEmpty else { continue }
            let written = ThaiDigits.toThai("\(day) \(month) \(year)")
            let date: ThaiDate
            do { date = try ThaiDate(parsing: "\(day) \(month) \(year)") } catch ThaiDate.DateError.impossible {
                problems.append("\(written) is not a date: \(month) has no day \(ThaiDigits.toThai(String(day)))")
                continue
            } catch { continue }
            let before = words[max(0, k - 2)..<k].joined()
            guard let documentDate, before.contains("ภายใน") else { continue }
            if abs(date.daysSince(documentDate)) > 366 {
                problems.append(
                    "the deadline \(written) is more than a year from the document's date, \(documentDate.full)")
            } else if instructs, date < documentDate {
                problems.append("the deadline \(written) is before the document's own date, \(documentDate.full)")
            }
        }
        return problems
    }

    /// The minutes' recorder and reviewer are among the people listed as present (or guests):
    /// a name spelt two ways, or a list that misses them.
    /// A name as the attendance lists are compared: without its spaces.
    private static func nameKey(_ name: String) -> String { name.filter { !$0.isWhitespace } }

    /// The names a roster lists (a name may take one cell or two: first name, surname).
    private static func names(in rosters: [AttendanceList?]) -> Set<String> {
        Set(
            rosters.compactMap { $0 }.flatMap(\.people).flatMap { person in
                [nameKey(person.prefix(1).joined()), nameKey(person.prefix(2).joined())]
            })
    }

    /// Words after a name that say the person spoke at the meeting.
    static let speechMarkers = [
        "แจ้งว่า", "แจ้งที่ประชุม", "กล่าวว่า", "ชี้แจงว่า", "ชี้แจงที่ประชุม", "รายงานว่า",
        "รายงานที่ประชุม", "เสนอว่า", "เสนอที่ประชุม", "สรุปว่า",
    ]

    /// Someone the minutes quote as speaking (`นายสมชาย ใจดี แจ้งว่า…`, a position between the
    /// name and the words allowed) is among those present or invited — and never among those
    /// listed absent. People only mentioned (an award's winners, an official's name) are not
    /// checked: minutes name many who were not there.
    func speakerProblems(_ minutes: Minutes) -> [DataError] {
        guard let present = minutes.present, !present.people.isEmpty else { return [] }
        let attending = Self.names(in: [present, minutes.guests])
        let absent = Self.names(in: [minutes.absent])
        var result: [DataError] = []
        for (offset, line) in minutes.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard Self.speechMarkers.contains(where: { line.contains($0) }) else { continue }
            let words = line.split(separator: " ").map(String.init)
            for (index, word) in words.enumerated() where index + 1 < words.count {
                let bare = word.hasPrefix("(") ? String(word.dropFirst()) : word
                guard let title = ["นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี"].first(where: { bare.hasPrefix($0) }),
                    bare.count > title.count + 1, !ThaiLineBreakRules.notNames.contains(where: { bare.hasPrefix($0) })
                else { continue }
                // The speech words within a few words after the name.
                let after = words[(index + 2)..<min(words.count, index + 6)].joined(separator: " ")
                guard Self.speechMarkers.contains(where: { after.contains($0) || words[index + 1].hasSuffix($0) })
                else { continue }
                let name = bare + " " + words[index + 1]
                let key = Self.nameKey(name)
                let where_ = minutes.bodyLine + offset
                if absent.contains(key) {
                    result.append(
                        DataError(
                            file: file, line: where_, field: "body",
                            message:
                                "\(name) speaks at the meeting but is listed among \(minutes.absent?.label ?? "ผู้ไม่มาประชุม")",
                            rule: "names"))
                } else if !attending.contains(key) {
                    result.append(
                        DataError(
                            file: file, line: where_, field: "body",
                            message: "\(name) speaks at the meeting but is not among \(present.label)", rule: "names"))
                }
            }
        }
        return result
    }

    func signerProblems(_ minutes: Minutes) -> [DataError] {
        guard let present = minutes.present, !present.people.isEmpty else { return [] }
        let listed = Self.names(in: [present, minutes.guests])
        func key(_ name: String) -> String { Self.nameKey(name) }
        return [("recorder", minutes.recorder), ("reviewer", minutes.reviewer)].compactMap { role, signer in
            guard let signer, !signer.name.isEmpty, !listed.contains(key(signer.name)) else { return nil }
            return DataError(
                file: file, line: present.line, field: "\(role).name",
                message: "\(signer.name) signs the minutes but is not among \(present.label)", rule: "names")
        }
    }
}

extension DataChecks {
    /// The meeting opened within two hours of the time it was called for (a slip of the hour).
    func openingProblems(_ minutes: Minutes) -> [DataError] {
        guard let called = minutes.time, let opened = minutes.openingTime else { return [] }
        let gap = abs((opened.hour * 60 + opened.minute) - (called.hour * 60 + called.minute))
        guard gap > 120 else { return [] }
        let span = gap % 60 == 0 ? "\(gap / 60) h" : "\(gap / 60) h \(gap % 60) min"
        return [
            DataError(
                file: file, line: minutes.openingTimeLine, field: "opening-time",
                message:
                    "the meeting opened at \(opened.formatted), \(span) from the time it was called for, \(called.formatted)",
                rule: "date")
        ]
    }
}

// MARK: a total quoted before its table

extension DataChecks {
    /// `… เป็นเงินทั้งสิ้น ๕๓๓,๘๐๐ บาท ดังนี้` introducing a table whose column in บาท adds up
    /// to something else: the same total stated twice. Only a claim whose unit names exactly one
    /// totalled column of the table (its title holds the unit, or it is the one money column for
    /// บาท) is compared.
    func leadInProblems(_ leadIn: String, table: TableData) -> [String] {
        let words = Self.words(of: leadIn)
        let totals = table.totals()
        var problems: [String] = []
        for j in words.indices.dropFirst().dropLast() {
            guard let stated = Self.number(words[j]),
                words[max(0, j - 2)..<j].contains(where: {
                    $0.hasPrefix("จำนวน") || $0.hasPrefix("รวม") || $0.hasPrefix("เป็นเงิน") || $0.hasSuffix("ทั้งสิ้น")
                })
            else { continue }
            let unit = words[j + 1].trimmingCharacters(in: CharacterSet(charactersIn: "(),"))
            let summed = table.columns.indices.filter { table.columns[$0].totalRule == .sum && totals[$0] != nil }
            var candidates = summed.filter { table.columns[$0].title.contains(unit) }
            if candidates.isEmpty, unit == "บาท" { candidates = summed.filter { table.columns[$0].kind == .amount } }
            guard candidates.count == 1, let total = totals[candidates[0]].flatMap({ Double($0.description) }) else {
                continue
            }
            if abs(total - stated) > 0.005 {
                problems.append(
                    "states \(Self.thai(stated)) \(unit), but the table's \"\(table.columns[candidates[0]].title)\" adds up to \(Self.thai(total))"
                )
            }
        }
        return problems
    }

    /// Each ```table block of a Markdown body against the line that introduces it.
    func leadInProblems(body: String, bodyLine: Int?, tables: [TableData], field: String) -> [DataError] {
        var result: [DataError] = []
        var index = 0
        var last: (text: String, line: Int?)?
        for (offset, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```table") {
                if index < tables.count, let lead = last {
                    result += leadInProblems(lead.text, table: tables[index]).map {
                        DataError(file: file, line: lead.line, field: field, message: $0, rule: "stated-total")
                    }
                }
                index += 1
                last = nil
            } else if !line.isEmpty, !line.hasPrefix("```") {
                last = (line, bodyLine.map { $0 + offset })
            }
        }
        return result
    }
}

// MARK: a name written two ways

extension DataChecks {
    /// A project's name written two ways in one document (`โครงการพัฒนาศักยภาพสัมมาชีพชุมชน…` and
    /// `…สมาชิกชุมชน…`), or an abbreviation with and without its dots (`มชช.` / `ม.ช.ช.`): the
    /// later spelling is reported with the line of the first.
    func spellingProblems(in text: String, bodyLine: Int?, field: String) -> [DataError] {
        var seen: [(name: String, line: Int?)] = []
        var abbreviations: [String: (written: String, line: Int?)] = [:]
        var result: [DataError] = []
        let project = Array("โครงการ".utf8)
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = bodyLine.map { $0 + offset }
            // Words are cut by their bytes; only those holding a dot or โครงการ are looked at.
            let bytes = Array(raw.utf8)
            guard bytes.contains(UInt8(ascii: ".")) || bytes.firstOffset(of: project) != nil else { continue }
            for wordBytes in bytes.split(separator: UInt8(ascii: " ")) {
                let hasDot = wordBytes.contains(UInt8(ascii: "."))
                let projectAt = Array(wordBytes).firstOffset(of: project)
                guard hasDot || projectAt != nil else { continue }
                let word = String(decoding: wordBytes, as: UTF8.self)
                // (มชช.) (ม.ช.ช.): the same letters, dotted differently.
                let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "(),"))
                if hasDot, bare.count <= 12,
                    bare.unicodeScalars.allSatisfy({ (0x0E01...0x0E2E).contains($0.value) || $0 == "." })
                {
                    let letters = bare.filter { $0 != "." }
                    if letters.count >= 2, let first = abbreviations[letters], first.written != bare {
                        result.append(
                            DataError(
                                file: file, line: lineNumber, field: field,
                                message:
                                    "\(bare) is written \(first.written) on line \(first.line.map(String.init) ?? "?")",
                                rule: "names"))
                    } else if abbreviations[letters] == nil {
                        abbreviations[letters] = (bare, lineNumber)
                    }
                }
                // A project's name: โครงการ and what follows it up to the next space.
                guard let at = projectAt else { continue }
                let name = String(decoding: wordBytes.dropFirst(at), as: UTF8.self).trimmingCharacters(
                    in: CharacterSet(charactersIn: "(),\"“”"))
                guard name.unicodeScalars.count >= 20 else { continue }
                guard !seen.contains(where: { $0.name == name }) else { continue }
                // Each other spelling is reported once, where it first appears.
                if let first = seen.first(where: { Self.differsSlightly($0.name, name) }) {
                    result.append(
                        DataError(
                            file: file, line: lineNumber, field: field,
                            message: "\(name) is written \(first.name) on line \(first.line.map(String.init) ?? "?")",
                            rule: "names"))
                }
                seen.append((name, lineNumber))
            }
        }
        return result
    }

    /// Two long names a slip apart: a few letters changed in the middle, same start and end.
    static func differsSlightly(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard abs(x.count - y.count) <= 3 else { return false }
        // One a prefix of the other is a longer or shorter name, not a misspelling.
        if x.starts(with: y) || y.starts(with: x) { return false }
        let distance = Suggestion.editDistance(a, b)
        return distance >= 1 && distance <= max(2, min(x.count, y.count) / 8)
    }
}

// MARK: the same figure in two tables

extension DataChecks {
    /// Two tables of one document that give the same row (its name: `เมือง`) a column of the same
    /// title naming a target, an allocation or a budget (`เป้าหมาย`) must give it the same figure:
    /// a target copied from one table to the next is the same fact stated twice.
    /// Column titles of figures set once and restated (a target, an allocation, a budget).
    static let restatedTitles = ["เป้าหมาย", "จัดสรร", "งบประมาณ"]

    func crossTableProblems(_ tables: [(table: TableData, field: String)]) -> [DataError] {
        func labelColumn(_ table: TableData) -> Int? {
            table.columns.indices.first {
                table.columns[$0].kind == .text
                    && !TableData.sequenceTitles.contains(table.columns[$0].title.trimmingCharacters(in: .whitespaces))
            }
        }
        func comparable(_ title: String) -> Bool {
            let trimmed = title.trimmingCharacters(in: .whitespaces)
            // Targets and allocations are restated as they were set; results change from one
            // report to the next.
            return Self.restatedTitles.contains { trimmed.contains($0) }
        }
        var result: [DataError] = []
        for (j, later) in tables.enumerated() {
            guard let laterLabel = labelColumn(later.table) else { continue }
            for (i, earlier) in tables.prefix(j).enumerated() {
                guard let earlierLabel = labelColumn(earlier.table) else { continue }
                var rowsByLabel: [String: [String]] = [:]
                for row in earlier.table.rows where earlierLabel < row.count { rowsByLabel[row[earlierLabel]] = row }
                for (c, column) in later.table.columns.enumerated() where c != laterLabel && comparable(column.title) {
                    guard let e = earlier.table.columns.firstIndex(where: { $0.title == column.title }) else {
                        continue
                    }
                    for (r, row) in later.table.rows.enumerated() where laterLabel < row.count && c < row.count {
                        guard let other = rowsByLabel[row[laterLabel]], e < other.count,
                            let here = Self.number(row[c].trimmingCharacters(in: .whitespaces)),
                            let there = Self.number(other[e].trimmingCharacters(in: .whitespaces)),
                            abs(here - there) > 0.005
                        else { continue }
                        let line =
                            r < later.table.rowLines.count
                            ? later.table.rowLines[r] ?? later.table.line : later.table.line
                        result.append(
                            DataError(
                                file: file, line: line, field: "\(later.field).rows[\(r + 1)]",
                                message:
                                    "\(row[laterLabel]): \"\(column.title)\" is \(Self.thai(here)) here but \(Self.thai(there)) in table \(i + 1)",
                                rule: "stated-total"))
                    }
                }
            }
        }
        return result
    }
}
