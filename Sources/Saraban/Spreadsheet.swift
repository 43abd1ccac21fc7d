import CXMLReader
import Foundation
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
                throw BatchError(
                    message:
                        "\(path): \(name) is larger than \(largestPart >> 20) MB; a recipients sheet is far smaller")
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
        let sheets = try XMLElements.read(workbook, named: ["sheet"], path: path).map {
            ($0["name"] ?? "", $0["r:id"] ?? "")
        }
        let relationships =
            try part("xl/_rels/workbook.xml.rels").map { try XMLElements.read($0, named: ["Relationship"], path: path) }
            ?? []
        let targets = Dictionary(
            relationships.map { ($0["Id"] ?? "", $0["Target"] ?? "") }, uniquingKeysWith: { first, _ in first })
        guard !sheets.isEmpty else { throw BatchError(message: "\(path): the workbook has no sheet") }
        let chosen: (name: String, id: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.0 == sheet }) else {
                throw BatchError(
                    message:
                        "\(path): no sheet named \"\(sheet)\"; the sheets are: \(sheets.map(\.0).joined(separator: ", "))"
                )
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
        let shared = try part("xl/sharedStrings.xml").map { try XMLElements.sharedStrings($0, path: path) } ?? []
        return try SheetReader.rows(sheetData, shared: shared, path: path)
    }

    /// A column's letters (`A`, `AB`) as its index from 0.
    static func column(of reference: String) -> Int? {
        let letters = reference.prefix { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        return letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}

/// libxml2's reader over one part of the workbook (`CXMLReader`, loaded on first use).
private struct XMLEvents {
    enum Event { case start(String), end(String), text(String) }

    /// Calls `handle` for each node with the reader, which answers attribute questions for a start.
    static func read(_ data: Data, path: String, _ handle: (Event, (String) -> String?) throws -> Void) throws {
        var error = [CChar](repeating: 0, count: 256)
        let reader = data.withUnsafeBytes { bytes in
            saraban_xml_open(bytes.bindMemory(to: CChar.self).baseAddress, data.count, &error, error.count)
        }
        guard let reader else {
            throw BatchError(
                message:
                    "\(path): \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
            )
        }
        defer { saraban_xml_close(reader) }
        func attribute(_ name: String) -> String? { saraban_xml_attribute(reader, name).map { String(cString: $0) } }
        var name: UnsafePointer<CChar>?, text: UnsafePointer<CChar>?
        while true {
            switch saraban_xml_next(reader, &name, &text) {
            case 0: return
            case 1: try handle(.start(String(cString: name!)), attribute)
            case 2: try handle(.end(String(cString: name!)), attribute)
            case 3: try handle(.text(String(cString: text!)), attribute)
            default: throw BatchError(message: "\(path): the workbook holds malformed XML")
            }
        }
    }
}

/// The attributes of every element with one of some names (workbook sheets, relationships).
private enum XMLElements {
    static func read(_ data: Data, named names: Set<String>, path: String) throws -> [[String: String]] {
        var found: [[String: String]] = []
        try XMLEvents.read(data, path: path) { event, attribute in
            guard case .start(let name) = event, names.contains(name) else { return }
            var attributes: [String: String] = [:]
            for key in ["name", "r:id", "Id", "Target"] { attributes[key] = attribute(key) }
            found.append(attributes)
        }
        return found
    }

    /// The workbook's shared strings, each the text of its runs joined.
    static func sharedStrings(_ data: Data, path: String) throws -> [String] {
        var strings: [String] = []
        var current: String?
        var inText = false
        try XMLEvents.read(data, path: path) { event, _ in
            switch event {
            case .start("si"): current = ""
            case .start("t"): inText = current != nil
            case .end("t"): inText = false
            case .end("si"): strings.append(current ?? ""); current = nil
            case .text(let text) where inText: current? += text
            default: break
            }
        }
        return strings
    }
}

/// A worksheet's rows: `<row r="2"><c r="B2" t="s"><v>3</v></c>…`.
private enum SheetReader {
    static func rows(_ data: Data, shared: [String], path: String) throws -> [(row: Int, cells: [String])] {
        var rows: [(row: Int, cells: [String])] = []
        var row: (number: Int, cells: [String])?
        var cell: (column: Int, type: String)?
        var value = ""
        var inValue = false
        try XMLEvents.read(data, path: path) { event, attribute in
            switch event {
            case .start("row"):
                row = (Int(attribute("r") ?? "") ?? (rows.last?.row ?? 0) + 1, [])
            case .start("c"):
                let column = attribute("r").flatMap(Spreadsheet.column(of:)) ?? row?.cells.count ?? 0
                guard column < 1000 else { throw BatchError(message: "\(path): a cell beyond column 1000") }
                cell = (column, attribute("t") ?? "n")
                value = ""
            case .start("v"), .start("t"):
                inValue = cell != nil
            case .end("v"), .end("t"):
                inValue = false
            case .text(let text) where inValue:
                value += text
            case .end("c"):
                guard let current = cell, row != nil else { return }
                let text: String
                switch current.type {
                case "s":
                    text =
                        Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 < shared.count ? shared[$0] : nil }
                        ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                default: text = value
                }
                while row!.cells.count <= current.column { row!.cells.append("") }
                row!.cells[current.column] = text
                cell = nil
            case .end("row"):
                if let done = row { rows.append((done.number, done.cells)) }
                row = nil
            default: break
            }
        }
        return rows
    }
}
