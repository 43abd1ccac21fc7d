import Foundation
import Testing

/// Installed once, scripted as a Unix tool: the install, --version, exit codes, pipes, cron.
@Suite("Install and scripts")
struct InstallAndScriptTests {
    /// `binary` renders the memo from a folder of its own, with no SARABAN_HOME: it finds its
    /// templates, fonts and emblem from where it is.
    func rendersFromElsewhere(_ binary: String) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SARABAN_HOME"] = nil
        let elsewhere = temporaryDirectory()
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

    @Test func theInstallPutsSarabanOnAPrefixAndItRunsFromAnywhereEvenSymlinked() throws {
        let prefix = temporaryDirectory()
        // The binary the tests built (a release build inside the test run would wait on the build's lock).
        let install = try run(
            packageRoot + "/scripts/install", [prefix], environment: ["SARABAN_INSTALL_BINARY": sarabanBinary])
        #expect(install.status == 0, "\(install.stderr)")
        let elsewhere = temporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere + "/sb", withDestinationPath: prefix + "/bin/saraban")
        for binary in [prefix + "/bin/saraban", elsewhere + "/sb"] { try rendersFromElsewhere(binary) }
        let version = try run(prefix + "/bin/saraban", ["--version"])
        #expect(version.stdout.hasPrefix("saraban ") && version.stdout.contains("commit "), "\(version.stdout)")
    }

    /// The release files an IT officer installs from: the archive unpacked anywhere runs from
    /// another folder without SARABAN_HOME; the .deb holds the same under /usr and names the
    /// Debian packages of the libraries the binary needs.
    @Test func theReleaseArchiveAndTheDebianPackageHoldAWorkingSaraban() throws {
        let dist = temporaryDirectory()
        let made = try run(
            packageRoot + "/scripts/package", [dist], environment: ["SARABAN_INSTALL_BINARY": sarabanBinary])
        #expect(made.status == 0, "\(made.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dist).sorted()
        let archive = try #require(files.first { $0.hasSuffix(".tar.gz") }, "\(files)")
        let package = try #require(files.first { $0.hasSuffix(".deb") }, "\(files)")
        let unpacked = temporaryDirectory()
        #expect(try run("tar", ["-xzf", dist + "/" + archive, "-C", unpacked]).status == 0)
        let debRoot = temporaryDirectory()
        #expect(try run("dpkg-deb", ["-x", dist + "/" + package, debRoot]).status == 0)
        let top = try FileManager.default.contentsOfDirectory(atPath: unpacked)
        for binary in [unpacked + "/" + (top.first ?? "") + "/bin/saraban", debRoot + "/usr/bin/saraban"] {
            try rendersFromElsewhere(binary)
        }
        let depends = try run("dpkg-deb", ["-f", dist + "/" + package, "Depends"]).stdout
        for needed in ["libcairo2", "libpango-1.0-0", "libcmark-gfm0", "libssl3", "libxml2", "librsvg2-2"] {
            #expect(depends.contains(needed), "\(needed) in \(depends)")
        }
        #expect(try run("dpkg-deb", ["-f", dist + "/" + package, "Package"]).stdout == "saraban\n")
    }

    @Test(
        "a command line that cannot be used exits 2",
        arguments: [["render"], ["render", "x.yaml", "--bogus"], ["check", "x.yaml", "--format", "xml"]])
    func usage(arguments: [String]) throws {
        let result = try run(sarabanBinary, arguments, environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
    }

    @Test func dataFromStandardInputAndThePDFToStandardOutput() throws {
        let memo = try String(contentsOfFile: packageRoot + "/Examples/memo.yaml", encoding: .utf8)
        let folder = temporaryDirectory()
        let piped = try run(
            "/bin/sh", ["-c", "'\(sarabanBinary)' render - > '\(folder)/p.pdf'"],
            environment: ["SARABAN_HOME": packageRoot], stdin: memo)
        #expect(piped.status == 0, "\(piped.stderr)")
        let direct = try run(
            sarabanBinary, ["render", packageRoot + "/Examples/memo.yaml", "-o", folder + "/d.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(direct.status == 0)
        #expect(
            FileManager.default.contents(atPath: folder + "/p.pdf")
                == FileManager.default.contents(atPath: folder + "/d.pdf"),
            "the same bytes through a pipe")
        #expect(piped.stderr.contains("-: 1 page(s)"), "the summary goes to standard error: \(piped.stderr)")
    }

    @Test func underCronWithoutAHomeNothingButTheSummaryIsPrinted() throws {
        let folder = temporaryDirectory()
        let result = try run(
            "/usr/bin/env",
            [
                "-u", "HOME", "-u", "XDG_CACHE_HOME", sarabanBinary, "render",
                packageRoot + "/Examples/memo.yaml", "-o", folder + "/m.pdf",
            ],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "no fontconfig noise: \(result.stderr)")
    }
}

/// An office adapts Saraban without copying it: its folder's template, style and defaults apply.
@Suite("Office folder")
struct OfficeFolderTests {
    /// A data file names its template (or the office's defaults do, per type); a name no
    /// template has is an error naming the templates.
    @Test func aDataFileNamesItsTemplate() throws {
        let folder = temporaryDirectory()
        let office = folder + "/office"
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        let memoTemplate = try String(contentsOfFile: packageRoot + "/Templates/memo.mustache", encoding: .utf8)
        try memoTemplate.replacingOccurrences(of: "บันทึกข้อความ", with: "บันทึกข้อความลำปาง")
            .write(toFile: office + "/templates/lampang-memo.mustache", atomically: true, encoding: .utf8)
        let data = try String(contentsOfFile: packageRoot + "/Examples/memo.yaml", encoding: .utf8)
        try (data + "template: lampang-memo\n").write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let env = ["SARABAN_HOME": packageRoot]
        let named = try run(
            sarabanBinary, ["render", folder + "/m.yaml", "-o", folder + "/m.pdf", "--office", office], environment: env
        )
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try pdfText(folder + "/m.pdf").contains("บันทึกข้อความลำปาง"))
        // The office's defaults name it for every memo.
        try "memo:\n  template: lampang-memo\n".write(
            toFile: office + "/defaults.yaml", atomically: true, encoding: .utf8)
        let byDefault = try run(
            sarabanBinary,
            ["render", packageRoot + "/Examples/memo.yaml", "-o", folder + "/d.pdf", "--office", office],
            environment: env)
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        #expect(try pdfText(folder + "/d.pdf").contains("บันทึกข้อความลำปาง"))
        try (data + "template: lampang-memmo\n").write(toFile: folder + "/x.yaml", atomically: true, encoding: .utf8)
        let wrong = try run(
            sarabanBinary, ["render", folder + "/x.yaml", "-o", folder + "/x.pdf", "--office", office], environment: env
        )
        #expect(wrong.status != 0 && wrong.stderr.contains("unknown template \"lampang-memmo\""), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.pdf"))
    }

    /// A folder as `office init` writes it renders as it is; a name an office's template
    /// misspells is an error naming the file, line and column, and the name meant.
    @Test func aStartedOfficeFolderWorksAndATemplatesTypoIsNamed() throws {
        let folder = temporaryDirectory()
        let office = folder + "/office"
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        let example = packageRoot + "/Examples/directives-summary.md"
        let fresh = try run(
            sarabanBinary, ["render", example, "-o", folder + "/a.pdf", "--office", office],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        // Its recipients settings, starters and schemas folders as written serve a batch and `new`.
        let batch = try run(
            sarabanBinary,
            ["batch", packageRoot + "/Examples/batch/districts-letter.yaml", "--recipients",
             packageRoot + "/Examples/batch/lampang-districts.csv", "-o", folder + "/out", "--office", office],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(batch.status == 0 && batch.stdout.contains("13 of 13 letters written"), "\(batch.stderr)")
        #expect(try run(sarabanBinary, ["new", "memo", "--office", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        let signer = try String(contentsOfFile: packageRoot + "/Templates/_document-signer.mustache", encoding: .utf8)
        try signer.replacingOccurrences(of: "({{name}})", with: "({{nmae}})")
            .write(toFile: office + "/templates/_document-signer.mustache", atomically: true, encoding: .utf8)
        let typo = try run(
            sarabanBinary, ["render", example, "-o", folder + "/b.pdf", "--office", office],
            environment: ["SARABAN_HOME": packageRoot])
        let line =
            signer.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("({{name}})") }.map
        { $0 + 1 } ?? 0
        #expect(
            typo.status == 1 && typo.stderr.contains("_document-signer.mustache:\(line):")
                && typo.stderr.contains("{{nmae}}: no value is named nmae; did you mean name?"),
            "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.pdf"))
    }

    /// An office silences the checks it does not want in its checks.yaml; a misspelt rule there
    /// is an error naming the file and line.
    /// A mistake in what the office's defaults give is reported at the defaults file's line, not
    /// at that line number of the clerk's data file; a mistake in the data still names the data.
    @Test func aMistakeInTheDefaultsNamesTheDefaultsFile() throws {
        let folder = temporaryDirectory()
        let office = folder + "/office"
        let env = ["SARABAN_HOME": packageRoot]
        #expect(try run(sarabanBinary, ["office", "init", office], environment: env).status == 0)
        try "memo:\n  unit: ที่ว่าการอำเภอ\n  signer:\n    name: นายสมชาย ใจดี\n    nmae: x\n".write(
            toFile: office + "/defaults.yaml", atomically: true, encoding: .utf8)
        try
            "type: memo\nnumber: ลป ๐๐๑๘/\ndate: 2569-12-01\nsubject: ขออนุมัติ\nto: นายอำเภอ\nbody: ข้อความ\nsigner: {position: ปลัดอำเภอ}\n"
            .write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        for command in [["render", folder + "/m.yaml", "-o", folder + "/m.pdf"], ["check", folder + "/m.yaml"]] {
            let result = try run(sarabanBinary, command + ["--office", office], environment: env)
            #expect(
                result.status == 1
                    && result.stderr.contains(
                        "office/defaults.yaml:5: signer.nmae: unknown field; did you mean `name`?"),
                "\(command[0]): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/m.pdf"))
        }
        try "memo:\n  unit: ที่ว่าการอำเภอ\n  signer: {name: นายสมชาย ใจดี}\n".write(
            toFile: office + "/defaults.yaml", atomically: true, encoding: .utf8)
        try
            "type: memo\nnumber: ลป ๐๐๑๘/\ndate: 31/02/2569\nsubject: ขออนุมัติ\nto: นายอำเภอ\nbody: ข้อความ\nsigner: {position: ปลัดอำเภอ}\n"
            .write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let data = try run(sarabanBinary, ["render", folder + "/m.yaml", "--office", office], environment: env)
        #expect(data.stderr.contains("m.yaml:3: date:"), "\(data.stderr)")
    }

    @Test func anOfficeSilencesChecksInItsSettings() throws {
        let office = temporaryDirectory() + "/office"
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        let seed = packageRoot + "/Examples/seed-000-minutes.md"
        let loud = try run(sarabanBinary, ["check", seed, "--office", office])
        #expect(loud.stdout.contains("[weekday]"), "the started folder silences nothing")
        try "# the office's own\nignore: [weekday, date]\n".write(
            toFile: office + "/checks.yaml", atomically: true, encoding: .utf8)
        let quiet = try run(sarabanBinary, ["check", seed, "--office", office])
        #expect(
            !quiet.stdout.contains("[weekday]") && !quiet.stdout.contains("[date]")
                && quiet.stdout.contains("[numbering]"), "\(quiet.stdout)")
        try "ignore: [weekdays]\n".write(toFile: office + "/checks.yaml", atomically: true, encoding: .utf8)
        let typo = try run(sarabanBinary, ["check", seed, "--office", office])
        #expect(
            typo.status == 1 && typo.stderr.contains("checks.yaml:1: weekdays: no such check; did you mean weekday?"),
            "\(typo.stderr)")
    }

    @Test func anOfficeFolderOverridesATemplateAStyleSettingAndGivesDefaults() throws {
        let folder = temporaryDirectory()
        let office = folder + "/office"
        let made = try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 3,
            "never over a folder")
        try "memo:\n  unit: ที่ว่าการอำเภอเมืองลำปาง\n  signer:\n    name: นายสมชาย ใจดี\n    position: [นายอำเภอเมืองลำปาง]\n"
            .write(toFile: office + "/defaults.yaml", atomically: true, encoding: .utf8)
        try "font:\n  size: 20pt\n".write(toFile: office + "/style.yaml", atomically: true, encoding: .utf8)
        let memoTemplate = try String(contentsOfFile: packageRoot + "/Templates/memo.mustache", encoding: .utf8)
        try memoTemplate.replacingOccurrences(of: "บันทึกข้อความ", with: "บันทึกข้อความอำเภอ")
            .write(toFile: office + "/templates/memo.mustache", atomically: true, encoding: .utf8)
        // The memo gives no unit and no signer: the office does.
        try "type: memo\nnumber: ลป 1/2\ndate: 2026-11-20\nsubject: ทดสอบ\nto: ข\nbody: ข้อความ\n"
            .write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let plain = try run(
            sarabanBinary, ["render", folder + "/m.yaml", "-o", folder + "/a.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            plain.status == 1 && plain.stderr.contains("unit"),
            "without the office the memo lacks its unit: \(plain.stderr)")
        let result = try run(
            sarabanBinary, ["render", folder + "/m.yaml", "-o", folder + "/b.pdf"],
            environment: ["SARABAN_HOME": packageRoot, "SARABAN_OFFICE": office])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try pdfText(folder + "/b.pdf")
        for expected in ["บันทึกข้อความอำเภอ", "ที่ว่าการอำเภอเมืองลำปาง", "(นายสมชาย ใจดี)"] {
            #expect(text.contains(expected), "\(expected)")
        }
        // The data's own fields win over the office's.
        try "type: memo\nunit: กลุ่มงานอื่น\nnumber: ลป 1/2\ndate: 2026-11-20\nsubject: ทดสอบ\nto: ข\nbody: ข้อความ\n"
            .write(toFile: folder + "/own.yaml", atomically: true, encoding: .utf8)
        #expect(
            try run(
                sarabanBinary, ["render", folder + "/own.yaml", "--office", office, "-o", folder + "/c.pdf"],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        #expect(try pdfText(folder + "/c.pdf").contains("กลุ่มงานอื่น"))
    }
}
