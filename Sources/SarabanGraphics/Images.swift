import CPangoCairo
import Foundation
import SarabanFiles

public enum ImageError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read image \(path): \(reason)"
        }
    }
}

/// gdk-pixbuf's functions, looked up when the first JPEG is read.
struct JPEGLibrary: @unchecked Sendable {
    let newFromFile: saraban_pixbuf_new_from_file
    let width: saraban_pixbuf_get_int, height: saraban_pixbuf_get_int
    let channels: saraban_pixbuf_get_int, rowstride: saraban_pixbuf_get_int
    let pixels: saraban_pixbuf_get_pixels

    static let shared: JPEGLibrary? = {
        guard let library = saraban_dlopen("libgdk_pixbuf-2.0.so.0") else { return nil }
        func symbol<Function>(_ name: String) -> Function? {
            dlsym(library, name).map { unsafeBitCast($0, to: Function.self) }
        }
        guard let newFromFile: saraban_pixbuf_new_from_file = symbol("gdk_pixbuf_new_from_file"),
            let width: saraban_pixbuf_get_int = symbol("gdk_pixbuf_get_width"),
            let height: saraban_pixbuf_get_int = symbol("gdk_pixbuf_get_height"),
            let channels: saraban_pixbuf_get_int = symbol("gdk_pixbuf_get_n_channels"),
            let rowstride: saraban_pixbuf_get_int = symbol("gdk_pixbuf_get_rowstride"),
            let pixels: saraban_pixbuf_get_pixels = symbol("gdk_pixbuf_get_pixels")
        else { return nil }
        return JPEGLibrary(
            newFromFile: newFromFile, width: width, height: height, channels: channels, rowstride: rowstride,
            pixels: pixels)
    }()
}

/// librsvg's functions, looked up when the first SVG is read: linked, librsvg and what it
/// brings (libxml2, ICU, gdk-pixbuf) were loaded at every start, a few milliseconds of a cold
/// render that needs them only on the thread that reads the Garuda.
struct SVGLibrary: @unchecked Sendable {
    let newFromData: saraban_rsvg_new_from_data
    let intrinsicSizeInPixels: saraban_rsvg_get_intrinsic_size_in_pixels
    let intrinsicDimensions: saraban_rsvg_get_intrinsic_dimensions
    let renderDocument: saraban_rsvg_render_document

    static let shared: SVGLibrary? = {
        guard let library = saraban_dlopen("librsvg-2.so.2") else { return nil }
        func symbol<Function>(_ name: String) -> Function? {
            dlsym(library, name).map { unsafeBitCast($0, to: Function.self) }
        }
        guard let newFromData: saraban_rsvg_new_from_data = symbol("rsvg_handle_new_from_data"),
            let intrinsicSizeInPixels: saraban_rsvg_get_intrinsic_size_in_pixels = symbol(
                "rsvg_handle_get_intrinsic_size_in_pixels"),
            let intrinsicDimensions: saraban_rsvg_get_intrinsic_dimensions = symbol(
                "rsvg_handle_get_intrinsic_dimensions"),
            let renderDocument: saraban_rsvg_render_document = symbol("rsvg_handle_render_document")
        else { return nil }
        return SVGLibrary(
            newFromData: newFromData, intrinsicSizeInPixels: intrinsicSizeInPixels,
            intrinsicDimensions: intrinsicDimensions, renderDocument: renderDocument)
    }()
}

/// An SVG drawing (the Garuda, a signature) rendered as vector paths by librsvg.
///
/// librsvg reads the drawing only when it is drawn: its size and its PDF streams usually come
/// from the `DrawingCache`, and a letter whose Garuda Cairo's stream stands in for never needs it.
public final class VectorImage {
    private let path: String
    private let bytes: Data
    private let cacheKey: DrawingCache.Key
    /// librsvg's handle once read; guarded by `lock`.
    private var handle: OpaquePointer?
    public let width: Double
    public let height: Double

