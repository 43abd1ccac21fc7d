import Foundation
import Testing
import ThaiText

@testable import SarabanData

@Suite("Data checks")
struct DataChecksTests {
    let checks = DataChecks(file: "t.yaml")

    func minutes(_ extra: String = "", body: String = "ข้อความ") throws -> DocumentData {
        try DataLoader().load(
            text: """
                type: minutes
                title: รายงานการประชุม
                date: 2019-08-30
                \(extra)
                present:
                  label: ผู้มาประชุม
                  stated-count: 3
                  people:
                    - [นาย ก, ข, ค]
                    - [นาง ง, จ, ฉ]
                body: |
                  \(body.replacingOccurrences(of: "\n", with: "\n  "))
                """, file: "t.yaml")
    }

    /// A minimal letter (`Tests/Fixtures/minimal-letter.yaml`) with the given `attachments:`
    /// list (YAML, indented as list items).
    func letter(attachments: String) throws -> DocumentData {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
        let head = try String(contentsOfFile: url.path + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)
        return try DataLoader().load(text: head + "attachments:\n" + attachments, file: "t.yaml")
    }

    /// Markdown minutes whose body has a ```table block (line 9 opens it; its YAML starts on line 10).
    func markdownMinutes(table: String) throws -> DocumentData {
        try DataLoader().load(
            text: """
                ---
                type: minutes
                title: [รายงานการประชุม]
                date: 2020-05-14
                ---

                ## ระเบียบวาระที่ ๑

                ```table
                \(table)
                ```

                มติที่ประชุม: รับทราบ
                """, file: "m.md")
    }

    @Test func tableBlocksInMarkdownMinutesAreReadWithTheData() throws {
        guard
            case .minutes(let minutes) = try markdownMinutes(
                table: """
                    columns: [ที่, อำเภอ, {title: เป้าหมาย, type: number, total: true}, {title: ดำเนินการ, type: number, total: true}]
                    header:
                      - [{text: ที่, rowspan: 2}, {text: อำเภอ, rowspan: 2}, {text: จำนวนหมู่บ้าน, colspan: 2}]
                      - [เป้าหมาย, ดำเนินการ]
                    rows:
                      - [1, เมืองลพบุรี, 60, 37]
                    """)
        else { Issue.record("not minutes"); return }
        #expect(minutes.tables.count == 1)
        #expect(minutes.tables[0].header.first?.last == HeaderCell(text: "จำนวนหมู่บ้าน", colspan: 2, rowspan: 1))
        #expect(minutes.tables[0].totals()[2]?.description == "60")
    }

