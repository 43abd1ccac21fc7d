/// A calendar date, written the Thai way: Buddhist Era (พ.ศ. = ค.ศ. + 543), Thai month and
/// weekday names, Thai digits.
public struct ThaiDate: Hashable, Sendable, Comparable {
    /// Gregorian (Common Era) year, month 1–12, day 1–31.
    public let year: Int
    public let month: Int
    public let day: Int

    public static let buddhistEraOffset = 543

    public static let monthNames = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]
    public static let monthAbbreviations = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]
    /// Sunday first, as `weekday` counts.
    public static let weekdayNames = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"]

    public enum DateError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case impossible(String)
        case implausibleYear(String)
        public var description: String {
            switch self {
            case .malformed(let text):
                return
                    "\"\(text)\" is not a date; expected YYYY-MM-DD (e.g. 2018-09-12, or 2561-09-12 in the Buddhist Era), 12/09/2561 or \"12 กันยายน 2561\""
            case .impossible(let text): return "\"\(text)\" is not a day of the calendar"
            case .implausibleYear(let text):
                return "\"\(text)\": the year is not one a document carries; expected a Buddhist-Era year from "
                    + "\(ThaiDate.plausibleYears.lowerBound + buddhistEraOffset) to \(ThaiDate.plausibleYears.upperBound + buddhistEraOffset) "
                    + "(e.g. 2561, or 61 for 2561) or a Common-Era year from \(ThaiDate.plausibleYears.lowerBound) to \(ThaiDate.plausibleYears.upperBound)"
            }
        }
    }

    /// The Common-Era years a document's dates fall in: a year outside (`25610`, `2651`, `0000`)
    /// is a typo, reported rather than printed.
    public static let plausibleYears = 1900...2100

    /// A Gregorian date; throws for a day that does not exist (30 February) or a year outside
    /// `plausibleYears`.
    public init(year: Int, month: Int, day: Int) throws {
        let text = "\(year)-\(month)-\(day)"
        guard ThaiDate.plausibleYears.contains(year) else { throw DateError.implausibleYear(text) }
        guard (1...12).contains(month), day >= 1, day <= ThaiDate.daysIn(month: month, year: year) else {
            throw DateError.impossible(text)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2018-09-12`, a Buddhist-Era `2561-09-12` (any year above 2400 is taken as B.E.),
    /// Thai `12 กันยายน 2561` / `๑๒ ก.ย. ๒๕๖๑` / `๓๑ ส.ค. ๖๕`, or `12/09/2561` / `12/9/61` (day
    /// first; Buddhist Era; two digits are 25xx, a four-digit year below 2400 is Common Era, as
    /// `ค.ศ.` says).
    public init(parsing raw: String) throws {
        do {
            try self.init(parsingNormalized: raw)
        } catch DateError.impossible {
            throw DateError.impossible(raw)
        } catch DateError.implausibleYear {
            throw DateError.implausibleYear(raw)
        }
    }

    private init(parsingNormalized raw: String) throws {
        let text = ThaiDigits.toArabic(raw).trimmingWhitespace()
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, let y = ThaiDate.number(dashed[0], digits: 4...4),
            let m = ThaiDate.number(dashed[1], digits: 1...2), let d = ThaiDate.number(dashed[2], digits: 1...2)
        {
            try self.init(year: y > 2400 ? y - ThaiDate.buddhistEraOffset : y, month: m, day: d)
            return
        }
        // 31/12/2569, 31/12/69: day first, as Thai offices write it (a year written as in Thai text).
        let slashed = text.split(separator: "/", omittingEmptySubsequences: false)
        if slashed.count == 3, let d = ThaiDate.number(slashed[0], digits: 1...2),
            let m = ThaiDate.number(slashed[1], digits: 1...2),
            let y = ThaiDate.number(slashed[2], digits: 2...4), slashed[2].count != 3
        {
            try self.init(year: ThaiDate.commonEraYear(writtenThai: y, digits: slashed[2].count), month: m, day: d)
            return
        }
        let words = text.split(whereSeparator: { $0 == " " }).map(String.init).filter { $0 != "พ.ศ." && $0 != "ค.ศ." }
        if words.count == 3, let d = ThaiDate.number(words[0], digits: 1...2),
            let y = ThaiDate.number(words[2], digits: 2...4),
            let m = ThaiDate.monthNames.firstIndex(of: words[1]) ?? ThaiDate.monthAbbreviations.firstIndex(of: words[1])
        {
            try self.init(year: ThaiDate.commonEraYear(writtenThai: y, digits: words[2].count), month: m + 1, day: d)
            return
        }
        throw DateError.malformed(raw)
    }

    /// A year written in Thai text: `65` → 2565 B.E., `2565` B.E., `2022` (below 2400) C.E.
    static func commonEraYear(writtenThai year: Int, digits: Int) -> Int {
        if digits == 2 { return 2500 + year - buddhistEraOffset }
        return year > 2400 ? year - buddhistEraOffset : year
    }

    /// ASCII digits only, their count within `digits` (never an overflow: `Int("9…9")` is nil).
    private static func number<S: StringProtocol>(_ text: S, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    public var buddhistYear: Int { year + ThaiDate.buddhistEraOffset }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        // Sakamoto's method: no calendar object, so the result never depends on the machine's locale.
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let sum = y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day
        return (sum % 7 + 7) % 7
    }

    public var weekdayName: String { ThaiDate.weekdayNames[weekday] }

    /// Days from `other` to this date (negative when this one is earlier).
    public func daysSince(_ other: ThaiDate) -> Int { dayNumber - other.dayNumber }

    /// Days since a fixed origin, on the proleptic Gregorian calendar.
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day
    }

    /// `๑๒ กันยายน ๒๕๖๑` — the date line of a letter.
    public var full: String { ThaiDigits.toThai("\(day) \(ThaiDate.monthNames[month - 1]) \(buddhistYear)") }

    /// `๑๒ กันยายน พ.ศ. ๒๕๖๑` — orders and announcements (สั่ง ณ วันที่ …).
    public var fullWithEra: String {
        ThaiDigits.toThai("\(day) \(ThaiDate.monthNames[month - 1]) พ.ศ. \(buddhistYear)")
    }

    /// `วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒` — meetings and running text.
    public var withWeekday: String { "วัน\(weekdayName)ที่ \(full)" }

    /// `๑๒ ก.ย. ๖๑` — tables and dense text.
    public var abbreviated: String {
        ThaiDigits.toThai("\(day) \(ThaiDate.monthAbbreviations[month - 1]) \(String(format2: buddhistYear % 100))")
    }

    /// `ก.ย. ๖๑` — month columns of tables.
    public var monthYearAbbreviated: String {
        ThaiDigits.toThai("\(ThaiDate.monthAbbreviations[month - 1]) \(String(format2: buddhistYear % 100))")
    }

    /// `เดือนกันยายน ๒๕๖๑` style month-year without the day.
    public var monthYear: String { ThaiDigits.toThai("\(ThaiDate.monthNames[month - 1]) \(buddhistYear)") }

    public static func < (lhs: ThaiDate, rhs: ThaiDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension String {
    /// Two digits with a leading zero.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }

    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