    public init(path: String) throws {
        // From bytes read here, not from a file name: librsvg would open it through GIO, whose
        // start-up (VFS modules, worker threads) costs a cold render more than the drawing does.
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ImageError.unreadable(path: path, reason: "cannot read the file")
        }
        self.path = path
        self.bytes = bytes
        cacheKey = DrawingCache.Key(bytes: bytes)
        if let size = DrawingCache.shared.size(cacheKey) {
            (width, height) = size
            return
        }
        let handle = try Self.read(bytes, path: path)
        self.handle = handle
        let svg = SVGLibrary.shared!
        var w = 0.0, h = 0.0
        // The Garuda has no viewBox: scale by its intrinsic width and height.
        if svg.intrinsicSizeInPixels(handle, &w, &h) == 0 || w <= 0 || h <= 0 {
            var viewBox = RsvgRectangle()
            var hasViewBox: gboolean = 0
            svg.intrinsicDimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
            (w, h) = hasViewBox != 0 ? (viewBox.width, viewBox.height) : (100, 100)
        }
        width = w
        height = h
        DrawingCache.shared.store(size: (w, h), cacheKey)
    }

    private static func read(_ bytes: Data, path: String) throws -> OpaquePointer {
        guard let svg = SVGLibrary.shared else {
            throw ImageError.unreadable(path: path, reason: "librsvg (Debian: librsvg2-2) is not installed")
        }
        var error: UnsafeMutablePointer<GError>?
        let loaded = bytes.withUnsafeBytes { raw in
            svg.newFromData(raw.bindMemory(to: UInt8.self).baseAddress, gsize(raw.count), &error)
        }
        guard let handle = loaded else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "not an SVG file"
            saraban_error_free(error)
            throw ImageError.unreadable(path: path, reason: reason)
        }
        return handle
    }

    /// Whether librsvg has read the drawing (its recordings are then cheap to make).
    public var isRead: Bool { lock.withLock { handle != nil } }

    /// Drawings already made, by target height: librsvg draws once, into a recording surface
    /// kept in page units, and every later page replays it. Guarded by `lock`: the engine
    /// prepares them on another thread (see `Preparation`).
    private var recordings: [Double: OpaquePointer] = [:]
    private var standIns: [Double: OpaquePointer] = [:]
    /// Guarded by `formLock`.
    private var forms: [Double: FormStreams?] = [:]
    private let lock = NSLock()
    /// Held while the form streams are made, so that a second thread waits for them.
    private let formLock = NSLock()

    func render(on canvas: Canvas, x: Double, y: Double, height target: Double) {
        paint(recording(height: target), on: canvas, x: x, y: y)
    }

    /// Draws the stand-in that `FormSubstitution` replaces with this drawing in a finished PDF.
    func renderStandIn(on canvas: Canvas, x: Double, y: Double, height target: Double) {
        paint(standIn(height: target), on: canvas, x: x, y: y)
    }

    private func paint(_ recording: OpaquePointer, on canvas: Canvas, x: Double, y: Double) {
        cairo_save(canvas.cr)
        cairo_set_source_surface(canvas.cr, recording, x, y)
        cairo_paint(canvas.cr)
        cairo_restore(canvas.cr)
    }

    /// Draws the image for `height` now, so that a later page only replays it.
    public func prepare(height: Double) { _ = recording(height: height) }

    private func recording(height target: Double) -> OpaquePointer {
        lock.withLock { Self.cached(&recordings, target) { record(height: target, draw: drawDocument) } }
    }

    /// librsvg's drawing of the whole SVG; call with `lock` held (the handle is not thread-safe).
    /// A file that read once and no longer does (it was checked when its size was cached) draws nothing.
    private func drawDocument(_ cr: OpaquePointer) {
        if handle == nil { handle = try? Self.read(bytes, path: path) }
        guard let handle, let svg = SVGLibrary.shared else { return }
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        _ = svg.renderDocument(handle, cr, &viewport, &error)
        saraban_error_free(error)
    }

    /// One black rectangle in a recording of the drawing's size: Cairo gives it a form with the
    /// same dictionary and resources as the drawing's.
    private func standIn(height target: Double) -> OpaquePointer {
        lock.withLock {
            Self.cached(&standIns, target) {
                record(height: target) { cr in
                    cairo_set_source_rgb(cr, 0, 0, 0)
                    cairo_rectangle(cr, 0, 0, 1, 1)
                    cairo_fill(cr)
                }
            }
        }
    }

    /// The surface kept under `height` in `cache`, made by `make` the first time.
    private static func cached(_ cache: inout [Double: OpaquePointer], _ height: Double, make: () -> OpaquePointer)
        -> OpaquePointer
    {
        if let surface = cache[height] { return surface }
        let surface = make()
        cache[height] = surface
        return surface
    }

    private func record(height target: Double, draw: (OpaquePointer) -> Void) -> OpaquePointer {
        let scale = target / height
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width * scale, height: target)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        let cr = cairo_create(surface)!
        cairo_scale(cr, scale, scale)
        draw(cr)
        cairo_destroy(cr)
        return surface
    }

    /// The streams Cairo writes for the drawing and for its stand-in at `height`, each read from
    /// a PDF of its own; nil when they cannot be told apart from the rest of a file.
    public func formStreams(height: Double) -> FormStreams? {
        formLock.lock()
        defer { formLock.unlock() }
        if let known = forms[height] { return known }
        if let cached = DrawingCache.shared.streams(cacheKey, height: height) {
            forms[height] = cached
            return cached
        }
        // A recording of its own: pages may be replaying the shared one on another thread.
        let real = referencePDF(height: height) { canvas in
            let recording = self.lock.withLock { self.record(height: height, draw: self.drawDocument) }
            self.paint(recording, on: canvas, x: 0, y: 0)
            cairo_surface_destroy(recording)
        }
        let standIn = referencePDF(height: height) { self.renderStandIn(on: $0, x: 0, y: 0, height: height) }
        var streams: FormStreams?
        if let real = FormSubstitution.onlyForm(in: real), let standIn = FormSubstitution.onlyForm(in: standIn),
            real.resources == standIn.resources, real.stream != standIn.stream
        {
            let made = FormStreams(standIn: standIn.stream, real: real.stream, resources: real.resources)
            DrawingCache.shared.store(streams: made, cacheKey, height: height)
            streams = made
        }
        forms[height] = streams
        return streams
    }

    private func referencePDF(height: Double, draw: (Canvas) -> Void) -> [UInt8] {
        let writer = PDFMemoryWriter(width: width * height / self.height + 10, height: height + 10)
        draw(writer.canvas)
        return writer.finish()
    }

    deinit {
        for surface in Array(recordings.values) + Array(standIns.values) { cairo_surface_destroy(surface) }
        if let handle { saraban_g_object_unref(UnsafeMutableRawPointer(handle)) }
    }
}

