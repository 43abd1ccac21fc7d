import Testing

@testable import ThaiText

@Suite("Thai digits")
struct ThaiDigitsTests {
    @Test(
        "converts quantities, leaves names and addresses",
        arguments: [
            ("ครั้งที่ 8/2562", "ครั้งที่ ๘/๒๕๖๒"),
            ("ลป 0019.3/ว 2561", "ลป ๐๐๑๙.๓/ว ๒๕๖๑"),
            ("โรค COVID-19 ระบาด 2 ครั้ง", "โรค COVID-19 ระบาด ๒ ครั้ง"),
            ("ดูที่ www.lopburi.cdd.go.th หรือ 3 วัน", "ดูที่ www.lopburi.cdd.go.th หรือ ๓ วัน"),
            ("ส่ง saraban1@cdd.go.th ภายใน 7 วัน", "ส่ง saraban1@cdd.go.th ภายใน ๗ วัน"),
            ("https://example.go.th/a1 10", "https://example.go.th/a1 ๑๐"),
            ("(COVID-19)", "(COVID-19)"),
            ("0-5426-5055", "๐-๕๔๒๖-๕๐๕๕"),
            ("", ""),
            ("  12  ", "  ๑๒  "),
        ])
    func toThai(input: String, expected: String) {
        #expect(ThaiDigits.toThai(input) == expected)
    }

    @Test func roundTrips() {
        #expect(ThaiDigits.toArabic("๐๑๒๓๔๕๖๗๘๙ น.") == "0123456789 น.")
        #expect(ThaiDigits.toArabic(ThaiDigits.toThai("1234567890")) == "1234567890")
    }
}

@Suite("Thai dates and times")
struct ThaiDateTests {
    @Test func letterDates() throws {
        let date = try ThaiDate(parsing: "2018-09-12")
        #expect(date.full == "๑๒ กันยายน ๒๕๖๑")
        #expect(date.abbreviated == "๑๒ ก.ย. ๖๑")
        #expect(date.monthYearAbbreviated == "ก.ย. ๖๑")
        #expect(date.fullWithEra == "๑๒ กันยายน พ.ศ. ๒๕๖๑")
    }

    @Test(
        "weekday names match the calendar",
        arguments: [
            ("2019-08-30", "วันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒"),
            ("2022-08-31", "วันพุธที่ ๓๑ สิงหาคม ๒๕๖๕"),
            ("2020-05-14", "วันพฤหัสบดีที่ ๑๔ พฤษภาคม ๒๕๖๓"),
            ("2000-02-29", "วันอังคารที่ ๒๙ กุมภาพันธ์ ๒๕๔๓"),
            ("2026-11-22", "วันอาทิตย์ที่ ๒๒ พฤศจิกายน ๒๕๖๙"),
            ("2024-01-01", "วันจันทร์ที่ ๑ มกราคม ๒๕๖๗"),
            ("2023-12-30", "วันเสาร์ที่ ๓๐ ธันวาคม ๒๕๖๖"),
        ])
    func weekdays(iso: String, expected: String) throws {
        #expect(try ThaiDate(parsing: iso).withWeekday == expected)
    }

    @Test(
        "parses Buddhist-Era and Thai forms",
        arguments: [
            "2561-09-12", "12 กันยายน 2561", "๑๒ กันยายน ๒๕๖๑", "๑๒ ก.ย. ๒๕๖๑", "12 กันยายน พ.ศ. 2561",
        ])
    func parsesThaiForms(text: String) throws {
        #expect(try ThaiDate(parsing: text) == ThaiDate(year: 2018, month: 9, day: 12))
    }

    @Test(
        "rejects impossible and malformed dates",
        arguments: [
            "2019-02-29", "2018-13-01", "2018-04-31", "2018-00-10", "12 Septober 2561", "yesterday", "",
        ])
    func rejects(text: String) {
        #expect(throws: ThaiDate.DateError.self) { try ThaiDate(parsing: text) }
    }

