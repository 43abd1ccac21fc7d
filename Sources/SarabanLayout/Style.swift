import Foundation
import SarabanDocument
import SarabanFiles
import ThaiText
import Yams

/// A length in points, written in the style file as `3cm`, `25mm`, `16pt` or a bare number of points.
public struct Length: Codable, Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public var points: Double
    public init(points: Double) { self.points = points }
    public init(floatLiteral value: Double) { points = value }
    public init(integerLiteral value: Int) { points = Double(value) }
    public static func cm(_ value: Double) -> Length { Length(points: value * 72 / 2.54) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) { points = number; return }
        let text = try container.decode(String.self)
        if let value = LengthText.points(text) { points = value; return }
        throw DecodingError.dataCorruptedError(
            in: container,
            debugDescription: "\"\(text)\" is not a length; expected a number with cm, mm, pt or in (e.g. 2.5cm)")
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(points)pt")
    }
}

/// Every layout number in one place. The shipped values live in `Templates/style.yaml`,
/// each DEFAULT of the spec marked there with its reason; Swift code holds none of them.
public struct Style: Codable, Sendable {
    public var page: Page
    public var font: Font
    public var paragraph: Paragraph
    public var letter: Letter
    public var memo: Memo
    public var furniture: Furniture
    public var table: TableStyle
    public var minutes: MinutesStyle
    /// How big a document may grow before Saraban stops with a message (absent: the defaults).
    public var limits: Limits?
    public var effectiveLimits: Limits { limits ?? Limits() }
    /// How the PDF is written (absent: as Cairo writes it).
    public var output: Output?

    /// What a digital signature shows in its signing space (absent: the built-in lines).
    public var signature: SignatureAppearance?
    public var effectiveSignature: SignatureAppearance { signature ?? SignatureAppearance() }

    /// A digital signature's appearance: `lines` with `{name}` (the certificate's holder),
    /// `{position}` (the document's position lines under its signer), `{date}` and `{time}` of
    /// signing; a line whose values are all empty is left out. Set in `size` (smaller when the
    /// space is small) and `color` (`#RRGGBB`).
    public struct SignatureAppearance: Codable, Sendable {
        public var lines: [String] = ["ลงนามโดย {name}", "{position}", "{date} เวลา {time} น."]
        /// For a space too short for `lines` at three quarters of `size` (a sign-off's dotted line).
        public var shortLines: [String] = ["ลงนามโดย {name}", "{date} เวลา {time} น."]
        public var size: Length = 12
        public var color = "#1A2F80"

        /// `color` as red, green and blue from 0 to 1; nil when it is not `#RRGGBB`.
        public var rgb: (red: Double, green: Double, blue: Double)? {
            let hex = color.hasPrefix("#") ? color.dropFirst() : Substring(color)
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
            return (Double(value >> 16 & 0xFF) / 255, Double(value >> 8 & 0xFF) / 255, Double(value & 0xFF) / 255)
        }
    }

    /// `output: {pdfa: true}`: every PDF is PDF/A-2b (an office's style may say so once).
    public struct Output: Codable, Sendable {
        public var pdfa: Bool?
        /// `embedData: true`: a rendered document carries its data file inside it (PDF/A-3b).
        public var embedData: Bool?
    }

    /// Bounds on what one document may make, so that no input runs for minutes or fills the
    /// memory; generous for a 200-page minutes. Each may be set in a style file.
    public struct Limits: Codable, Sendable {
        /// Pages in one PDF.
        public var pages = 2_000
        /// Characters in one document (its text and markup): about 1,500 pages of Thai.
        public var characters = 4_000_000
        /// Rows in one table.
        public var tableRows = 50_000
        /// Characters in one table cell (about 25 pages).
        public var cellCharacters = 50_000
        /// Pixels in one picture (a 50-megapixel photograph).
        public var imagePixels = 50_000_000

