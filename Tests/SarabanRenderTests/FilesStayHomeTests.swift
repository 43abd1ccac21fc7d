import Foundation
import Testing

/// Files stay where they belong, and no recipient is lost: a data file or a recipients sheet
/// from elsewhere reads only files beside it; every row of a sheet is rendered or reported.
@Suite("Files and rows")
struct FilesStayHomeTests {
    static let letter = try! String(
        contentsOfFile: packageRoot + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)
    let environment = ["SARABAN_HOME": packageRoot]

    /// `outside/secret.svg` and `data/letter.yaml` signed with `signature`.
    func layout(signature: String) throws -> (data: String, outside: String) {
        let root = temporaryDirectory()
        for folder in ["data", "outside"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Examples/signature-example.svg", toPath: root + "/outside/secret.svg")
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Examples/signature-example.svg", toPath: root + "/data/own.svg")
        try Self.letter.replacingOccurrences(
            of: "signer: {name: นาย ก, position: ข}",
            with: "signer: {name: นาย ก, position: ข, signature: \"\(signature)\"}"
        )
        .write(toFile: root + "/data/letter.yaml", atomically: true, encoding: .utf8)
        return (root + "/data", root + "/outside")
    }

    @Test(
        "a picture outside the data file's folder is refused",
        arguments: ["../outside/secret.svg", "ABSOLUTE", "link.svg"])
    func picturesOutsideTheFolder(signature: String) throws {
        var (data, outside) = try layout(signature: "own.svg")
        if signature == "link.svg" {
            try FileManager.default.createSymbolicLink(
                atPath: data + "/link.svg", withDestinationPath: outside + "/secret.svg")
        }
        (data, outside) = (data, outside)
        let named = signature == "ABSOLUTE" ? outside + "/secret.svg" : signature
        try Self.letter.replacingOccurrences(
            of: "signer: {name: นาย ก, position: ข}",
            with: "signer: {name: นาย ก, position: ข, signature: \"\(named)\"}"
        )
        .write(toFile: data + "/letter.yaml", atomically: true, encoding: .utf8)
        let refused = try run(
            sarabanBinary, ["render", data + "/letter.yaml", "-o", data + "/out.pdf"], environment: environment)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(
            refused.stderr.contains("outside the data file's folder") && refused.stderr.contains("--allow-path"),
            "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/out.pdf"))
        let allowed = try run(
            sarabanBinary, ["render", data + "/letter.yaml", "-o", data + "/out.pdf", "--allow-path", outside],
            environment: environment)
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func aPictureBesideTheDataIsUsed() throws {
        let (data, _) = try layout(signature: "own.svg")
        let result = try run(
            sarabanBinary, ["render", data + "/letter.yaml", "-o", data + "/out.pdf"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aRecipientsSheetCannotNameFilesUnlessAllowed() throws {
        let (data, _) = try layout(signature: "own.svg")
        try "to,name,signer.signature\nนายอำเภอเมือง,เมือง,own.svg\n".write(
            toFile: data + "/r.csv", atomically: true, encoding: .utf8)
        let refused = try run(
            sarabanBinary, ["batch", data + "/letter.yaml", "--recipients", data + "/r.csv", "-o", data + "/out"],
            environment: environment)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("r.csv:2: signer.signature") && refused.stderr.contains("cannot name files"),
            "\(refused.stderr)")
        let allowed = try run(
            sarabanBinary,
            [
                "batch", data + "/letter.yaml", "--recipients", data + "/r.csv", "-o", data + "/out",
                "--recipients-name-files",
            ], environment: environment)
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test(
        "every row of a sheet is rendered or reported by its line",
        arguments: [
            // (CSV, exit code, letters written, words of the message)
            (
                "to,name\nนายอำเภอเมือง,เมือง\n\"นายอำเภองาว,งาว\nนายอำเภอเถิน,เถิน\nนายอำเภอเกาะคา,เกาะคา\n", 1, 0,
                ["r.csv:3", "never closes"]
            ),
            ("to,name\nนายอำเภอเมือง,เมือง,เกิน\nนายอำเภองาว,งาว\n", 1, 0, ["r.csv:2", "3 cells for 2 columns"]),
            (
                "to,name,amounts.budget\nนายอำเภอเมือง,เมือง,NULL\nนายอำเภองาว,งาว,100\n", 1, 1,
                ["r.csv:2", "amounts.budget"]
            ),
            ("to,name\n\"นายอำเภอ\nเมือง\",เมือง\n\nนายอำเภองาว,งาว\n", 0, 2, []),
        ] as [(String, Int32, Int, [String])])
    func rowsAccountedFor(csv: String, code: Int32, written: Int, expected: [String]) throws {
        let folder = temporaryDirectory()
        try (Self.letter + "amounts: {budget: 5}\n").write(
            toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        try csv.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/out"],
            environment: environment)
        #expect(result.status == code, "\(result.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).count == written)
        for word in expected { #expect(result.stderr.contains(word), "\(result.stderr) lacks \(word)") }
    }

    /// Sheets as Thai offices save them: Excel's cp874, UTF-16, a running-number column.
    @Test func sheetsInCp874AndUTF16WithARunningNumberColumn() throws {
        let folder = temporaryDirectory()
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        let text = "ลำดับ,เรียน,ชื่อไฟล์\n1,นายอำเภอเมือง,เมือง\n2,นายอำเภองาว,งาว\n"
        // cp874: ASCII as is, Thai letters U+0E01… at 0xA1…
        let cp874 = Data(
            text.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : UInt8($0.value - 0x0E00 + 0xA0) })
        try cp874.write(to: URL(fileURLWithPath: folder + "/cp874.csv"))
        try text.data(using: .utf16)!.write(to: URL(fileURLWithPath: folder + "/utf16.csv"))
        for (sheet, extra) in [
            ("cp874.csv", [String]()), ("utf16.csv", []), ("cp874.csv", ["--map", "ชื่อไฟล์=-,ลำดับ=name"]),
        ] {
            let out = folder + "/out-\(sheet)-\(extra.count)"
            let result = try run(
                sarabanBinary,
                ["batch", folder + "/letter.yaml", "--recipients", folder + "/" + sheet, "-o", out] + extra,
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 0, "\(sheet) \(extra): \(result.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(files == (extra.isEmpty ? ["1-เมือง.pdf", "2-งาว.pdf"] : ["1-1.pdf", "2-2.pdf"]), "\(files)")
            if extra.isEmpty { #expect(try pdfText(out + "/1-เมือง.pdf").contains("เรียน นายอำเภอเมือง")) }
        }
    }

    /// A sheet's own columns that are no field of the letter (notes, a mobile number) are left
    /// out with one warning for the sheet, not an error on every row; the office's recipients.yaml
    /// maps its headings and silences it; a forced encoding that the bytes are not is an error
    /// naming the line.
    @Test func columnsALetterDoesNotHaveAreLeftOutWithOneWarning() throws {
        let folder = temporaryDirectory()
        try Self.letter.write(toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        let text = "ลำดับ,เรียน,ชื่อไฟล์,หมายเหตุ,มือถือ\n1,นายอำเภอเมือง,เมือง,ส่งแล้ว,0812345678\n2,นายอำเภองาว,งาว,,0899999999\n"
        try text.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/out"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.components(separatedBy: "warning:").count - 1
        #expect(
            warnings == 1 && result.stderr.contains("columns \"หมายเหตุ\", \"มือถือ\" are not fields of"),
            "\(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == [
                "1-เมือง.pdf", "2-งาว.pdf",
            ])
        let page = try pdfText(folder + "/out/1-เมือง.pdf")
        #expect(page.contains("เรียน นายอำเภอเมือง") && !page.contains("ส่งแล้ว") && !page.contains("0812345678"), "\(page)")
        // A misspelt field inside a known group is still an error on its rows, not a column left out.
        try "to,name,signer.nmae\nก,a,x\n".write(toFile: folder + "/typo.csv", atomically: true, encoding: .utf8)
        let typo = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/typo.csv", "-o", folder + "/t"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            typo.status == 1 && typo.stderr.contains("typo.csv:2: signer.nmae: unknown field; did you mean `name`?"),
            "\(typo.stderr)")
        // The office says what its columns are: no warning; its mapping names the files.
        let office = folder + "/office"
        #expect(
            try run(sarabanBinary, ["office", "init", office], environment: ["SARABAN_HOME": packageRoot]).status == 0)
        try "map:\n  หมายเหตุ: \"-\"\n  มือถือ: \"-\"\n  ชื่อไฟล์: \"-\"\n  ลำดับ: name\n".write(
            toFile: office + "/recipients.yaml", atomically: true, encoding: .utf8)
        let mapped = try run(
            sarabanBinary,
            [
                "batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/m", "--office",
                office,
            ],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(mapped.status == 0 && !mapped.stderr.contains("warning"), "\(mapped.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/m").sorted() == ["1-1.pdf", "2-2.pdf"])
        try "map: [ลำดับ]\n".write(toFile: office + "/recipients.yaml", atomically: true, encoding: .utf8)
        let badMap = try run(
            sarabanBinary,
            [
                "batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/n", "--office",
                office,
            ],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            badMap.status != 0 && badMap.stderr.contains("recipients.yaml:1: map: expected a group of fields"),
            "\(badMap.stderr)")
        // Forced encodings: the UTF-8 file read as UTF-8 works; cp874 bytes forced as UTF-8 name their line.
        let cp874 = Data(
            "to,name\nabc,a\nนาย,b\n".unicodeScalars.map {
                $0.value < 0x80 ? UInt8($0.value) : UInt8($0.value - 0x0E00 + 0xA0)
            })
        try cp874.write(to: URL(fileURLWithPath: folder + "/win.csv"))
        let forced = try run(
            sarabanBinary,
            [
                "batch", folder + "/letter.yaml", "--recipients", folder + "/win.csv", "-o", folder + "/w",
                "--encoding", "utf-8",
            ],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(forced.status != 0 && forced.stderr.contains("win.csv:3: not UTF-8 text"), "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/w/2-b.pdf"))
        let asWindows = try run(
            sarabanBinary,
            [
                "batch", folder + "/letter.yaml", "--recipients", folder + "/win.csv", "-o", folder + "/w2",
                "--encoding", "TIS-620",
            ],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(asWindows.status == 0, "\(asWindows.stderr)")
        #expect(try pdfText(folder + "/w2/2-b.pdf").contains("เรียน นาย"))
        let unknown = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/win.csv", "--encoding", "latin1"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            unknown.status == 2 && unknown.stderr.contains("--encoding latin1: expected one of utf-8, utf-16, cp874"),
            "\(unknown.stderr)")
    }

    /// For scripts: a JSON summary that accounts for every row, and a quiet run.
    @Test func batchSummariesForScripts() throws {
        let folder = temporaryDirectory()
        try (Self.letter + "amounts: {budget: 5}\n").write(
            toFile: folder + "/letter.yaml", atomically: true, encoding: .utf8)
        try "to,name,amounts.budget\nนายอำเภอเมือง,เมือง,100\nนายอำเภองาว,งาว,หนึ่งร้อย\n".write(
            toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let json = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/out", "--json"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(json.status == 1)
        let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(
            summary?["recipients"] as? Int == 2 && summary?["written"] as? Int == 1 && summary?["failed"] as? Int == 1,
            "\(json.stdout)")
        let failure = (summary?["failures"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        #expect(failure.contains("r.csv:3"), "the failure names its row: \(failure)")
        let quiet = try run(
            sarabanBinary,
            ["batch", folder + "/letter.yaml", "--recipients", folder + "/r.csv", "-o", folder + "/out2", "--quiet"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            quiet.stdout.isEmpty && quiet.stderr.contains("r.csv:3"),
            "quiet, but the bad row is reported: \(quiet.stderr)")
    }
}
