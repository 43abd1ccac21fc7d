import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The cells of one sheet of an Excel workbook (`.xlsx`), as text: what a clerk typed, numbers
/// as Excel stores them. ZIPFoundation opens the file; Foundation's XML parser reads the sheet,
/// the shared strings and the workbook's sheet names. No formula is evaluated: a cell shows the
/// value Excel saved with it.
enum Spreadsheet {
    /// Parts larger than this are refused before they are read (a zip bomb, not a recipients list).
    static let largestPart: UInt64 = 32 << 20

    /// The rows of `sheet` (its name; the first sheet when nil), each with its row number.
    static func rows(path: String, sheet: String? = nil) throws -> [(row: Int, cells: [String])] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw BatchError(message: "\(path): not an Excel workbook (.xlsx is a zip file; this one cannot be opened)")
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= largestPart else {
                throw BatchError(message: "\(path): \(name) is larger than \(largestPart >> 20) MB; a recipients sheet is far smaller")
            }
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw BatchError(message: "\(path): \(name) cannot be read from the workbook (\(error))")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw BatchError(message: "\(path): not an Excel workbook (no xl/workbook.xml inside)")
        }
        // Sheet names → their parts, through the workbook's relationships.
        let sheets = XMLElements.read(workbook, named: ["sheet"]).map { ($0["name"] ?? "", $0["r:id"] ?? $0["id"] ?? "") }
        let targets = Dictionary(XMLElements.read(try part("xl/_rels/workbook.xml.rels") ?? Data(), named: ["Relationship"])
            .map { ($0["Id"] ?? "", $0["Target"] ?? "") }, uniquingKeysWith: { first, _ in first })
        guard !sheets.isEmpty else { throw BatchError(message: "\(path): the workbook has no sheet") }
        let chosen: (name: String, id: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.0 == sheet }) else {
                throw BatchError(message: "\(path): no sheet named \"\(sheet)\"; the sheets are: \(sheets.map(\.0).joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target = targets[chosen.id] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetData = try part(target) else {
            throw BatchError(message: "\(path): the sheet \"\(chosen.name)\" is missing from the workbook (\(target))")
        }
        let shared = XMLElements.sharedStrings(try part("xl/sharedStrings.xml") ?? Data())
        return try SheetReader.rows(sheetData, shared: shared, path: path)
    }

    /// A column's letters (`A`, `AB`) as its index from 0.
    static func column(of reference: String) -> Int? {
        let letters = reference.prefix { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        return letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}

/// The attributes of every element with one of some names (workbook sheets, relationships).
private final class XMLElements: NSObject, XMLParserDelegate {
    let names: Set<String>
    var found: [[String: String]] = []
    var strings: [String] = []
    private var inItem = false, inText = false
    private var current = ""

    init(names: Set<String>) { self.names = names }

    static func read(_ data: Data, named names: Set<String>) -> [[String: String]] {
        let reader = XMLElements(names: names)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        _ = parser.parse()
        return reader.found
    }

    /// The workbook's shared strings, each the text of its runs joined.
    static func sharedStrings(_ data: Data) -> [String] {
        let reader = XMLElements(names: [])
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        _ = parser.parse()
        return reader.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if names.contains(name) { found.append(attributes) }
        if name == "si" { inItem = true; current = "" }
        if name == "t", inItem { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { inItem = false; strings.append(current) }
    }
}

/// A worksheet's rows: `<row r="2"><c r="B2" t="s"><v>3</v></c>…`.
private final class SheetReader: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [(row: Int, cells: [String])] = []
    var problem: String?
    private var row: (number: Int, cells: [String])?
    private var cell: (column: Int, type: String)?
    private var value = ""
    private var inValue = false

    init(shared: [String]) { self.shared = shared }

    static func rows(_ data: Data, shared: [String], path: String) throws -> [(row: Int, cells: [String])] {
        let reader = SheetReader(shared: shared)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.problem == nil else {
            throw BatchError(message: "\(path): the sheet cannot be read (\(reader.problem ?? parser.parserError.map { "\($0)" } ?? "malformed XML"))")
        }
        return reader.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            row = (Int(attributes["r"] ?? "") ?? (rows.last?.row ?? 0) + 1, [])
        case "c":
            let column = attributes["r"].flatMap(Spreadsheet.column(of:)) ?? row?.cells.count ?? 0
            guard column < 1000 else { problem = "a cell beyond column 1000"; parser.abortParsing(); return }
            cell = (column, attributes["t"] ?? "n")
            value = ""
        case "v", "t": inValue = cell != nil; if name == "v" { value = "" }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            guard let current = cell, row != nil else { return }
            let text: String
            switch current.type {
            case "s": text = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: text = value
            }
            while row!.cells.count <= current.column { row!.cells.append("") }
            row!.cells[current.column] = text
            cell = nil
        case "row":
            if let done = row { rows.append((done.number, done.cells)) }
            row = nil
        default: break
        }
    }
}