    @Test func leapYears() throws {
        #expect(try ThaiDate(parsing: "2000-02-29").day == 29)
        #expect(throws: ThaiDate.DateError.self) { try ThaiDate(parsing: "1900-02-29") }
    }

    @Test(
        "times",
        arguments: [("09:30", "๐๙.๓๐ น."), ("9.00", "๐๙.๐๐ น."), ("๑๓.๓๐ น.", "๑๓.๓๐ น."), ("16:05", "๑๖.๐๕ น.")])
    func times(input: String, expected: String) throws {
        #expect(try ThaiTime(parsing: input).formatted == expected)
    }

    @Test("rejects bad times", arguments: ["25:00", "12:60", "noon", "9", "9:5"])
    func badTimes(input: String) {
        #expect(throws: ThaiTime.TimeError.self) { try ThaiTime(parsing: input) }
    }
}

@Suite("Line-break protection")
struct LineBreakRulesTests {
    @Test(
        "protects dates, units, names and ๆ",
        arguments: [
            ("ภายในวันที่ ๑๓ กันยายน ๒๕๖๑ ก่อนเวลา", "๑๓ กันยายน ๒๕๖๑"),
            ("เป็นเงิน ๕๓๓,๘๐๐ บาท (ห้าแสน", "๕๓๓,๘๐๐ บาท"),
            ("ครั้งที่ ๘/๒๕๖๒ เมื่อ", "ครั้งที่ ๘/๒๕๖๒"),
            ("ปีงบประมาณ พ.ศ. ๒๕๖๒ ต่อไป", "พ.ศ. ๒๕๖๒"),
            ("เวลา ๐๙.๐๐ - ๑๖.๓๐ น. ณ", "๐๙.๐๐ - ๑๖.๓๐ น."),
            ("กิจกรรมต่าง ๆ ที่", "กิจกรรมต่าง ๆ"),
            ("ลงนามโดย นางสาวศศิธร อินทกุล แล้ว", "นางสาวศศิธร อินทกุล"),
            ("ที่ ลป ๐๐๑๙/ว ๑๙๓๔ ลงวันที่ ๒๘ เมษายน ๒๕๖๓ แจ้ง", "ลงวันที่ ๒๘ เมษายน ๒๕๖๓"),
            // A date in each of its forms.
            ("ประจำเดือนสิงหาคม ๒๕๖๕ ได้", "สิงหาคม ๒๕๖๕"),
            ("ภายในวันพุธที่ ๓๑ ส.ค. ๖๕ นี้", "๓๑ ส.ค. ๖๕"),
            ("ณ วันที่ ๑๕ สิงหาคม พ.ศ. ๒๕๖๕ ณ", "๑๕ สิงหาคม พ.ศ. ๒๕๖๕"),
            ("ข้อมูล ส.ค. ๖๕ แล้ว", "ส.ค. ๖๕"),
            // A round and its year, a range of years.
            ("การประเมิน รอบ ๒/๒๕๖๕ แล้ว", "รอบ ๒/๒๕๖๕"),
            ("ในปีงบประมาณ ๒๕๖๕-๒๕๖๖ ต่อไป", "๒๕๖๕-๒๕๖๖"),
            ("แผนปี ๒๕๖๕ - ๒๕๖๖ ต่อไป", "๒๕๖๕ - ๒๕๖๖"),
            ("ไตรมาสที่ ๓ ของปี", "ไตรมาสที่ ๓"),
            // Royal names, ฯ.
            (
                "เพื่อถวายสมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี ในโอกาส",
                "สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี"
            ),
            ("โดยกรมสมเด็จพระเทพรัตนราชสุดาฯ ทรง", "กรมสมเด็จพระเทพรัตนราชสุดาฯ"),
            ("กลุ่มงานสารสนเทศฯ ได้จัดทำ", "ทศฯ"),
            ("เอกสาร ฯลฯ ที่", "ฯลฯ"),
            ("จำนวน (ครัวเรือน) ที่", "(ครัวเรือน)"),
        ])
    func protects(text: String, expected: String) {
        let pieces = ThaiLineBreakRules.protectedRanges(in: text).map { String(text[$0]) }
        #expect(pieces.contains { $0.contains(expected) }, "\(pieces)")
    }

