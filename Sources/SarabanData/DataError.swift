import SarabanFiles

/// A problem in a data file, with where it is: `letter.yaml:12: signer.name: expected text, found a list`.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String
    /// The check that found it (`weekday`, `baht-text` …; see docs/checks.md), for a finding;
    /// nil for an error that stops the data being read.
    public var rule: String?

    public init(file: String, line: Int? = nil, field: String? = nil, message: String, rule: String? = nil) {
        self.file = file; self.line = line; self.field = field; self.message = message; self.rule = rule
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        let tag = rule.map { " [\($0)]" } ?? ""
        if let field { return "\(place): \(field): \(message)\(tag)" }
        return "\(place): \(message)\(tag)"
    }
}

extension DataError: ReportedError { public var exitStatus: ExitStatus { .input } }
