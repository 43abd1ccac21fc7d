/// "Did you mean…?": the known name nearest to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance (case ignored), if it is close enough to
    /// be a typo; of equally near ones, the first in alphabetical order (the same answer every run).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
            .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let best, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Edit distance over characters: insertions, deletions, substitutions, and two neighbours
    /// swapped (`nmae` → `name`) counted as one edit, as typos are.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
