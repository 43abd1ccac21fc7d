import Foundation
import Saraban
import SarabanDocument
import SarabanLayout

/// A deterministic mutation fuzzer over Saraban's readers: it takes the examples as its seed
/// corpus, changes them the way hurried hands and other systems do (bytes, YAML tokens, lines,
/// numbers, Thai dates and digits), and feeds each variant to one reader. A thrown error is the
/// right answer to bad input; a trap or a signal ends the process, and the input that did it is
/// in `crashFile`, written before each run, to be made a regression test.
///
/// Run as a test (a fixed seed, under a minute) and as `saraban-fuzz` for long runs (see
/// Fuzz/README.md).
public final class Fuzzer {
    /// One reader under test.
    public enum Target: String, CaseIterable, Sendable {
        /// YAML/JSON data and Markdown minutes → checked documents, and the data checks.
        case data
        /// Data → the templates' markup (Markdown bodies, tables, attendance) → laid-out pages.
        case render
        /// Document markup → blocks (what a user's template produces).
        case markup
        /// A table given as data, laid out.
        case table
        /// A style file.
        case style
        /// A recipients sheet (CSV or YAML).
        case recipients
    }

    public struct Report: Sendable {
        public var runs = 0
        public var errors = 0
        public var accepted = 0
        public var byTarget: [Target: Int] = [:]
    }

    let root: String
    let crashFile: String
    var random: SplitMix64
    let corpus: [Target: [(name: String, text: String)]]
    private var renderer: Renderer?
    private var templates: TemplateLibrary?

    /// - Parameters:
    ///   - root: the package (its Examples/, Templates/, Fonts/).
    ///   - crashFile: where each input is written before it runs.
    public init(root: String, seed: UInt64, crashFile: String) throws {
        self.root = root
        self.crashFile = crashFile
        random = SplitMix64(seed: seed)
        corpus = try Fuzzer.seedCorpus(root: root)
    }

    /// Runs until `seconds` have passed or `runs` inputs were tried, over `targets` in turn.
    public func run(targets: [Target] = Target.allCases, seconds: Double, runs maximum: Int = .max) throws -> Report {
        var report = Report()
        let end = Date().addingTimeInterval(seconds)
        while Date() < end, report.runs < maximum {
            let target = targets[report.runs % targets.count]
            guard let seeds = corpus[target], !seeds.isEmpty else { report.runs += 1; continue }
            let seed = seeds[random.next(seeds.count)]
            var text = seed.text
            for _ in 0...random.next(4) { text = mutate(text, splicing: seeds) }
            let input = Input(target: target, name: seed.name, text: text)
            try input.save(to: crashFile)
            if try run(input) { report.accepted += 1 } else { report.errors += 1 }
            report.runs += 1
            report.byTarget[target, default: 0] += 1
        }
        try? FileManager.default.removeItem(atPath: crashFile)
        return report
    }

    /// One input with its target and the name that tells the readers its kind (`.md`, `.csv`).
    public struct Input: Sendable {
        public var target: Target
        public var name: String
        public var text: String

        public init(target: Target, name: String, text: String) {
            self.target = target; self.name = name; self.text = text
        }

        /// `TARGET NAME` on the first line, the text after it.
        func save(to path: String) throws {
            try Data("\(target.rawValue) \(name)\n\(text)".utf8).write(to: URL(fileURLWithPath: path))
        }

        public static func load(path: String) throws -> Input {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let newline = text.firstIndex(of: "\n") else { throw CocoaError(.fileReadCorruptFile) }
            let header = text[..<newline].split(separator: " ", maxSplits: 1).map(String.init)
            guard header.count == 2, let target = Target(rawValue: header[0]) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return Input(target: target, name: header[1], text: String(text[text.index(after: newline)...]))
        }
    }

    /// Feeds one input to its reader: true when it was accepted, false when refused with an error.
    @discardableResult
    public func run(_ input: Input) throws -> Bool {
        do {
            switch input.target {
            case .data:
                let data = try DataLoader().load(text: input.text, file: folder + "/" + input.name)
                _ = DataChecks(file: input.name).findings(data)
            case .render, .table:
                let data = try DataLoader().load(text: input.text, file: folder + "/" + input.name)
                let (renderer, templates) = try pipeline()
                _ = try renderer.layout(data: data, source: input.name, templates: templates, baseDirectory: folder)
            case .markup:
                let (renderer, _) = try pipeline()
                _ = try renderer.layout(markup: input.text, baseDirectory: folder)
            case .style:
                _ = try Style.load(text: input.text, path: input.name)
            case .recipients:
                _ = try RecipientList.load(text: input.text, path: input.name)
            }
            return true
        } catch {
            // Every refusal must say something.
            precondition(!"\(error)".isEmpty, "an error without a message")
            return false
        }
    }

    private var folder: String { root + "/Examples" }

    private func pipeline() throws -> (Renderer, TemplateLibrary) {
        if let renderer, let templates { return (renderer, templates) }
        let installation = Installation(root: root)
        let made = try Renderer(installation: installation)
        let library = try TemplateLibrary(directory: installation.templateDirectory)
        renderer = made
        templates = library
        return (made, library)
    }

    // MARK: mutations