    @Test func aTableBlocksMistakeNamesItsLineInTheFile() throws {
        #expect {
            try markdownMinutes(table: "columns: [ที่, อำเภอ]\nrows:\n  - [1, เมือง, 60]")
        } throws: { error in
            let error = error as? DataError
            // The row's own line, not the table's first.
            return error?.file == "m.md" && error?.line == 12 && "\(error!)".contains("has 3 values for 2 columns")
        }
    }

    @Test func aTableBlocksStatedTotalIsChecked() throws {
        let found = checks.findings(
            try markdownMinutes(
                table: """
                    columns: [ที่, {title: งบประมาณ, type: amount, total: true, stated-total: 1000}]
                    rows:
                      - [1, 600]
                      - [2, 300]
                    """))
        #expect(
            found.contains {
                $0.field == "body table 1.columns[2].stated-total" && $0.line == 10 && $0.message.contains("๙๐๐")
            })
    }

    @Test func aMisspeltResolutionLabelIsReported() throws {
        let found = checks.findings(try minutes(body: "ข้อความ\nมิติที่ประชุม รับทราบ\nมติที่ประชุม รับทราบ\nมติ รับทราบ"))
        let labels = found.filter { $0.message.contains("did you mean \"มติที่ประชุม\"") }
        #expect(labels.count == 1, "\(found.map(\.message))")
        #expect(labels.first?.line == 13 && labels.first?.message.contains("มิติที่ประชุม") == true)
    }

    @Test func weekdayAsWrittenThatIsNotTheDate() throws {
        let found = checks.findings(try minutes("weekday-as-written: พุธ"))
        #expect(found.contains { $0.field == "weekday-as-written" && $0.line == 4 && $0.message.contains("วันศุกร์") })
    }

    @Test func statedCountThatDiffersFromTheList() throws {
        let found = checks.findings(try minutes())
        #expect(
            found.contains {
                $0.field == "present.stated-count" && $0.message.contains("๓") && $0.message.contains("๒ names")
            })
    }

    @Test func weekdayInRunningText() throws {
        let found = checks.findings(
            try minutes(body: "ประชุมเมื่อวันพุธที่ ๓๐ สิงหาคม ๒๕๖๒ เวลา ๐๙.๐๐ น.\nและวันศุกร์ที่ ๓๐ สิงหาคม ๒๕๖๒"))
        let weekdays = found.filter { $0.message.contains("is a วันศุกร์") }
        #expect(weekdays.count == 1)
        #expect(weekdays.first?.line == 12, "the line of the data file: the body starts on line 12")
    }

    @Test func numberingGapsAndRepeats() throws {
        let found = checks.findings(try minutes(body: "๑. ก\n๒. ข\n๒. ค\n๔. ง\n## วาระใหม่\n๑. จ\n๑.๑ ฉ\n๑.๓ ช"))
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("item ๒. repeats") })
        #expect(messages.contains { $0.contains("item ๔. skips") })
        #expect(messages.contains { $0.contains("item ๑.๓ skips") })
        #expect(messages.count == 4, "\(messages)")
    }

    @Test func amountInWordsThatDoesNotMatchItsDigits() throws {
        let found = checks.findings(
            try minutes(
                body: "งบประมาณ ๖๑,๘๕๗,๗๐๐ บาท (หกสิบเอ็ดล้านแปดแสนห้าหมื่นเจ็ดพันเจ็ดบาทถ้วน) และ ๑๐๑ บาท (หนึ่งร้อยหนึ่งบาทถ้วน)"))
        #expect(found.count == 2, "the Excel reading of ๑๐๑ is accepted: \(found)")
        #expect(found.contains { $0.message.contains("หกสิบเอ็ดล้านแปดแสนห้าหมื่นเจ็ดพันเจ็ดร้อยบาทถ้วน") })
    }

    @Test func percentageThatDiffersFromItsParts() throws {
        let data = try letter(
            attachments: """
                  - title: ผลการเบิกจ่าย
                    content:
                      - table:
                          columns: [อำเภอ, {title: งบประมาณ, type: amount, total: true}, {title: เบิกจ่าย, type: amount, total: true}, {title: ร้อยละ, type: percent, of: [3, 2], total: true}]
                          rows:
                            - [โคกสำโรง, 669600, 28800, 4.30%]
                            - [ชัยบาดาล, 669600, 50760, 7.85%]
                            - [ท่าหลวง, 186000, 186000, ""]
                """)
        let found = checks.findings(data)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.field == "attachments[1].table.rows[2]")
        #expect(
            found.first?.message.contains("says ๗.๘๕ but column 3 is ๗.๕๘ per cent of column 2") == true, "\(found)")
        guard case .letter(let letter) = data, case .table(let table) = letter.attachments[0].content[0] else { return }
        #expect(
            table.totals()[3]?.description == "17.41", "the total row is the share of the totals: 265,560 of 1,525,200")
    }

    @Test func statedTotalThatDiffersFromTheRows() throws {
        let data = try letter(
            attachments: """
                  - title: บัญชี
                    content:
                      - table:
                          columns: [ที่, {title: เงิน, type: amount, total: true, stated-total: 100}]
                          rows: [[1, 40], [2, 50]]
                """)
        let found = checks.findings(data)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("differs from the sum of its rows, ๙๐") == true, "\(found)")
    }
}

/// Each rule against realistic text, wrong and right: the wrong is caught with its rule and its
/// line, the right stays silent (no rule may cry wolf).
@Suite("Data checks, rule by rule")
struct RuleCorpusTests {
    let checks = DataChecks(file: "t.yaml")

