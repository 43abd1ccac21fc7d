import Dispatch
import SarabanGraphics

/// What a first letter would otherwise stop for — libthai's word dictionary, the fonts opened
/// and shaped with once, the Garuda parsed and drawn at the sizes the style uses, then the
/// Garuda's PDF stream (`FormSubstitution`) — done on other cores while the caller reads its
/// data and fills its template. A cold render is that much shorter; later ones find it done.
///
/// The font library is used here until `done`, and by the engine only after waiting for it.
final class Preparation: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written by the background job before it leaves `done`; read only after waiting on `done`.
    private var emblem: VectorImage?

    /// - Parameters:
    ///   - heights: the emblem's heights, the one letters use first.
    ///   - fonts: the engine's fonts, with the family and size of its body text.
    init(emblemPath: String, heights: [Double], fonts: FontLibrary, family: String, size: Double) {
        // Two jobs: on two cores both are done by the time the caller has its document.
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [done, fonts = UncheckedBox(fonts)] in
            ThaiWordBreaker.loadDictionary()
            // The regular and bold faces loaded, their shaping plans made, their glyphs mapped
            // back to characters: what the first paragraph of a letter would wait for.
            for bold in [false, true] {
                let sample = TextLayout(fonts: fonts.value, runs: [StyledRun("ที่ ๑๒ กันยายน ๒๕๖๑ การพัฒนาชุมชนจังหวัด", bold: bold)],
                                        family: family, size: size, width: nil)
                sample.prepareLines()
            }
            done.leave()
        }
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let image = try? VectorImage(path: emblemPath)
            for height in heights { image?.prepare(height: height) }
            emblem = image
            done.leave()
            // Needed only when the first PDF is written: the layout does not wait for it.
            if let height = heights.first { _ = image?.formStreams(height: height) }
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