/// A PNG image (a scanned signature).
public final class RasterImage {
    let surface: OpaquePointer
    public let pixelWidth: Int
    public let pixelHeight: Int

    public init(pngPath path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_surface_destroy(surface)
            throw ImageError.unreadable(path: path, reason: reason)
        }
        self.surface = surface
        pixelWidth = Int(cairo_image_surface_get_width(surface))
        pixelHeight = Int(cairo_image_surface_get_height(surface))
    }

    deinit { cairo_surface_destroy(surface) }

    /// A JPEG photograph, decoded by gdk-pixbuf; the PDF carries the file's own JPEG bytes
    /// (Cairo embeds them as they are when the surface says where it came from).
    public init(jpegPath path: String) throws {
        guard let library = JPEGLibrary.shared else {
            throw ImageError.unreadable(path: path, reason: "gdk-pixbuf is not installed")
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ImageError.unreadable(path: path, reason: "cannot read the file")
        }
        var error: UnsafeMutablePointer<GError>?
        guard let pixbuf = path.withCString({ library.newFromFile($0, &error) }) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "not a JPEG picture"
            throw ImageError.unreadable(path: path, reason: reason)
        }
        defer { saraban_g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        let width = Int(library.width(pixbuf)), height = Int(library.height(pixbuf))
        let channels = Int(library.channels(pixbuf)), stride = Int(library.rowstride(pixbuf))
        guard width > 0, height > 0, channels >= 3, let pixels = library.pixels(pixbuf) else {
            throw ImageError.unreadable(path: path, reason: "an empty picture")
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        cairo_surface_flush(surface)
        let target = cairo_image_surface_get_data(surface)!
        let targetStride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<height {
            for x in 0..<width {
                let source = pixels + y * stride + x * channels
                let pixel = (UInt32(source[0]) << 16) | (UInt32(source[1]) << 8) | UInt32(source[2])
                (target + y * targetStride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) {
                    $0.pointee = pixel
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        // The original bytes go into the PDF (DCTDecode), not a re-encoded copy.
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        bytes.copyBytes(to: copy, count: bytes.count)
        cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, UInt(bytes.count), { $0?.deallocate() }, copy)
        self.surface = surface
        pixelWidth = width
        pixelHeight = height
    }

    /// A PNG's size from its header, without decoding it; nil when the file is not a PNG.
    public static func pngSize(path: String) -> (width: Int, height: Int)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 24), head.count == 24,
            Array(head.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        else { return nil }
        let bytes = [UInt8](head)
        func number(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}

extension ImageError: ReportedError { public var exitStatus: ExitStatus { .environment } }
