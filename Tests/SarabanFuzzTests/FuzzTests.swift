import Foundation
import SarabanFuzz
import Testing

private let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
    return url.path
}()

/// Mutated examples never crash a reader: a fixed-seed run (the same inputs every time) over
/// every target. A crash ends the test process; the input that did it is left in the crash file.
@Suite("Fuzzing")
struct FuzzTests {
    @Test func noReaderCrashesOnMutatedExamples() throws {
        let crashFile = NSTemporaryDirectory() + "saraban-fuzz-crash-\(getpid()).txt"
        let fuzzer = try Fuzzer(root: packageRoot, seed: 2026, crashFile: crashFile)
        let report = try fuzzer.run(seconds: 40, runs: 4_000)
        #expect(report.runs > 100)
        // Both answers occur: the mutations reach past the first check, and bad input is refused.
        #expect(report.accepted > 0 && report.errors > 0, "\(report.accepted) accepted, \(report.errors) refused")
        for target in Fuzzer.Target.allCases { #expect(report.byTarget[target, default: 0] > 10, "\(target) ran") }
        #expect(!FileManager.default.fileExists(atPath: crashFile), "the crash file is removed after a clean run")
    }

    /// Every input that once crashed Saraban (Fuzz/regressions) is refused or accepted, in one piece.
    @Test func everyCrashFoundStaysFixed() throws {
        let folder = packageRoot + "/Fuzz/regressions"
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".txt") }.sorted()
            ?? []
        let fuzzer = try Fuzzer(
            root: packageRoot, seed: 1, crashFile: NSTemporaryDirectory() + "saraban-fuzz-replay-\(getpid()).txt")
        for file in files { _ = try fuzzer.run(Fuzzer.Input.load(path: folder + "/" + file)) }
    }
}
