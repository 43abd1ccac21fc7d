import Foundation
import Testing

/// `saraban batch`: one circular to many recipients.
@Suite("Batch")
struct BatchTests {
    let letter = packageRoot + "/Examples/batch/districts-letter.yaml"

    func recipients(_ csv: String) throws -> String {
        let path = temporaryDirectory() + "/recipients.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func goodRowsRenderAndBadRowsAreReportedWithTheirLine() throws {
        let csv = try recipients(
            "\u{FEFF}เรียน,ชื่อไฟล์,amounts.budget\nนายอำเภอเถิน,อำเภอเถิน,31400\nนายอำเภองาว,อำเภองาว,สามหมื่น\n,,\nนายอำเภอ/แม่ทะ,อำเภอ/แม่ทะ:?,62800\n"
        )
        let out = temporaryDirectory()
        let result = try run(
            sarabanBinary, ["batch", letter, "--recipients", csv, "-o", out, "--jobs", "2"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1, "one row failed")
        #expect(result.stderr.contains("recipients.csv:3: amounts.budget: expected an amount"), "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(
            files == ["1-อำเภอเถิน.pdf", "3-อำเภอ-แม่ทะ.pdf"],
            "safe names; the bad row leaves no file; empty rows are skipped")
        #expect(result.stdout.contains("2 of 3 letters written"))
        let text = try pdfText(out + "/1-อำเภอเถิน.pdf", page: 1)
        #expect(text.contains("เรียน นายอำเภอเถิน"))
        #expect(text.squeezed.contains("๓๑,๔๐๐บาท(สามหมื่นหนึ่งพันสี่ร้อยบาทถ้วน)"), "each recipient's own baht text")
    }