    static let corpus: [(rule: String, wrong: String, right: String)] = [
        ("weekday", "ประชุมในวันพฤหัสบดีที่ ๓๑ สิงหาคม ๒๕๖๕", "ประชุมในวันพุธที่ ๓๑ สิงหาคม ๒๕๖๕"),
        ("weekday", "ภายในวันพุธ ที่ ๓๑ ส.ค. ๖๔ นี้", "ภายในวันพุธ ที่ ๓๑ ส.ค. ๖๕ นี้"),
        ("weekday", "เมื่อวันอาทิตย์ที่ ๗ ก.พ. ๖๓", "เมื่อวันศุกร์ที่ ๗ ก.พ. ๖๓"),
        ("weekday", "ณ วันจันทร์ที่ ๒ มกราคม พ.ศ. ๒๕๖๗, ห้อง", "ณ วันจันทร์ที่ ๑ มกราคม พ.ศ. ๒๕๖๗, ห้อง"),
        (
            "baht-text", "เป็นเงิน ๕๓๓,๘๐๐ บาท (ห้าแสนสามหมื่นสามพันบาทถ้วน)",
            "เป็นเงิน ๕๓๓,๘๐๐ บาท (ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน)"
        ),
        ("baht-text", "จำนวน 1,000.- บาท(หนึ่งพันหนึ่งบาทถ้วน)", "จำนวน 1,000.- บาท(หนึ่งพันบาทถ้วน)"),
        ("baht-text", "งบประมาณ ๕๐๐\u{A0}บาท หกร้อยบาทถ้วน", "งบประมาณ ๕๐๐\u{A0}บาท ห้าร้อยบาทถ้วน"),
        ("numbering", "๑. แรก\n๒. สอง\n๔. สี่", "๑. แรก\n๒. สอง\n๓. สาม"),
        ("numbering", "- ๑.๑ ย่อย\n- ๑.๒ ย่อย\n๑.๔ ต่อ", "- ๑.๑ ย่อย\n- ๑.๒ ย่อย\n๑.๓ ต่อ"),
        ("numbering", "## ระเบียบวาระที่ ๑ ก\n\n## ระเบียบวาระที่ ๓ ค", "## ระเบียบวาระที่ ๑ ก\n\n## ระเบียบวาระที่ ๒ ข"),
        (
            "stated-count", "ข้อสั่งการ จำนวน ๕ เรื่อง ดังนี้\n๑. ก\n๒. ข\n๓. ค\n๔. ง",
            "ข้อสั่งการ จำนวน ๔ เรื่อง ดังนี้\n๑. ก\n๒. ข\n๓. ค\n๔. ง"
        ),
        // Seed 000's shape: ๑.๑, ๑.๒ and ๑.๓'s three awards are five.
        (
            "stated-count", "๑. รางวัล จำนวน ๔ รางวัล ได้แก่\n๑.๑ ก\n๑.๒ ข\n๑.๓ ค ได้แก่\n๑) ง\n๒) จ\n๓) ฉ",
            "๑. รางวัล จำนวน ๕ รางวัล ได้แก่\n๑.๑ ก\n๑.๒ ข\n๑.๓ ค ได้แก่\n๑) ง\n๒) จ\n๓) ฉ"
        ),
        ("resolution-label", "มิติที่ประชุม รับทราบ", "มติที่ประชุมฯ รับทราบ"),
        // Seed 001's shape: six stated, five named.
        (
            "stated-count",
            "ส่งแล้ว ๕ อำเภอ คือ โคกสำโรง ลำสนธิ บ้านหมี่ หนองม่วง และชัยบาดาล ไม่ส่ง ๖ อำเภอ คือ เมืองฯ ท่าวุ้ง พัฒนานิคม สระโบสถ์ และท่าหลวง",
            "ส่งแล้ว ๕ อำเภอ คือ โคกสำโรง ลำสนธิ บ้านหมี่ หนองม่วง และชัยบาดาล ไม่ส่ง ๕ อำเภอ คือ เมืองฯ ท่าวุ้ง พัฒนานิคม สระโบสถ์ และท่าหลวง"
        ),
        (
            "stated-count", "ยังไม่ได้รับรายงาน จาก ๔ อำเภอ (เกาะคา, งาว, เถิน, แจ้ห่ม และ วังเหนือ) จึง",
            "ยังไม่ได้รับรายงาน จาก ๕ อำเภอ (เกาะคา, งาว, เถิน, แจ้ห่ม และ วังเหนือ) จึง"
        ),
        // Seed 000's shape: ๕๘ announced over a table whose parts add up to ๔๘.
        (
            "stated-count",
            "ได้รับรายงาน จำนวน ๕๘ หน่วยนับ ดังนี้ (เอกสารแนบ ๖)\n\n| ๑) ผู้นำ | จำนวน ๒๘ หน่วยนับ |\n|---|---|\n| ๒) กลุ่ม | จำนวน ๘ หน่วยนับ |\n| ๓) เครือข่าย | จำนวน ๔ หน่วยนับ |\n| ๔) ชุมชน | จำนวน ๘ หน่วยนับ |",
            "ได้รับรายงาน จำนวน ๔๘ หน่วยนับ ดังนี้ (เอกสารแนบ ๖)\n\n| ๑) ผู้นำ | จำนวน ๒๘ หน่วยนับ |\n|---|---|\n| ๒) กลุ่ม | จำนวน ๘ หน่วยนับ |\n| ๓) เครือข่าย | จำนวน ๔ หน่วยนับ |\n| ๔) ชุมชน | จำนวน ๘ หน่วยนับ |"
        ),
        (
            "stated-total", "อำเภอเมือง ๕ แห่ง อำเภองาว ๔ แห่ง และอำเภอเถิน ๓ แห่ง รวมทั้งสิ้น ๑๕ แห่ง",
            "อำเภอเมือง ๕ แห่ง อำเภองาว ๔ แห่ง และอำเภอเถิน ๓ แห่ง รวมทั้งสิ้น ๑๒ แห่ง"
        ),
        (
            "stated-total", "จำนวน ๑๓๐ ทุน ทุนละ ๑,๐๐๐ บาท รวมเป็นเงินทั้งสิ้น ๑๓,๐๐๐ บาท กลุ่มเป้าหมาย ๑๓ อำเภอ",
            "จำนวน ๑๓๐ ทุน ทุนละ ๑,๐๐๐ บาท รวมเป็นเงินทั้งสิ้น ๑๓๐,๐๐๐ บาท กลุ่มเป้าหมาย ๑๓ อำเภอ"
        ),
        (
            "stated-total",
            "| อำเภอ | เป้าหมาย | ผล |\n|---|---|---|\n| เมือง | ๑๐ | ๘ |\n| งาว | ๕ | ๕ |\n| รวม | ๑๕ | ๑๔ |",
            "| อำเภอ | เป้าหมาย | ผล |\n|---|---|---|\n| เมือง | ๑๐ | ๘ |\n| งาว | ๕ | ๕ |\n| รวม | ๑๕ | ๑๓ |"
        ),
        ("numbering", "๑. เรื่องแรก\n๑) ก\n๒) ข\n๔) ง", "๑. เรื่องแรก\n๑) ก\n๒) ข\n๓) ค\n๒. เรื่องสอง\n๑) จ"),
        ("numbering", "(๑) ก\n(๒) ข\n(๒) ค", "(๑) ก\n(๒) ข\n(๓) ค"),
        ("date", "ส่งภายในวันที่ ๓๑ กันยายน ๒๕๖๒ นี้", "ส่งภายในวันที่ ๓๐ กันยายน ๒๕๖๒ นี้"),
        ("date", "ประชุมเมื่อ 29 ก.พ. 2563 และ ๒๙ ก.พ. ๖๒", "ประชุมเมื่อ 29 ก.พ. 2563 และ ๒๘ ก.พ. ๖๒"),
        (
            "numbering", "| ที่ | อำเภอ |\n|---|---|\n| ๑ | เมือง |\n| ๒ | งาว |\n| ๒ | เถิน |",
            "| ที่ | อำเภอ |\n|---|---|\n| ๑ | เมือง |\n| ๒ | งาว |\n| ๓ | เถิน |"
        ),
    ]

