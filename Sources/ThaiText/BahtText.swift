/// Reading numbers aloud in Thai, and baht text (`(ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน)`).
///
/// The one point where sources disagree is a final 1 after a zero tens digit (๑๐๑, ๑,๐๐๑,
/// ๑,๐๐๐,๐๐๑): the Royal Society (ราชบัณฑิตยสภา) reads it เอ็ด, Excel's BAHTTEXT reads it หนึ่ง.
public enum ThaiNumberReading: String, Sendable, Codable, CaseIterable {
    /// ร้อยเอ็ด, หนึ่งล้านเอ็ด — the Royal Society's reading; the default.
    case royalSociety = "royal-society"
    /// ร้อยหนึ่ง, หนึ่งล้านหนึ่ง — as Excel/Google Sheets BAHTTEXT writes it.
    case excel
}

public enum ThaiNumberText {
    static let digitWords = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
    static let placeWords = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"]

    /// Reads a non-negative integer given as decimal digits: `101` → `หนึ่งร้อยเอ็ด`.
    public static func read(integerDigits raw: String, reading: ThaiNumberReading = .royalSociety) -> String {
        let digits = Array(raw.drop(while: { $0 == "0" })).map { Int($0.asciiValue! - 48) }
        if digits.isEmpty { return digitWords[0] }
        // Groups of six digits from the right, each followed by ล้าน once per group below it.
        var groups: [[Int]] = []
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 6)
            groups.insert(Array(digits[start..<end]), at: 0)
            end = start
        }
        var text = ""
        var higherNonZero = false
        for (index, group) in groups.enumerated() {
            text += readGroup(group, higherNonZero: higherNonZero, reading: reading)
            if group.contains(where: { $0 != 0 }) { higherNonZero = true }
            if index < groups.count - 1 { text += "ล้าน" }
        }
        return text
    }

    /// One group of up to six digits (หน่วย … แสน).
    static func readGroup(_ group: [Int], higherNonZero: Bool, reading: ThaiNumberReading) -> String {
        var text = ""
        for (i, digit) in group.enumerated() where digit != 0 {
            let place = group.count - 1 - i
            switch (place, digit) {
            case (1, 1): text += "สิบ"
            case (1, 2): text += "ยี่สิบ"
            case (0, 1):
                let tens = group.count >= 2 ? group[group.count - 2] : 0
                let otherDigitsInGroup = group.dropLast().contains(where: { $0 != 0 })
                let ed: Bool
                switch reading {
                case .royalSociety: ed = otherDigitsInGroup || higherNonZero
                case .excel: ed = tens != 0
                }
                text += ed ? "เอ็ด" : "หนึ่ง"
            default: text += digitWords[digit] + placeWords[place]
            }
        }
        return text
    }

    /// Baht text of an amount: `533800` → `ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน`,
    /// `120.75` → `หนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์`. Satang are rounded half up to two places
    /// unless `rounding` says to truncate.
    public static func baht(
        _ amount: Amount, reading: ThaiNumberReading = .royalSociety,
        rounding: Amount.Rounding = .halfUp
    ) -> String {
        let exact = amount.toPlaces(2, rounding: rounding)
        let sign = exact.isNegative ? "ลบ" : ""
        let satang = exact.fractionDigits
        let hasBaht = exact.integerDigits != "0"
        if satang == "00" {
            return sign + read(integerDigits: exact.integerDigits, reading: reading) + "บาทถ้วน"
        }
        let satangText = read(integerDigits: satang, reading: reading) + "สตางค์"
        return sign + (hasBaht ? read(integerDigits: exact.integerDigits, reading: reading) + "บาท" : "") + satangText
    }
}
