import ArgumentParser
import Foundation
import Saraban
import SarabanLayout
import SarabanOutput

/// `saraban preview DATA [--page N] [-o PAGE.png] [--dpi D] [--watch]`
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show a page: inline in kitty or iTerm2, as text elsewhere (SSH), or as a PNG file.",
        discussion:
            "The page is the same layout as the PDF. With --watch the preview is drawn again whenever the data, a template or the style changes."
    )

    @Argument(help: "The data file (YAML, JSON or Markdown minutes).")
    var data: String

    @Option(help: "Page number, from 1.")
    var page = 1

    @Option(name: .shortAndLong, help: "Write the page as a PNG file instead of showing it.")
    var output: String?

    @Option(help: "Resolution of the PNG, in dots per inch.")
    var dpi: Double = 80

    @Flag(help: "Show the page as text even where the terminal can show images.")
    var text = false

    @Flag(help: "Draw again whenever the data, a template or the style changes (Ctrl-C stops).")
    var watch = false

    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        try reportingErrors {
            let (renderer, templates) = try rendering.renderer()
            if !watch { return try show(renderer: renderer, templates: templates) }
            var last: [String: Date] = [:]
            while true {
                let now = watchedFiles(renderer.installation).reduce(into: [String: Date]()) { $0[$1] = modified($1) }
                if now != last {
                    last = now
                    let start = Date()
                    // Each render on a clean screen, from its top.
                    if isatty(STDOUT_FILENO) != 0 { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                    do {
                        // A template or the style may have changed: read them again (the style is the renderer's).
                        let (renderer, templates) = try rendering.renderer()
                        try show(renderer: renderer, templates: templates)
                        print(String(format: "rendered in %.0f ms", Date().timeIntervalSince(start) * 1000))
                    } catch {
                        print("saraban: error: \(describe(error).0)")
                    }
                    // Whoever watches (a terminal, an editor's output pane) sees each render at once.
                    fflush(nil)
                }
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
    }

    private func show(renderer: Renderer, templates: TemplateLibrary) throws {
        let loaded = try renderer.dataLoader().load(path: data)
        // The checks run beside the layout (as in render); their findings come first.
        let pending = DataChecks(file: data).findingsInBackground(loaded)
        let laidOut = Result {
            try renderer.layout(data: loaded, readFrom: data, template: rendering.template, templates: templates)
        }
        for finding in pending.wait() { print("saraban: warning: \(finding)") }
        let document = try laidOut.get()
        guard (1...document.pages.count).contains(page) else {
            throw Failure.input("\(data) has \(document.pages.count) page(s), not a page \(page)")
        }
        if let output {
            try renderer.writePNG(document, page: page, dpi: dpi, to: output, inputs: [data])
            print("\(output): page \(page) of \(document.pages.count)")
            return
        }
        let terminal = !text && isatty(STDOUT_FILENO) != 0 ? TerminalImages.detected : .none
        if terminal != .none {
            if terminal == .sixel {
                let grey = renderer.greyPixels(document, page: page, dpi: dpi)
                let sixel = Sixel.encode(grey: grey.pixels, width: grey.width, height: grey.height)
                FileHandle.standardOutput.write(TerminalImages.insideTmux ? TerminalImages.throughTmux(sixel) : sixel)
            } else {
                let file = NSTemporaryDirectory() + "saraban-preview-\(getpid()).png"
                defer { try? FileManager.default.removeItem(atPath: file) }
                try renderer.writePNG(document, page: page, dpi: dpi, to: file)
                let image = terminal.escape(png: try Data(contentsOf: URL(fileURLWithPath: file)))
                FileHandle.standardOutput.write(TerminalImages.insideTmux ? TerminalImages.throughTmux(image) : image)
            }
            print("\npage \(page) of \(document.pages.count)")
        } else {
            let size = TerminalSize.current()
            let preview = TextPreview(
                columns: size?.columns ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 90
            )
            .render(document, page: page)
            // A page taller than the terminal goes through the pager, so its top does not scroll away.
            if !watch, let size, preview.split(separator: "\n").count > size.rows, TerminalSize.page(preview) { return }
            print(preview, terminator: "")
        }
    }

    /// The data and every file beside it (attached files, pictures, signatures), the styles,
    /// every template folder (the office's included), the office's settings and the font folders.
    private func watchedFiles(_ installation: Installation) -> [String] {
        let office = rendering.office
        let dataFolder = URL(fileURLWithPath: data).deletingLastPathComponent().path
        let folders =
            [installation.templateDirectory, dataFolder] + (office.map { [$0.templateDirectory] } ?? [])
            + rendering.fontDirectories
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).prefix(2000).map {
                folder + "/" + $0
            }
        }
        return [data] + (rendering.style.map { [$0] } ?? [])
            + [office?.stylePath, office?.defaultsPath, office?.checksPath].compactMap { $0 } + files
    }

    private func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}

/// Terminals that draw images sent in escape sequences.
enum TerminalImages: Equatable {
    case kitty, iterm2, sixel, none

    /// Found once a run (`--watch` asks the terminal only the first time).
    nonisolated(unsafe) static let detected = detect()

