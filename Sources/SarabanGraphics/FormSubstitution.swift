/// Drawings that are the same in every PDF (the Garuda), written once per process instead of
/// once per file.
///
/// Cairo writes a vector drawing into each PDF as a form XObject: for the Garuda that is 12,000
/// coordinates formatted one by one and deflated, 3 ms in every letter, more than the letter's
/// own text. So the writer draws a stand-in (one rectangle, same size, same colour) and, once
/// the file is complete, puts back the stream Cairo wrote for the real drawing into a reference
/// PDF. The result is the file Cairo would have written with the drawing itself, byte for byte
/// (tested); when the file is not as expected nothing is replaced and the caller draws again.
public struct FormStreams: Sendable {
    /// The deflated content stream of the stand-in's form, as Cairo writes it.
    let standIn: [UInt8]
    /// The deflated content stream of the real drawing's form.
    let real: [UInt8]
    /// The form's resource dictionary (the same for both, checked when they are made).
    let resources: [UInt8]
}

enum FormSubstitution {
    /// The one form XObject of a reference PDF: its stream and its resources.
    static func onlyForm(in pdf: [UInt8]) -> (stream: [UInt8], resources: [UInt8])? {
        let forms = PDFBytes(pdf).forms()
        guard forms.count == 1, let form = forms.first else { return nil }
        return (Array(pdf[form.stream]), Array(pdf[form.resources]))
    }

    /// `pdf` with every stand-in form's stream replaced by its drawing's, or nil when a stand-in
    /// was expected and not found, or the file is not laid out as Cairo writes it.
    static func apply(_ substitutions: [FormStreams], to pdf: [UInt8]) -> [UInt8]? {
        guard !substitutions.isEmpty else { return pdf }
        let file = PDFBytes(pdf)
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        var found = Set<Int>()
        for form in file.forms() {
            guard let index = substitutions.firstIndex(where: { $0.standIn.elementsEqual(pdf[form.stream]) }) else {
                continue
            }
            let substitution = substitutions[index]
            guard substitution.resources.elementsEqual(pdf[form.resources]) else { return nil }
            found.insert(index)
            edits.append((form.stream, substitution.real))
            edits.append((form.lengthValue, Array("   \(substitution.real.count)".utf8)))
        }
        guard found.count == substitutions.count else { return nil }
        return file.replacing(edits)
    }
}

/// Just enough of a PDF as Cairo writes it (objects in order, a classic cross-reference table)
/// to find form XObjects and to edit bytes with the offsets kept right.
struct PDFBytes {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct Form {
        /// The deflated stream's bytes.
        var stream: Range<Int>
        /// The body of the `/Resources` object (between `obj` and `endobj`).
        var resources: Range<Int>
        /// The number in the indirect `/Length` object, with the spaces before it.
        var lengthValue: Range<Int>
    }

    func forms() -> [Form] {
        var result: [Form] = []
        var from = 0
        while let subtype = find("/Subtype /Form", from: from) {
            from = subtype + 1
            guard let dictionaryStart = find("obj\n", before: subtype),
                let streamKeyword = find(">>\nstream\n", from: subtype),
                let length = reference(after: "/Length ", in: dictionaryStart..<streamKeyword),
                let resources = reference(after: "/Resources ", in: dictionaryStart..<streamKeyword),
                let lengthBody = objectBody(length),
                let count = Int(String(decoding: bytes[lengthBody], as: UTF8.self).withoutSpaces),
                let resourcesBody = objectBody(resources)
            else { continue }
            let start = streamKeyword + ">>\nstream\n".utf8.count
            guard start + count <= bytes.count, matches("\nendstream", at: start + count) else { continue }
            result.append(
                Form(
                    stream: start..<(start + count), resources: resourcesBody,
                    lengthValue: lengthBody.lowerBound..<(lengthBody.upperBound - 1)))
        }
        return result
    }

    /// The bytes with `edits` made (ranges inside objects, not overlapping) and the
    /// cross-reference table and `startxref` moved to match; nil when there is no table.
    func replacing(_ edits: [(range: Range<Int>, bytes: [UInt8])]) -> [UInt8]? {
        let sorted = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard let startxrefKeyword = find("startxref\n", before: bytes.count),
            let lineEnd = bytes[(startxrefKeyword + 10)...].firstIndex(of: 0x0A),
            let tableOffset = Int(String(decoding: bytes[(startxrefKeyword + 10)..<lineEnd], as: UTF8.self)),
            matches("xref\n0 ", at: tableOffset)
        else { return nil }
        func moved(_ offset: Int) -> Int {
            offset + sorted.filter { $0.range.upperBound <= offset }.reduce(0) { $0 + $1.bytes.count - $1.range.count }
        }
        // The table: "xref\n0 N\n" then N entries of 20 bytes, "OOOOOOOOOO GGGGG n \n".
        guard let countEnd = bytes[(tableOffset + 7)...].firstIndex(of: 0x0A),
            let count = Int(String(decoding: bytes[(tableOffset + 7)..<countEnd], as: UTF8.self))
        else { return nil }
        let entries = countEnd + 1
        guard entries + 20 * count <= startxrefKeyword else { return nil }

        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + sorted.reduce(0) { $0 + $1.bytes.count })
        var position = 0
        for edit in sorted {
            result += bytes[position..<edit.range.lowerBound]
            result += edit.bytes
            position = edit.range.upperBound
        }
        result += bytes[position..<entries]
        for index in 0..<count {
            let entry = entries + 20 * index
            guard let offset = Int(String(decoding: bytes[entry..<(entry + 10)], as: UTF8.self)) else { return nil }
            let inUse = bytes[entry + 17] == UInt8(ascii: "n")
            let value = inUse ? moved(offset) : offset
            result += Array(String(value).leftPadded(to: 10).utf8)
            result += bytes[(entry + 10)..<(entry + 20)]
        }
        result += bytes[(entries + 20 * count)..<(startxrefKeyword + 10)]
        result += Array("\(moved(tableOffset))".utf8)
        result += bytes[lineEnd...]
        return result
    }

    // MARK: searching

    func matches(_ text: String, at index: Int) -> Bool {
        let pattern = Array(text.utf8)
        return index >= 0 && index + pattern.count <= bytes.count
            && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    func find(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            guard let candidate = bytes[index...].firstIndex(of: first), candidate + pattern.count <= bytes.count else {
                return nil
            }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    func find(_ text: String, before end: Int) -> Int? {
        let pattern = Array(text.utf8)
        var index = end - pattern.count
        while index >= 0 {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }

    /// The object number in `key N 0 R` within `range`.
    func reference(after key: String, in range: Range<Int>) -> Int? {
        guard let keyStart = find(key, from: range.lowerBound), keyStart < range.upperBound else { return nil }
        let digits = bytes[(keyStart + key.utf8.count)..<range.upperBound].prefix { (0x30...0x39).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// The bytes between `N 0 obj\n` and `endobj` of object `number`.
    func objectBody(_ number: Int) -> Range<Int>? {
        let header = "\n\(number) 0 obj\n"
        guard let start = find(header, from: 0), let end = find("endobj", from: start + header.utf8.count) else {
            return nil
        }
        return (start + header.utf8.count)..<end
    }
}

private extension String {
    var withoutSpaces: String { String(unicodeScalars.filter { $0 != " " && $0 != "\n" }) }
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
