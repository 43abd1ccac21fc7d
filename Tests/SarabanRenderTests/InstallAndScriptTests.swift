import Foundation
import Testing

/// Installed once, scripted as a Unix tool: the install, --version, exit codes, pipes, cron.
@Suite("Install and scripts")
struct InstallAndScriptTests {
    @Test func theInstallPutsSarabanOnAPrefixAndItRunsFromAnywhereEvenSymlinked() throws {
        let prefix = temporaryDirectory()
        // The binary the tests built (a release build inside the test run would wait on the build's lock).
        let install = try run(packageRoot + "/scripts/install", [prefix], environment: ["SARABAN_INSTALL_BINARY": sarabanBinary])
        #expect(install.status == 0, "\(install.stderr)")
        let elsewhere = temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: elsewhere + "/sb", withDestinationPath: prefix + "/bin/saraban")
        var environment = ProcessInfo.processInfo.environment
        environment["SARABAN_HOME"] = nil
        for binary in [prefix + "/bin/saraban", elsewhere + "/sb"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["render", packageRoot + "/Examples/memo.yaml", "-o", elsewhere + "/m.pdf"]
            process.currentDirectoryURL = URL(fileURLWithPath: elsewhere)
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(binary)")
            #expect(try pdfInfo(elsewhere + "/m.pdf")["Pages"] == "1")
        }
        let version = try run(prefix + "/bin/saraban", ["--version"])
        #expect(version.stdout.hasPrefix("saraban ") && version.stdout.contains("commit "), "\(version.stdout)")
    }

    @Test("a command line that cannot be used exits 2", arguments: [["render"], ["render", "x.yaml", "--bogus"], ["check", "x.yaml", "--format", "xml"]])
    func usage(arguments: [String]) throws {
        let result = try run(sarabanBinary, arguments, environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
    }

    @Test func dataFromStandardInputAndThePDFToStandardOutput() throws {
        let memo = try String(contentsOfFile: packageRoot + "/Examples/memo.yaml", encoding: .utf8)
        let folder = temporaryDirectory()
        let piped = try run("/bin/sh", ["-c", "'\(sarabanBinary)' render - > '\(folder)/p.pdf'"], environment: ["SARABAN_HOME": packageRoot], stdin: memo)
        #expect(piped.status == 0, "\(piped.stderr)")
        let direct = try run(sarabanBinary, ["render", packageRoot + "/Examples/memo.yaml", "-o", folder + "/d.pdf"], environment: ["SARABAN_HOME": packageRoot])
        #expect(direct.status == 0)
        #expect(FileManager.default.contents(atPath: folder + "/p.pdf") == FileManager.default.contents(atPath: folder + "/d.pdf"),
                "the same bytes through a pipe")
        #expect(piped.stderr.contains("-: 1 page(s)"), "the summary goes to standard error: \(piped.stderr)")
    }

    @Test func underCronWithoutAHomeNothingButTheSummaryIsPrinted() throws {
        let folder = temporaryDirectory()
        let result = try run("/usr/bin/env", ["-u", "HOME", "-u", "XDG_CACHE_HOME", sarabanBinary, "render",
                                               packageRoot + "/Examples/memo.yaml", "-o", folder + "/m.pdf"],
                             environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "no fontconfig noise: \(result.stderr)")
    }
}
