import Foundation
import SarabanFiles
import ThaiText
import Yams

/// Reads one mapping of a data file field by field. Every error names the file, the line and
/// the field's path; `finish()` reports fields that nothing asked for, with the nearest known
/// name, so a misspelt `subjet:` is an error rather than silently ignored.
public final class FieldReader {
    let mapping: Node.Mapping
    let path: String
    let file: String
    let line: Int?
    private var known: [String] = []
    /// Where this group's fields came from when an office's defaults lie under the data, and the
    /// defaults' file: a mistake in what the defaults gave names that file and its line.
    var origin: Origin = .data
    var defaultsFile: String?

    indirect enum Origin { case data, defaults, merged([String: Origin]) }

    init(mapping: Node.Mapping, path: String, file: String) {
        self.mapping = mapping
        self.path = path
        self.file = file
        line = mapping.mark?.line
    }

    /// Parses a YAML or JSON document whose root is a mapping.
    public static func root(text: String, file: String) throws -> FieldReader {
        let node: Node?
        do {
            node = try BoundedYAML.compose(text, file: file)
        } catch let error as YamlError {
            throw DataError(file: file, line: error.line, message: "not valid YAML/JSON: \(error.problem)")
        } catch let error as BoundedYAML.LimitError {
            throw DataError(file: file, line: error.line, message: error.message)
        }
        guard let mapping = node?.mapping else {
            throw DataError(
                file: file, line: node?.mark?.line,
                message: "expected a mapping of fields (`type: …`, `subject: …`), found \(describe(node))")
        }
        return FieldReader(mapping: mapping, path: "", file: file)
    }

    /// The same fields with an office's defaults under them: what the data gives wins, groups
    /// of fields (office, signer) are merged field by field.
    func withDefaults(_ defaults: Node.Mapping?, file defaultsFile: String? = nil) -> FieldReader {
        guard let defaults else { return self }
        func merge(_ data: Node.Mapping, over base: Node.Mapping) -> (Node.Mapping, Origin) {
            var result = base
            var origins: [String: Origin] = [:]
            for key in base.keys { origins[key.scalar?.string ?? ""] = .defaults }
            for (key, value) in data {
                let name = key.scalar?.string ?? ""
                if let inner = value.mapping, let baseInner = result[key]?.mapping {
                    let (merged, origin) = merge(inner, over: baseInner)
                    result[key] = .mapping(merged)
                    origins[name] = origin
                } else {
                    result[key] = value
                    origins[name] = .data
                }
            }
            return (result, .merged(origins))
        }
        var (merged, origin) = merge(mapping, over: defaults)
        merged.mark = mapping.mark
        let reader = FieldReader(mapping: merged, path: path, file: file)
        reader.origin = origin
        reader.defaultsFile = defaultsFile
        return reader
    }

    /// Where `key`'s value came from.
    private func origin(of key: String) -> Origin {
        if case .merged(let origins) = origin { return origins[key] ?? .data }
        return origin
    }

    /// The file that holds `key`'s value: the data's, or the office's defaults'.
    private func file(of key: String) -> String {
        if case .defaults = origin(of: key), let defaultsFile { return defaultsFile }
        return file
    }

    /// A reader for a group under `key`, knowing where its fields came from.
    private func child(_ mapping: Node.Mapping, path childPath: String, key: String) -> FieldReader {
        let reader = FieldReader(mapping: mapping, path: childPath, file: file)
        reader.origin = origin(of: key)
        reader.defaultsFile = defaultsFile
        return reader
    }

    private func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func node(_ key: String) -> Node? {
        if !known.contains(key) { known.append(key) }
        guard let value = mapping[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return nil
        }
        return value
    }

    func error(_ key: String, _ node: Node?, _ message: String) -> DataError {
        DataError(file: file(of: key), line: node?.mark?.line ?? line, field: fieldPath(key), message: message)
    }

    public func has(_ key: String) -> Bool { mapping[key] != nil }

    /// The mapping's keys with their lines, in order.
    var keysWithLines: [(String, Int?)] {
        mapping.keys.compactMap { key in key.scalar.map { ($0.string, key.mark?.line) } }
    }

    /// The line where a field's text starts: the line after `key: |` for a block of text.
    public func valueLine(_ key: String) -> Int {
        guard let node = mapping[key], let line = node.mark?.line else { return line ?? 1 }
        if case .scalar(let scalar) = node, scalar.style == .literal || scalar.style == .folded { return line + 1 }
        return line
    }

