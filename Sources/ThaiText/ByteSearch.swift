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
