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

    public init(fonts: FontLibrary, style: Style, emblemPath: String) throws {
        self.fonts = fonts
        self.style = style
        self.emblemPath = emblemPath
        try fonts.verify(family: style.font.family)
        try fonts.verify(family: style.font.family, bold: true)
    }

    /// - Parameter baseDirectory: folder that relative image paths (signatures) are resolved against.
    public func layout(_ document: Document, baseDirectory: String = ".") throws -> LaidOutDocument {
        let setter = TextSetter(fonts: fonts, style: style)
        let images = ImageStore(emblemPath: emblemPath, baseDirectory: baseDirectory)
        let boxes = try PartLayout(setter: setter, style: style, images: images, kind: document.kind).boxes(for: document.blocks)
        let placements = Paginator(style: style).paginate(boxes)
        let furniture = PageFurniture(setter: setter, style: style)

        var pages: [Page] = []
        for (index, placed) in placements.enumerated() {
            var page = Page(width: style.page.width.points, height: style.page.height.points, number: index + 1)
            if let secrecy = document.options.secrecy { page.items += furniture.secrecy(secrecy) }
            if index > 0 { page.items.append(furniture.pageNumber(index + 1)) }
            for placement in placed {
                let box = boxes[placement.box]
                page.items += box.isOverlay ? box.items : box.items.map { $0.offset(by: placement.y) }
            }
            if index + 1 < placements.count,
               let lead = placements[index + 1].lazy.map({ boxes[$0.box] }).first(where: { !$0.isOverlay && $0.leadText != nil })?.leadText {
                page.items.append(furniture.continuationMarker(nextPageLead: lead))
            }
            if document.options.specimen { page.items.append(furniture.specimen()) }
            pages.append(page)
        }
        let title = document.metadata.title
        return LaidOutDocument(pages: pages, bookmarks: title.isEmpty ? [] : [Bookmark(title: title, page: 1, y: 0)],
                               title: title, author: document.metadata.author, date: document.metadata.date + "T00:00:00")
    }
}
