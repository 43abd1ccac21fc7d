/// A problem in a data file, with where it is: `letter.yaml:12: signer.name: expected text, found a list`.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { return "\(place): \(field): \(message)" }
        return "\(place): \(message)"
    }
}
