/// An error Saraban reports to its user: one line (`description`) and the exit status the
/// command ends with. Every stage's errors conform, so the command line needs no table of them
/// (as Hummingbird's HTTPResponseError carries its status).
public protocol ReportedError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

/// The exit codes `saraban --help` documents.
public enum ExitStatus: Int32, Sendable {
    /// Bad input: data, templates, markup, style, pictures; the message names the file and line.
    case input = 1
    /// A command line that cannot be used.
    case usage = 2
    /// The environment: a font that is not installed, an output that cannot be written.
    case environment = 3
}

extension FileAccess.Refusal: ReportedError { public var exitStatus: ExitStatus { .input } }
extension BoundedYAML.LimitError: ReportedError { public var exitStatus: ExitStatus { .input } }
