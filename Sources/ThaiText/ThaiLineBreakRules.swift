/// Stretches of Thai text that must stay on one line: a date, a year with พ.ศ., a number with
/// its unit, a time, a telephone number, a person's name, a word and its ๆ. A line breaker
/// receives them as ranges to protect; the text itself gains no invisible characters.
///
/// The rules look at the text's space-separated words (Thai separates phrases, not words, with
/// spaces), which is all these stretches need and keeps the scan linear.
public enum ThaiLineBreakRules {
    static let units: Set<String> = [
        "บาท", "สตางค์", "กลุ่ม", "คน", "ราย", "ฉบับ", "ชุด", "แห่ง", "หมู่บ้าน", "อำเภอ", "ตำบล", "จังหวัด",
        "ครั้ง", "วัน", "เดือน", "ปี", "หน้า", "เล่ม", "ชั่วโมง", "นาที", "น.", "%", "ครัวเรือน", "โครงการ",
        "กิจกรรม", "แผน", "ตัว", "เครื่อง", "หลัง", "ไร่", "กิโลเมตร", "เมตร", "ข้อ", "ภาค", "คะแนน",
    ]
    /// Words after which a number belongs to them (the word may end a longer run: ภายในวันที่).
    static let leadWords = ["จำนวน", "ร้อยละ", "ครั้งที่", "ข้อ", "หมู่ที่", "ลำดับที่", "วันที่", "เวลา", "ที่", "ปี", "พ.ศ.", "ค.ศ.", "โทร.", "ฉบับที่"]
    static let months = Set(ThaiDate.monthNames + ThaiDate.monthAbbreviations)
    static let titles = ["นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี", "ดร."]
    /// Titles that begin words that are not names (นายอำเภอ is a position).
    static let notNames = ["นายอำเภอ", "นายก", "นายทะเบียน", "นายช่าง", "นายสัตวแพทย์", "นายจ้าง", "นางพยาบาล"]
    /// How much of the word before ๆ is kept with it.
    static let repeatTail = 12

    /// Longest protected stretch, in characters, by default: longer ones might not fit a line.
    public static let maximumLength = 40
    /// Royal and honorific titles run into the name they belong to; no break after them.
    static let royalPrefixes = ["สมเด็จพระ", "พระบาทสมเด็จ", "พระเจ้า", "พระราช"]

    struct Word {
        var text: Substring
        /// UTF-8 offsets in the whole text.
        var start: Int
        var end: Int
    }

    static func words(of text: String) -> [Word] {
        var result: [Word] = []
        var offset = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            let length = piece.utf8.count
            if length > 0 { result.append(Word(text: piece, start: offset, end: offset + length)) }
            offset += length + 1
        }
        return result
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0x0E50...0x0E59).contains(s.value)
    }

    /// A number as letters write them: ๕๓๓,๘๐๐ · ๑๒.๐๐ · ๘/๒๕๖๒ · 1,234.50
    static func isNumber(_ word: Substring) -> Bool {
        guard let first = word.unicodeScalars.first, isDigit(first) else { return false }
        return word.unicodeScalars.allSatisfy { isDigit($0) || $0 == "," || $0 == "." || $0 == "/" || $0 == "-" }
    }

    static func isDigits(_ word: Substring) -> Bool { !word.isEmpty && word.unicodeScalars.allSatisfy(isDigit) }

    static func isUnit(_ word: Substring) -> Bool {
        units.contains(String(word)) || units.contains { word.hasPrefix($0) && $0.count > 1 }
    }

    static func isThaiName(_ word: Substring) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { (0x0E01...0x0E4E).contains($0.value) || $0 == ")" }
    }

    /// UTF-8 byte ranges of `text` that must not contain a line break, merged where they overlap.
    public static func protectedByteRanges(in text: String, maximumLength: Int = maximumLength) -> [Range<Int>] {
        let words = words(of: text)
        var ranges: [Range<Int>] = []
        func protect(_ from: Int, _ to: Int) { if to > from { ranges.append(from..<to) } }

        for (i, word) in words.enumerated() {
            let next = i + 1 < words.count ? words[i + 1] : nil
            // ๑๒ กันยายน ๒๕๖๑ (with an optional พ.ศ.)
            if isDigits(word.text), word.text.unicodeScalars.count <= 2, let month = next, months.contains(String(month.text)) {
                var j = i + 2
                if j < words.count, words[j].text == "พ.ศ." { j += 1 }
                if j < words.count, isDigits(words[j].text) { protect(word.start, words[j].end) } else { protect(word.start, month.end) }
            }
            // ๐-๕๔๒๖-๕๐๕๕: hyphens inside a number are no place to break
            if isNumber(word.text), word.text.contains("-") { protect(word.start, word.end) }
            if isNumber(word.text), let next {
                // ๐๙.๐๐ - ๑๖.๓๐ น.
                if next.text == "-", i + 3 < words.count, isNumber(words[i + 2].text), isUnit(words[i + 3].text) {
                    protect(word.start, words[i + 3].end)
                } else if isUnit(next.text) {
                    protect(word.start, next.end)                              // ๕๓๓,๘๐๐ บาท
                } else if isDigits(next.text), next.text.unicodeScalars.count >= 2, isDigits(word.text) {
                    var j = i + 1                                              // ๐ ๕๔๒๖ ๕๐๕๕
                    while j + 1 < words.count, isDigits(words[j + 1].text), words[j + 1].text.unicodeScalars.count >= 2 { j += 1 }
                    protect(word.start, words[j].end)
                }
            }
            // ครั้งที่ ๘/๒๕๖๒, ภายในวันที่ ๑๓
            if let next, isNumber(next.text), let lead = leadWords.first(where: { word.text.hasSuffix($0) }) {
                protect(word.end - lead.utf8.count, next.end)
            }
            // กิจกรรมต่าง ๆ: the word's end stays with its ๆ
            if let next, next.text == "ๆ" || next.text.hasPrefix("ๆ") {
                let tail = word.text.unicodeScalars.suffix(repeatTail)
                protect(word.end - String(String.UnicodeScalarView(tail)).utf8.count, next.start + "ๆ".utf8.count)
            }
            // สมเด็จพระกนิษฐาธิราชเจ้า…: a royal name is one word, however long
            if royalPrefixes.contains(where: { word.text.hasPrefix($0) }) { protect(word.start, word.end) }
            // นางสาวศศิธร อินทกุล
            if let next, let title = titles.first(where: { word.text.hasPrefix($0) }), word.text.count > title.count,
               !notNames.contains(where: { word.text.hasPrefix($0) }), isThaiName(word.text), isThaiName(next.text) {
                protect(word.start, next.end)
            }
        }

        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        let bytes = Array(text.utf8)
        return merged.filter { String(decoding: bytes[$0], as: UTF8.self).count <= maximumLength }
    }

    /// The same ranges as string indices.
    public static func protectedRanges(in text: String, maximumLength: Int = maximumLength) -> [Range<String.Index>] {
        protectedByteRanges(in: text, maximumLength: maximumLength).map {
            text.utf8.index(text.startIndex, offsetBy: $0.lowerBound)..<text.utf8.index(text.startIndex, offsetBy: $0.upperBound)
        }
    }
}
