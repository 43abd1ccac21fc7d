import Foundation
import Testing

/// Nothing the user owns is ever destroyed: output never replaces a folder, an input of the same
/// run, a file of another kind or another recipient's letter; a write that fails (a full disk,
/// a signal) leaves nothing behind.
@Suite("Never destroy")
struct NeverDestroyTests {
    static let letter = try! String(
        contentsOfFile: packageRoot + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)
    let environment = ["SARABAN_HOME": packageRoot]

    /// A folder holding `letter.yaml` and the files given.
    func folder(_ files: [String: String] = [:]) throws -> String {
        let folder = temporaryDirectory()
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    /// Every file under `folder` with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in FileManager.default.enumerator(atPath: folder)?.compactMap({ $0 as? String }) ?? [] {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            result[path] = isDirectory.boolValue ? Data() : FileManager.default.contents(atPath: folder + "/" + path)
        }
        return result
    }

    @Test func aFolderGivenAsOutputReceivesThePDFAndKeepsItsFiles() throws {
        let folder = try folder()
        let reports = folder + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        try "keep me".write(toFile: reports + "/notes.txt", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/letter.yaml", "-o", reports], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: reports + "/notes.txt", encoding: .utf8) == "keep me")
        #expect(try pdfInfo(reports + "/letter.pdf")["Pages"] == "1")
    }

    @Test(
        "an output that is an input, a folder or another kind of file is refused",
        arguments: [
            // (output given, what the message says)
            ("letter.yaml", "an input of this run"),
            ("notes.txt", "is not a PDF"),
            ("reports", "it is a folder"),
        ])
    func refusedOutputs(output: String, message: String) throws {
        let folder = try folder(["notes.txt": "the office's notes"])
        try FileManager.default.createDirectory(atPath: folder + "/reports", withIntermediateDirectories: true)
        try "x".write(toFile: folder + "/reports/a.txt", atomically: true, encoding: .utf8)
        // `render -o DIR` writes into a folder; `batch --combine DIR` must not replace it.
        let arguments =
            output == "reports"
            ? [
                "batch", folder + "/letter.yaml", "--recipients", try recipients(in: folder), "--combine",
                folder + "/" + output,
            ]
            : ["render", folder + "/letter.yaml", "-o", folder + "/" + output]
        let before = snapshot(folder)
        let after = try { () throws -> ([String: Data], ProcessResult) in
            let result = try run(sarabanBinary, arguments, environment: environment)
            return (snapshot(folder), result)
        }()
        #expect(after.1.status == 3, "\(after.1.stderr)")
        #expect(after.1.stderr.contains(message), "\(after.1.stderr)")
        #expect(after.0 == before, "nothing changed, nothing added")
    }

    func recipients(in folder: String) throws -> String {
        let path = folder + "/recipients.csv"
        try "to,name\nนายอำเภอเมือง,เมือง\nนายอำเภองาว,งาว\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aDataFileNamedLikeThePDFIsNeverOverwritten() throws {
        let folder = try folder(["x.pdf": Self.letter])
        let result = try run(sarabanBinary, ["render", folder + "/x.pdf"], environment: environment)
        #expect(result.status == 3)
        #expect(try String(contentsOfFile: folder + "/x.pdf", encoding: .utf8) == Self.letter)
    }

    @Test func recipientsWhoseFilesWouldClashAreRefusedBeforeAnythingIsWritten() throws {
        let folder = try folder()
        let csv = folder + "/recipients.csv"
        try "to,name\nนายอำเภอเมือง,เมือง\nนายอำเภองาว,งาว\nนายอำเภอเมือง (ซ้ำ),เมือง\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary,
            [
                "batch", folder + "/letter.yaml", "--recipients", csv, "--name", "{name}",
                "-o", folder + "/out", "--jobs", "2",
            ], environment: environment)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("recipients.csv:2 and") && result.stderr.contains("recipients.csv:4"),
            "\(result.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).isEmpty)
    }

    @Test func aFullDiskIsAnErrorAndLeavesNoFile() throws {
        // A 40 KB file system: the letter's fonts alone are larger. Needs root (CI and the
        // development machines are); elsewhere there is nothing to mount and nothing is tested.
        guard getuid() == 0 else { return }
        let mount = temporaryDirectory()
        guard try run("mount", ["-t", "tmpfs", "-o", "size=40k", "tmpfs", mount]).status == 0 else { return }
        defer { _ = try? run("umount", [mount]) }
        let result = try run(
            sarabanBinary, ["render", packageRoot + "/Examples/seed-004-urgent-circular.yaml", "-o", mount + "/a.pdf"],
            environment: environment)
        #expect(result.status == 3)
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount).isEmpty, "no PDF, no temporary file")
    }

    @Test func aBatchEndedBySIGTERMLeavesNoTemporaryFile() throws {
        let folder = try folder()
        var csv = "to,name\n"
        for index in 1...1000 { csv += "นายอำเภอที่ \(index),อำเภอ\(index)\n" }
        try csv.write(toFile: folder + "/recipients.csv", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sarabanBinary)
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Examples/seed-004-urgent-circular.yaml", toPath: folder + "/circular.yaml")
        process.arguments = [
            "batch", folder + "/circular.yaml", "--recipients", folder + "/recipients.csv", "-o", folder + "/out",
            "--jobs", "2",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Stopped mid-run: once the first letters are out.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline,
            ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).count < 5
        {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/out")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(files.count < 1000, "stopped before the end")
        #expect(
            files.filter { $0.hasPrefix(".") || $0.hasSuffix(".tmp") }.isEmpty,
            "\(files.filter { $0.hasSuffix(".tmp") })")
        for file in files.prefix(20) {
            #expect(try pdfInfo(folder + "/out/" + file)["Pages"] != nil, "every file left is a whole PDF")
        }
    }
}