    /// Tokens that mean something to one of the readers.
    static let dictionary = [
        ":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "~", "null", "NULL", "", "0", "-1", "1.5", "1e308",
        "99999999999999999999999999", "9223372036854775807", "๐", "๙๙", "&a ", "*a", "<<: *a", "|", ">", "---", "\n",
        "  ", "\t", "#", "colspan: 9", "rowspan: 9", "of: [9, 0]", "type: percent", "total: true", "0pt", "-5cm",
        "วันพุธที่ ๓๑ ส.ค. ๖๕", "30 สิงหาคม 0", "2561-02-30", "25610-01-01", "๑.", "(๑)", "๑.๑.๑", "มติที่ประชุม",
        "ระเบียบวาระที่ ๙", "```table\n", "```\n", "| a | b |\n|---|---|\n", "<", ">", "&", "&#0;", "<row>",
        "<cell colspan=\"9\">",
        "</table>", "<!--", "{{", "}}", "\u{0}", "\u{200B}", "ำ", "่", "ฯ", "ๆ", String(repeating: "ก", count: 300),
        String(repeating: "x", count: 500), "https://", "file: ", "signature: ", "../", "/etc/passwd",
    ]

    func mutate(_ text: String, splicing seeds: [(name: String, text: String)]) -> String {
        var bytes = Array(text.utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        switch random.next(9) {
        case 0 where !bytes.isEmpty:  // one byte changed
            bytes[random.next(bytes.count)] = UInt8(random.next(256))
        case 1 where !bytes.isEmpty:  // a stretch deleted
            let start = random.next(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.next(40)))
        case 2 where !bytes.isEmpty:  // a stretch repeated
            let start = random.next(bytes.count)
            let piece = bytes[start..<min(bytes.count, start + 1 + random.next(80))]
            bytes.insert(contentsOf: Array(repeating: Array(piece), count: 1 + random.next(8)).joined(), at: start)
        case 3, 4:  // a token inserted
            let token = Fuzzer.dictionary[random.next(Fuzzer.dictionary.count)]
            bytes.insert(contentsOf: Array(token.utf8), at: random.next(bytes.count + 1))
        case 5 where lines.count > 1:  // a line removed or doubled
            var changed = Array(lines)
            let index = random.next(changed.count)
            if random.next(2) == 0 { changed.remove(at: index) } else { changed.insert(changed[index], at: index) }
            return changed.joined(separator: "\n")
        case 6:  // a line from another seed
            let other = seeds[random.next(seeds.count)].text.split(separator: "\n", omittingEmptySubsequences: false)
            var changed = Array(lines)
            guard !other.isEmpty else { break }
            changed.insert(other[random.next(other.count)], at: random.next(changed.count + 1))
            return changed.joined(separator: "\n")
        case 7:  // a number changed
            let text = String(decoding: bytes, as: UTF8.self)
            let numbers = ["0", "-1", "13", "32", "100000", "2147483648", "18446744073709551616", "0.0001"]
            guard let digit = text.firstIndex(where: \.isNumber) else { break }
            var result = text
            let end = result[digit...].firstIndex { !$0.isNumber } ?? result.endIndex
            result.replaceSubrange(digit..<end, with: numbers[random.next(numbers.count)])
            return result
        default:  // the text cut short
            if !bytes.isEmpty { bytes.removeSubrange(random.next(bytes.count)...) }
        }
        // Invalid UTF-8 from a byte change is what a reader of a file would see as decoding
        // fails; the readers take text, so the fuzzer gives them the repaired text.
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: seeds

    static func seedCorpus(root: String) throws -> [Target: [(name: String, text: String)]] {
        let examples = root + "/Examples"
        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
        var documents: [(String, String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: examples).sorted()
        where file.hasSuffix(".yaml") || file.hasSuffix(".md") {
            documents.append((file, try read(examples + "/" + file)))
        }
        documents.append(("districts-letter.yaml", try read(examples + "/batch/districts-letter.yaml")))
        // The render target takes the small documents: a layout of the 22-page minutes per run
        // would leave few runs for the rest.
        let small = documents.filter { $0.1.utf8.count < 12_000 }
        let tables = documents.compactMap { name, text -> (String, String)? in
            text.contains("table") ? (name, text) : nil
        }
        let markup = try small.compactMap { name, text -> (String, String)? in
            guard !name.hasSuffix(".md"), let data = try? DataLoader().load(text: text, file: examples + "/" + name)
            else { return nil }
            let templates = try TemplateLibrary(directory: root + "/Templates")
            return (name + ".xml", try templates.markup(for: data))
        }
        return [
            .data: documents,
            .render: small,
            .table: tables.filter { $0.1.utf8.count < 40_000 },
            .markup: markup,
            .style: [("style.yaml", try read(root + "/Templates/style.yaml"))],
            .recipients: [
                ("recipients.csv", try read(examples + "/batch/lampang-districts.csv")),
                (
                    "recipients.yaml",
                    "- to: นายอำเภอเมือง\n  name: เมือง\n  amounts: {budget: 100}\n- to: นายอำเภองาว\n  name: งาว\n"
                ),
            ],
        ]
    }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same inputs.
public struct SplitMix64 {
    var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound.
    public mutating func next(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}
