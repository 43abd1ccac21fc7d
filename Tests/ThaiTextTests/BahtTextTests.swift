import Testing

@testable import ThaiText

@Suite("Baht text")
struct BahtTextTests {
    @Test(
        "reads amounts the Royal Society way",
        arguments: [
            ("0", "ศูนย์บาทถ้วน"),
            ("1", "หนึ่งบาทถ้วน"),
            ("10", "สิบบาทถ้วน"),
            ("11", "สิบเอ็ดบาทถ้วน"),
            ("20", "ยี่สิบบาทถ้วน"),
            ("21", "ยี่สิบเอ็ดบาทถ้วน"),
            ("100", "หนึ่งร้อยบาทถ้วน"),
            ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
            ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("1001", "หนึ่งพันเอ็ดบาทถ้วน"),
            ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
            ("533800", "ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน"),
            ("61857700", "หกสิบเอ็ดล้านแปดแสนห้าหมื่นเจ็ดพันเจ็ดร้อยบาทถ้วน"),
            ("501741221", "ห้าร้อยเอ็ดล้านเจ็ดแสนสี่หมื่นหนึ่งพันสองร้อยยี่สิบเอ็ดบาทถ้วน"),
            ("1000000", "หนึ่งล้านบาทถ้วน"),
            ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
            ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
            ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
            ("2000000000000000000", "สองล้านล้านล้านบาทถ้วน"),
            ("1000001000001", "หนึ่งล้านเอ็ดล้านเอ็ดบาทถ้วน"),
            ("120.75", "หนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์"),
            ("11.11", "สิบเอ็ดบาทสิบเอ็ดสตางค์"),
            ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
            ("0.50", "ห้าสิบสตางค์"),
            ("0.5", "ห้าสิบสตางค์"),
            ("0.21", "ยี่สิบเอ็ดสตางค์"),
            ("2.999", "สามบาทถ้วน"),
            ("2.994", "สองบาทเก้าสิบเก้าสตางค์"),
            ("-5", "ลบห้าบาทถ้วน"),
            ("๕๓๓,๘๐๐", "ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน"),
        ])
    func royalSociety(input: String, expected: String) throws {
        #expect(ThaiNumberText.baht(try Amount(parsing: input)) == expected)
    }

    @Test(
        "reads amounts the Excel BAHTTEXT way",
        arguments: [
            ("101", "หนึ่งร้อยหนึ่งบาทถ้วน"),
            ("1001", "หนึ่งพันหนึ่งบาทถ้วน"),
            ("1000001", "หนึ่งล้านหนึ่งบาทถ้วน"),
            ("11", "สิบเอ็ดบาทถ้วน"),
            ("21", "ยี่สิบเอ็ดบาทถ้วน"),
            ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
        ])
    func excel(input: String, expected: String) throws {
        #expect(ThaiNumberText.baht(try Amount(parsing: input), reading: .excel) == expected)
    }

    @Test func truncatesSatangWhenAsked() throws {
        #expect(ThaiNumberText.baht(try Amount(parsing: "2.999"), rounding: .truncate) == "สองบาทเก้าสิบเก้าสตางค์")
    }

    @Test("rejects what is not an amount", arguments: ["", "abc", "1.2.3", "12a", ".", "1,2x"])
    func rejects(input: String) {
        #expect(throws: Amount.AmountError.self) { try Amount(parsing: input) }
    }
}

@Suite("Amounts")
struct AmountTests {
    @Test(
        "formats with thousands separators",
        arguments: [
            ("533800", nil, "๕๓๓,๘๐๐"),
            ("61857700", nil, "๖๑,๘๕๗,๗๐๐"),
            ("1234.5", 2, "๑,๒๓๔.๕๐"),
            ("999.995", 2, "๑,๐๐๐.๐๐"),
            ("100", nil, "๑๐๐"),
            ("0", nil, "๐"),
            ("-1234", nil, "-๑,๒๓๔"),
        ] as [(String, Int?, String)])
    func formats(input: String, places: Int?, expected: String) throws {
        #expect(try Amount(parsing: input).formatted(places: places) == expected)
    }

    @Test func sumsExactly() throws {
        let total = try ["0.1", "0.2", "533800", "-0.3"].map(Amount.init(parsing:)).reduce(Amount(0), +)
        #expect(total.description == "533800.0")
        #expect(total.formatted(places: 2, thaiDigits: false) == "533,800.00")
    }
}
