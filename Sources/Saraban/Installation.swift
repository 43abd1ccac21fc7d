import Foundation

/// Where Saraban's own files are: `Fonts/`, `Templates/` (with `style.yaml`) and the emblem.
///
/// Found from `SARABAN_HOME`, else from the executable's folder upwards (a build inside the
/// package), else from the current folder.
public struct Installation: Sendable {
    public var root: String
    public var fontDirectory: String { root + "/Fonts" }
    public var templateDirectory: String { root + "/Templates" }
    public var stylePath: String { templateDirectory + "/style.yaml" }
    public var emblemPath: String { root + "/Resources/garuda.svg" }

    public init(root: String) { self.root = root }

    /// `SARABAN_HOME`; else from the program's real path (`/proc/self/exe`, symlinks resolved):
    /// `PREFIX/share/saraban` beside an installed `PREFIX/bin/saraban`, or the package a build
    /// lives in; else the current folder.
    public static func locate() -> Installation? {
        var candidates: [String] = []
        if let home = ProcessInfo.processInfo.environment["SARABAN_HOME"], !home.isEmpty { candidates.append(home) }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "."
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(directory.deletingLastPathComponent().path + "/share/saraban")
        for _ in 0..<6 {
            candidates.append(directory.path)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Templates/style.yaml") }.map(
            Installation.init)
    }
}
