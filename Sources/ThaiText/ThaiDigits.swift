/// Thai digits (เลขไทย ๐–๙) and back.
///
/// Official letters use Thai digits throughout (มติ ครม. 2 พ.ค. 2543), but URLs, e-mail
/// addresses and Latin codes such as `COVID-19` keep their Arabic digits: a reader types them
/// into a browser or a search box as they are.
public enum ThaiDigits {
    static let thaiZero: UInt32 = 0x0E50

    /// Converts every Arabic digit to its Thai digit, leaving protected tokens alone.
    public static func toThai(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for token in tokens(of: text) {
            if token.isSeparator || isProtected(token.text) {
                result += token.text
            } else {
                for scalar in token.text.unicodeScalars {
                    result.unicodeScalars.append(thaiDigit(for: scalar) ?? scalar)
                }
            }
        }
        return result
    }

    /// Converts every Thai digit to its Arabic digit.
    public static func toArabic(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= thaiZero, scalar.value <= thaiZero + 9,
               let arabic = Unicode.Scalar(scalar.value - thaiZero + 0x30) {
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
    static func isProtected(_ token: Substring) -> Bool {
        if token.contains("@") || token.contains("://") || token.lowercased().hasPrefix("www.") { return true }
        return token.unicodeScalars.contains { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
    }

    private struct Token { var text: Substring; var isSeparator: Bool }

    /// Splits at whitespace, keeping the whitespace as separator tokens.
    private static func tokens(of text: String) -> [Token] {
        var result: [Token] = []
        var start = text.startIndex
        var inSpace = false
        var index = text.startIndex
        while index < text.endIndex {
            let space = text[index].isWhitespace
            if index != start, space != inSpace {
                result.append(Token(text: text[start..<index], isSeparator: inSpace))
                start = index
            }
            inSpace = space
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(Token(text: text[start...], isSeparator: inSpace)) }
        return result
    }
}
