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
    /// Words after which a number belongs to them (the word may end a longer run: ภายในวันที่);
    /// ลงวันที่ ("dated") before วันที่, so that ลง stays with its date.
    static let leadWords = [
        "จำนวน", "ร้อยละ", "ครั้งที่", "ข้อ", "หมู่ที่", "ลำดับที่", "ลงวันที่", "วันที่", "เวลา", "ที่", "ปี", "พ.ศ.", "ค.ศ.", "โทร.", "ฉบับที่",
        "รอบที่", "รอบ", "งวดที่", "ไตรมาสที่", "ไตรมาส", "ระยะที่", "รุ่นที่", "ชั้น", "เลขที่",
    ]
    static let months = Set(ThaiDate.monthNames + ThaiDate.monthAbbreviations)
    static let titles = ["นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี", "ดร."]
    /// Titles that begin words that are not names (นายอำเภอ is a position).
    public static let notNames = ["นายอำเภอ", "นายก", "นายทะเบียน", "นายช่าง", "นายสัตวแพทย์", "นายจ้าง", "นางพยาบาล"]
    /// The longest bracketed word kept whole, in characters: `(ครัวเรือน)` is 11.
    static let bracketedWordLength = 14
    /// How much of the word before ๆ is kept with it.
    static let repeatTail = 12

    /// Longest protected stretch, in characters, by default: longer ones might not fit a line.
    public static let maximumLength = 40
    /// Royal and honorific titles run into the name they belong to; no break after them.
    static let royalPrefixes = ["สมเด็จพระ", "พระบาทสมเด็จ", "พระเจ้า", "พระราช", "กรมสมเด็จพระ", "กรมพระ", "กรมหลวง"]
    /// Royal names as documents write them, kept whole wherever they appear (a name longer than
    /// `maximumLength` too: it is kept up to `royalNameMaximumLength`). The common ones; an office
    /// adds others in its data as ordinary text and they keep their first word whole.
    public static let royalNames = [
        "พระบาทสมเด็จพระวชิรเกล้าเจ้าอยู่หัว", "พระบาทสมเด็จพระปรเมนทรรามาธิบดีศรีสินทรมหาวชิราลงกรณ พระวชิรเกล้าเจ้าอยู่หัว",
        "สมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี",
        "สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี",
        "สมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี", "กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี",
        "สมเด็จพระบรมราชชนนีพันปีหลวง", "สมเด็จพระนางเจ้าสิริกิติ์ พระบรมราชินีนาถ พระบรมราชชนนีพันปีหลวง",
        "พระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร",
        "สมเด็จพระเจ้าลูกเธอ เจ้าฟ้าพัชรกิติยาภา นเรนทิราเทพยวดี กรมหลวงราชสาริณี สิริพัชร มหาวัชรราชธิดา",
        "สมเด็จพระเจ้าน้องนางเธอ เจ้าฟ้าจุฬาภรณวลัยลักษณ์ อัครราชกุมารี กรมพระศรีสวางควัฒน วรขัตติยราชนารี",
        "เจ้าฟ้าสิริวัณณวรี นารีรัตนราชกัญญา", "เจ้าฟ้าทีปังกรรัศมีโชติ มหาวชิโรตตมางกูร สิริวิบูลยราชกุมาร",
    ]
    /// The longest royal name kept on one line; longer ones keep each of their words whole.
    static let royalNameMaximumLength = 60
    static let royalNameBytes = royalNames.map { Array($0.utf8) }
    /// Every royal name holds one of these two.
    static let royalNameStart = Array("สมเด็จ".utf8), royalNameStartPrince = Array("เจ้าฟ้า".utf8)
    /// Every royal title holds one of these (all but กรมหลวง hold พระ): a word without either needs no closer look.
    static let royalTitleMarkers = [Array("พระ".utf8), Array("กรมหลวง".utf8)]

    /// The word lists as UTF-8: the scan compares bytes, as Swift's string comparison would
    /// normalise every Thai word first.
    static let unitBytes = Set(units.map { Array($0.utf8) })
    static let longUnitBytes = units.filter { $0.count > 1 }.map { Array($0.utf8) }
    static let leadWordBytes = leadWords.map { Array($0.utf8) }
    static let monthBytes = Set(months.map { Array($0.utf8) })
    static let titleBytes = titles.map { Array($0.utf8) }
    static let notNameBytes = notNames.map { Array($0.utf8) }
    static let royalPrefixBytes = royalPrefixes.map { Array($0.utf8) }
    static let buddhistEra = Array("พ.ศ.".utf8), repeatMark = Array("ๆ".utf8), abbreviationMark = Array("ฯ".utf8)
    static let dash = [UInt8(ascii: "-")], enDash = Array("–".utf8)

    struct Word {
        var text: ArraySlice<UInt8>
        /// UTF-8 offsets in the whole text.
        var start: Int { text.startIndex }
        var end: Int { text.endIndex }
        var scalars: String.UnicodeScalarView { String(decoding: text, as: UTF8.self).unicodeScalars }
        func hasPrefix(_ prefix: [UInt8]) -> Bool { text.starts(with: prefix) }
        func hasSuffix(_ suffix: [UInt8]) -> Bool {
            text.count >= suffix.count && text.suffix(suffix.count).elementsEqual(suffix)
        }
        func isEqual(to other: [UInt8]) -> Bool { text.elementsEqual(other) }
    }

    static func words(of bytes: [UInt8]) -> [Word] {
        bytes.split(separator: UInt8(ascii: " ")).map { Word(text: $0) }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0x0E50...0x0E59).contains(s.value)
    }

    /// A number as letters write them: ๕๓๓,๘๐๐ · ๑๒.๐๐ · ๘/๒๕๖๒ · 1,234.50
    static func isNumber(_ word: Word) -> Bool {
        let scalars = word.scalars
        guard let first = scalars.first, isDigit(first) else { return false }
        return scalars.allSatisfy { isDigit($0) || $0 == "," || $0 == "." || $0 == "/" || $0 == "-" }
    }

    static func isDigits(_ word: Word) -> Bool { !word.text.isEmpty && word.scalars.allSatisfy(isDigit) }

    /// How many bytes of `word` stay with the number before it as its unit: all of it when it
    /// is a unit (บาท) or a unit with a short name run into it (ตำบลวังทรายคำ); only the unit it
    /// starts with when the rest is a long run of words — Thai writes phrases without spaces, and
    /// `รายงานความก้าวหน้า…ยั่งยืน` after `๗.` kept whole would be a stretch as long as a line.
    static func unitLength(_ word: Word) -> Int? {
        if unitBytes.contains(Array(word.text)) { return word.end - word.start }
        guard let unit = longUnitBytes.filter({ word.hasPrefix($0) }).map(\.count).max() else { return nil }
        return word.scalars.count <= unitWithNameLength ? word.end - word.start : unit
    }

    /// The longest unit with a name run into it (ตำบลวังทรายคำ, อำเภอเฉลิมพระเกียรติ) kept whole, in characters.
    static let unitWithNameLength = 20

    static func isThaiName(_ word: Word) -> Bool {
        !word.text.isEmpty && word.scalars.allSatisfy { (0x0E01...0x0E4E).contains($0.value) || $0 == ")" }
    }

    /// UTF-8 byte ranges of `text` that must not contain a line break, merged where they overlap.
    public static func protectedByteRanges(in text: String, maximumLength: Int = maximumLength) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        let words = words(of: bytes)
        var ranges: [Range<Int>] = []
        /// Royal names and titles: kept up to `royalNameMaximumLength`, not `maximumLength`.
        var royal: [Range<Int>] = []
        func protect(_ from: Int, _ to: Int) { if to > from { ranges.append(from..<to) } }
        // Royal names all start with one of a few words: look for those first (most text has none).
        if bytes.firstOffset(of: royalNameStart) != nil || bytes.firstOffset(of: royalNameStartPrince) != nil {
            for name in royalNameBytes {
                var from = 0
                while let found = bytes.firstOffset(of: name, from: from) {
                    royal.append(found..<(found + name.count))
                    from = found + name.count
                }
            }
        }

        for (i, word) in words.enumerated() {
            let next = i + 1 < words.count ? words[i + 1] : nil
            // ๑๒ กันยายน ๒๕๖๑ (with an optional พ.ศ.)
            if isDigits(word), word.scalars.count <= 2, let month = next, monthBytes.contains(Array(month.text)) {
                var j = i + 2
                if j < words.count, words[j].isEqual(to: buddhistEra) { j += 1 }
                if j < words.count, isDigits(words[j]) {
                    protect(word.start, words[j].end)
                } else {
                    protect(word.start, month.end)
                }
            }
            // สิงหาคม ๒๕๖๕, เดือนสิงหาคม ๒๕๖๕, ส.ค. ๖๕: a month keeps its year (a day before it
            // was taken above)
            if let next, isDigits(next), [2, 4].contains(next.scalars.count),
                monthBytes.contains(where: { word.hasSuffix($0) })
            {
                let month = monthBytes.filter { word.hasSuffix($0) }.max { $0.count < $1.count }!
                protect(word.end - month.count, next.end)
            }
            let wordIsNumber = isNumber(word)
            // ๐-๕๔๒๖-๕๐๕๕, ๒/๒๕๖๕, ๒๕๖๕-๒๕๖๖: a hyphen or slash inside a number is no place to break
            if wordIsNumber, word.text.contains(UInt8(ascii: "-")) || word.text.contains(UInt8(ascii: "/")) {
                protect(word.start, word.end)
            }
            if wordIsNumber, let next {
                let isDash = next.isEqual(to: dash) || next.isEqual(to: enDash)
                // ๐๙.๐๐ - ๑๖.๓๐ น.
                if isDash, i + 3 < words.count, isNumber(words[i + 2]), let unit = unitLength(words[i + 3]) {
                    protect(word.start, words[i + 3].start + unit)
                } else if isDash, i + 2 < words.count, isDigits(word), isDigits(words[i + 2]), word.scalars.count == 4,
                    words[i + 2].scalars.count == 4
                {
                    protect(word.start, words[i + 2].end)  // ๒๕๖๕ - ๒๕๖๖
                } else if let unit = unitLength(next) {
                    protect(word.start, next.start + unit)  // ๕๓๓,๘๐๐ บาท
                } else if isDigits(next), next.scalars.count >= 2, isDigits(word) {
                    var j = i + 1  // ๐ ๕๔๒๖ ๕๐๕๕
                    while j + 1 < words.count, isDigits(words[j + 1]), words[j + 1].scalars.count >= 2 { j += 1 }
                    protect(word.start, words[j].end)
                }
            }
            // ครั้งที่ ๘/๒๕๖๒, ภายในวันที่ ๑๓
            if let next, isNumber(next),
                let lead = leadWordBytes.filter({ word.hasSuffix($0) }).max(by: { $0.count < $1.count })
            {
                protect(word.end - lead.count, next.end)
            }
            // กิจกรรมต่าง ๆ: the word's end stays with its ๆ
            if let next, next.hasPrefix(repeatMark) {
                let tail = word.scalars.suffix(repeatTail)
                protect(word.end - String(String.UnicodeScalarView(tail)).utf8.count, next.start + repeatMark.count)
            }
            // สมเด็จพระกนิษฐาธิราชเจ้า…: a royal name is one word, however long
            // (โดยกรมสมเด็จพระเทพรัตนราชสุดาฯ: from the title on; every royal title has พระ)
            let wordBytes = Array(word.text)
            if wordBytes.count >= 9, royalTitleMarkers.contains(where: { wordBytes.firstOffset(of: $0) != nil }),
                let start = royalPrefixBytes.compactMap({ wordBytes.firstOffset(of: $0) }).min()
            {
                royal.append((word.start + start)..<word.end)
            }
            // สมเด็จพระเทพรัตนราชสุดาฯ, สารสนเทศฯ, ฯลฯ: no break before ฯ; ฯ shortens the word
            // before it, so only its last letters stay with it.
            if let first = wordBytes.firstOffset(of: abbreviationMark) {
                var last = first
                while let next = wordBytes.firstOffset(of: abbreviationMark, from: last + abbreviationMark.count) {
                    last = next
                }
                let before = String(decoding: wordBytes[0..<first], as: UTF8.self).unicodeScalars.suffix(3)
                protect(
                    word.start + first - String(String.UnicodeScalarView(before)).utf8.count,
                    word.start + last + abbreviationMark.count)
            }
            // (ครัวเรือน), (คน), (คลัสเตอร์): a short word in brackets (a unit) is one word; a
            // bracketed phrase breaks like any text
            if word.text.first == UInt8(ascii: "("), word.text.last == UInt8(ascii: ")"), word.text.count > 2,
                word.scalars.count <= bracketedWordLength
            {
                protect(word.start, word.end)
            }
            // นางสาวศศิธร อินทกุล
            if let next, let title = titleBytes.first(where: { word.hasPrefix($0) }), word.text.count > title.count,
                !notNameBytes.contains(where: { word.hasPrefix($0) }), isThaiName(word), isThaiName(next)
            {
                protect(word.start, next.end)
            }
        }

        func length(_ range: Range<Int>) -> Int { String(decoding: bytes[range], as: UTF8.self).count }
        // Each stretch must fit a line; those that run into each other are kept as one when that
        // one fits, else each on its own (a date beside a time beside an amount: each whole).
        // A royal name may run past the default limit, never past the line the caller measured.
        let royalLimit = maximumLength == Self.maximumLength ? royalNameMaximumLength : maximumLength
        let kept = ranges.filter { length($0) <= maximumLength } + royal.filter { length($0) <= royalLimit }
        let sorted = kept.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var groups: [[Range<Int>]] = []
        for range in sorted {
            if let last = groups.last?.map(\.upperBound).max(), range.lowerBound <= last {
                groups[groups.count - 1].append(range)
            } else {
                groups.append([range])
            }
        }
        var result: [Range<Int>] = []
        for group in groups {
            let merged = group[0].lowerBound..<group.map(\.upperBound).max()!
            let limit = group.contains { royal.contains($0) } ? max(maximumLength, royalLimit) : maximumLength
            if group.count == 1 || length(merged) <= limit { result.append(merged) } else { result += group }
        }
        return result
    }

    /// The same ranges as string indices.
    public static func protectedRanges(in text: String, maximumLength: Int = maximumLength) -> [Range<String.Index>] {
        protectedByteRanges(in: text, maximumLength: maximumLength).map {
            text.utf8.index(
                text.startIndex, offsetBy: $0.lowerBound)..<text.utf8.index(text.startIndex, offsetBy: $0.upperBound)
        }
    }
}
