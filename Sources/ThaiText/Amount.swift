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
        public var description: String {
            switch self {
            case .malformed(let text): return "\"\(text)\" is not an amount; expected a number such as 533800 or 1234.50"
            }
        }
    }

    /// Parses `533800`, `533,800`, `๕๓๓,๘๐๐`, `1234.5`, `-12`.
    public init(parsing raw: String) throws {
        var text = Substring(ThaiDigits.toArabic(raw).trimmingWhitespace().replacingAll(",", with: ""))
        var negative = false
        if text.first == "-" { negative = true; text = text.dropFirst() } else if text.first == "+" { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty))
        else { throw AmountError.malformed(raw) }
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
                if kept[i] == "9" { kept[i] = "0"; i -= 1 } else { kept[i] = Character(UnicodeScalar(kept[i].asciiValue! + 1)); break }
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
        let text = (amount.isNegative ? "-" : "") + grouped + (amount.fractionDigits.isEmpty ? "" : "." + amount.fractionDigits)
        return thaiDigits ? ThaiDigits.toThai(text) : text
    }

    /// Sum of amounts, exact.
    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        let places = max(lhs.fractionDigits.count, rhs.fractionDigits.count)
        let a = lhs.scaled(places), b = rhs.scaled(places)
        let total = a + b
        let negative = total < 0
        var digits = String(negative ? -total : total)
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let intPart = String(digits.dropLast(places))
        return Amount(negative, intPart, String(digits.suffix(places)))
    }

    /// The amount as an integer count of 10^-places units (for sums of table columns).
    private func scaled(_ places: Int) -> Int {
        let fraction = fractionDigits + String(repeating: "0", count: places - fractionDigits.count)
        let value = Int(integerDigits + fraction) ?? 0
        return isNegative ? -value : value
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
