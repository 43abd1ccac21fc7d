import Foundation
import Testing

/// Tables as offices make them: a total row with a rule for each column, none dropped; numbers
/// as precise as the data; zero and empty as the column says; Arabic digits where asked.
@Suite("Table rules")
struct TableRulesTests {
    static let letter = try! String(
        contentsOfFile: packageRoot + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)

    /// The text of the attachment page holding a table with `columns` and `rows`.
    func tablePage(columns: String, rows: String) throws -> (ProcessResult, String) {
        let folder = temporaryDirectory()
        let data =
            Self.letter + """
                attachments:
                  - title: ตารางทดสอบ
                    content:
                      - table:
                          columns:
                \(columns)
                          rows:
                \(rows)

                """
        try data.write(toFile: folder + "/t.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/t.yaml", "-o", folder + "/t.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        return (result, result.status == 0 ? try pdfText(folder + "/t.pdf", page: 2) : "")
    }

    @Test func everyTotalRuleHasItsCellAndNoneIsDropped() throws {
        let (result, text) = try tablePage(
            columns: """
                            - {title: อำเภอ}
                            - {title: เป้าหมาย, type: number, total: true}
                            - {title: ผล, type: number, total: sum}
                            - {title: ร้อยละ, type: percent, of: [3, 2], total: percent}
                            - {title: เฉลี่ย, type: number, total: average}
                            - {title: ส่ง, type: text, total: count}
                            - {title: หมายเหตุ, total-text: ครบทุกอำเภอ}
                """,
            rows: """
                            - [เมือง, 40, 30, "", 3, ส่งแล้ว, ""]
                            - [งาว, 60, 45, "", 4, ~, ""]
                """)
        #expect(result.status == 0, "\(result.stderr)")
        let total = text.split(separator: "\n").first { $0.hasPrefix("รวม") }.map(String.init) ?? ""
        // sum 100, sum 75, 75 of 100 = 75.00 %, average 3.50, count 1, the stated text.
        for expected in ["๑๐๐", "๗๕", "๗๕.๐๐", "๓.๕๐", "๑", "ครบทุกอำเภอ"] {
            #expect(total.contains(expected), "total row \(total) lacks \(expected)")
        }
        #expect(!text.contains("null"), "an empty cell prints nothing")
    }

    @Test func numbersKeepThePrecisionTheDataGivesAndZeroPrintsAsTheColumnSays() throws {
        let (result, text) = try tablePage(
            columns: """
                            - {title: รายการ}
                            - {title: เงิน, type: amount, total: true}
                            - {title: จำนวน, type: number, zero: "๐", total: true}
                            - {title: รหัส, type: number, digits: arabic}
                """,
            rows: """
                            - [ก, "1,234.50", 0, 2021]
                            - [ข, "1,000.00", 5, 2022]
                """)
        #expect(result.status == 0, "\(result.stderr)")
        for expected in ["๑,๒๓๔.๕๐", "๑,๐๐๐.๐๐", "๒,๒๓๔.๕๐", "2,021", "2,022"] {
            #expect(text.contains(expected), "\(expected) in \(text)")
        }
        let rowA = text.split(separator: "\n").first { $0.hasPrefix("ก") }.map(String.init) ?? ""
        #expect(rowA.contains(" ๐ "), "zero printed as ๐: \(rowA)")
    }

    @Test func aTotalInTheFirstColumnFollowsTheLabel() throws {
        let (result, text) = try tablePage(
            columns: "            - {title: จำนวน, type: number, total: true}\n            - {title: หมายเหตุ}",
            rows: "            - [3, ก]\n            - [4, ข]")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(text.contains("รวม ๗"), "\(text)")
    }

    @Test(
        "a total rule or a number that cannot be used is an error naming it",
        arguments: [
            (
                "            - {title: a, type: number, total: most}", "            - [1]",
                ["columns[1].total", "\"most\" is not a total rule"]
            ),
            (
                "            - {title: a, type: number, total: percent}", "            - [1]",
                ["columns[1].of", "total: percent"]
            ),
            (
                "            - {title: a, type: number}\n            - {title: b}",
                "            - [1, x]\n            - [สอง, y]", ["rows[2][1]", "\"a\" holds numbers"]
            ),
        ])
    func badRules(columns: String, rows: String, expected: [String]) throws {
        let (result, _) = try tablePage(columns: columns, rows: rows)
        #expect(result.status == 1)
        for part in expected { #expect(result.stderr.contains(part), "\(result.stderr) lacks \(part)") }
    }

    /// A letter whose attachment holds `paragraphs` lines of text, then a 12-row table.
    func splitCase(paragraphs: Int, keep: Bool) throws -> String {
        let folder = temporaryDirectory()
        let filler = (0..<paragraphs).map { _ in "      - text: ข้อความบรรทัดเดียว" }.joined(separator: "\n")
        let rows = (1...12).map { "            - [\($0), อำเภอที่ \($0), \($0 * 10)]" }.joined(separator: "\n")
        let data =
            Self.letter + (keep ? "keep-tables-together: true\n" : "") + """
                attachments:
                  - title: ตาราง
                    content:
                \(filler)
                      - table:
                          columns: [ที่, อำเภอ, {title: จำนวน, type: number}]
                          rows:
                \(rows)

                """
        try data.write(toFile: folder + "/t.yaml", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/t.yaml", "-o", folder + "/t.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        return folder + "/t.pdf"
    }

    /// The attachment's pages (after the letter's one) that hold the table's header, and its last row.
    func tablePages(_ pdf: String) throws -> (header: [Int], lastRow: Int?) {
        let pages = Int(try pdfInfo(pdf)["Pages"] ?? "0") ?? 0
        var header: [Int] = []
        var lastRow: Int?
        for page in 2...max(2, pages) {
            let text = try pdfText(pdf, page: page)
            if text.contains("อำเภอ จำนวน") || text.contains("ที่ อำเภอ") { header.append(page) }
            if text.contains("อำเภอที่ ๑๒") { lastRow = page }
        }
        return (header, lastRow)
    }

    @Test func aTableMovesWholeOnlyWhenThatLeavesLessThanAQuarterOfThePageEmpty() throws {
        // About half a page of text: moving the table would leave half a page empty, so it starts
        // there and splits, its header repeated.
        let split = try tablePages(try splitCase(paragraphs: 18, keep: false))
        #expect(split.header == [2, 3], "header on both pages: \(split)")
        // Nearly a full page of text: less than a quarter is left, the table moves whole.
        let moved = try tablePages(try splitCase(paragraphs: 32, keep: false))
        #expect(moved.header.count == 1 && moved.header.first == moved.lastRow, "whole on one page: \(moved)")
        // Asked to keep tables together, it moves whole even from half a page.
        let kept = try tablePages(try splitCase(paragraphs: 18, keep: true))
        #expect(kept.header == [3] && kept.lastRow == 3, "whole on the next page: \(kept)")
    }

    @Test func aListOrLinesInACellPrintOneUnderAnother() throws {
        let (result, text) = try tablePage(
            columns: "            - ที่\n            - ข้อสั่งการ",
            rows: """
                            - - 1
                              - - ๑. ให้ทุกอำเภอเร่งรัดการเบิกจ่ายงบประมาณ
                                - ๒. ให้รายงานผลทุกวันที่ ๕ ของเดือน
                            - - 2
                              - |
                                ๑. ติดตามโครงการ
                                ๒. สรุปผลส่งจังหวัด
                """)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for item in [
            "๑. ให้ทุกอำเภอเร่งรัดการเบิกจ่ายงบประมาณ", "๒. ให้รายงานผลทุกวันที่ ๕ ของเดือน", "๑. ติดตามโครงการ", "๒. สรุปผลส่งจังหวัด",
        ] {
            #expect(lines.contains { $0.hasSuffix(item) }, "\(item) on a line of its own: \(lines)")
        }
        #expect(!text.contains("\u{2028}"), "the break is not in the text layer")
    }

    @Test func headingsNeverBreakInsideAWordOrBrackets() throws {
        let headings = [
            "จำนวน (ครัวเรือน)", "ผ่าน (ครัวเรือน)", "ไม่ผ่าน (ครัวเรือน)", "ร้อยละ (ครัวเรือน)", "คงเหลือ (ครัวเรือน)",
            "หมายเหตุการดำเนินงานของอำเภอ", "ข้อเสนอแนะเพิ่มเติม",
        ]
        let columns =
            "            - ที่\n            - อำเภอ\n"
            + headings.map { "            - {title: \"\($0)\"}" }.joined(separator: "\n")
        let (result, text) = try tablePage(
            columns: columns,
            rows: "            - [1, เมืองลำปาง, 6, 6, 0, 0, 0, ดำเนินการครบทุกครัวเรือนตามเป้าหมายที่กำหนด, ไม่มี]")
        #expect(result.status == 0, "\(result.stderr)")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(words.filter { $0 == "(ครัวเรือน)" }.count == 5, "every (ครัวเรือน) whole: \(words)")
        #expect(words.contains("เพิ่มเติม"), "เพิ่มเติม whole: \(words)")
    }
    /// A long table's continued pages show its (ต่อ) caption over the repeated header; its first
    /// page shows the caption alone, and a table that fits one page never shows it.
    @Test func aContinuedTableSaysSoOverItsRepeatedHeader() throws {
        for rows in [60, 5] {
            let folder = temporaryDirectory()
            let data =
                "---\ntype: document\ntitle: [รายงาน]\n---\nผลการดำเนินงาน\n\n```table\ncaption: [\"ตารางที่ ๑ ผลการดำเนินงาน\"]\n"
                + "continued-caption: \"ตารางที่ ๑ (ต่อ)\"\ncolumns: [ที่, หมู่บ้าน]\nrows:\n"
                + (1...rows).map { "  - [\"\($0)\", บ้านที่ \($0)]\n" }.joined() + "```\n"
            try data.write(toFile: folder + "/r.md", atomically: true, encoding: .utf8)
            let result = try run(
                sarabanBinary, ["render", folder + "/r.md", "-o", folder + "/r.pdf"],
                environment: ["SARABAN_HOME": packageRoot])
            #expect(result.status == 0, "\(result.stderr)")
            let pages = Int(try pdfInfo(folder + "/r.pdf")["Pages"] ?? "") ?? 0
            #expect(try !pdfText(folder + "/r.pdf", page: 1).contains("(ต่อ)"))
            if rows == 5 { #expect(pages == 1); continue }
            #expect(pages >= 2)
            for page in 2...max(2, pages) {
                let lines = try pdfText(folder + "/r.pdf", page: page).split(separator: "\n")
                // Under the page number: the caption, then the header.
                #expect(
                    lines.count > 3 && lines[1] == "ตารางที่ ๑ (ต่อ)" && lines[2] == "ที่ หมู่บ้าน",
                    "page \(page): \(lines.prefix(3))")
            }
        }
    }

    /// Columns worked out from others in their row: computed where the data leaves them empty,
    /// checked where it states them.
    @Test func formulaColumnsAreComputedWhereEmptyAndCheckedWhereStated() throws {
        let columns = """
                        - {title: อำเภอ}
                        - {title: เป้าหมาย, type: number}
                        - {title: ผล, type: number}
                        - {title: คงเหลือ, type: number, difference: [2, 3]}
                        - {title: เพิ่มขึ้นร้อยละ, type: percent, change: [2, 3]}
                        - {title: อันดับ, type: number, rank: 3}
                        - {title: ผ่าน, type: tick, reached: [3, 2]}
            """
        let (result, text) = try tablePage(
            columns: columns,
            rows: """
                            - [เมือง, 40, 30, "", "", "", ""]
                            - [งาว, 60, 65, "", "", "", ""]
                """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(text.contains("เมือง ๔๐ ๓๐ ๑๐ -๒๕.๐๐ ๒"), "\(text)")
        #expect(text.contains("งาว ๖๐ ๖๕ -๕ ๘.๓๓ ๑ ✓"), "\(text)")
        let (checked, _) = try tablePage(
            columns: columns,
            rows: """
                            - [เมือง, 40, 30, "๑๐", "-25", "1", ""]
                            - [งาว, 60, 65, "5", "", "1", "✗"]
                """)
        let findings = checked.stderr.split(separator: "\n").filter { $0.contains("[formula]") }
        #expect(findings.count == 3, "\(checked.stderr)")
        #expect(checked.stderr.contains("\"คงเหลือ\" says ๕ but its row gives -๕"), "\(checked.stderr)")
        #expect(checked.stderr.contains("\"ผ่าน\" says ✗ but its row gives ✓"), "\(checked.stderr)")
        #expect(checked.stderr.contains("\"อันดับ\" says ๑ but its row gives ๒"), "\(checked.stderr)")
    }

    @Test func aFormulaNamesColumnsOfItsTable() throws {
        let (result, _) = try tablePage(
            columns: """
                            - {title: อำเภอ}
                            - {title: คงเหลือ, type: number, difference: [2, 5]}
                """,
            rows: """
                            - [เมือง, ""]
                """)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "columns[2]: column 2 is not another column of the table; expected numbers from 1 to 2 other than 2"),
            "\(result.stderr)")
    }

    /// A ที่ column the office leaves empty is numbered; a รวม row takes no number.
    @Test func anEmptyRunningNumberColumnIsNumbered() throws {
        let (result, text) = try tablePage(
            columns: """
                            - {title: ที่}
                            - {title: อำเภอ}
                            - {title: กลุ่ม, type: number}
                """,
            rows: """
                            - ["", เมือง, 5]
                            - ["", งาว, 3]
                            - ["", รวม, 8]
                            - ["", เถิน, 2]
                """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            text.contains("๑ เมือง ๕") && text.contains("๒ งาว ๓") && text.contains("\nรวม ๘")
                && text.contains("๓ เถิน ๒"), "\(text)")
    }

    /// A date in an attachment's table cell is checked like one in the body, on its row's line.
    @Test func aWeekdayInATableCellIsChecked() throws {
        let (result, _) = try tablePage(
            columns: """
                            - {title: วัน}
                            - {title: กิจกรรม}
                """,
            rows: """
                            - ["วันจันทร์ที่ ๑ มิถุนายน ๒๕๖๓", ประชุม]
                            - ["วันพุธที่ ๒ มิถุนายน ๒๕๖๓", อบรม]
                """)
        #expect(result.status == 0)
        let findings = result.stderr.split(separator: "\n").filter { $0.contains("[weekday]") }
        #expect(
            findings.count == 1 && findings[0].contains("rows[2]: วันพุธที่ ๒ มิถุนายน ๒๕๖๓ is a วันอังคาร"), "\(result.stderr)"
        )
    }
}
