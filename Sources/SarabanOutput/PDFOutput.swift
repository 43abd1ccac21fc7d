import Foundation
import SarabanGraphics
import SarabanLayout
import SarabanSign

/// Writes a laid-out document as PDF through an `OutputFile`: written beside its destination
/// under a temporary name, synced and renamed when complete, so a failure (a full disk
/// included) never leaves half a PDF, and a destination that is a folder, an input or a file
/// that is not a PDF is refused before anything is written.
public struct PDFOutput {
    /// Files the run reads (the data, the recipients, the style): never replaced by the output.
    public var inputs: [String]
    /// PDF/A-2b (`--pdfa`): the archival additions, made once the pages are written.
    public var archival = false

    /// The data embedded in an archival PDF as its source (PDF/A-3b; `--embed-data`).
    public var embeddedSource: PDFArchive.EmbeddedSource?

    public init(inputs: [String] = [], archival: Bool = false) { self.inputs = inputs; self.archival = archival }

    public func write(_ document: LaidOutDocument, to path: String) throws {
        try write([document], to: path)
    }

    /// Several documents in one PDF, one after the other (a circular to every district);
    /// each document's bookmarks point into its own pages.
    public func write(_ documents: [LaidOutDocument], to path: String) throws {
        let file = try OutputFile(destination: path, kind: .pdf, inputs: inputs)
        do {
            do {
                try render(documents, to: file, substitutingForms: documents.count == 1)
            } catch SurfaceError.standInsNotReplaced {
                try file.replaceContents([])
                try render(documents, to: file, substitutingForms: false)
            }
            // The catalog says the PDF is tagged (and, for PDF/A, what an archive needs); each
            // signing space gets its empty signature field.
            let places = signaturePlaces(documents)
            let alternates = figureAlternates(documents)
            if archival, let first = documents.first {
                let description = PDFArchive.Description(
                    title: first.title, author: first.author, subject: first.title, date: first.date)
                let pdf = try PDFArchive.archival(
                    Data(try file.contents()), source: path, description: description,
                    profile: try PDFArchive.sRGBProfile(), signaturePlaces: places,
                    figureAlternates: alternates, embedded: embeddedSource)
                try file.replaceContents([UInt8](pdf))
            } else if let update = try PDFArchive.taggedUpdate(
                Data(try file.contents()), source: path, signaturePlaces: places,
                figureAlternates: alternates)
            {
                try file.write([UInt8](update))
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// The pictures' alternate texts, by page (from 0), in the order the pages draw them.
    private func figureAlternates(_ documents: [LaidOutDocument]) -> [PDFArchive.FigureAlternate] {
        var alternates: [PDFArchive.FigureAlternate] = []
        for (index, page) in documents.flatMap(\.pages).enumerated() {
            for case let .alternateText(text) in page.items {
                alternates.append(PDFArchive.FigureAlternate(page: index, text: text))
            }
        }
        return alternates
    }

    /// The signing spaces of every page, in PDF points from each page's bottom left.
    private func signaturePlaces(_ documents: [LaidOutDocument]) -> [PDFArchive.SignaturePlace] {
        var places: [PDFArchive.SignaturePlace] = []
        var index = 0
        for document in documents {
            for page in document.pages {
                for case let .signaturePlace(name, position, x, y, width, height) in page.items {
                    places.append(
                        PDFArchive.SignaturePlace(
                            page: index, rect: (x, page.height - y - height, x + width, page.height - y),
                            name: name, position: position))
                }
                index += 1
            }
        }
        return places
    }

    private func render(_ documents: [LaidOutDocument], to file: OutputFile, substitutingForms: Bool) throws {
        guard let document = documents.first, let first = document.pages.first else {
            throw SurfaceError.cannotWrite(path: file.destination, reason: "the document has no pages")
        }
        let metadata = PDFMetadata(
            title: document.title, author: document.author, subject: document.title,
            date: document.date)
        let writer = try PDFWriter(
            file: file, width: first.width, height: first.height, metadata: metadata,
            substitutingForms: substitutingForms)
        let drawer = PageDrawer()
        var pageOffset = 0
        for document in documents {
            for page in document.pages {
                writer.setPageSize(width: page.width, height: page.height)
                drawer.draw(page, on: writer.canvas)
                writer.endPage()
            }
            // Each bookmark goes under the nearest one above it with a lower level.
            var parents: [(level: Int, id: Int32)] = []
            for bookmark in document.bookmarks {
                while let last = parents.last, last.level >= bookmark.level { parents.removeLast() }
                let id = writer.addBookmark(
                    bookmark.title, page: bookmark.page + pageOffset, y: bookmark.y, parent: parents.last?.id ?? 0)
                parents.append((bookmark.level, id))
            }
            pageOffset += document.pages.count
        }
        try writer.finish()
    }
}

/// Draws one page as a PNG image: the same layout as the PDF, written as safely.
public struct PNGOutput {
    public var inputs: [String]
    /// PDF/A-2b (`--pdfa`): the archival additions, made once the pages are written.
    public var archival = false

    public init(inputs: [String] = [], archival: Bool = false) { self.inputs = inputs; self.archival = archival }

    public func write(_ document: LaidOutDocument, page number: Int, dpi: Double, to path: String) throws {
        guard document.pages.indices.contains(number - 1) else {
            throw SurfaceError.cannotWrite(
                path: path, reason: "the document has \(document.pages.count) page(s), not a page \(number)")
        }
        let file = try OutputFile(destination: path, kind: .png, inputs: inputs)
        do {
            try drawn(document, page: number, dpi: dpi).write(to: file.temporaryPath)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// One page as grey levels, row by row.
    public func greyPixels(_ document: LaidOutDocument, page number: Int, dpi: Double) -> (
        pixels: [UInt8], width: Int, height: Int
    ) {
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
