import Foundation
import SarabanFuzz

// saraban-fuzz [--seconds N] [--seed S] [--target NAME]… [--crash-file PATH] [--replay PATH]
// Mutation fuzzing of Saraban's readers (see Fuzz/README.md). Exit 0 when no input crashed.
var seconds = 60.0
var seed: UInt64 = 1
var targets: [Fuzzer.Target] = []
var crashFile = FileManager.default.currentDirectoryPath + "/fuzz-crash.txt"
var replay: String?
var arguments = CommandLine.arguments.dropFirst()
func usage() -> Never {
    FileHandle.standardError.write(
        Data(
            """
            usage: saraban-fuzz [--seconds N] [--seed S] [--target \(Fuzzer.Target.allCases.map(\.rawValue).joined(separator: "|"))]… \
            [--crash-file PATH] [--replay PATH]\n
            """.utf8))
    exit(2)
}
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst() else { usage() }
    switch argument {
    case "--seconds": seconds = Double(value) ?? { usage() }()
    case "--seed": seed = UInt64(value) ?? { usage() }()
    case "--target": targets.append(Fuzzer.Target(rawValue: value) ?? { usage() }())
    case "--crash-file": crashFile = value
    case "--replay": replay = value
    default: usage()
    }
}

// The package: two folders above the executable (.build/CONFIG/saraban-fuzz), or the current folder.
var root = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
while root.path != "/", !FileManager.default.fileExists(atPath: root.path + "/Package.swift") {
    root.deleteLastPathComponent()
}
let packageRoot = root.path == "/" ? FileManager.default.currentDirectoryPath : root.path

do {
    let fuzzer = try Fuzzer(root: packageRoot, seed: seed, crashFile: crashFile)
    if let replay {
        let input = try Fuzzer.Input.load(path: replay)
        print(try fuzzer.run(input) ? "accepted" : "refused with an error")
        exit(0)
    }
    let start = Date()
    let report = try fuzzer.run(targets: targets.isEmpty ? Fuzzer.Target.allCases : targets, seconds: seconds)
    let perTarget = report.byTarget.sorted { $0.key.rawValue < $1.key.rawValue }.map {
        "\($0.key.rawValue) \($0.value)"
    }
    print(
        String(
            format: "%d runs in %.0f s (seed %llu): %d accepted, %d refused with an error, 0 crashes [%@]",
            report.runs, Date().timeIntervalSince(start), seed, report.accepted, report.errors,
            perTarget.joined(separator: ", ")))
} catch {
    FileHandle.standardError.write(Data("saraban-fuzz: \(error)\n".utf8))
    exit(1)
}
