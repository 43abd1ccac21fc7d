/// Stretches of Thai text that must stay on one line: a date, a year with พ.ศ., a number with
/// its unit, a time, a person's name, a word and its ๆ. A line breaker receives them as ranges
/// to protect; the text itself gains no invisible characters.
public enum ThaiLineBreakRules {
    static let digit = "[0-9๐-๙]"
    static let number = "\(digit)[0-9๐-๙,./]*"
    static let months = (ThaiDate.monthNames + ThaiDate.monthAbbreviations)
        .map { $0.replacingAll(".", with: "\\.") }.joined(separator: "|")
    static let units = [
        "บาท", "สตางค์", "กลุ่ม", "คน", "ราย", "ฉบับ", "ชุด", "แห่ง", "หมู่บ้าน", "อำเภอ", "ตำบล", "จังหวัด",
        "ครั้ง", "วัน", "เดือน", "ปี", "หน้า", "เล่ม", "ชั่วโมง", "นาที", "น\\.", "%", "ครัวเรือน", "โครงการ",
        "กิจกรรม", "แผน", "ตัว", "เครื่อง", "หลัง", "ไร่", "กิโลเมตร", "เมตร", "ข้อ",
    ].joined(separator: "|")
    static let leadWords = ["จำนวน", "ร้อยละ", "ครั้งที่", "ข้อ", "หมู่ที่", "ลำดับที่", "วันที่", "เวลา", "ที่", "ปี", "พ.ศ.", "ค.ศ.", "โทร."]
        .map { $0.replacingAll(".", with: "\\.") }.joined(separator: "|")
    static let titles = "นางสาว|นาย|นาง|ว่าที่ร้อยตรี|ดร\\."
    /// Titles that begin words that are not names (นายอำเภอ is a position).
    static let notNames = ["นายอำเภอ", "นายก", "นายทะเบียน", "นายช่าง", "นายสัตวแพทย์", "นายจ้าง", "นางพยาบาล"]

    /// Longest protected stretch, in characters: longer ones would not fit a line.
    public static let maximumLength = 40

    nonisolated(unsafe) static let patterns: [Regex<AnyRegexOutput>] = [
        // ๑๒ กันยายน ๒๕๖๑, ๓๐ ส.ค. ๖๒, with an optional พ.ศ.
        "\(digit){1,2} (?:\(months))(?: พ\\.ศ\\.)? \(digit){2,4}",
        // เวลา ๐๙.๓๐ - ๑๖.๓๐ น.
        "\(number)(?: ?- ?\(number))? (?:\(units))",
        // จำนวน ๑๗, ร้อยละ ๘๕, ครั้งที่ ๘/๒๕๖๒, พ.ศ. ๒๕๖๑
        "(?:\(leadWords)) ?\(number)",
        // telephone numbers written in groups: ๐ ๕๔๒๖ ๕๐๕๕, ๐-๕๔๒๖-๕๐๕๕
        "\\b\(digit)+(?:[ -]\(digit){2,})+",
        // a word and its ๆ: ต่าง ๆ
        "[^\\s]+ ๆ",
        // นายสมชาย ใจดี
        "(?:\(titles))[ก-๏]+ [ก-๏]+",
    ].map { try! Regex($0).matchingSemantics(.unicodeScalar) }

    /// Ranges of `text` that must not contain a line break, merged where they overlap.
    public static func protectedRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        for pattern in patterns {
            for match in text.matches(of: pattern) {
                let range = match.range
                let matched = text[range]
                if notNames.contains(where: { matched.hasPrefix($0) }) { continue }
                if matched.count <= maximumLength { ranges.append(range) }
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.filter { text[$0].count <= maximumLength }
    }

    /// The same ranges as UTF-8 byte offsets (what Pango's attributes take).
    public static func protectedByteRanges(in text: String) -> [Range<Int>] {
        protectedRanges(in: text).map {
            text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound)
        }
    }
}
