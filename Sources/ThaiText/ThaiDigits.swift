/// Thai digits (เลขไทย ๐–๙) and back.
///
/// Official letters use Thai digits throughout (มติ ครม. 2 พ.ค. 2543), but URLs, e-mail
/// addresses and Latin codes such as `COVID-19` keep their Arabic digits: a reader types them
/// into a browser or a search box as they are.
public enum ThaiDigits {
    static let thaiZero: UInt32 = 0x0E50

    /// Converts every Arabic digit to its Thai digit, leaving protected tokens alone.
    public static func toThai(_ text: String) -> String {
        // Most texts have no Arabic digit at all.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return text }
        var result = String.UnicodeScalarView()
        var token: [Unicode.Scalar] = []
        func flush() {
            if isProtected(token) {
                result.append(contentsOf: token)
            } else {
                for scalar in token { result.append(thaiDigit(for: scalar) ?? scalar) }
            }
            token.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                flush()
                result.append(scalar)
            } else {
                token.append(scalar)
            }
        }
        flush()
        return String(result)
    }

    /// Whitespace, answered without Unicode's property tables for ASCII and Thai letters (the
    /// lookup was most of the time spent converting a document's digits).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case 0x21...0x7E, 0x0E00...0x0E7F: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Converts every Thai digit to its Arabic digit.
    public static func toArabic(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= thaiZero, scalar.value <= thaiZero + 9,
                let arabic = Unicode.Scalar(scalar.value - thaiZero + 0x30)
            {
                result.append(arabic)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The Thai digit for an ASCII digit, or nil.
    static func thaiDigit(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.value >= 0x30, scalar.value <= 0x39 else { return nil }
        return Unicode.Scalar(scalar.value - 0x30 + thaiZero)
    }

    /// A token is written as it is when it is a URL, an e-mail address or contains Latin
    /// letters: digits there are part of a name, not a quantity.
    static func isProtected(_ token: [Unicode.Scalar]) -> Bool {
        var previous: Unicode.Scalar = " "
        var startsWWW = token.count >= 4
        for (index, scalar) in token.enumerated() {
            if scalar == "@" || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) { return true }
            if scalar == "/" && previous == ":" { return true }
            if index < 4, startsWWW { startsWWW = index < 3 ? (scalar == "w" || scalar == "W") : scalar == "." }
            previous = scalar
        }
        return false
    }
}
