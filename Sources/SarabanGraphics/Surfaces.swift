import CPangoCairo
import Foundation
import SarabanFiles

/// Document-level PDF information.
public struct PDFMetadata: Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var creator: String
    /// ISO 8601 (`2018-09-12T00:00:00`): the letter's date unless asked otherwise, so that the same input gives the same bytes.
    public var date: String
    public init(title: String, author: String, subject: String = "", creator: String = "Saraban", date: String) {
        self.title = title; self.author = author; self.subject = subject; self.creator = creator; self.date = date
    }
}

public enum SurfaceError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    /// The finished file was not as `FormSubstitution` expects: draw it again without stand-ins.
    case standInsNotReplaced(path: String)
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .standInsNotReplaced(path): return "cannot put the shared drawings into \(path)"
        }
    }
}

/// A PDF being written, page by page. The file appears only when `finish()` succeeds.
public final class PDFWriter {
    let surface: OpaquePointer
    let cr: OpaquePointer
    public let canvas: Canvas
    let file: OutputFile
    var path: String { file.destination }
    /// The first error writing to the file (Cairo stops writing after it).
    private let sink: Sink

    /// Receives what Cairo writes; passed to Cairo's callback as an unretained pointer.
    private final class Sink {
        let file: OutputFile
        var error: Error?
        init(file: OutputFile) { self.file = file }
    }
    private var pageCount = 0
    private var outlineIDs: [Int32] = []

    /// - Parameter substitutingForms: draw vector images as stand-ins and put Cairo's stream for
    ///   each in when the file is finished (see `FormSubstitution`): for a file with one
    ///   document; a combined file writes each drawing once anyway.
    public init(file: OutputFile, width: Double, height: Double, metadata: PDFMetadata, substitutingForms: Bool = false)
        throws
    {
        self.file = file
        sink = Sink(file: file)
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
                do {
                    try sink.file.write(UnsafeRawBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                } catch {
                    sink.error = error
                    return CAIRO_STATUS_WRITE_ERROR
                }
            }, Unmanaged.passUnretained(sink).toOpaque(), width, height)!
        let path = file.destination
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_surface_destroy(surface)
            throw SurfaceError.cannotWrite(path: path, reason: reason)
        }
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        func set(_ key: cairo_pdf_metadata_t, _ value: String) {
            value.withCString { cairo_pdf_surface_set_metadata(surface, key, $0) }
        }
        set(CAIRO_PDF_METADATA_TITLE, metadata.title)
        set(CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        set(CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        set(CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        set(CAIRO_PDF_METADATA_CREATE_DATE, metadata.date)
        set(CAIRO_PDF_METADATA_MOD_DATE, metadata.date)
        self.surface = surface
        cr = cairo_create(surface)
        canvas = Canvas(cr: cr)
        if substitutingForms { canvas.standIns = StandIns() }
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Sets the size of the page about to be drawn (landscape pages for wide tables).
    public func setPageSize(width: Double, height: Double) { cairo_pdf_surface_set_size(surface, width, height) }

    /// Ends the current page and starts the next.
    public func endPage() {
        cairo_show_page(cr)
        pageCount += 1
    }

    /// Adds a bookmark to page `page` (1-based) at height `y`; returns its id for children.
    @discardableResult
    public func addBookmark(_ title: String, page: Int, y: Double, parent: Int32 = 0) -> Int32 {
        let link = "page=\(page) pos=[0 \(Int(y))]"
        return title.withCString { t in
            link.withCString { l in
                cairo_pdf_surface_add_outline(surface, parent, t, l, cairo_pdf_outline_flags_t(0))
            }
        }
    }

    /// Completes the temporary file (the caller commits or discards it).
    public func finish() throws {
        cairo_surface_finish(surface)
        if let error = sink.error { throw error }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw SurfaceError.cannotWrite(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
        if let standIns = canvas.standIns, !standIns.streams.isEmpty { try replaceStandIns(standIns.streams) }
    }

    private func replaceStandIns(_ streams: [FormStreams]) throws {
        guard let finished = FormSubstitution.apply(streams, to: try file.contents()) else {
            throw SurfaceError.standInsNotReplaced(path: path)
        }
        try file.replaceContents(finished)
    }
}

/// A one-page PDF made in memory (the reference files of `FormSubstitution`).
final class PDFMemoryWriter {
    /// Collects what Cairo writes; passed to Cairo's callback as an unretained pointer.
    private final class Buffer { var bytes: [UInt8] = [] }
    private let buffer = Buffer()
    let surface: OpaquePointer
    let cr: OpaquePointer
    let canvas: Canvas

    init(width: Double, height: Double) {
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                let buffer = Unmanaged<Buffer>.fromOpaque(closure!).takeUnretainedValue()
                buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(buffer).toOpaque(), width, height)!
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cr = cairo_create(surface)
        canvas = Canvas(cr: cr)
    }

    func finish() -> [UInt8] {
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        return buffer.bytes
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }
}

/// One page drawn into a PNG image at a given resolution.
public final class PNGWriter {
    let surface: OpaquePointer
    let cr: OpaquePointer
    public let canvas: Canvas
    public let pixelWidth: Int
    public let pixelHeight: Int

    public init(width: Double, height: Double, dpi: Double) {
        let scale = dpi / 72
        pixelWidth = Int((width * scale).rounded())
        pixelHeight = Int((height * scale).rounded())
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight))
        cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        canvas = Canvas(cr: cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    public func write(to path: String) throws {
        cairo_surface_flush(surface)
        let result = saraban_write_png_fast(
            path, cairo_image_surface_get_data(surface), Int32(pixelWidth), Int32(pixelHeight),
            cairo_image_surface_get_stride(surface))
        guard result == 0 else {
            throw SurfaceError.cannotWrite(
                path: path, reason: result == 1 ? "cannot create the file" : "the PNG could not be written")
        }
    }

    /// Grey level (0 black … 255 white) of each pixel, row by row: for the terminal preview.
    public func greyPixels() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var result = [UInt8](repeating: 255, count: pixelWidth * pixelHeight)
        for y in 0..<pixelHeight {
            for x in 0..<pixelWidth {
                let p = data + y * stride + x * 4
                result[y * pixelWidth + x] = UInt8((Int(p[0]) + Int(p[1]) + Int(p[2])) / 3)
            }
        }
        return result
    }
}

extension SurfaceError: ReportedError { public var exitStatus: ExitStatus { .environment } }