    @Test func failFastStopsAtTheFirstBadRow() throws {
        let csv = try recipients("to,name,amounts.budget\nก,a,x\nข,b,1\n")
        let out = temporaryDirectory()
        let result = try run(
            sarabanBinary, ["batch", letter, "--recipients", csv, "-o", out, "--jobs", "1", "--fail-fast"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }

    @Test func combinedOutputHasEveryLetterAndABookmarkEach() throws {
        let out = temporaryDirectory() + "/all.pdf"
        let result = try run(
            sarabanBinary,
            ["batch", letter, "--recipients", packageRoot + "/Examples/batch/lampang-districts.csv", "--combine", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try pdfInfo(out)["Pages"] == "39", "13 letters of two pages and their own allocation row")
        let titles = try pdfOutlineTitles(out).dropLast().filter { !$0.hasPrefix("บัญชีจัดสรร") }
        #expect(titles.count == 13)
        #expect(titles.first == "นายอำเภอวังเหนือ")
        #expect(try pdfText(out, page: 4).contains("เรียน นายอำเภอแม่เมาะ"))
    }

    @Test func combinedOutputIntoAMissingFolderIsAnError() throws {
        let out = temporaryDirectory() + "/no-such-folder/all.pdf"
        let result = try run(
            sarabanBinary,
            ["batch", letter, "--recipients", packageRoot + "/Examples/batch/lampang-districts.csv", "--combine", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot write \(out)"), "\(result.stderr)")
        #expect(!result.stdout.contains("letters written"), "no claim of success: \(result.stdout)")
    }

    @Test func workersWriteTheSameBytesAsOneThread() throws {
        let one = temporaryDirectory(), two = temporaryDirectory()
        let recipients = packageRoot + "/Examples/batch/lampang-districts.csv"
        #expect(
            try run(
                sarabanBinary, ["batch", letter, "--recipients", recipients, "-o", one, "--jobs", "1"],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        #expect(
            try run(
                sarabanBinary, ["batch", letter, "--recipients", recipients, "-o", two, "--jobs", "2"],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: one).sorted()
        #expect(files.count == 13)
        for file in files {
            #expect(
                FileManager.default.contents(atPath: one + "/" + file)
                    == FileManager.default.contents(atPath: two + "/" + file), "\(file)")
        }
    }

    @Test func eachDistrictSeesItsOwnRowOfTheAllocationTable() throws {
        let out = temporaryDirectory()
        let result = try run(
            sarabanBinary,
            ["batch", letter, "--recipients", packageRoot + "/Examples/batch/lampang-districts.csv", "-o", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try pdfText(out + "/04-อำเภอเกาะคา.pdf", page: 3)
        #expect(table.contains("๔ เกาะคา ๒ ๓๑,๔๐๐ ๖๒,๘๐๐"))
        #expect(table.contains("รวม ๒ ๖๒,๘๐๐"), "the total of its own rows")
        #expect(!table.contains("วังเหนือ"), "no other district's row")
        // Rendered on its own, the letter carries the whole table.
        let whole = temporaryDirectory() + "/all.pdf"
        #expect(
            try run(sarabanBinary, ["render", letter, "-o", whole], environment: ["SARABAN_HOME": packageRoot]).status
                == 0)
        #expect(try pdfText(whole, page: 3).contains("รวม ๑๗ ๕๓๓,๘๐๐"))
    }

    @Test func distributionListIsAttached() throws {
        let csv = try recipients("to,name\nนายอำเภอเถิน,a\nนายอำเภองาว,b\n")
        let out = temporaryDirectory()
        let result = try run(
            sarabanBinary, ["batch", letter, "--recipients", csv, "-o", out, "--distribution-list"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        let last = try pdfText(out + "/1-a.pdf", page: 4)
        #expect(last.contains("บัญชีแจกจ่าย") && last.contains("๒ นายอำเภองาว"))
    }

    @Test func yamlRecipientsWork() throws {
        let path = temporaryDirectory() + "/r.yaml"
        try "- {to: นายอำเภอเถิน, name: thoen, amounts: {budget: 31400}}\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let out = temporaryDirectory()
        let result = try run(
            sarabanBinary, ["batch", letter, "--recipients", path, "-o", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/1-thoen.pdf"))
    }

    /// Recipients from an Excel workbook made by openpyxl (a real writer, with shared strings,
    /// numbers and an empty row), from the sheet named, every row accounted for.
    @Test func recipientsFromAnExcelWorkbooksSheet() throws {
        let folder = temporaryDirectory()
        let script = """
            import openpyxl, sys
            wb = openpyxl.Workbook()
            wb.active.title = "สรุป"
            wb.active.append(["ไม่ใช่รายชื่อ"])
            ws = wb.create_sheet("อำเภอ")
            ws.append(["ลำดับ", "เรียน", "ชื่อไฟล์", "amounts.budget"])
            ws.append([1, "นายอำเภอเถิน", "อำเภอเถิน", 31400])
            ws.append([None, None, None, None])
            ws.append([2, "นายอำเภองาว", "อำเภองาว", "สามหมื่น"])
            ws.append([3, "นายอำเภอแม่ทะ", "อำเภอแม่ทะ", 62800.5])
            wb.save(sys.argv[1])
            """
        let made = try run("python3", ["-c", script, folder + "/r.xlsx"])
        try #require(made.status == 0, "openpyxl (scripts/test installs it): \(made.stderr)")
        let out = folder + "/out"
        let result = try run(
            sarabanBinary, ["batch", letter, "--recipients", folder + "/r.xlsx", "--sheet", "อำเภอ", "-o", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 1, "one row failed")
        #expect(
            result.stderr.contains("r.xlsx:4: amounts.budget: expected an amount"),
            "the sheet's own row number: \(result.stderr)")
        #expect(result.stdout.contains("2 of 3 letters written"), "\(result.stdout)")
        let text = try pdfText(out + "/3-อำเภอแม่ทะ.pdf", page: 1)
        #expect(text.contains("เรียน นายอำเภอแม่ทะ"))
        #expect(text.squeezed.contains("๖๒,๘๐๐.๕๐บาท(หกหมื่นสองพันแปดร้อยบาทห้าสิบสตางค์)"), "\(text)")
        // A sheet that is not there, and a file that is not a workbook: one clear error each.
        let missing = try run(
            sarabanBinary, ["batch", letter, "--recipients", folder + "/r.xlsx", "--sheet", "ตำบล", "-o", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(
            missing.status != 0 && missing.stderr.contains("no sheet named \"ตำบล\"; the sheets are: สรุป, อำเภอ"),
            "\(missing.stderr)")
        try "not a zip".write(toFile: folder + "/bad.xlsx", atomically: true, encoding: .utf8)
        let bad = try run(
            sarabanBinary, ["batch", letter, "--recipients", folder + "/bad.xlsx", "-o", out],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(bad.status != 0 && bad.stderr.contains("bad.xlsx: not an Excel workbook"), "\(bad.stderr)")
    }
}