    /// Text; numbers and dates written bare are taken as written.
    public func string(_ key: String) throws -> String? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar else {
            throw error(key, value, "expected text, found \(FieldReader.describe(value))")
        }
        return scalar.string
    }

    public func requiredString(_ key: String, example: String) throws -> String {
        guard let value = try string(key), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw missing(key, "expected text such as `\(key): \(example)`")
        }
        return value
    }

    /// A required field is absent; if a misspelling of it is present, say so.
    public func missing(_ key: String, _ expectation: String) -> DataError {
        let present = mapping.keys.compactMap { $0.scalar?.string }.filter { $0 != key }
        if let typo = present.first(where: { closestName(to: $0, in: [key]) != nil }) {
            let typoLine = mapping.keys.first { $0.scalar?.string == typo }?.mark?.line
            return DataError(
                file: file, line: typoLine ?? line, field: fieldPath(typo),
                message: "unknown field; did you mean `\(key)`? (`\(key)` is required: \(expectation))")
        }
        return DataError(file: file, line: line, field: fieldPath(key), message: "missing; \(expectation)")
    }

    /// One text or a list of texts (address lines, position lines).
    public func strings(_ key: String) throws -> [String] {
        guard let value = node(key) else { return [] }
        if let scalar = value.scalar { return [scalar.string] }
        guard let sequence = value.sequence else {
            throw error(key, value, "expected text or a list of texts, found \(FieldReader.describe(value))")
        }
        return try sequence.enumerated().map { index, item in
            guard let scalar = item.scalar else {
                throw DataError(
                    file: file, line: item.mark?.line, field: "\(fieldPath(key))[\(index + 1)]",
                    message: "expected text, found \(FieldReader.describe(item))")
            }
            return scalar.string
        }
    }

    /// A whole number within `range` (Thai digits too); anything else is an error naming the
    /// field, never a silent 0.
    public func integer(_ key: String, in range: ClosedRange<Int>, example: String) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(ThaiDigits.toArabic(text).trimmingCharacters(in: .whitespaces)), range.contains(value)
        else {
            throw error(
                key, mapping[key],
                "expected a whole number from \(range.lowerBound) to \(range.upperBound) (e.g. `\(key): \(example)`), found \(FieldReader.describe(mapping[key]))"
            )
        }
        return value
    }

    /// A list of whole numbers within `range`.
    public func integers(_ key: String, in range: ClosedRange<Int>, example: String) throws -> [Int] {
        try strings(key).map { text in
            guard let value = Int(ThaiDigits.toArabic(text).trimmingCharacters(in: .whitespaces)), range.contains(value)
            else {
                throw error(
                    key, mapping[key],
                    "expected whole numbers from \(range.lowerBound) to \(range.upperBound) (e.g. `\(key): \(example)`), found \"\(text)\""
                )
            }
            return value
        }
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, let result = Bool.construct(from: scalar) else {
            throw error(key, value, "expected true or false, found \(FieldReader.describe(value))")
        }
        return result
    }

    public func date(_ key: String) throws -> ThaiDate? {
        guard let text = try string(key) else { return nil }
        do { return try ThaiDate(parsing: text) } catch { throw self.error(key, mapping[key], "\(error)") }
    }

    public func time(_ key: String) throws -> ThaiTime? {
        guard let text = try string(key) else { return nil }
        do { return try ThaiTime(parsing: text) } catch { throw self.error(key, mapping[key], "\(error)") }
    }

    /// An amount of money, given as a number (the baht text is computed, never typed).
    public func amount(_ key: String) throws -> Amount? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar else {
            throw error(
                key, value,
                "expected an amount as a number (e.g. 533800 or 1234.50), found \(FieldReader.describe(value))")
        }
        do { return try Amount(parsing: scalar.string) } catch Amount.AmountError.tooLarge {
            throw error(key, value, "\(Amount.AmountError.tooLarge(scalar.string))")
        } catch {
            throw self.error(
                key, value,
                "expected an amount as a number (e.g. 533800 or 1234.50), found \(FieldReader.describe(value))")
        }
    }

    /// One of a fixed set of values.
    public func choice(_ key: String, from allowed: [String]) throws -> String? {
        guard let value = try string(key) else { return nil }
        guard allowed.contains(value) else {
            throw error(
                key, mapping[key], "\"\(value)\" is not allowed; expected one of: \(allowed.joined(separator: ", "))")
        }
        return value
    }

    public func object(_ key: String) throws -> FieldReader? {
        guard let value = node(key) else { return nil }
        guard let mapping = value.mapping else {
            throw error(key, value, "expected a group of fields, found \(FieldReader.describe(value))")
        }
        return child(mapping, path: fieldPath(key), key: key)
    }

    /// A list whose items are groups of fields, or plain texts read through `fromText`.
    public func list<T>(_ key: String, item: (FieldReader) throws -> T, fromText: ((String) -> T)? = nil) throws -> [T]
    {
        guard let value = node(key) else { return [] }
        guard let sequence = value.sequence else {
            throw error(key, value, "expected a list (lines starting with `- `), found \(FieldReader.describe(value))")
        }
        return try sequence.enumerated().map { index, element in
            let itemPath = "\(fieldPath(key))[\(index + 1)]"
            if let scalar = element.scalar, let fromText { return fromText(scalar.string) }
            guard let mapping = element.mapping else {
                throw DataError(
                    file: file(of: key), line: element.mark?.line, field: itemPath,
                    message: "expected a group of fields, found \(FieldReader.describe(element))")
            }
            let reader = child(mapping, path: itemPath, key: key)
            let result = try item(reader)
            try reader.finish()
            return result
        }
    }

    /// One item of a list of lists (table rows): text, or a group of fields.
    public enum RawItem { case text(String), fields(FieldReader) }

    /// A list whose items are lists (table rows); each inner item text or a group of fields.
    public func rawList(_ key: String) throws -> [[RawItem]] {
        guard let value = node(key) else { return [] }
        guard let sequence = value.sequence else {
            throw error(key, value, "expected a list of rows, found \(FieldReader.describe(value))")
        }
        return try sequence.enumerated().map { index, row in
            let rowPath = "\(fieldPath(key))[\(index + 1)]"
            guard let cells = row.sequence else {
                throw DataError(
                    file: file(of: key), line: row.mark?.line, field: rowPath,
                    message: "expected a row written as [value, value, …], found \(FieldReader.describe(row))")
            }
            return cells.enumerated().map { c, cell in
                if let mapping = cell.mapping { return .fields(child(mapping, path: "\(rowPath)[\(c + 1)]", key: key)) }
                // An empty cell (`~`, `null`, nothing) is empty, never the word null.
                if let scalar = cell.scalar, scalar.style == .plain,
                    ["~", "null", "Null", "NULL"].contains(scalar.string)
                {
                    return .text("")
                }
                // A list in a cell, or lines typed in a block (`|`): one line each (U+2028 breaks the line).
                if let items = cell.sequence {
                    return .text(items.compactMap { $0.scalar?.string }.joined(separator: "\u{2028}"))
                }
                let text = cell.scalar?.string ?? ""
                guard text.contains("\n") else { return .text(text) }
                return .text(
                    text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
                        .joined(separator: "\u{2028}"))
            }
        }
    }

    /// Keys and scalar values of a mapping (named amounts).
    public func amounts(_ key: String) throws -> [(String, Amount)] {
        guard let reader = try object(key) else { return [] }
        return try reader.mapping.keys.compactMap { $0.scalar?.string }.map { name in
            guard let amount = try reader.amount(name) else {
                throw reader.error(
                    name, reader.mapping[name], "expected an amount as a number (e.g. 533800 or 1234.50), found nothing"
                )
            }
            return (name, amount)
        }
    }

    /// A group of names the file chooses itself (`map: {ลำดับ: "-", อำเภอ: name}`), each a text.
    public func texts(_ key: String) throws -> [(name: String, value: String)] {
        guard let reader = try object(key) else { return [] }
        return try reader.mapping.map { keyNode, value in
            let name = keyNode.scalar?.string ?? ""
            guard let text = value.scalar?.string, !text.isEmpty else {
                throw reader.error(name, value, "expected a text, found \(FieldReader.describe(value))")
            }
            return (name, text)
        }
    }

    /// Fails on a field nobody read: a misspelling or a field of another document type.
    public func finish() throws {
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string, !known.contains(key) else { continue }
            let suggestion = closestName(to: key, in: known).map { "; did you mean `\($0)`?" } ?? ""
            throw DataError(
                file: file(of: key), line: keyNode.mark?.line, field: fieldPath(key),
                message: "unknown field\(suggestion) (known fields here: \(known.joined(separator: ", ")))")
        }
    }

    static func describe(_ node: Node?) -> String {
        switch node {
        case .none: return "nothing"
        case .scalar(let s)?:
            // A message names the value, never echoes a whole file's worth of it.
            let text = s.string.count > 60 ? String(s.string.prefix(57)) + "…" : s.string
            return "\"\(text)\""
        case .sequence?: return "a list"
        case .mapping?: return "a group of fields"
        }
    }
}

/// The candidate nearest to `word`, if it is close enough to be a typo.
func closestName(to word: String, in candidates: [String]) -> String? {
    Suggestion.closest(to: word, in: candidates)
}

extension YamlError {
    var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }
    var problem: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default: return "\(self)"
        }
    }
}
