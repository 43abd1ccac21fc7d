import CPangoCairo

/// An RGB colour, components 0…1.
public struct Color: Sendable, Equatable, Codable {
    public var red: Double, green: Double, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// The red of urgency and secrecy stamps.
    public static let stampRed = Color(red: 0.85, green: 0, blue: 0)
}

/// Where drawing goes: a page of a PDF or a PNG image. Coordinates are points from the top-left.
public final class Canvas {
    let cr: OpaquePointer
    /// Set by a PDF writer that puts shared drawings in after the file is written (see
    /// `FormSubstitution`): vector images are then drawn as stand-ins and listed here.
    var standIns: StandIns?

    init(cr: OpaquePointer) { self.cr = cr }

    public func setColor(_ color: Color) { cairo_set_source_rgb(cr, color.red, color.green, color.blue) }

    public func save() { cairo_save(cr) }
    public func restore() { cairo_restore(cr) }
    public func translate(x: Double, y: Double) { cairo_translate(cr, x, y) }
    public func rotate(degrees: Double) { cairo_rotate(cr, degrees * .pi / 180) }

    public func fillPath() { cairo_fill(cr) }

    public func strokeLine(from start: (Double, Double), to end: (Double, Double), width: Double, dash: [Double] = []) {
        cairo_set_line_width(cr, width)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        cairo_move_to(cr, start.0, start.1)
        cairo_line_to(cr, end.0, end.1)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    public func strokeRect(x: Double, y: Double, width: Double, height: Double, lineWidth: Double) {
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    /// Draws `image` scaled to fit `height`, its left edge at `x` and its top at `y`.
    public func draw(_ image: VectorImage, x: Double, y: Double, height: Double) {
        if let standIns, let streams = image.formStreams(height: height) {
            image.renderStandIn(on: self, x: x, y: y, height: height)
            standIns.add(streams)
        } else {
            image.render(on: self, x: x, y: y, height: height)
        }
    }

    /// Draws a raster image scaled to `height`.
    public func draw(_ image: RasterImage, x: Double, y: Double, height: Double) {
        let scale = height / Double(image.pixelHeight)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, image.surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Makes a rectangle of the page a link (PDF only; images ignore it).
    public func addLink(uri: String, x: Double, y: Double, width: Double, height: Double) {
        let escaped = uri.replacingOccurrences(of: "'", with: "\\'")
        "uri='\(escaped)' rect=[\(x) \(y) \(width) \(height)]".withCString { cairo_tag_begin(cr, CAIRO_TAG_LINK, $0) }
        cairo_tag_end(cr, CAIRO_TAG_LINK)
    }

    /// Opens a structure element of the tagged PDF (Cairo writes the structure tree; surfaces
    /// that are not PDF ignore it).
    public func beginStructure(_ role: String) { cairo_tag_begin(cr, role, "") }

    public func endStructure(_ role: String) { cairo_tag_end(cr, role) }
}

/// The drawings a PDF shows as stand-ins, to be put in when it is finished.
final class StandIns {
    private(set) var streams: [FormStreams] = []
    func add(_ form: FormStreams) {
        if !streams.contains(where: { $0.standIn == form.standIn }) { streams.append(form) }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
