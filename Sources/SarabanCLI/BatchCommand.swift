import ArgumentParser
import Foundation
import Saraban
import SarabanGraphics
import SarabanLayout

/// `saraban batch LETTER.yaml --recipients R.csv [-o DIR] [--combine OUT.pdf] [--jobs N]`
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Send one letter to many recipients: one PDF each, or one combined PDF.",
        discussion: """
            Each recipient's fields (a CSV column or YAML key such as to, subject, amounts.budget) replace \
            the letter's; amounts get their own baht text. A bad row is reported with its line and does not \
            stop the others (unless --fail-fast). Exit code 0 when every letter was written, 1 otherwise.
            """
    )

    @Argument(help: "The letter (YAML or JSON).")
    var letter: String

    @Option(
        help:
            "Recipients: an Excel workbook (.xlsx), CSV (UTF-8 with or without BOM, UTF-16, or Thai Windows' cp874) or YAML."
    )
    var recipients: String

    @Option(help: "The sheet of an .xlsx workbook to read (its name); the first sheet when not given.")
    var sheet: String?

    @Option(
        help: "Column headings to fields: \"ลำดับ=-,อำเภอ=name\" (- drops a column); over the office's recipients.yaml.")
    var map: String?

    @Option(
        help:
            "The text encoding of a CSV: utf-8, utf-16 or cp874 (Thai Windows; also tis-620); detected when not given.")
    var encoding: String?

    @Option(name: .shortAndLong, help: "Folder for one PDF per recipient.")
    var output: String = "."

    @Option(help: "File name pattern over the recipient's fields; {index} numbers them.")
    var name: String = "{index}-{name}"

    @Option(help: "Write all letters into this one PDF instead (rendered on one thread).")
    var combine: String?

    @Flag(help: "Attach the numbered list of all recipients (บัญชีแจกจ่าย) to every letter.")
    var distributionList = false

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(
        help:
            "Let the recipients' rows name files (signer.signature); off, a sheet from elsewhere cannot make letters carry files."
    )
    var recipientsNameFiles = false

    @Flag(help: "No progress and no summary; bad rows are still reported.")
    var quiet = false

    @Flag(help: "The summary as JSON on standard output (written, failed, pages, and each failure with its row).")
    var json = false

    @Flag(help: "Stop at the first bad recipient.")
    var failFast = false

    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        try reportingErrors {
            let office = rendering.office
            let merge = try MailMerge(
                letterPath: letter,
                loader: OfficeFolder.dataLoader(office: office, allowedDirectories: rendering.files.allowedPaths),
                recipientsMayNameFiles: recipientsNameFiles)
            var mapping = try office?.recipientColumns() ?? [:]
            for pair in (map ?? "").split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw Failure.usage("--map \(pair): expected HEADING=field or HEADING=- (e.g. \"ลำดับ=-,อำเภอ=name\")")
                }
                mapping[parts[0]] = parts[1]
            }
            let textEncoding = try encoding.map { name in
                guard let known = RecipientList.TextEncoding(named: name) else {
                    throw Failure.usage(
                        "--encoding \(name): expected one of \(RecipientList.TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return known
            }
            let read = try RecipientList.load(path: recipients, mapping: mapping, sheet: sheet, encoding: textEncoding)
            let (list, warning) = merge.withoutUnknownColumns(read, path: recipients)
            if let warning { FileHandle.standardError.write(Data("saraban: warning: \(warning)\n".utf8)) }
            guard !list.isEmpty else { throw Failure.input("\(recipients): no recipients") }
            let distribution = distributionList ? list.map { $0.value("to") ?? $0.value("name") ?? "" } : nil
            let files = try FileNamePattern.files(name, recipients: list, folder: output)
            if let combine {
                try OutputFile.checkDestination(combine, kind: .pdf, inputs: inputs)
            } else {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                for file in files { try OutputFile.checkDestination(file, kind: .pdf, inputs: inputs) }
            }
            let progress = Progress(total: list.count, quiet: quiet || json)
            // A combined PDF that cannot be written is an error of its own, reported as such (not as letters that failed).
            let failures =
                try combine.map {
                    try combined($0, merge: merge, list: list, distribution: distribution, progress: progress)
                }
                ?? separate(merge: merge, list: list, files: files, distribution: distribution, progress: progress)
            progress.finish(failed: failures, format: json ? .json : quiet ? .none : .text)
            if failures > 0 { throw ExitCode(1) }
        }
    }

    /// The files this run reads: no output may replace them.
    private var inputs: [String] { [letter, recipients] + (rendering.style.map { [$0] } ?? []) }

    /// One recipient's letter, laid out; images and attachments resolve beside the letter's data file.
    private func letter(
        to recipient: Recipient, merge: MailMerge, distribution: [String]?,
        renderer: Renderer, templates: TemplateLibrary
    ) throws -> LaidOutDocument {
        try renderer.layout(
            data: try merge.data(for: recipient, distribution: distribution), readFrom: merge.letterPath,
            source: recipient.place, templates: templates)
    }

    /// One PDF per recipient, `jobs` workers, each with its own renderer (Pango font maps are per thread).
    private func separate(
        merge: MailMerge, list: [Recipient], files: [String], distribution: [String]?, progress: Progress
    ) -> Int {
        let queue = WorkQueue(count: list.count)
        let workers = max(1, min(jobs, list.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            guard let (renderer, templates) = try? rendering.renderer() else {
                while let index = queue.next() { progress.failed("\(list[index].place): cannot start a renderer") }
                return
            }
            while let index = queue.next() {
                let recipient = list[index]
                do {
                    let document = try letter(
                        to: recipient, merge: merge, distribution: distribution, renderer: renderer,
                        templates: templates)
                    try renderer.writePDF(document, to: files[index], inputs: inputs)
                    progress.succeeded(pages: document.pages.count)
                } catch {
                    progress.failed(describe(error).0)
                    if failFast { queue.stop() }
                }
            }
        }
        return progress.failures
    }

    /// All letters in one PDF, in the recipients' order.
    private func combined(
        _ path: String, merge: MailMerge, list: [Recipient], distribution: [String]?, progress: Progress
    ) throws -> Int {
        let (renderer, templates) = try rendering.renderer()
        var documents: [LaidOutDocument] = []
        for recipient in list {
            do {
                var document = try letter(
                    to: recipient, merge: merge, distribution: distribution, renderer: renderer, templates: templates)
                // Each copy's bookmark names its recipient.
                if let to = recipient.value("to") ?? recipient.value("name"), !document.bookmarks.isEmpty {
                    document.bookmarks[0].title = to
                }
                documents.append(document)
                progress.succeeded(pages: document.pages.count)
            } catch {
                progress.failed(describe(error).0)
                if failFast { break }
            }
        }
        if !documents.isEmpty {
            try renderer.writePDF(documents, to: path, inputs: inputs)
            if !json && !quiet {
                print(
                    "\(path): \(documents.reduce(0) { $0 + $1.pages.count }) page(s); documents start on pages "
                        + documentStarts(documents).map(String.init).joined(separator: ","))
            }
        }
        return progress.failures
    }
}