    /// A number keeps its unit, and a short name run into the unit (หมู่ที่ ๗ ตำบลวังทรายคำ), but
    /// not a long run of words that merely starts like a unit: after `๗.` the item
    /// `รายงานความก้าวหน้า…ยั่งยืน` (ราย) or `๒๕๖๓ กิจกรรมหลักสร้าง…` (กิจกรรม) keep only the unit's
    /// letters, so that the run still breaks between its words (seed 004's item ๗ ran 3.7 pt past
    /// the margin, seed 001 left lines short and broke a date from its year).
    @Test func aNumberKeepsItsUnitNotTheWholeRunAfterIt() {
        let long = "๗. รายงานความก้าวหน้าการดำเนินงานโครงการพัฒนาศักยภาพสมาชิกชุมชนสู่ความยั่งยืน ส่งให้จังหวัด"
        let pieces = ThaiLineBreakRules.protectedRanges(in: long, maximumLength: 80).map { String(long[$0]) }
        #expect(pieces == ["๗. ราย"], "\(pieces)")
        let place = "กลุ่มส่งเสริมการปลูกดาวเรือง หมู่ที่ ๗ ตำบลวังทรายคำ อำเภอวังเหนือ"
        let kept = ThaiLineBreakRules.protectedRanges(in: place, maximumLength: 80).map { String(place[$0]) }
        #expect(kept.contains { $0.contains("๗ ตำบลวังทรายคำ") }, "\(kept)")
        let year = "ปีงบประมาณ ๒๕๖๓ กิจกรรมหลักสร้างและพัฒนาผู้นำสัมมาชีพชุมชนตามหลักปรัชญาของเศรษฐกิจพอเพียง ตาม"
        let yearPieces = ThaiLineBreakRules.protectedRanges(in: year, maximumLength: 80).map { String(year[$0]) }
        #expect(yearPieces.allSatisfy { $0.count <= 20 }, "\(yearPieces)")
    }

    /// A date beside a time beside an amount: too long together for one line, each stays whole.
    @Test func stretchesTooLongTogetherStayWholeEachOnItsOwn() {
        let text = "ภายในวันที่ ๑๕ สิงหาคม ๒๕๖๕ เวลา ๐๙.๓๐ - ๑๖.๓๐ น. เป็นเงิน ๑,๒๓๔,๕๖๗ บาท ต่อไป"
        let pieces = ThaiLineBreakRules.protectedRanges(in: text, maximumLength: 30).map { String(text[$0]) }
        for part in ["๑๕ สิงหาคม ๒๕๖๕", "๐๙.๓๐ - ๑๖.๓๐ น.", "๑,๒๓๔,๕๖๗ บาท"] {
            #expect(pieces.contains { $0.contains(part) }, "\(part) in \(pieces)")
        }
    }

    @Test func positionsAreNotNames() {
        let text = "เรียน นายอำเภอทุกอำเภอ และผู้เกี่ยวข้อง"
        #expect(ThaiLineBreakRules.protectedRanges(in: text).isEmpty)
    }

    @Test func byteRangesMatchTheText() {
        let text = "เงิน ๕๓๓,๘๐๐ บาท"
        let bytes = Array(text.utf8)
        let range = ThaiLineBreakRules.protectedByteRanges(in: text)[0]
        #expect(String(decoding: bytes[range], as: UTF8.self) == "๕๓๓,๘๐๐ บาท")
    }
}

