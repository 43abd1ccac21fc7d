import CPangoCairo
import SarabanFiles

/// The fonts a render may use, loaded from the program's own folders through a private
/// fontconfig configuration, so that output never depends on what a machine has installed.
///
/// Not thread-safe: Pango font maps must not be shared between threads. Create one per worker.
public final class FontLibrary {
    let config: OpaquePointer
    let fontMap: OpaquePointer
    let context: OpaquePointer
    public let directories: [String]
    /// Glyph → character of each font's cmap, for the PDF text layer (see `GlyphText`).
    private var reverseCmaps: [UnsafeMutableRawPointer: ReverseCmap] = [:]

    public enum FontError: Error, CustomStringConvertible {
        case noFontDirectory(String)
        case familyNotFound(requested: String, resolved: String, directories: [String])
        public var description: String {
            switch self {
            case .noFontDirectory(let dir):
                return "font folder \(dir) does not exist or holds no fonts"
            case let .familyNotFound(requested, resolved, dirs):
                return
                    "font \"\(requested)\" was not found in \(dirs.joined(separator: ", ")) (the closest match was \"\(resolved)\"); put its .ttf files in a font folder (--font-dir) or choose another family in the style"
            }
        }
    }

    /// Fontconfig's process-wide configuration, set once to an empty one. Pango's font maps
    /// start by initialising it in a thread and wait for that thread; left alone it reads the
    /// whole system configuration (about fifty files and the system font caches), a third of a
    /// cold render, for fonts Saraban never uses.
    private static let emptySystemConfiguration: Void = {
        if let empty = FcConfigCreate() {
            FcConfigSetCurrent(empty)
            FcConfigDestroy(empty)
        }
    }()

    /// Loads every font in `directories` (no system fonts).
    public init(directories: [String]) throws {
        Self.emptySystemConfiguration
        guard let config = FcConfigCreate() else { fatalError("fontconfig could not create a configuration") }
        // A cache folder of our own; without one fontconfig complains on every run.
        // The font cache goes to $XDG_CACHE_HOME (or ~/.cache); without a home (cron, a service)
        // to the temporary folder, so that fontconfig never complains of no writable cache.
        func isSet(_ name: String) -> Bool { getenv(name).map { $0.pointee != 0 } ?? false }
        let temporary = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        let cacheDirectory =
            isSet("XDG_CACHE_HOME") || isSet("HOME")
            ? "<cachedir prefix=\"xdg\">saraban-fontconfig</cachedir>"
            : "<cachedir>\(temporary)/saraban-fontconfig-\(userID())</cachedir>"
        let cacheConfig = "<fontconfig>\(cacheDirectory)</fontconfig>"
        _ = cacheConfig.withCString {
            FcConfigParseAndLoadFromMemory(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), 0)
        }
        for dir in directories {
            var isDir = false
            if !fileIsDirectory(dir, &isDir) || !isDir { FcConfigDestroy(config); throw FontError.noFontDirectory(dir) }
            _ = dir.withCString { FcConfigAppFontAddDir(config, $0) }
        }
        self.config = config
        self.directories = directories
        fontMap = OpaquePointer(saraban_fc_font_map_new(config))
        pango_cairo_font_map_set_resolution(fontMap, 72)
        context = pango_font_map_create_context(UnsafeMutablePointer(fontMap))
        // Pango's Cairo context assumes 96 dpi; PDF points are 1/72 in.
        pango_cairo_context_set_resolution(context, 72)
        // Rounded glyph positions make widths drift from the font's own metrics.
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    /// Glyph id → the character whose nominal glyph it is, for the characters a Thai document uses.
    func reverseCmap(for font: UnsafeMutablePointer<PangoFont>) -> ReverseCmap {
        let key = UnsafeMutableRawPointer(font)
        if let cached = reverseCmaps[key] { return cached }
        var map: [UInt32: Unicode.Scalar] = [:]
        var saraAmGlyph: UInt32?
        if let hbFont = pango_font_get_hb_font(font) {
            let ranges: [ClosedRange<UInt32>] = [
                0x20...0x7E, 0xA0...0xFF, 0x0E00...0x0E7F, 0x2010...0x2027, 0x2713...0x2714,
            ]
            for range in ranges {
                for code in range {
                    var glyph: hb_codepoint_t = 0
                    if hb_font_get_nominal_glyph(hbFont, code, &glyph) != 0, map[glyph] == nil,
                        let scalar = Unicode.Scalar(code)
                    {
                        map[glyph] = scalar
                        if code == 0x0E33 { saraAmGlyph = glyph }
                    }
                }
            }
        }
        var characters = [Unicode.Scalar?](repeating: nil, count: Int(map.keys.max() ?? 0) + 1)
        for (glyph, scalar) in map { characters[Int(glyph)] = scalar }
        let result = ReverseCmap(characters: characters, saraAmGlyph: saraAmGlyph)
        reverseCmaps[key] = result
        return result
    }

    deinit {
        saraban_g_object_unref(UnsafeMutableRawPointer(context))
        saraban_g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// The family Pango actually resolves for `family`; fails when it is another one, because an
    /// unknown family silently falls back to whatever fontconfig finds.
    public func verify(family: String, bold: Bool = false) throws {
        let description = FontDescription(family: family, size: 16, bold: bold)
        guard let font = pango_font_map_load_font(UnsafeMutablePointer(fontMap), context, description.pointer) else {
            throw FontError.familyNotFound(requested: family, resolved: "none", directories: directories)
        }
        defer { saraban_g_object_unref(UnsafeMutableRawPointer(font)) }
        let resolvedDescription = pango_font_describe(font)
        defer { pango_font_description_free(resolvedDescription) }
        let resolved = String(cString: pango_font_description_get_family(resolvedDescription))
        if resolved.lowercased() != family.lowercased() {
            throw FontError.familyNotFound(requested: family, resolved: resolved, directories: directories)
        }
    }
}

/// A Pango font description (family, size in points, weight).
final class FontDescription {
    let pointer: OpaquePointer
    init(family: String, size: Double, bold: Bool) {
        pointer = pango_font_description_new()
        family.withCString { pango_font_description_set_family(pointer, $0) }
        pango_font_description_set_size(pointer, Int32((size * Double(PANGO_SCALE)).rounded()))
        pango_font_description_set_weight(pointer, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
    }
    deinit { pango_font_description_free(pointer) }
}

func fileIsDirectory(_ path: String, _ isDir: inout Bool) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    isDir = (info.st_mode & UInt32(S_IFMT)) == UInt32(S_IFDIR)
    return true
}

/// A font's cmap read backwards, for the characters a Thai document uses.
struct ReverseCmap {
    /// By glyph id (an array: looked up for every glyph drawn).
    private var characters: [Unicode.Scalar?]
    init(characters: [Unicode.Scalar?], saraAmGlyph: UInt32?) {
        self.characters = characters; self.saraAmGlyph = saraAmGlyph
    }
    subscript(glyph: UInt32) -> Unicode.Scalar? { Int(glyph) < characters.count ? characters[Int(glyph)] : nil }
    /// The font's own ำ glyph, drawn instead of the shaper's sara aa so that ToUnicode says ำ.
    var saraAmGlyph: UInt32?
}

/// The user's id (the C function; this file does without Foundation and Glibc's names clash
/// with the C shim's).
@_silgen_name("getuid") private func userID() -> UInt32

extension FontLibrary.FontError: ReportedError { public var exitStatus: ExitStatus { .environment } }
