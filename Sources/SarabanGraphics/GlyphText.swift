/// Which characters each glyph of a grapheme cluster stands for, so that the PDF's ToUnicode
/// map gives the text back to every reader, including those that ignore `/ActualText`.
///
/// - HarfBuzz may put a cluster's marks in another order than the text (a tone mark before a
///   lower vowel): glyphs are matched to characters through the font's cmap, and shown in the
///   order of their characters.
/// - HarfBuzz draws ำ (sara am) as nikhahit + sara aa with any tone mark between them: the
///   sara aa glyph stands for ำ (drawn as the font's own ำ glyph, so that its ToUnicode entry is
///   ำ and not า) and the nikhahit stands for nothing.
/// - Glyphs the cmap does not know (raised or lowered mark variants) take the cluster's
///   remaining characters in order.
enum GlyphText {
    static let saraAm: Unicode.Scalar = "\u{0E33}"
    static let nikhahit: Unicode.Scalar = "\u{0E4D}"
    static let saraAa: Unicode.Scalar = "\u{0E32}"

    /// - Parameters:
    ///   - characters: the cluster's text, in logical order.
    ///   - glyphCharacters: for each glyph (in drawing order) the character whose nominal glyph it is, if any.
    /// - Returns: for each glyph, the indices into `characters` it stands for (possibly none).
    static func assign(characters: [Unicode.Scalar], glyphCharacters: [Unicode.Scalar?]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: glyphCharacters.count)
        var taken = [Bool](repeating: false, count: characters.count)
        var assigned = [Bool](repeating: false, count: glyphCharacters.count)

        func take(_ scalar: Unicode.Scalar) -> Int? {
            guard let index = characters.indices.first(where: { !taken[$0] && characters[$0] == scalar }) else {
                return nil
            }
            taken[index] = true
            return index
        }
        for (g, character) in glyphCharacters.enumerated() {
            if let character, let index = take(character) { result[g] = [index]; assigned[g] = true }
        }
        for (g, character) in glyphCharacters.enumerated() where !assigned[g] && character == saraAa {
            if let index = take(saraAm) { result[g] = [index]; assigned[g] = true }
        }
        let hasSaraAm = characters.contains(saraAm)
        for (g, character) in glyphCharacters.enumerated() where !assigned[g] && character == nikhahit && hasSaraAm {
            assigned[g] = true
        }
        var rest = characters.indices.filter { !taken[$0] }
        for g in glyphCharacters.indices where !assigned[g] {
            guard !rest.isEmpty else { break }
            result[g] = [rest.removeFirst()]
            assigned[g] = true
        }
        // Characters without a glyph of their own go with the last glyph that has text.
        if !rest.isEmpty, let last = result.lastIndex(where: { !$0.isEmpty }) { result[last] += rest }
        return result
    }

    /// Thai characters that attach to the character before them (above and below vowels, tone
    /// marks, ำ): they belong to the same grapheme cluster.
    static func isAttached(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E31, 0x0E33...0x0E3A, 0x0E47...0x0E4E: return true
        default: return false
        }
    }
}
