import Foundation
import Testing

/// Every PDF is tagged: headings, paragraphs, tables with their header cells, pictures; page
/// numbers and continuation markers stand outside every element, so a screen reader reads the
/// document once, in order. Read back with scripts/structure.py (pikepdf).
@Suite("Tagged PDF")
struct TaggedPDFTests {
    struct Structure: Decodable {
        var tagged: Bool
        var lang: String
        var counts: [String: Int]
        var tables: [[[String]]]
        var lists: [[Int]]
        var figures: [String?]
        var untagged: [Int]
    }

    func structure(_ pdf: String) throws -> Structure {
        let result = try run("python3", [packageRoot + "/scripts/structure.py", pdf])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Structure.self, from: Data(result.stdout.utf8))
    }

    @Test func theMinutesAreTaggedWithTheirTablesAndWithoutTheirPageFurniture() throws {
        let tree = try structure(try renderExample("seed-001-minutes"))
        #expect(tree.tagged && tree.lang == "th")
        #expect(tree.counts["H1"] == 5, "the five agenda items: \(tree.counts)")
        #expect((tree.counts["H2"] ?? 0) >= 20 && (tree.counts["P"] ?? 0) + (tree.counts["LBody"] ?? 0) > 100)
        #expect(
            (tree.counts["L"] ?? 0) > 10 && (tree.counts["LI"] ?? 0) >= (tree.counts["LBody"] ?? 1),
            "numbered items are lists (an item continued on the next page opens its LI again): \(tree.counts)")
        #expect(tree.tables.count == 8, "the seed's eight tables")
        for table in tree.tables {
            #expect(table.first?.allSatisfy { $0 == "TH" } == true, "a header row of TH cells: \(table.prefix(2))")
            #expect(table.dropFirst().contains { $0.contains("TD") }, "body rows of TD cells")
        }
        // Outside every element: a page's number (three runs) and its continuation marker (a few
        // runs of text in two fonts), nothing else — the text itself is all in the tree.
        #expect(tree.untagged.allSatisfy { $0 <= 12 }, "\(tree.untagged)")
        #expect(
            tree.untagged.dropFirst().allSatisfy { $0 >= 3 },
            "every page after the first has its number outside: \(tree.untagged)")
    }

    @Test func aLetterWithALinkStaysTaggedAfterIt() throws {
        // (A link drawn inside a paragraph once ended the paragraph's marked content and left
        // the rest of the page untagged.)
        let folder = temporaryDirectory()
        let body =
            "รายละเอียดดาวน์โหลดได้ที่ www.lopburi.cdd.go.th และติดต่อ saraban@example.go.th\n\n"
            + String(repeating: "ข้อความต่อจากลิงก์ที่ต้องอยู่ในโครงสร้างของเอกสาร ", count: 20)
        try ("---\ntype: document\ntitle: [รายงาน]\n---\n" + body + "\n").write(
            toFile: folder + "/r.md", atomically: true, encoding: .utf8)
        #expect(
            try run(
                sarabanBinary, ["render", folder + "/r.md", "-o", folder + "/r.pdf"],
                environment: ["SARABAN_HOME": packageRoot]
            ).status == 0)
        let tree = try structure(folder + "/r.pdf")
        #expect(tree.tagged && tree.untagged == [0], "\(tree.untagged)")
        #expect((tree.counts["Link"] ?? 0) == 2 && (tree.counts["P"] ?? 0) >= 2, "\(tree.counts)")
    }

    /// Lists are lists to a reader (L, LI, LBody; a deeper list inside the item above it) and
    /// pictures say their caption: the report's activity list (three items, the first two with
    /// two sub-items each) and its two pictures, in the plain PDF and the archival one.
    @Test func listsAreListsAndPicturesSayTheirCaption() throws {
        let source = try String(contentsOfFile: packageRoot + "/Examples/report-with-pictures.md", encoding: .utf8)
        let captions = source.split(separator: "\n").filter { $0.hasPrefix("![") }.map { line in
            String(line.dropFirst(2).prefix { $0 != "]" })
        }
        let folder = temporaryDirectory()
        for extra in [[], ["--pdfa"]] {
            let pdf = folder + "/r\(extra.count).pdf"
            let rendered = try run(
                sarabanBinary, ["render", packageRoot + "/Examples/report-with-pictures.md", "-o", pdf] + extra,
                environment: ["SARABAN_HOME": packageRoot])
            #expect(rendered.status == 0, "\(rendered.stderr)")
            let tree = try structure(pdf)
            #expect(tree.lists.first == [2, 2, 0], "\(tree.lists)")
            #expect(tree.counts["LI"] == tree.counts["LBody"] && (tree.counts["LI"] ?? 0) >= 9, "\(tree.counts)")
            #expect(tree.figures == captions.map { Optional($0) }, "\(tree.figures) vs \(captions)")
        }
        #expect(try run("python3", [packageRoot + "/scripts/check-pdfa.py", folder + "/r1.pdf"]).status == 0)
    }
}
