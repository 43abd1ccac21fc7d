/// An exact decimal amount, kept as its digits so that amounts of any size (ล้านล้าน and beyond)
/// are read without binary rounding.
public struct Amount: Hashable, Sendable, CustomStringConvertible {
    public let isNegative: Bool
    /// Integer digits without leading zeros ("0" for zero).
    public let integerDigits: String
    /// Fraction digits as written (may be empty).
    public let fractionDigits: String

    public enum AmountError: Error, CustomStringConvertible {
        case malformed(String)
        case tooLarge(String)
        public var description: String {
            switch self {
            case .malformed(let text):
                return "\"\(text)\" is not an amount; expected a number such as 533800 or 1234.50"
            case .tooLarge(let text):
                return
                    "\"\(text)\" is too large; an amount has at most \(Amount.maximumDigits) digits before and after the point"
            }
        }
    }

    /// Digits an amount may have on each side of the point: ล้านล้านล้าน and more, far past any
    /// budget, and small enough that every sum and baht text stays quick.
    public static let maximumDigits = 30

    /// Parses `533800`, `533,800`, `๕๓๓,๘๐๐`, `1234.5`, `-12`.
    public init(parsing raw: String) throws {
        var text = Substring(ThaiDigits.toArabic(raw).trimmingWhitespace().replacingAll(",", with: ""))
        var negative = false
        if text.first == "-" {
            negative = true; text = text.dropFirst()
        } else if text.first == "+" {
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty))
        else { throw AmountError.malformed(raw) }
        guard parts[0].count <= Amount.maximumDigits, parts.count == 1 || parts[1].count <= Amount.maximumDigits else {
            throw AmountError.tooLarge(raw)
        }
        let integer = String(parts[0].drop(while: { $0 == "0" }))
        self.integerDigits = integer.isEmpty ? "0" : integer
        self.fractionDigits = parts.count == 2 ? String(parts[1]) : ""
        self.isNegative = negative && !(integerDigits == "0" && fractionDigits.allSatisfy { $0 == "0" })
    }

    public init(_ value: Int) {
        // Int's description is exact; parsing it cannot fail.
        self = try! Amount(parsing: String(value))
    }

    public var isZero: Bool { integerDigits == "0" && fractionDigits.allSatisfy { $0 == "0" } }

    public var description: String {
        (isNegative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }

    /// Rounds (half up) or truncates to `places` fraction digits.
    public func toPlaces(_ places: Int, rounding: Rounding = .halfUp) -> Amount {
        var fraction = fractionDigits
        if fraction.count < places { fraction += String(repeating: "0", count: places - fraction.count) }
        if fraction.count == places { return Amount(isNegative, integerDigits, fraction) }
        let dropped = fraction[fraction.index(fraction.startIndex, offsetBy: places)]
        var kept = Array(integerDigits + fraction.prefix(places))
        if rounding == .halfUp, dropped >= "5" {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == "9" {
                    kept[i] = "0"; i -= 1
                } else {
                    kept[i] = Character(UnicodeScalar(kept[i].asciiValue! + 1)); break
                }
            }
            if i < 0 { kept.insert("1", at: 0) }
        }
        let all = String(kept)
        let intPart = String(all.dropLast(places).drop(while: { $0 == "0" }))
        return Amount(isNegative, intPart.isEmpty ? "0" : intPart, String(all.suffix(places)))
    }

    public enum Rounding: Sendable { case halfUp, truncate }

    private init(_ negative: Bool, _ integer: String, _ fraction: String) {
        integerDigits = integer
        fractionDigits = fraction
        isNegative = negative && !(integer == "0" && fraction.allSatisfy { $0 == "0" })
    }

    /// `๕๓๓,๘๐๐` or `๑,๒๓๔.๕๐` — thousands separated with commas, Thai digits.
    /// `places` fixes the number of fraction digits; nil keeps them as written.
    public func formatted(places: Int? = nil, thaiDigits: Bool = true) -> String {
        let amount = places.map { toPlaces($0) } ?? self
        var grouped = ""
        for (i, digit) in amount.integerDigits.enumerated() {
            if i > 0, (amount.integerDigits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let text =
            (amount.isNegative ? "-" : "") + grouped
            + (amount.fractionDigits.isEmpty ? "" : "." + amount.fractionDigits)
        return thaiDigits ? ThaiDigits.toThai(text) : text
    }

    /// Sum of amounts, exact at any size (digit by digit: no integer can overflow).
    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        let places = max(lhs.fractionDigits.count, rhs.fractionDigits.count)
        let a = lhs.scaledDigits(places), b = rhs.scaledDigits(places)
        let digits: [UInt8]
        let negative: Bool
        if lhs.isNegative == rhs.isNegative {
            digits = add(a, b)
            negative = lhs.isNegative
        } else if compare(a, b) >= 0 {
            digits = subtract(a, b)
            negative = lhs.isNegative
        } else {
            digits = subtract(b, a)
            negative = rhs.isNegative
        }
        var text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if text.count <= places { text = String(repeating: "0", count: places - text.count + 1) + text }
        let intPart = String(text.dropLast(places).drop(while: { $0 == "0" }))
        return Amount(negative, intPart.isEmpty ? "0" : intPart, String(text.suffix(places)))
    }

    /// The digits of the amount as a count of 10^-places units, most significant first.
    private func scaledDigits(_ places: Int) -> [UInt8] {
        let fraction = fractionDigits + String(repeating: "0", count: max(0, places - fractionDigits.count))
        return (integerDigits + fraction).utf8.map { $0 - 48 }
    }

    private static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let a = a.drop(while: { $0 == 0 }), b = b.drop(while: { $0 == 0 })
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    private static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1; j -= 1
        }
        return result.reversed()
    }

    /// a − b for a ≥ b.
    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow: Int = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 {
            var difference = Int(a[i]) - (j >= 0 ? Int(b[j]) : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result.append(UInt8(difference))
            i -= 1; j -= 1
        }
        return result.reversed()
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
