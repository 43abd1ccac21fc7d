/// Web addresses and e-mail addresses in running text, so that the PDF can make them clickable.
public enum Links {
    public struct Link: Equatable, Sendable {
        /// UTF-8 byte range of the address in the text.
        public var range: Range<Int>
        public var uri: String
    }

    public static func find(in text: String) -> [Link] {
        // Most paragraphs have no address: one pass over the bytes saves splitting them into words.
        guard mayContainLink(text.utf8) else { return [] }
        var result: [Link] = []
        var offset = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += piece.utf8.count + 1 }
            var token = Substring(piece)
            while let first = token.first, "(\"“'".contains(first) { token = token.dropFirst() }
            while let last = token.last, ").,;:\"”'".contains(last) { token = token.dropLast() }
            guard !token.isEmpty else { continue }
            let lower = token.lowercased()
            let uri: String
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                uri = String(token)
            } else if lower.hasPrefix("www."), token.dropFirst(4).contains(".") {
                uri = "http://" + token
            } else if let at = token.firstIndex(of: "@"), token[at...].contains("."), at != token.startIndex,
                token.unicodeScalars.allSatisfy({ $0.isASCII })
            {
                uri = "mailto:" + token
            } else {
                continue
            }
            let start = offset + piece.utf8.distance(from: piece.startIndex, to: token.startIndex)
            result.append(Link(range: start..<(start + token.utf8.count), uri: uri))
        }
        return result
    }

    /// Whether the text has an `@`, `www.` or `http` anywhere (letters in either case). A false
    /// yes only costs the full search.
    static func mayContainLink(_ bytes: String.UTF8View) -> Bool {
        let www: UInt32 = 0x7777_772E, http: UInt32 = 0x6874_7470  // "www.", "http"
        var window: UInt32 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "@") { return true }
            // The last four bytes, ASCII letters folded to lower case (0x20 is the case bit).
            window = window << 8 | UInt32(byte | 0x20)
            if window == www || window == http { return true }
        }
        return false
    }
}
