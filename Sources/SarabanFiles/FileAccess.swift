import Foundation

/// Which files a document may read (its pictures, signatures and attached files): those inside
/// its data file's folder and inside folders the user allowed (`--allow-path`), with symbolic
/// links and `..` resolved first. A data file or a recipients sheet from elsewhere cannot make a
/// PDF carry `/etc/passwd` or a key from the home folder.
public struct FileAccess: Sendable, Equatable {
    /// Folders (resolved) whose files may be read.
    public private(set) var roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map(FileAccess.resolved)
    }

    /// Anything the process can read: for programs that set their own rules.
    public static let unrestricted = FileAccess(roots: ["/"])

    public func allowing(_ folders: [String]) -> FileAccess {
        var copy = self
        copy.roots += folders.map(FileAccess.resolved)
        return copy
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var path: String
        public var roots: [String]
        public var description: String {
            "\(path) is outside the data file's folder; a document reads files only from "
                + roots.joined(separator: ", ") + " (allow another folder with --allow-path FOLDER)"
        }
    }

    /// `path` (relative to `base`), resolved, if it lies inside an allowed folder.
    public func resolve(_ path: String, relativeTo base: String) throws -> String {
        let joined = path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
        let full = FileAccess.resolved(joined)
        for root in roots where root == "/" || full == root || full.hasPrefix(root + "/") { return full }
        throw Refusal(path: path, roots: roots)
    }

    /// An absolute path with symbolic links, `.` and `..` resolved (as far as the path exists).
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        // A file that does not exist yet: its folder resolved, and the name as given.
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard folder != url.path, let real = realpath(folder, nil) else { return url.path }
        defer { free(real) }
        return String(cString: real) + "/" + url.lastPathComponent
    }
}
