/// Where Thai Distributed justification may not add space: Thai is spread between its grapheme
/// clusters, as Word's Thai Distributed does, but a Latin word, an Arabic number or an address
/// spread letter by letter (`G o o g l e`, `h t t p s : / /`) reads as a mistake.
public enum Justification {
    /// UTF-8 byte ranges set solid: web and e-mail addresses (with any Thai digits in them) and
    /// every run of two or more ASCII letters, digits and punctuation marks.
    public static func unspacedRanges(in text: String) -> [Range<Int>] {
        let links = Links.find(in: text).map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        var ranges: [Range<Int>] = []
        let bytes = Array(text.utf8)
        var index = 0
        var link = 0
        while index < bytes.count {
            guard (0x21...0x7E).contains(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, (0x21...0x7E).contains(bytes[index]) { index += 1 }
            while link < links.count, links[link].upperBound <= start { link += 1 }
            let inLink = link < links.count && links[link].contains(start)
            if index - start >= 2, !inLink { ranges.append(start..<index) }
        }
        // In text order (the layout bisects them).
        return (ranges + links).sorted { $0.lowerBound < $1.lowerBound }
    }
}
