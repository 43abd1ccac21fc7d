import SarabanGraphics

/// Paragraphs already broken into lines, kept for the next letter that has the same one.
///
/// A circular sent to every district repeats all but a few of its paragraphs from one recipient
/// to the next; shaping, breaking and justifying them again was most of the layout time. A
/// layout depends only on its text and its parameters, so an equal key gives the same lines.
///
/// Bounded in two generations: when the newer one is full it becomes the older and the one
/// before is dropped, so what letters keep using stays and memory stays flat over any batch.
final class TextLayoutCache {
    struct Key: Hashable {
        var runs: [StyledRun]
        var width: Double?
        var indent: Double
        var alignment: TextAlignment
        var size: Double
        var tabStop: Double?
        var protectingUpTo: Int? = nil

        // The text by its bytes: Swift hashes and compares strings after normalising them,
        // slow on Thai, and two texts that differ only in encoding may as well be laid out twice.
        func hash(into hasher: inout Hasher) {
            for run in runs {
                var text = run.text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                hasher.combine(run.bold)
                hasher.combine(run.italic)
                hasher.combine(run.underline)
            }
            hasher.combine(width)
            hasher.combine(indent)
            hasher.combine(alignment)
            hasher.combine(size)
            hasher.combine(tabStop)
            hasher.combine(protectingUpTo)
        }

        static func == (a: Key, b: Key) -> Bool {
            a.width == b.width && a.indent == b.indent && a.alignment == b.alignment && a.size == b.size
                && a.tabStop == b.tabStop
                && a.protectingUpTo == b.protectingUpTo
                && a.runs.count == b.runs.count
                && zip(a.runs, b.runs).allSatisfy {
                    $0.bold == $1.bold && $0.italic == $1.italic && $0.underline == $1.underline
                        && $0.text.utf8.elementsEqual($1.text.utf8)
                }
        }
    }

    private let capacity: Int
    private var newer: [Key: TextLayout] = [:]
    private var older: [Key: TextLayout] = [:]

    init(capacity: Int = 256) { self.capacity = capacity }

    func layout(for key: Key, make: () -> TextLayout) -> TextLayout {
        if let layout = newer[key] { return layout }
        let layout = older.removeValue(forKey: key) ?? make()
        if newer.count >= capacity {
            older = newer
            newer = [:]
        }
        newer[key] = layout
        return layout
    }
}
