import Foundation
import Testing

@testable import SarabanGraphics

private let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.path + "/Package.swift") { url.deleteLastPathComponent() }
    return url.path
}()

@Suite("Shared drawings in PDFs")
struct FormSubstitutionTests {
    let garuda = try! VectorImage(path: root + "/Resources/garuda.svg")
    let height = 3 * 72 / 2.54

    /// A two-page PDF with the Garuda on page 1 and some lines, written with or without stand-ins.
    func pdf(substitutingForms: Bool) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "forms-\(substitutingForms)-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(destination: path, kind: .pdf)
        let writer = try PDFWriter(
            file: file, width: 595, height: 842,
            metadata: PDFMetadata(title: "t", author: "a", date: "2018-09-12T00:00:00"),
            substitutingForms: substitutingForms)
        writer.canvas.draw(garuda, x: 255, y: 40, height: height)
        #expect(writer.canvas.standIns?.streams.count == (substitutingForms ? 1 : nil), "drawn as a stand-in")
        writer.canvas.strokeLine(from: (72, 200), to: (500, 200), width: 1)
        writer.endPage()
        writer.canvas.strokeRect(x: 72, y: 72, width: 100, height: 50, lineWidth: 0.5)
        writer.endPage()
        try writer.finish()
        try file.commit()
        return [UInt8](FileManager.default.contents(atPath: path)!)
    }

    @Test func theStandInsStreamIsSmallAndTheDrawingsIsNot() throws {
        let streams = try #require(garuda.formStreams(height: height))
        #expect(streams.standIn.count < 200)
        #expect(streams.real.count > 20_000)
    }

    @Test func theFileIsTheOneCairoWritesWithTheDrawingItself() throws {
        let direct = try pdf(substitutingForms: false)
        let substituted = try pdf(substitutingForms: true)
        #expect(substituted.count == direct.count)
        #expect(substituted == direct)
    }

    @Test func everyCrossReferenceStillPointsAtItsObject() throws {
        let bytes = try pdf(substitutingForms: true)
        let text = String(decoding: bytes, as: UTF8.self)
        let table = try #require(text.range(of: "\nxref\n0 "))
        let entries = text[table.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasSuffix(" n ") }
        #expect(entries.count > 10)
        for (index, entry) in entries.enumerated() {
            let offset = Int(entry.prefix(10))!
            let header = Array("\(index + 1) 0 obj".utf8)
            #expect(Array(bytes[offset..<(offset + header.count)]) == header, "object \(index + 1)")
        }
    }

    @Test func aFileWithoutTheStandInIsLeftForDrawingAgain() throws {
        let streams = try #require(garuda.formStreams(height: height))
        let withoutStandIn = try pdf(substitutingForms: false)
        #expect(FormSubstitution.apply([streams], to: withoutStandIn) == nil)
        #expect(FormSubstitution.apply([], to: withoutStandIn) == withoutStandIn)
    }
}
