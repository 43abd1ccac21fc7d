import Foundation
import Testing

/// The PDF is a record that is searched: what a viewer extracts is the text as written, with no
/// space inside a word, whatever the justification or the font's mark positioning did.
@Suite("Text layer")
struct TextLayerTests {
    /// Words whose tone mark Laksaman draws left of its consonant's advance (beside the stem of
    /// ป ฝ, over an upper vowel): the gap it leaves before the next letter used to read as a
    /// space (เป้ าหมาย), so a viewer's search for the word failed.
    static let shiftedMarkWords = ["เป้าหมาย", "ฝ่ายอำนวยการ", "เป็นไป", "รายชื่อ", "ป้องกัน", "ฝึกอบรม", "ปี่พาทย์"]

    /// A justified body of those words, with dates and a royal name that must not break.
    static let body = (0..<6).map { round in
        "การดำเนินงานของกลุ่มเป้าหมายรอบที่ \(round) ฝ่ายอำนวยการได้ตรวจรายชื่อผู้เข้าร่วมโครงการป้องกันยาเสพติด "
            + "การฝึกอบรมเป็นไปตามแผน ภายในวันที่ ๑๕ สิงหาคม ๒๕๖๕ ในพระราชูปถัมภ์ สมเด็จพระกนิษฐาธิราชเจ้า "
            + "กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี และวงปี่พาทย์ของโรงเรียน"
    }.joined(separator: " ")

    func render() throws -> String {
        let folder = temporaryDirectory()
        try ("---\ntype: document\ntitle: [รายงานผล]\n---\n" + Self.body + "\n").write(
            toFile: folder + "/r.md", atomically: true, encoding: .utf8)
        let result = try run(
            sarabanBinary, ["render", folder + "/r.md", "-o", folder + "/r.pdf"],
            environment: ["SARABAN_HOME": packageRoot])
        #expect(result.status == 0, "\(result.stderr)")
        return folder + "/r.pdf"
    }

    @Test func aViewersSearchFindsEveryWordWhereverItsLineBreaks() throws {
        let pdf = try render()
        // Lines joined as a viewer's search joins them (a break inside a word is not a space).
        let text = try pdfText(pdf).replacingOccurrences(of: "\n", with: "")
        for word in Self.shiftedMarkWords {
            let written = Self.body.components(separatedBy: word).count - 1
            let found = text.components(separatedBy: word).count - 1
            #expect(found == written, "\(word): written \(written) times, found \(found)")
        }
    }

    /// No two letters of a justified line stand so far apart that a reader puts a space between
    /// them (pdftotext does at 0.1 em: 1.1 pt at the body's 11 pt); the slack goes to word spaces.
    @Test func justifiedLinesAreNeverLetterSpaced() throws {
        let pdf = try render()
        let raw = try run("pdftotext", ["-raw", pdf, "-"]).stdout
        let written = Set(Self.body.split(separator: " ").map(String.init))
        for line in raw.split(separator: "\n") {
            // A piece with the reader's spaces on both sides is a whole written word, never a
            // fragment of one (page numbers aside).
            for piece in line.split(separator: " ").dropFirst().dropLast()
            where piece.contains(where: { ("ก"..."ฮ").contains($0) }) {
                #expect(written.contains(String(piece)), "\(piece) in \(line)")
            }
        }
    }

    /// The royal name gives way only between its parts, and the date not at all.
    @Test func datesAndRoyalNamesBreakOnlyBetweenTheirParts() throws {
        let pdf = try render()
        let lines = try pdfText(pdf).split(separator: "\n").map(String.init)
        let parts = ["สมเด็จพระกนิษฐาธิราชเจ้า", "กรมสมเด็จพระเทพรัตนราชสุดาฯ", "สยามบรมราชกุมารี", "๑๕ สิงหาคม ๒๕๖๕"]
        for part in parts {
            let whole = lines.filter { $0.contains(part) }.count
            #expect(whole == 6, "\(part) on one line each of its 6 times, found \(whole)")
        }
    }
}
