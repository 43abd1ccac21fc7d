import SarabanGraphics

/// Something drawn on a page, in page coordinates (points from the top-left).
public enum PageItem {
    /// One line of a text layout with its left edge at `x` and baseline at `baseline`.
    case textLine(TextLayout, line: Int, x: Double, baseline: Double, color: Color)
    /// Text drawn as filled outlines, not as text: stamps that are no part of the document's words.
    case outlinedLine(TextLayout, line: Int, x: Double, baseline: Double, color: Color, rotation: Double)
    case vector(VectorImage, x: Double, y: Double, height: Double)
    case raster(RasterImage, x: Double, y: Double, height: Double)
    /// A dotted leader (memo header blanks), drawn as graphics so the text layer stays clean.
    case dottedLine(fromX: Double, toX: Double, y: Double, dash: Double)
    /// A table cell's border.
    case rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double)
    /// A straight rule (part of a table cell's border when a row runs over pages).
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, lineWidth: Double)
    /// A clickable area (a web or e-mail address).
    case link(uri: String, x: Double, y: Double, width: Double, height: Double)
    /// The start and end of a structure element of the tagged PDF (`P`, `H1`, `Table`, `TR`,
    /// `TD`…): what they enclose is that element's content; what no element encloses (page
    /// numbers, continuation markers, stamps) is no part of the document's text for a reader.
    case beginStructure(String)
    case endStructure(String)
    /// The alternate text of the element just begun (a picture's caption, for a `Figure`): a
    /// screen reader says it instead of the picture. Draws nothing.
    case alternateText(String)
    /// Where a signer signs (the signing space above their name): an empty signature field is
    /// placed there in the PDF, for `saraban sign` to fill, knowing the signer's name and
    /// (first) position line as the document prints them. Draws nothing.
    case signaturePlace(name: String, position: String, x: Double, y: Double, width: Double, height: Double)

    func offset(by dy: Double) -> PageItem { moved(x: 0, y: dy) }

    func moved(x dx: Double, y dy: Double) -> PageItem {
        switch self {
        case let .textLine(l, line, x, b, c): return .textLine(l, line: line, x: x + dx, baseline: b + dy, color: c)
        case let .outlinedLine(l, line, x, b, c, r):
            return .outlinedLine(l, line: line, x: x + dx, baseline: b + dy, color: c, rotation: r)
        case let .vector(i, x, y, h): return .vector(i, x: x + dx, y: y + dy, height: h)
        case let .raster(i, x, y, h): return .raster(i, x: x + dx, y: y + dy, height: h)
        case let .dottedLine(a, b, y, d): return .dottedLine(fromX: a + dx, toX: b + dx, y: y + dy, dash: d)
        case let .rectangle(x, y, w, h, l): return .rectangle(x: x + dx, y: y + dy, width: w, height: h, lineWidth: l)
        case let .link(uri, x, y, w, h): return .link(uri: uri, x: x + dx, y: y + dy, width: w, height: h)
        case let .rule(x1, y1, x2, y2, l):
            return .rule(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, lineWidth: l)
        case .beginStructure, .endStructure, .alternateText: return self
        case let .signaturePlace(name, position, x, y, w, h):
            return .signaturePlace(name: name, position: position, x: x + dx, y: y + dy, width: w, height: h)
        }
    }
}

/// A laid-out page.
public struct Page {
    public var width: Double
    public var height: Double
    public var items: [PageItem] = []
    /// The page's number within its document (1 for the first page).
    public var number: Int
    /// Which document of the PDF the page belongs to (0: the letter, 1…: its attachments).
    public var documentIndex: Int = 0
}

/// A PDF bookmark.
public struct Bookmark {
    public var title: String
    public var page: Int
    public var y: Double
    /// Its depth in the outline: 0 a document's title, 1 an attachment under it or an agenda
    /// item, and so on down the headings.
    public var level: Int = 0
}

/// The result of layout: pages ready for output.
public struct LaidOutDocument {
    public var pages: [Page]
    public var bookmarks: [Bookmark]
    public var title: String
    public var author: String
    public var date: String
}
