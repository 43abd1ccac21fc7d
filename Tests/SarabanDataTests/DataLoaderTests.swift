import Testing
import ThaiText

@testable import SarabanData

@Suite("Data loading")
struct DataLoaderTests {
    static let yaml = """
        type: external-letter
        number: ลป 0019.2/4512
        office: {name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง, address: [ถนนวชิราวุธดำเนิน, ลป 52000]}
        date: 2561-09-12
        subject: ทดสอบ
        to: ผู้ว่าราชการจังหวัด
        body: ด้วย
        signer: {name: นายสมชาย ใจดี, position: [พัฒนาการจังหวัด ปฏิบัติราชการแทน, ผู้ว่าราชการจังหวัดลำปาง]}
        contact: {unit: ฝ่ายอำนวยการ, phone: 0 5426 5055, email: a@b.go.th}
        amounts: {budget: 533800, fee: 1234.50}
        """

    @Test func readsALetter() throws {
        guard case .letter(let letter) = try DataLoader().load(text: Self.yaml, file: "t.yaml") else {
            Issue.record("not a letter"); return
        }
        #expect(letter.date == (try ThaiDate(year: 2018, month: 9, day: 12)), "Buddhist-Era dates are understood")
        #expect(letter.office.address == ["ถนนวชิราวุธดำเนิน", "ลป 52000"])
        #expect(letter.signer.positions.count == 2)
        #expect(letter.closing == "ขอแสดงความนับถือ", "default closing")
        #expect(letter.contact.lines == ["ฝ่ายอำนวยการ", "โทร. 0 5426 5055", "ไปรษณีย์อิเล็กทรอนิกส์ a@b.go.th"])
        #expect(letter.common.amounts.map(\.name) == ["budget", "fee"])
        #expect(letter.common.amounts[1].amount.description == "1234.50")
    }

    @Test func readsJSONToo() throws {
        let json = """
            {"type": "memo", "unit": "ฝ่ายอำนวยการ", "number": "ลป 1/2", "date": "2026-11-20",
             "subject": "ทดสอบ", "to": "พัฒนาการจังหวัด", "body": "ด้วย",
             "signer": {"name": "นายสมชาย ใจดี", "position": "นักวิชาการ"}}
            """
        guard case .memo(let memo) = try DataLoader().load(text: json, file: "t.json") else {
            Issue.record("not a memo"); return
        }
        #expect(memo.signer.positions == ["นักวิชาการ"])
        #expect(DocumentData.memo(memo).templateName == "memo")
    }

    @Test func amountsMustBeNumbers() {
        let bad = Self.yaml.replacingOccurrences(of: "budget: 533800", with: "budget: ห้าแสน")
        #expect {
            try DataLoader().load(text: bad, file: "t.yaml")
        } throws: { error in
            let e = error as! DataError
            return e.field == "amounts.budget" && e.line == 10 && e.message.contains("expected an amount as a number")
        }
    }

    @Test func urgencyValuesAreChecked() {
        let bad = "urgency: ด่วนจี๋\n" + Self.yaml
        #expect {
            try DataLoader().load(text: bad, file: "t.yaml")
        } throws: { error in
            (error as! DataError).description
                == "t.yaml:1: urgency: \"ด่วนจี๋\" is not allowed; expected one of: ด่วน, ด่วนมาก, ด่วนที่สุด"
        }
    }

    @Test func theRootMustBeAMapping() {
        #expect(throws: DataError.self) { try DataLoader().load(text: "- a\n- b\n", file: "t.yaml") }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