    @Test(
        "each rule catches its mistake on the mistake's line and stays silent on the right text",
        arguments: corpus.indices)
    func rule(index: Int) {
        let (rule, wrong, right) = Self.corpus[index]
        let text = "บรรทัดแรก\n" + wrong
        let found = checks.prose(text, line: 10, field: "body").filter { $0.rule == rule }
        #expect(found.count == 1, "\(rule): \(wrong) → \(found)")
        #expect(found.first.flatMap(\.line).map { $0 >= 11 } == true, "the line of the mistake, not the text's first")
        let silent = checks.prose("บรรทัดแรก\n" + right, line: 10, field: "body")
        #expect(silent.isEmpty, "\(rule): \(right) → \(silent)")
    }

    @Test func aRuleCanBeSilencedAndTheFindingNamesIt() throws {
        let data = try DataLoader().load(
            text: """
                type: memo
                unit: ก
                number: ลป 1/2
                date: 2026-11-20
                subject: ทดสอบ
                to: ข
                body: ประชุมในวันพฤหัสบดีที่ ๓๑ สิงหาคม ๒๕๖๕
                signer: {name: ก, position: ข}
                """, file: "t.yaml")
        #expect(
            DataChecks(file: "t.yaml").findings(data).map(\.description) == [
                "t.yaml:7: body: วันพฤหัสบดีที่ ๓๑ สิงหาคม ๒๕๖๕ is a วันพุธ [weekday]"
            ])
        #expect(DataChecks(file: "t.yaml", ignoring: ["weekday"]).findings(data).isEmpty)
    }

    /// The previous meeting cited with another number or date, the next one misnumbered.
    @Test func meetingNumbersFollowTheSessionAndThePreviousMeetingHasOneDate() throws {
        let date = try ThaiDate(parsing: "30 สิงหาคม 2562")
        let right = """
            ## ระเบียบวาระที่ ๒ รับรองรายงานการประชุมครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๓๑ กรกฎาคม ๒๕๖๒
            ## ระเบียบวาระที่ ๓ เรื่องสืบเนื่องจากการประชุมครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๓๑ กรกฎาคม ๒๕๖๒
            การประชุมกรมการจังหวัด ครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๒๘ สิงหาคม ๒๕๖๒
            นัดประชุมครั้งต่อไป ครั้งที่ ๙/๒๕๖๒
            """
        #expect(checks.meetingProblems(session: "8/2562", date: date, body: right, bodyLine: 20, field: "body").isEmpty)
        let wrong = [
            (
                "## ระเบียบวาระที่ ๒ รับรองรายงานการประชุมครั้งที่ ๖/๒๕๖๒ เมื่อวันที่ ๓๑ กรกฎาคม ๒๕๖๒",
                "the previous one is ครั้งที่ ๗/๒๕๖๒, not ครั้งที่ ๖/๒๕๖๒"
            ),
            (
                "## ระเบียบวาระที่ ๓ เรื่องสืบเนื่องจากการประชุมครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๓๐ กรกฎาคม ๒๕๖๒",
                "dated ๓๐ กรกฎาคม ๒๕๖๒ here but ๓๑ กรกฎาคม ๒๕๖๒ on line 20"
            ),
            ("นัดประชุมครั้งต่อไป ครั้งที่ ๑๐/๒๕๖๒", "the next one is ครั้งที่ ๙/๒๕๖๒, not ครั้งที่ ๑๐/๒๕๖๒"),
            ("## ระเบียบวาระที่ ๓ เรื่องสืบเนื่องจากการประชุมครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๓๑ กรกฎาคม ๒๕๖๓", "not before this meeting's"),
        ]
        for (index, (line, message)) in wrong.enumerated() {
            // (The last one alone: cited after the meeting, it would also differ from the first citation.)
            let body =
                (index == 3 ? "ข้อความ\n" : "## ระเบียบวาระที่ ๒ รับรองรายงานการประชุมครั้งที่ ๗/๒๕๖๒ เมื่อวันที่ ๓๑ กรกฎาคม ๒๕๖๒\n")
                + line
            let found = checks.meetingProblems(session: "8/2562", date: date, body: body, bodyLine: 20, field: "body")
            #expect(
                found.count == 1 && found[0].line == 21 && found[0].rule == "meeting"
                    && found[0].message.contains(message), "\(line) → \(found)")
        }
    }

    @Test func aBodyCitesOnlyEnclosuresTheLetterLists() {
        let body = "๑. ศึกษาแนวทาง (สิ่งที่ส่งมาด้วย ๓)\n๒. ส่งรายชื่อ (สิ่งที่ส่งมาด้วย 6)"
        let found = checks.enclosureProblems(in: body, enclosures: 5, bodyLine: 30)
        #expect(
            found.map(\.description) == [
                "t.yaml:31: body: cites สิ่งที่ส่งมาด้วย ๖, but the letter lists ๕ enclosures [enclosure]"
            ])
        #expect(checks.enclosureProblems(in: body, enclosures: 6, bodyLine: 30).isEmpty)
    }

    /// A รวม row typed in a data table is checked like a computed total, on its own line.
    @Test func aTotalTypedAsARowIsCheckedOnItsLine() {
        let found = checks.rowProblems(
            titles: ["อำเภอ", "ชุมชน", "ยอด"],
            rows: [["เมือง", "-", "๑"], ["งาว", "๑", "๒"], ["เถิน", "๒", "๓"], ["รวม", "๒", "๖"]],
            lines: [40, 41, 42, 43], field: "table")
        #expect(
            found.map(\.description) == [
                "t.yaml:43: table.rows[4]: the รวม row gives \"ชุมชน\" as ๒, but the rows above add up to ๓ [stated-total]"
            ], "\(found)")
    }

    /// A deadline typed with last year's (or next year's) year.
    @Test func aDeadlineYearsFromTheDocumentsDateIsReported() throws {
        let date = try ThaiDate(parsing: "5 มกราคม 2563")
        let found = checks.prose(
            "บรรทัดแรก\nให้ส่งภายในวันที่ ๑๐ มกราคม ๒๕๖๒ ด้วย", line: 10, field: "body", date: date, instructs: true)
        #expect(
            found.map(\.description) == [
                "t.yaml:11: body: the deadline ๑๐ มกราคม ๒๕๖๒ is before the document's own date, ๕ มกราคม ๒๕๖๓ [date]"
            ])
        let far = checks.prose("ให้ส่งภายในวันที่ ๑๐ มกราคม ๒๕๖๔ ด้วย", line: 10, field: "body", date: date)
        #expect(
            far.map(\.description) == [
                "t.yaml:10: body: the deadline ๑๐ มกราคม ๒๕๖๔ is more than a year from the document's date, ๕ มกราคม ๒๕๖๓ [date]"
            ])
        #expect(checks.prose("ให้ส่งภายในวันที่ ๑๐ มกราคม ๒๕๖๓ ด้วย", line: 10, field: "body", date: date).isEmpty)
        // A date cited as history is no deadline.
        #expect(checks.prose("ตามหนังสือลงวันที่ ๑๐ มกราคม ๒๕๕๘", line: 10, field: "body", date: date).isEmpty)
    }

    /// A short date as a spreadsheet writes it, `20/11/26`, reads as พ.ศ. ๒๕๒๖ but may mean
    /// ค.ศ. 2026: a finding on its line. Years written in full, and short years that can only be
    /// พ.ศ. (๖๙ → ๒๕๖๙; 2069 is decades away), are not.
    @Test func aShortYearThatCouldBeEitherEraIsReported() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("short-year-\(getpid()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "type: memo\ndate: 20/11/26\nbody: ตามหนังสือลงวันที่ ๕/๑/๒๕ และ 31/12/2569, 5/6/69, เลขที่ 0019.3/318\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let found = DataChecks(file: file).ambiguousYearProblems().map(\.description)
        #expect(found.count == 2, "\(found)")
        #expect(
            found.first?.hasSuffix(
                ":2: 20/11/26: a two-digit year reads as ๒๐ พฤศจิกายน ๒๕๒๖ (พ.ศ.), but a spreadsheet's short date may mean ค.ศ. 2026; write the year in full (20/11/2526 or 20/11/2026) [date]"
            ) == true, "\(found)")
        #expect(
            found.last?.contains(":3: 5/1/25: a two-digit year reads as ๕ มกราคม ๒๕๒๕") == true,
            "Thai digits too: \(found)")
        let document = try DataChecksTests().letter(attachments: "")
        #expect(
            DataChecks(file: file).findings(document).contains { $0.message.hasPrefix("20/11/26") },
            "part of every check")
        #expect(
            !DataChecks(file: file, ignoring: ["date"]).findings(document).contains { $0.message.hasPrefix("20/11/26") }
        )
    }

    @Test func theMinutesSignersAreAmongThosePresentAndTheMeetingOpensNearItsTime() throws {
        func minutes(recorder: String, opening: String) throws -> [DataError] {
            let data = try DataLoader().load(
                text: """
                    ---
                    type: minutes
                    title: [รายงานการประชุม]
                    date: 2019-08-30
                    time: "09:30"
                    opening-time: "\(opening)"
                    present:
                      people:
                        - [นายชาติรี, ธินนท์, พัฒนาการจังหวัด]
                        - [นางพรพรรณ ปัญตะบุตร, เจ้าพนักงานธุรการ]
                    recorder: {name: \(recorder), position: เจ้าพนักงานธุรการ}
                    ---
                    ## ระเบียบวาระที่ ๑ เรื่องแจ้ง
                    """, file: "m.md")
            return DataChecks(file: "m.md").findings(data)
        }
        #expect(try minutes(recorder: "นางพรพรรณ ปัญตะบุตร", opening: "09:40").isEmpty)
        #expect(
            try minutes(recorder: "นางพรพรรณ  ปัญตะบุตร", opening: "09:40").isEmpty, "spaces do not make another name")
        let wrong = try minutes(recorder: "นางพรพรรณ ปัญญาบุตร", opening: "13:30")
        #expect(wrong.compactMap(\.rule).sorted() == ["date", "names"], "\(wrong)")
        #expect(
            wrong.contains {
                $0.description.contains("recorder.name: นางพรพรรณ ปัญญาบุตร signs the minutes but is not among ผู้มาประชุม")
            }, "\(wrong)")
    }

    /// Someone the minutes quote as speaking is among those present (or invited), never among
    /// the absent; someone only mentioned (an award's winner) is not checked.
    @Test func whoSpeaksAtTheMeetingWasThere() throws {
        func findings(_ body: String) throws -> [DataError] {
            let data = try DataLoader().load(
                text: """
                    ---
                    type: minutes
                    title: [รายงานการประชุม]
                    date: 2019-08-30
                    present:
                      people:
                        - [นายชาติรี, ธินนท์, พัฒนาการจังหวัด]
                        - [นางพรพรรณ ปัญตะบุตร, เจ้าพนักงานธุรการ]
                    absent:
                      label: ผู้ไม่มาประชุม
                      people:
                        - [นายสมชาย ใจดี, ติดราชการ]
                    ---
                    ## ระเบียบวาระที่ ๑ เรื่องแจ้ง

                    \(body)
                    """, file: "m.md")
            return DataChecks(file: "m.md").findings(data).filter { $0.rule == "names" }
        }
        #expect(try findings("นายชาติรี ธินนท์ พัฒนาการจังหวัด แจ้งที่ประชุมว่า ส่งรายงานแล้ว").isEmpty)
        #expect(try findings("ขอแสดงความยินดีกับ นางสมศรี มีสุข ที่ได้รับรางวัล").isEmpty, "a name only mentioned")
        let stranger = try findings("นายชาตรี ธินนท์ แจ้งว่า ส่งรายงานแล้ว")
        #expect(
            stranger.map(\.description) == [
                "m.md:16: body: นายชาตรี ธินนท์ speaks at the meeting but is not among ผู้มาประชุม [names]"
            ], "\(stranger)")
        let absent = try findings("นายสมชาย ใจดี ชี้แจงที่ประชุม")
        #expect(
            absent.first?.message == "นายสมชาย ใจดี speaks at the meeting but is listed among ผู้ไม่มาประชุม", "\(absent)")
    }

    /// A total stated in the line that introduces a table, against the table's own total.
    @Test func aTotalQuotedBeforeItsTableIsTheTables() throws {
        func findings(_ stated: String) throws -> [DataError] {
            let data = try DataLoader().load(
                text: """
                    ---
                    type: document
                    title: [การจัดสรรงบประมาณ]
                    ---
                    จังหวัดจัดสรรงบประมาณ จำนวน ๓ อำเภอ เป็นเงินทั้งสิ้น \(stated) บาท ดังนี้

                    ```table
                    columns: [ที่, อำเภอ, {title: งบประมาณ (บาท), type: amount, total: true}]
                    rows:
                      - [1, เมือง, 200000]
                      - [2, งาว, 133800]
                      - [3, เถิน, 200000]
                    ```
                    """, file: "d.md")
            return DataChecks(file: "d.md").findings(data)
        }
        #expect(try findings("๕๓๓,๘๐๐").isEmpty)
        let wrong = try findings("๕๓๓,๐๐๐")
        #expect(
            wrong.map(\.description) == [
                "d.md:5: body: states ๕๓๓,๐๐๐ บาท, but the table's \"งบประมาณ (บาท)\" adds up to ๕๓๓,๘๐๐ [stated-total]"
            ], "\(wrong)")
    }

    /// Seed 004 names its project two ways; seed 001 writes มชช. and ม.ช.ช.-style pairs.
    @Test func aProjectOrAnAbbreviationIsWrittenOneWay() {
        let text = """
            ด้วยจังหวัดได้ดำเนินโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน (มชช.)
            ๑. ศึกษาแนวทางการดำเนินโครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน
            ๒. รายงานความก้าวหน้าโครงการพัฒนาศักยภาพสมาชิกชุมชนสู่ความยั่งยืน และ (ม.ช.ช.)
            ๓. โครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืนระยะที่ ๒ เป็นอีกโครงการ
            """
        let found = checks.spellingProblems(in: text, bodyLine: 10, field: "body")
        #expect(
            found.map(\.description) == [
                "t.yaml:12: body: โครงการพัฒนาศักยภาพสมาชิกชุมชนสู่ความยั่งยืน is written โครงการพัฒนาศักยภาพสัมมาชีพชุมชนสู่ความยั่งยืน on line 10 [names]",
                "t.yaml:12: body: ม.ช.ช. is written มชช. on line 10 [names]",
            ], "\(found)")
    }

    /// A target restated in a second table with another figure; results may change.
    @Test func aTargetRestatedInAnotherTableIsTheSame() throws {
        func findings(_ second: String) throws -> [String] {
            let data = try DataLoader().load(
                text: """
                    ---
                    type: document
                    title: [รายงาน]
                    ---
                    ไตรมาสที่ ๑

                    ```table
                    columns: [อำเภอ, {title: เป้าหมาย, type: number}, {title: ผล, type: number}]
                    rows:
                      - [เมือง, 40, 30]
                      - [งาว, 60, 45]
                    ```

                    ไตรมาสที่ ๒

                    ```table
                    columns: [อำเภอ, {title: เป้าหมาย, type: number}, {title: ผล, type: number}]
                    rows:
                    \(second)
                    ```
                    """, file: "d.md")
            return DataChecks(file: "d.md").findings(data).map(\.description)
        }
        #expect(try findings("  - [เมือง, 40, 38]\n  - [งาว, 60, 50]").isEmpty, "results change; targets stay")
        #expect(
            try findings("  - [เมือง, 40, 38]\n  - [งาว, 65, 50]")
                == ["d.md:20: body table 2.rows[2]: งาว: \"เป้าหมาย\" is ๖๕ here but ๖๐ in table 1 [stated-total]"])
    }
}