    /// From the environment, else the terminal's answers; `SARABAN_TERMINAL_IMAGES=kitty|iterm2|sixel|none` overrides.
    static func detect() -> TerminalImages {
        let env = ProcessInfo.processInfo.environment
        switch env["SARABAN_TERMINAL_IMAGES"] {
        case "kitty": return .kitty
        case "iterm2": return .iterm2
        case "sixel": return .sixel
        case "none": return .none
        default: break
        }
        let term = env["TERM"] ?? "", program = env["TERM_PROGRAM"] ?? ""
        // kitty's protocol: kitty, Ghostty, Konsole.
        if env["KITTY_WINDOW_ID"] != nil || term.contains("kitty") || term.contains("ghostty") || program == "ghostty"
            || env["KONSOLE_VERSION"] != nil
        {
            return .kitty
        }
        // iTerm2's: iTerm2, WezTerm, VS Code's terminal (images on), mintty.
        if program == "iTerm.app" || env["LC_TERMINAL"] == "iTerm2" || program == "WezTerm" || program == "vscode"
            || program == "mintty"
        {
            return .iterm2
        }
        // Sixel: foot, mlterm, contour, Windows Terminal.
        if ["foot", "mlterm", "yaft", "contour"].contains(where: term.hasPrefix) || term.contains("sixel")
            || env["WT_SESSION"] != nil
        {
            return .sixel
        }
        return query() ?? .none
    }

    /// Asks the terminal itself, where the protocols have a question: kitty's graphics protocol
    /// answers a query image with `OK`, and a sixel terminal lists 4 among its device attributes
    /// (DA1). Only on a terminal, with its echo off, waiting at most 0.2 s for the answers.
    static func query() -> TerminalImages? {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(tty, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(tty, TCSANOW, &saved) }
        let kittyQuery = Data("\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\".utf8)
        let question = (insideTmux ? throughTmux(kittyQuery) : kittyQuery) + Data("\u{1B}[c".utf8)
        _ = question.withUnsafeBytes { write(tty, $0.baseAddress, $0.count) }
        // Every terminal answers DA1; the kitty answer, when there is one, comes before it.
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        let deadline = Date().addingTimeInterval(0.2)
        while Date() < deadline, !answeredDeviceAttributes(answer) {
            var descriptor = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { break }
            let count = read(tty, &buffer, buffer.count)
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        return fromAnswer(answer)
    }

    static func answeredDeviceAttributes(_ answer: [UInt8]) -> Bool {
        guard let start = answer.lastIndex(of: 0x1B), answer.count > start + 2, answer[start + 1] == 0x5B,
            answer[start + 2] == 0x3F
        else { return false }
        return answer.last == 0x63
    }

    /// What a terminal's answers say it draws: kitty's `_Gi=31;OK`, or a sixel terminal's DA1
    /// (`ESC [ ? 62 ; 4 ; … c`); nil when neither.
    static func fromAnswer(_ answer: [UInt8]) -> TerminalImages? {
        let text = String(decoding: answer, as: UTF8.self)
        if text.contains("_Gi=31;OK") { return .kitty }
        if let start = text.range(of: "\u{1B}[?"), let end = text[start.upperBound...].firstIndex(of: "c") {
            if text[start.upperBound..<end].split(separator: ";").contains("4") { return .sixel }
        }
        return nil
    }

    /// Inside tmux, an image's escape sequence passes through to the terminal around it.
    static var insideTmux: Bool { ProcessInfo.processInfo.environment["TMUX"] != nil }

    /// `sequence` as tmux passes it on (its escapes doubled inside a DCS `tmux;` wrapper).
    static func throughTmux(_ sequence: Data) -> Data {
        var out = Data("\u{1B}Ptmux;".utf8)
        for byte in sequence {
            if byte == 0x1B { out.append(0x1B) }
            out.append(byte)
        }
        out.append(contentsOf: Array("\u{1B}\\".utf8))
        return out
    }

    func escape(png: Data) -> Data {
        let base64 = png.base64EncodedString()
        switch self {
        case .iterm2:
            return Data("\u{1B}]1337;File=inline=1;size=\(png.count):\(base64)\u{07}".utf8)
        case .kitty:
            // The kitty graphics protocol takes the image in chunks of at most 4096 bytes.
            var out = ""
            var rest = Substring(base64)
            var first = true
            while !rest.isEmpty {
                let chunk = rest.prefix(4096)
                rest = rest.dropFirst(chunk.count)
                let more = rest.isEmpty ? 0 : 1
                out += "\u{1B}_G" + (first ? "a=T,f=100," : "") + "m=\(more);\(chunk)\u{1B}\\"
                first = false
            }
            return Data(out.utf8)
        case .sixel, .none:
            return Data()
        }
    }
}

/// DEC sixel graphics: the page in black on white, six pixel rows per band.
enum Sixel {
    static func encode(grey: [UInt8], width: Int, height: Int) -> Data {
        var out = "\u{1B}Pq\"1;1;\(width);\(height)#0;2;100;100;100#1;2;0;0;0"
        var band = 0
        while band < height {
            for colour in 0...1 {
                out += "#\(colour)"
                var run: Character = "?"
                var count = 0
                func flush() {
                    guard count > 0 else { return }
                    out += count > 3 ? "!\(count)\(run)" : String(repeating: run, count: count)
                }
                for x in 0..<width {
                    var bits: UInt8 = 0
                    for dy in 0..<6 where band + dy < height {
                        let dark = grey[(band + dy) * width + x] < 160
                        if dark == (colour == 1) { bits |= 1 << dy }
                    }
                    let symbol = Character(UnicodeScalar(63 + bits))
                    if symbol == run { count += 1 } else { flush(); run = symbol; count = 1 }
                }
                flush()
                out += colour == 0 ? "$" : "-"
            }
            band += 6
        }
        return Data((out + "\u{1B}\\").utf8)
    }
}

/// The terminal's size (ioctl on standard output), and its pager.
enum TerminalSize {
    static func current() -> (columns: Int, rows: Int)? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Shows `text` through $PAGER (or less -R); false when there is no pager to run.
    static func page(_ text: String) -> Bool {
        let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