@Suite("Line-break protection of numbers")
struct PhoneNumberRulesTests {
    @Test("keeps telephone numbers whole", arguments: ["โทร. ๐ ๕๔๒๖ ๕๐๕๕", "โทร./โทรสาร ๐-๕๔๒๖-๕๐๕๕"])
    func phones(text: String) {
        let number = text.split(separator: " ", maxSplits: 1).last.map(String.init)!
        let pieces = ThaiLineBreakRules.protectedRanges(in: text).map { String(text[$0]) }
        #expect(pieces.contains { $0.contains(number) }, "\(pieces)")
    }
}

@Suite("Links")
struct LinksTests {
    @Test func findsWebAndMailAddresses() {
        let text = "ดูที่ www.lopburi.cdd.go.th หรือ (saraban@cdd.go.th) และ https://a.go.th/x, ไม่ใช่ 1.5 หรือ ก@ข"
        let links = Links.find(in: text)
        #expect(links.map(\.uri) == ["http://www.lopburi.cdd.go.th", "mailto:saraban@cdd.go.th", "https://a.go.th/x"])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[links[1].range], as: UTF8.self) == "saraban@cdd.go.th")
    }

    @Test(arguments: [
        ("ที่ WWW.CDD.GO.TH", ["http://WWW.CDD.GO.TH"]),
        ("ดู HTTPS://CDD.GO.TH/a", ["HTTPS://CDD.GO.TH/a"]),
        ("ทาง a@b.go.th", ["mailto:a@b.go.th"]),
        ("พ.ศ. ๒๕๖๑ เวลา ๐๙.๓๐ น. www หรือ http ไม่ใช่ที่อยู่", []),
        ("", []),
    ])
    func findsAddressesInEitherCaseAndNothingElse(text: String, uris: [String]) {
        #expect(Links.find(in: text).map(\.uri) == uris)
    }
}

@Suite("Justification")
struct JustificationTests {
    /// The stretches justification leaves solid, as text.
    func solid(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Justification.unspacedRanges(in: text).sorted { $0.lowerBound < $1.lowerBound }
            .map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test(arguments: [
        ("ผ่าน Google Drive แล้ว", ["Google", "Drive"]),
        (
            "(Thai People Map and Analytics Platform : TPMAP)",
            ["(Thai", "People", "Map", "and", "Analytics", "Platform", "TPMAP)"]
        ),
        ("ผ่าน Google Drivehttps://docs.google.com/d/๑๙ ส่ง", ["Google", "Drivehttps://docs.google.com/d/"]),
        ("ที่ www.lopburi.cdd.go.th ครับ", ["www.lopburi.cdd.go.th"]),
        (
            "https://logbook.tpmapp.in.th/house?house_id=๑๔๑๖๒๕ จะ",
            ["https://logbook.tpmapp.in.th/house?house_id=๑๔๑๖๒๕"]
        ),
        ("ประจำปีงบประมาณ 2563 (ใหม่)", ["2563"]),
        ("ภาษาไทยล้วน ๆ ไม่มีอักษรละติน", []),
        ("ข้อ a และ (ก)", []),
    ])
    func latinWordsNumbersAndAddressesStaySolid(text: String, expected: [String]) {
        #expect(solid(text) == expected)
    }
}

@Suite("Byte search")
struct ByteSearchTests {
    @Test func findsThaiTextByItsBytes() {
        let text = Array("ภายในวันที่ ๑๓ และวันที่ ๒๐".utf8)
        let pattern = Array("วันที่".utf8)
        let first = text.firstOffset(of: pattern)
        #expect(first == Array("ภายใน".utf8).count)
        #expect(text.firstOffset(of: pattern, from: first! + 1) == Array("ภายในวันที่ ๑๓ และ".utf8).count)
        #expect(text.firstOffset(of: Array("บาท".utf8)) == nil)
        #expect(text.firstOffset(of: []) == nil)
        #expect(Array("วัน".utf8).firstOffset(of: pattern) == nil, "a pattern longer than the text")
    }
}