        public init() {}

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Limits()
            pages = try container.decodeIfPresent(Int.self, forKey: .pages) ?? defaults.pages
            characters = try container.decodeIfPresent(Int.self, forKey: .characters) ?? defaults.characters
            tableRows = try container.decodeIfPresent(Int.self, forKey: .tableRows) ?? defaults.tableRows
            cellCharacters = try container.decodeIfPresent(Int.self, forKey: .cellCharacters) ?? defaults.cellCharacters
            imagePixels = try container.decodeIfPresent(Int.self, forKey: .imagePixels) ?? defaults.imagePixels
        }
    }

    /// A limit was passed: what, how much, and where to raise it.
    public struct LimitExceeded: Error, CustomStringConvertible {
        public var what: String
        public var limit: Int
        public var key: String
        package init(what: String, limit: Int, key: String) { self.what = what; self.limit = limit; self.key = key }
        public var description: String {
            "\(what) (the limit is \(limit); raise limits.\(key) in a style file if the document really is this big)"
        }
    }

    public struct MinutesStyle: Codable, Sendable {
        /// Where a resolution's text starts (มติที่ประชุม ⇥ รับทราบ).
        public var resolutionTab: Length
        /// Space above an agenda item's heading.
        public var agendaSpaceBefore: Length
        /// Columns of an attendance list: number, name, surname, position (the rest of the line).
        public var rosterColumns: [String]
        /// The same with a reason column (ผู้ไม่มาประชุม).
        public var rosterColumnsWithReason: [String]
    }

    public struct TableStyle: Codable, Sendable {
        public var cellPadding: Length
        public var borderWidth: Length
        /// Space before and after a table.
        public var spaceAround: Length
        /// Tables up to this height are kept on one page.
        public var keepTogetherHeight: Length
        /// Rows taller than this run on over pages, line by line.
        public var splitRowsTallerThan: Length
        /// The smallest type a table too wide for a landscape page is set in.
        public var smallestSize: Length
        /// How much smaller a table may be set so that it fits one page instead of running onto the next.
        public var shrinkToFitPage: Length
    }

    public struct Page: Codable, Sendable {
        public var width: Length
        public var height: Length
        public var marginTop: Length
        public var marginBottom: Length
        public var marginLeft: Length
        public var marginRight: Length
        /// Where the flow starts on page 1 (the top of the Garuda).
        public var firstPageTop: Length
    }

    public struct Font: Codable, Sendable {
        public var family: String
        /// Multiplies every size in the style: sizes are TH Sarabun points, and other families
        /// draw their letters larger or smaller on the em.
        public var scale: Double
        public var size: Length
        /// Distance between baselines of consecutive lines.
        public var linePitch: Length
        /// Baseline below the top of a line box.
        public var baseline: Length
    }

    public struct Paragraph: Codable, Sendable {
        /// "1 Enter + Before 6 pt" between parts and paragraphs.
        public var spaceBefore: Length
        public var firstLineIndent: Length
        /// Extra indent per nesting level of numbered items.
        public var levelIndent: Length
        /// Lines kept together at the end and start of a split paragraph.
        public var minimumLinesAtBreak: Int
        /// The most Thai Distributed justification may add between two letters of the body
        /// size (smaller text in proportion): more reads as letter-spaced to the eye and as
        /// spaces inside words to a PDF viewer's search.
        public var widestJustificationGap: Length
        /// What a word space may widen besides when the letters have taken all they may (a
        /// protected date or name could not start on the line); a line that would need more
        /// stays short.
        public var widestSpaceGap: Length
    }

    public struct Letter: Codable, Sendable {
        public var emblemHeight: Length
        public var spaceAfterEmblem: Length
        public var urgencySize: Length
        /// Baseline of the urgency mark on page 1, from the page top.
        public var urgencyBaseline: Length
        /// Address block: left edge at the larger of this and (text width − longest line).
        public var addressMinX: Length
        public var dateX: Length
        public var closingX: Length
        /// Signature axis when there is no closing line to centre on.
        public var signatureAxis: Length
        /// Signing space above the name, in lines.
        public var signatureLines: Double
        public var enclosureQuantityX: Length
        public var enclosureCountX: Length
        public var enclosureUnitX: Length
        public var footerSpaceBefore: Length
        public var labelsBold: Bool
    }

    public struct Memo: Codable, Sendable {
        public var emblemHeight: Length
        public var titleSize: Length
        public var titlePitch: Length
        public var labelSize: Length
        public var rowPitch: Length
        public var dateX: Length
        public var urgencyX: Length
        public var leaderDash: Length
    }

    public struct Furniture: Codable, Sendable {
        public var pageNumberBaseline: Length
        public var secrecySize: Length
        public var secrecyTopBaseline: Length
        public var secrecyBottomBaseline: Length
        public var specimenText: String
        public var specimenSize: Length
        public var continuationMinCharacters: Int
    }

    public var textWidth: Double { page.width.points - page.marginLeft.points - page.marginRight.points }

    /// An office's style over the built-in one: only the keys it names change; a key the
    /// built-in style does not have is an error naming it, with the nearest known key.
    static func merged(_ node: Node, over base: Node, path: String, at field: String) throws -> Node {
        guard case .mapping(let overrides) = node, case .mapping(var result) = base else { return node }
        for (key, value) in overrides {
            let name = key.string ?? ""
            let full = field.isEmpty ? name : field + "." + name
            guard let original = result[key] else {
                let known = Array(result.keys.compactMap(\.string))
                let hint =
                    Suggestion.closest(to: name, in: known).map {
                        "; did you mean \(field.isEmpty ? $0 : field + "." + $0)?"
                    } ?? ""
                throw StyleError(
                    path: path,
                    message: "\(full): no such setting\(hint) (settings here: \(known.joined(separator: ", ")))")
            }
            result[key] = try merged(value, over: original, path: path, at: full)
        }
        return .mapping(result)
    }

    /// A style file's YAML as JSON text: plain numbers and true/false typed, the rest strings.
    /// (Written here: Foundation's serializer spends a millisecond formatting the numbers, and a
    /// Yams scalar made for a key would build Yams' default resolver, regular expressions and all.)
    private static func json(_ node: Node) -> String {
        switch node {
        case .mapping(let mapping):
            return "{" + mapping.map { jsonString($0.key.string ?? "") + ":" + json($0.value) }.joined(separator: ",")
                + "}"
        case .sequence(let sequence):
            return "[" + sequence.map(json).joined(separator: ",") + "]"
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let number = Double(scalar.string), number.isFinite { return "\(number)" }
                if scalar.string == "true" || scalar.string == "false" { return scalar.string }
            }
            return jsonString(scalar.string)
        }
    }

    private static func jsonString(_ string: String) -> String {
        var text = "\""
        for character in string.unicodeScalars {
            switch character {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where character.value < 0x20:
                text += "\\u00" + (character.value < 0x10 ? "0" : "") + String(character.value, radix: 16)
            default: text.unicodeScalars.append(character)
            }
        }
        return text + "\""
    }

    /// Sizes no page can be set with (a 0 pt font, a margin wider than the paper): what is wrong,
    /// or nil. Every length is a finite number of points from 0 to the longest paper (A3, 2 m
    /// to be generous); type sizes and line pitches are at least 4 pt; the text keeps a frame.
    func problem() -> String? {
        func walk(_ value: Any, _ path: String) -> String? {
            if let length = value as? Length {
                guard length.points.isFinite, (0...2000).contains(length.points) else {
                    return "\(path): \(length.points)pt is not a length a page can have; expected 0 to 2000pt (70cm)"
                }
                let name = path.split(separator: ".").last.map(String.init)?.lowercased() ?? ""
                if name.hasSuffix("size") || name.hasSuffix("pitch"), length.points < 4 {
                    return "\(path): \(length.points)pt is too small to print; expected at least 4pt"
                }
                return nil
            }
            if let number = value as? Double, !number.isFinite || number < 0 || number > 100 {
                return "\(path): \(number) is out of range; expected a number from 0 to 100"
            }
            if let number = value as? Int, path.hasPrefix("limits.") ? number < 1 : (number < 0 || number > 1000) {
                return
                    "\(path): \(number) is out of range; expected a whole number from \(path.hasPrefix("limits.") ? "1" : "0 to 1000")"
            }
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                // (An optional group's value is its `some`: no part of the setting's name.)
                let name = label == "some" ? path : path.isEmpty ? label : path + "." + label
                if let problem = walk(child.value, name) { return problem }
            }
            return nil
        }
        if let problem = walk(self, "") { return problem }
        if let signature, signature.rgb == nil {
            return "signature.color: \"\(signature.color)\" is not a colour; expected #RRGGBB, e.g. #1A2F80"
        }
        guard font.scale > 0 else { return "font.scale: expected a number above 0" }
        let frame = 72.0
        guard textWidth >= frame, page.height.points - page.marginTop.points - page.marginBottom.points >= frame else {
            return
                "page: the margins leave less than 1 inch (72pt) of text on a \(page.width.points)×\(page.height.points)pt page"
        }
        return nil
    }

    public struct StyleError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Reads a style file; errors name the file and the field.
    public static func load(path: String) throws -> Style { try load(layers: [path]) }

    /// The built-in style (`layers[0]`) with each later file's settings over it (an office's
    /// style, then `--style`); errors name the file whose setting is wrong.
    public static func load(layers: [String]) throws -> Style {
        guard let first = layers.first else { throw StyleError(path: "", message: "no style file") }
        var node = try compose(try contents(first), path: first)
        for layer in layers.dropFirst() {
            // A layer with nothing in it but comments (an office's started style.yaml) changes nothing.
            let text = try contents(layer)
            if text.split(separator: "\n").allSatisfy({
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                    || $0.trimmingCharacters(in: .whitespaces).isEmpty
            }) {
                continue
            }
            node = try merged(try compose(text, path: layer), over: node, path: layer, at: "")
        }
        return try decode(node, path: layers.last!)
    }

    /// A style file's text; `path` names it in messages.
    public static func load(text: String, path: String) throws -> Style {
        try decode(try compose(text, path: path), path: path)
    }

    private static func contents(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StyleError(path: path, message: "cannot read the style file")
        }
        return text
    }

    /// A style file's YAML tree. Every value is a number, a length or a name: the basic resolver
    /// reads them, and saves compiling the default resolver's regular expressions at each start.
    private static func compose(_ text: String, path: String) throws -> Node {
        do {
            guard let node = try BoundedYAML.compose(text, file: path) else {
                throw StyleError(path: path, message: "the style file is empty")
            }
            return node
        } catch let error as BoundedYAML.LimitError {
            throw StyleError(path: path, message: error.message)
        } catch let error as YamlError {
            let summary = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
            throw StyleError(path: path, message: "not valid YAML: \(summary)")
        }
    }

    /// The style a (merged) tree describes, its sizes checked.
    private static func decode(_ node: Node, path: String) throws -> Style {
        do {
            // Yams' own decoder would compile its merge-key regular expression (ICU) first.
            let style = try JSONDecoder().decode(Style.self, from: Data(json(node).utf8))
            if let problem = style.problem() { throw StyleError(path: path, message: problem) }
            return style
        } catch let error as StyleError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            let field = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw StyleError(path: path, message: "missing field \(field)")
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is YamlError {
            // Yams' own description starts with "LINE:COLUMN: error: …"; the rest is a picture of the line.
            let summary = "\(context.underlyingError!)".split(separator: "\n").first.map(String.init) ?? ""
            throw StyleError(path: path, message: "not valid YAML: \(summary)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw StyleError(path: path, message: "field \(field): \(context.debugDescription)")
        } catch {
            throw StyleError(path: path, message: "\(error)")
        }
    }
}

extension Style.StyleError: ReportedError { public var exitStatus: ExitStatus { .input } }
extension Style.LimitExceeded: ReportedError { public var exitStatus: ExitStatus { .input } }