/// First pages (1-based) of every document in a combined PDF: each letter and each attachment.
func documentStarts(_ documents: [LaidOutDocument]) -> [Int] {
    var starts: [Int] = []
    var offset = 0
    for document in documents {
        for (index, page) in document.pages.enumerated()
        where index == 0 || page.documentIndex != document.pages[index - 1].documentIndex {
            starts.append(offset + index + 1)
        }
        offset += document.pages.count
    }
    return starts
}

/// Hands out recipient indices to workers.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
    func stop() { lock.lock(); nextIndex = count; lock.unlock() }
}

/// Progress on a terminal (a bar with count, rate and time left); off a terminal, only the
/// summary line. Bad rows are reported as they happen.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let start = Date()
    private let isTerminal: Bool
    private(set) var done = 0
    private(set) var failures = 0
    private var pages = 0
    /// Every failure's message, for the JSON summary.
    private var messages: [String] = []

    init(total: Int, quiet: Bool = false) {
        self.total = total
        isTerminal = !quiet && isatty(STDERR_FILENO) != 0
    }

    enum Summary { case text, json, none }

    func succeeded(pages count: Int) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        pages += count
        draw()
    }

    func failed(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        failures += 1
        messages.append(message)
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data("saraban: error: \(message)\n".utf8))
        draw()
    }

    private func draw() {
        guard isTerminal else { return }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %d/%d  %.0f letters/s  %.0fs left", bar, done, total, rate, left)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(failed: Int, format: Summary = .text) {
        let elapsed = Date().timeIntervalSince(start)
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        switch format {
        case .none: break
        case .text:
            print(
                String(
                    format: "%d of %d letters written (%d pages) in %.1f s; %d failed", done - failures, total, pages,
                    elapsed, failures))
        case .json:
            let summary: [String: Any] = [
                "recipients": total, "written": done - failures, "failed": failures, "pages": pages,
                "failures": messages.map { ["message": $0] },
            ]
            if let data = try? JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }
}
