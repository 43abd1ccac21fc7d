import Foundation
import Saraban

/// The package's root folder (Templates/, Fonts/, Examples/).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    fatalError("Package.swift not found above \(#filePath)")
}()

/// The `saraban` executable built with the tests.
let sarabanBinary: String = {
    let candidates = [
        ".build/debug/saraban", ".build/x86_64-unknown-linux-gnu/debug/saraban",
        ".build/aarch64-unknown-linux-gnu/debug/saraban",
    ]
    return candidates.map { packageRoot + "/" + $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? packageRoot + "/.build/debug/saraban"
}()

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program and collects its output (through files: pipes read after exit can lose data).
@discardableResult
func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws
    -> ProcessResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
    process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let folder = temporaryDirectory()
    let paths = ["in", "out", "err"].map { folder + "/" + $0 }
    FileManager.default.createFile(atPath: paths[0], contents: Data((stdin ?? "").utf8))
    FileManager.default.createFile(atPath: paths[1], contents: nil)
    FileManager.default.createFile(atPath: paths[2], contents: nil)
    process.standardInput = FileHandle(forReadingAtPath: paths[0])
    process.standardOutput = FileHandle(forWritingAtPath: paths[1])
    process.standardError = FileHandle(forWritingAtPath: paths[2])
    try process.run()
    process.waitUntilExit()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return ProcessResult(
        status: process.terminationStatus,
        stdout: (try? String(contentsOfFile: paths[1], encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: paths[2], encoding: .utf8)) ?? "")
}

/// `pdfinfo` as a dictionary.
func pdfInfo(_ path: String) throws -> [String: String] {
    var info: [String: String] = [:]
    for line in try run("pdfinfo", [path]).stdout.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        info[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return info
}

/// A fresh temporary folder.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "saraban-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `pdftotext -raw` of one page or all.
func pdfText(_ path: String, page: Int? = nil) throws -> String {
    var arguments = ["-raw"]
    if let page { arguments += ["-f", "\(page)", "-l", "\(page)"] }
    let text = try run("pdftotext", arguments + [path, "-"]).stdout
    return text.split(separator: "\n").map { $0.filter { $0 != "\u{0C}" } }.filter { !$0.isEmpty }.joined(
        separator: "\n")
}

/// A word of `pdftotext -bbox-layout` with its box.
struct Word {
    var text: String
    var xMin: Double, yMin: Double, xMax: Double, yMax: Double
    var page: Int
}

func pdfWords(_ path: String) throws -> [Word] {
    let xml = try run("pdftotext", ["-bbox-layout", path, "-"]).stdout
    var words: [Word] = []
    var page = 0
    for line in xml.split(separator: "\n") {
        if line.contains("<page ") { page += 1 }
        guard line.contains("<word ") else { continue }
        func attribute(_ name: String) -> Double {
            let range = line.range(of: "\(name)=\"")!
            return Double(line[range.upperBound...].prefix { $0 != "\"" })!
        }
        guard let open = line.range(of: "\">"), let close = line.range(of: "</word>") else { continue }
        let text = line[open.upperBound..<close.lowerBound]
        words.append(
            Word(
                text: String(text), xMin: attribute("xMin"), yMin: attribute("yMin"),
                xMax: attribute("xMax"), yMax: attribute("yMax"), page: page))
    }
    return words
}

/// Renders an example (`NAME.yaml` or `NAME.md`) with the CLI into a temporary folder.
func renderExample(_ name: String) throws -> String {
    let output = temporaryDirectory() + "/\(name).pdf"
    let yaml = packageRoot + "/Examples/\(name).yaml"
    let input = FileManager.default.fileExists(atPath: yaml) ? yaml : packageRoot + "/Examples/\(name).md"
    let result = try run(
        sarabanBinary, ["render", input, "-o", output],
        environment: ["SARABAN_HOME": packageRoot])
    guard result.status == 0 else { throw RenderFailure(message: result.stderr) }
    return output
}

struct RenderFailure: Error { var message: String }

extension String {
    /// Without spaces and newlines: pdftotext places them by geometry.
    var squeezed: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}

let cm = 72 / 2.54
