import Foundation
import SarabanGraphics
import SarabanLayout

/// Writes a laid-out document as PDF. The file is written beside its destination under a
/// temporary name and renamed when complete, so a failure never leaves half a PDF.
public struct PDFOutput {
    public init() {}

    public func write(_ document: LaidOutDocument, to path: String) throws {
        try write([document], to: path)
    }

    /// Several documents in one PDF, one after the other (a circular to every district);
    /// each document's bookmarks point into its own pages.
    public func write(_ documents: [LaidOutDocument], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SurfaceError.cannotWrite(path: path, reason: "folder \(directory) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw SurfaceError.cannotWrite(path: path, reason: "folder \(directory) is not writable")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        do {
            do {
                try render(documents, to: temporary, substitutingForms: documents.count == 1)
            } catch SurfaceError.standInsNotReplaced {
                try render(documents, to: temporary, substitutingForms: false)
            }
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func render(_ documents: [LaidOutDocument], to path: String, substitutingForms: Bool) throws {
        guard let document = documents.first, let first = document.pages.first else { return }
        let metadata = PDFMetadata(title: document.title, author: document.author, subject: document.title,
                                   date: document.date)
        let writer = try PDFWriter(path: path, width: first.width, height: first.height, metadata: metadata,
                                   substitutingForms: substitutingForms)
        let drawer = PageDrawer()
        var pageOffset = 0
        for document in documents {
            for page in document.pages {
                writer.setPageSize(width: page.width, height: page.height)
                drawer.draw(page, on: writer.canvas)
                writer.endPage()
            }
            for bookmark in document.bookmarks {
                writer.addBookmark(bookmark.title, page: bookmark.page + pageOffset, y: bookmark.y)
            }
            pageOffset += document.pages.count
        }
        try writer.finish()
    }
}

/// Draws one page as a PNG image: the same layout as the PDF.
public struct PNGOutput {
    public init() {}

    public func write(_ document: LaidOutDocument, page number: Int, dpi: Double, to path: String) throws {
        guard document.pages.indices.contains(number - 1) else {
            throw SurfaceError.cannotWrite(path: path, reason: "the document has \(document.pages.count) page(s), not a page \(number)")
        }
        try drawn(document, page: number, dpi: dpi).write(to: path)
    }

    /// One page as grey levels, row by row.
    public func greyPixels(_ document: LaidOutDocument, page number: Int, dpi: Double) -> (pixels: [UInt8], width: Int, height: Int) {
        let writer = drawn(document, page: number, dpi: dpi)
        return (writer.greyPixels(), writer.pixelWidth, writer.pixelHeight)
    }

    private func drawn(_ document: LaidOutDocument, page number: Int, dpi: Double) -> PNGWriter {
        let page = document.pages[number - 1]
        let writer = PNGWriter(width: page.width, height: page.height, dpi: dpi)
        PageDrawer().draw(page, on: writer.canvas)
        return writer
    }
}
