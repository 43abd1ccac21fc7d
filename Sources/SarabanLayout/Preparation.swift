import Dispatch
import SarabanGraphics

/// What a first letter would otherwise stop for — libthai's word dictionary, the Garuda's size,
/// the fonts opened and shaped with once, then the Garuda's PDF stream (`FormSubstitution`,
/// usually from the `DrawingCache`) — done on other cores while the caller reads its style,
/// its data and fills its template. A cold render is that much shorter; later ones find it done.
///
/// Start it first (it needs only the emblem's file), then hand it the fonts with `warm`.
public final class Preparation: @unchecked Sendable {
    private let done = DispatchGroup()
    private let queue = DispatchQueue.global(qos: .userInitiated)
    /// Written by the parsing job before it leaves `done`; read only after waiting on `done`.
    private var emblem: VectorImage?

    public init(emblemPath: String) {
        done.enter()
        queue.async { [done] in
            ThaiWordBreaker.loadDictionary()
            done.leave()
        }
        done.enter()
        queue.async { [self] in
            emblem = try? VectorImage(path: emblemPath)
            done.leave()
        }
    }

    /// Opens the regular and bold faces of `fonts` (when given) and shapes a line with each
    /// (their shaping plans made, their glyphs mapped back to characters), then draws the emblem
    /// at `emblemHeights` (the one letters use first) and makes its PDF stream, which the layout
    /// does not wait for.
    ///
    /// Pango font maps are not thread-safe: give `fonts` only when nothing else uses them until
    /// `finishedEmblem()` has returned (the engine's owner vouches for that; see `LayoutEngine`).
    func warm(fonts: FontLibrary?, family: String, size: Double, emblemHeights: [Double]) {
        if let fonts {
            done.enter()
            queue.async { [done, fonts = UncheckedBox(fonts)] in
                ThaiWordBreaker.loadDictionary()
                for bold in [false, true] {
                    let sample = TextLayout(
                        fonts: fonts.value, runs: [StyledRun("ที่ ๑๒ กันยายน ๒๕๖๑ การพัฒนาชุมชนจังหวัด", bold: bold)],
                        family: family, size: size, width: nil)
                    sample.prepareLines()
                }
                done.leave()
            }
        }
        done.notify(queue: queue) { [self] in
            if let height = emblemHeights.first { _ = emblem?.formStreams(height: height) }
            // Recordings of the drawing itself serve pages that draw it (a batch's combined file, a
            // preview): made now when librsvg has read it anyway, else when first drawn.
            if emblem?.isRead == true { for height in emblemHeights { emblem?.prepare(height: height) } }
        }
    }

    /// The emblem once the work is finished; nil when its file could not be read (a document
    /// that shows the emblem then reports the missing file).
    func finishedEmblem() -> VectorImage? {
        done.wait()
        return emblem
    }
}

/// A value handed to another thread that the two never use at the same time.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
