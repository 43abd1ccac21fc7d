import SarabanDocument
import SarabanGraphics
import ThaiText

/// Lays a document out on pages: parts → flow boxes → pages → page furniture.
///
/// Holds Pango objects: use one engine per thread.
public final class LayoutEngine {
    let fonts: FontLibrary
    public let style: Style
    let emblemPath: String
    /// libthai's dictionary, the Garuda (parsed once per engine, not once per letter) and, for a
    /// renderer's engine, its fonts: made ready on other threads before the first layout.
    private let preparation: Preparation
    /// Paragraphs laid out for earlier documents, reused when the next one repeats them.
    private let layouts = TextLayoutCache()

    /// - Parameter preparation: work started before the style and fonts were read (see
    ///   `Preparation`). Given one, the engine also warms `fonts` up on another thread until its
    ///   first layout, so nothing else may use them meanwhile (a `Renderer` owns its fonts);
    ///   without one, it starts its own preparation and leaves the fonts alone.
    public init(fonts: FontLibrary, style: Style, emblemPath: String, preparation: Preparation? = nil) throws {
        self.fonts = fonts
        self.style = style
        self.emblemPath = emblemPath
        try fonts.verify(family: style.font.family)
        try fonts.verify(family: style.font.family, bold: true)
        self.preparation = preparation ?? Preparation(emblemPath: emblemPath)
        self.preparation.warm(
            fonts: preparation == nil ? nil : fonts, family: style.font.family,
            size: style.font.size.points * style.font.scale,
            emblemHeights: [style.letter.emblemHeight.points, style.memo.emblemHeight.points])
    }

    /// - Parameter baseDirectory: folder that relative image paths (signatures) are resolved against.
    /// - Parameter allowedDirectories: more folders whose pictures the document may show.
    public func layout(_ document: Document, baseDirectory: String = ".", allowedDirectories: [String] = []) throws
        -> LaidOutDocument
    {
        let images = ImageStore(
            emblemPath: emblemPath, baseDirectory: baseDirectory, allowedDirectories: allowedDirectories,
            maximumPixels: style.effectiveLimits.imagePixels, emblem: preparation.finishedEmblem())
        let setter = TextSetter(fonts: fonts, style: style, cache: layouts)
        var parts = PartLayout(setter: setter, style: style, images: images, kind: document.kind)
        let boxes = try parts.boxes(for: document.blocks)
        let plans = Paginator(style: style).paginate(boxes)
        guard plans.count <= style.effectiveLimits.pages else {
            throw Style.LimitExceeded(
                what: "the document runs to \(plans.count) pages", limit: style.effectiveLimits.pages, key: "pages")
        }
        let furniture = PageFurniture(setter: setter, style: style)

        var pages: [Page] = []
        // The outline nests as the document does: its title, its attachments under it, each
        // document's headings under that document (agenda items, then their sub-items).
        var bookmarks: [Bookmark] = []
        let title = document.metadata.title
        if !title.isEmpty { bookmarks.append(Bookmark(title: title, page: 1, y: 0, level: 0)) }
        var documentLevel = title.isEmpty ? -1 : 0
        for (index, plan) in plans.enumerated() {
            let geometry = plan.geometry
            var page = Page(width: geometry.width, height: geometry.height, number: plan.numberInDocument)
            page.documentIndex = plan.documentIndex
            if let secrecy = document.options.secrecy { page.items += furniture.secrecy(secrecy, on: geometry) }
            if !plan.isFirstOfDocument { page.items.append(furniture.pageNumber(plan.numberInDocument, on: geometry)) }
            // Boxes of one block that follow each other make one structure element; the elements
            // around it (a list's L and LI) stay open while the boxes that follow share them.
            var open: [(role: String, id: Int)] = []
            func close(downTo depth: Int) {
                while open.count > depth { page.items.append(.endStructure(open.removeLast().role)) }
            }
            for placement in plan.placements {
                let box = boxes[placement.box]
                if !box.isOverlay, box.height > 0 || box.structure != nil {
                    let path = box.structure.map { box.enclosing + [$0] } ?? []
                    let shared = zip(open, path).prefix { $0.role == $1.role && $0.id == $1.id }.count
                    close(downTo: shared)
                    for element in path.dropFirst(shared) {
                        page.items.append(.beginStructure(element.role))
                        open.append(element)
                    }
                }
                if let start = box.documentStart, !start.title.isEmpty {
                    documentLevel = title.isEmpty ? 0 : 1
                    bookmarks.append(Bookmark(title: start.title, page: index + 1, y: 0, level: documentLevel))
                }
                if let heading = box.bookmark {
                    bookmarks.append(
                        Bookmark(
                            title: heading.title, page: index + 1, y: placement.y,
                            level: documentLevel + heading.level))
                }
                page.items += box.isOverlay ? box.items : box.items.map { $0.offset(by: placement.y) }
            }
            close(downTo: 0)
            if index + 1 < plans.count, plans[index + 1].documentIndex == plan.documentIndex,
                let lead = plans[index + 1].placements.lazy.map({ boxes[$0.box] }).first(where: {
                    !$0.isOverlay && $0.leadText != nil
                })?.leadText
            {
                page.items.append(furniture.continuationMarker(nextPageLead: lead, on: geometry))
            }
            if document.options.specimen { page.items.append(furniture.specimen(on: geometry)) }
            pages.append(page)
        }
        return LaidOutDocument(
            pages: pages, bookmarks: bookmarks,
            title: title, author: document.metadata.author, date: document.metadata.date + "T00:00:00")
    }
}
