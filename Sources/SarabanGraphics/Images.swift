import CPangoCairo
import Foundation

public enum ImageError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read image \(path): \(reason)"
        }
    }
}

/// An SVG drawing (the Garuda, a signature) rendered as vector paths by librsvg.
public final class VectorImage {
    let handle: UnsafeMutablePointer<RsvgHandle>
    public let width: Double
    public let height: Double

    public init(path: String) throws {
        var error: UnsafeMutablePointer<GError>?
        // From bytes read here, not from a file name: librsvg would open it through GIO, whose
        // start-up (VFS modules, worker threads) costs a cold render more than the drawing does.
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ImageError.unreadable(path: path, reason: "cannot read the file")
        }
        let loaded = bytes.withUnsafeBytes { raw in
            rsvg_handle_new_from_data(raw.bindMemory(to: UInt8.self).baseAddress, gsize(raw.count), &error)
        }
        guard let handle = loaded else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "not an SVG file"
            saraban_error_free(error)
            throw ImageError.unreadable(path: path, reason: reason)
        }
        self.handle = handle
        var w = 0.0, h = 0.0
        // The Garuda has no viewBox: scale by its intrinsic width and height.
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) == 0 || w <= 0 || h <= 0 {
            var viewBox = RsvgRectangle()
            var hasViewBox: gboolean = 0
            rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
            (w, h) = hasViewBox != 0 ? (viewBox.width, viewBox.height) : (100, 100)
        }
        width = w
        height = h
    }

    deinit { saraban_g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// Drawings already made, by target height: librsvg draws once, into a recording surface
    /// kept in page units, and every later page replays it (fewer digits to write in each PDF).
    private var recordings: [Double: OpaquePointer] = [:]

    func render(on canvas: Canvas, x: Double, y: Double, height target: Double) {
        let recording = recording(height: target)
        cairo_save(canvas.cr)
        cairo_set_source_surface(canvas.cr, recording, x, y)
        cairo_paint(canvas.cr)
        cairo_restore(canvas.cr)
    }

    private func recording(height target: Double) -> OpaquePointer {
        if let cached = recordings[target] { return cached }
        let scale = target / height
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width * scale, height: target)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        let cr = cairo_create(surface)!
        cairo_scale(cr, scale, scale)
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        _ = rsvg_handle_render_document(handle, cr, &viewport, &error)
        saraban_error_free(error)
        cairo_destroy(cr)
        recordings[target] = surface
        return surface
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
}
