import CPangoCairo

/// libthai, which finds Thai word boundaries for Pango, reads its word dictionary the first
/// time Thai text is broken: about 5 ms, once per process.
public enum ThaiWordBreaker {
    /// Reads the dictionary now (on whatever thread calls it), so that the first layout does not
    /// wait for it. libthai keeps one dictionary per process without a lock; this loads it
    /// exactly once however many threads ask.
    public static func loadDictionary() { _ = loaded }

    private static let loaded: Bool = {
        let sample = "ภาษาไทย"
        var attributes = [PangoLogAttr](repeating: PangoLogAttr(), count: sample.unicodeScalars.count + 1)
        sample.withCString { text in
            pango_get_log_attrs(
                text, Int32(sample.utf8.count), -1, pango_language_from_string("th"),
                &attributes, Int32(attributes.count))
        }
        return true
    }()
}
