/// Finding text by its UTF-8 bytes: Swift's and Foundation's searches compare Thai text
/// character by character, normalising it first, which is most of the time they take.
extension Array where Element == UInt8 {
    /// The offset of the first occurrence of `pattern` at or after `start`, if any.
    public func firstOffset(of pattern: [UInt8], from start: Int = 0) -> Int? {
        guard let first = pattern.first, count >= pattern.count else { return nil }
        var index = Swift.max(0, start)
        while index <= count - pattern.count {
            if self[index] == first, self[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// A `{{name}}` quoted in prose (an amount): where it is, by UTF-8 bytes with its braces, and the
/// name inside, trimmed.
public struct Placeholder: Sendable {
    public var bytes: Range<Int>
    public var name: String

    /// Every `{{…}}` of `text`, in order, found by bytes; an opening `{{` never closed ends the search.
    public static func all(in text: String) -> [Placeholder] {
        let utf8 = Array(text.utf8)
        let open: [UInt8] = [0x7B, 0x7B], close: [UInt8] = [0x7D, 0x7D]
        var result: [Placeholder] = []
        var from = 0
        while let start = utf8.firstOffset(of: open, from: from), let end = utf8.firstOffset(of: close, from: start + 2)
        {
            var inner = utf8[(start + 2)..<end]
            while let first = inner.first, first == 0x20 || first == 0x09 { inner = inner.dropFirst() }
            while let last = inner.last, last == 0x20 || last == 0x09 { inner = inner.dropLast() }
            let name = String(decoding: inner, as: UTF8.self)
            result.append(Placeholder(bytes: start..<(end + 2), name: name))
            from = end + 2
        }
        return result
    }
}
