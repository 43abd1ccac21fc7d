import Foundation

/// A page of another PDF Cairo wrote, brought into an update as a form XObject: every object
/// its content and resources reach is copied under a new number (references renumbered in the
/// dictionaries, stream bytes untouched), and its content stream becomes the form's.
enum FormImport {
    /// The form's object number in `update`. `bbox` is in the page's own coordinates: a
    /// signature field with the same rectangle shows the drawing exactly where the page has it.
    static func form(fromPageOf pdf: Data, bbox: (Double, Double, Double, Double), into update: inout IncrementalUpdate)
        throws -> Int
    {
        let source = try PDFFile(pdf, source: "the signature's appearance", requireSaraban: false)
        guard let page = try source.pageObjects().first else { throw failure("it has no page") }
        let pageDictionary = try source.object(page)
        guard let contents = PDFFile.reference(in: pageDictionary, key: "/Contents") else {
            throw failure("its page has no single content stream")
        }
        let resources: String
        if let number = PDFFile.reference(in: pageDictionary, key: "/Resources") {
            resources = try source.object(number)
        } else if let inline = balancedDictionary(after: "/Resources", in: pageDictionary) {
            resources = inline
        } else {
            throw failure("its page has no resources")
        }
        var numbers: [Int: Int] = [:]
        var pending = references(in: resources)
        // Every object the resources reach, each copied once.
        while let old = pending.popLast() {
            guard numbers[old] == nil else { continue }
            numbers[old] = update.newObject()
            pending += references(in: try source.rawObject(old).dictionary)
        }
        for (old, new) in numbers {
            let object = try source.rawObject(old)
            var dictionary = renumbered(object.dictionary, numbers)
            // As in the document (PDFArchive): a CID TrueType font names its map (PDF/A 6.2.11.3.2).
            if object.stream == nil, dictionary.contains("/Subtype /CIDFontType2"),
                !dictionary.contains("/CIDToGIDMap"),
                dictionary.hasSuffix(">>")
            {
                dictionary = String(dictionary.dropLast(2)) + " /CIDToGIDMap /Identity >>"
            }
            if let stream = object.stream {
                update.setStream(new, dictionary: withoutLength(dictionary), bytes: stream)
            } else {
                update.set(new, dictionary)
            }
        }
        let content = try source.rawObject(contents)
        guard let bytes = content.stream else { throw failure("its content is not a stream") }
        let filter = content.dictionary.contains("/FlateDecode") ? " /Filter /FlateDecode" : ""
        let form = update.newObject()
        update.setStream(
            form,
            dictionary: String(
                format: "<< /Type /XObject /Subtype /Form /BBox [%.2f %.2f %.2f %.2f]", bbox.0, bbox.1, bbox.2, bbox.3)
                + " /Resources " + renumbered(resources, numbers) + filter + " >>",
            bytes: bytes)
        return form
    }

    static func failure(_ why: String) -> PDFSigner.SignError {
        PDFSigner.SignError(message: "the signature's appearance could not be made: \(why)")
    }

    /// The object numbers `N 0 R` in a dictionary's text.
    static func references(in text: String) -> [Int] {
        let words = text.replacingOccurrences(of: "[", with: " [ ").replacingOccurrences(of: "]", with: " ] ")
            .replacingOccurrences(of: "/", with: " /").split(whereSeparator: \.isWhitespace)
        var result: [Int] = []
        for index in words.indices.dropFirst(2) where words[index] == "R" && words[index - 1] == "0" {
            if let number = Int(words[index - 2]) { result.append(number) }
        }
        return result
    }

    /// `text` with every `N 0 R` renamed by `numbers`.
    static func renumbered(_ text: String, _ numbers: [Int: Int]) -> String {
        var out = ""
        var rest = Substring(text)
        while let r = rest.range(of: " 0 R") {
            let head = rest[..<r.lowerBound]
            let digits = head.reversed().prefix { $0.isNumber }
            let start = head.index(head.endIndex, offsetBy: -digits.count)
            if let old = Int(String(digits.reversed())), !digits.isEmpty, let new = numbers[old] {
                out += head[..<start] + "\(new) 0 R"
            } else {
                out += head + " 0 R"
            }
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// A dictionary without its /Length entry (`/Length 12` or `/Length 12 0 R`; the update writes its own).
    static func withoutLength(_ dictionary: String) -> String {
        guard let range = dictionary.range(of: #"/Length\s+\d+(\s+\d+\s+R)?"#, options: .regularExpression) else {
            return dictionary
        }
        return dictionary.replacingCharacters(in: range, with: "")
    }

    /// The `<< … >>` written after `key`, nested dictionaries included.
    static func balancedDictionary(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key) else { return nil }
        let chars = Array(text[range.upperBound...])
        guard let open = chars.firstIndex(where: { !$0.isWhitespace }), open + 1 < chars.count, chars[open] == "<",
            chars[open + 1] == "<"
        else { return nil }
        var depth = 0
        var i = open
        while i + 1 < chars.count {
            if chars[i] == "<" && chars[i + 1] == "<" { depth += 1; i += 2; continue }
            if chars[i] == ">" && chars[i + 1] == ">" {
                depth -= 1; i += 2
                if depth == 0 { return String(chars[open..<i]) }
                continue
            }
            i += 1
        }
        return nil
    }
}
