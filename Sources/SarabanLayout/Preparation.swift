import Dispatch
import SarabanGraphics

/// What a first letter would otherwise stop for — libthai's word dictionary, the Garuda parsed
/// and drawn at the sizes the style uses, then the Garuda's PDF stream (`FormSubstitution`) —
/// done on another core while the caller reads its data and fills its template. A cold render
/// is that much shorter; later ones find it done.
final class Preparation: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written by the background job before it leaves `done`; read only after waiting on `done`.
    private var emblem: VectorImage?

    /// - Parameter heights: the emblem's heights, the one letters use first.
    init(emblemPath: String, heights: [Double]) {
        // Two jobs: on two cores both are done by the time the caller has its document.
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [done] in
            ThaiWordBreaker.loadDictionary()
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
