import CSafeFiles
import Foundation

/// A file about to be written, safely: it is made as a temporary file beside its destination
/// (created exclusively under a random name, never through a symlink), written, synced to disk
/// and renamed over the destination only when complete. A short write or a full disk is an
/// error; on any failure, on Ctrl-C/SIGTERM and on a crash the temporary file is removed.
///
/// What the destination may be is checked first: never a folder, never an input of the same
/// run, never an existing file that is not of the kind being written (a PDF never replaces the
/// data, a picture or a style file, whatever its name).
public final class OutputFile {
    public enum Kind: Sendable {
        case pdf, png
        /// The first bytes of every file of this kind.
        var signature: [UInt8] {
            switch self {
            case .pdf: return Array("%PDF-".utf8)
            case .png: return [0x89, 0x50, 0x4E, 0x47]
            }
        }
        var name: String { self == .pdf ? "PDF" : "PNG image" }
    }

    public let destination: String
    public let kind: Kind
    public let temporaryPath: String
    private var descriptor: Int32
    private var committed = false

    /// Removes the temporary files of this process when it is interrupted or crashes. Call once
    /// at start (the command does); the library does not take signals over on its own.
    public static func removeTemporaryFilesOnSignals() { saraban_temp_remove_on_signals() }

    /// Temporary files open now (tests).
    public static var temporaryFileCount: Int { Int(saraban_temp_count()) }

    /// - Parameter inputs: files this run reads; the destination may be none of them.
    public init(destination: String, kind: Kind, inputs: [String] = []) throws {
        try Self.checkDestination(destination, kind: kind, inputs: inputs)
        self.destination = destination
        self.kind = kind
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var buffer = [CChar](repeating: 0, count: 4096)
        descriptor = saraban_temp_create(directory, url.lastPathComponent, &buffer, buffer.count)
        guard descriptor >= 0 else {
            throw SurfaceError.cannotWrite(path: destination, reason: String(cString: strerror(errno)))
        }
        temporaryPath = String(cString: buffer)
    }

    deinit { discard() }

    /// Refuses a destination that is a folder, an input of this run, or an existing file of
    /// another kind; the folder must exist and be writable.
    public static func checkDestination(_ path: String, kind: Kind, inputs: [String]) throws {
        let url = URL(fileURLWithPath: path)
        var target = stat()
        if stat(path, &target) == 0 {
            if (target.st_mode & S_IFMT) == S_IFDIR {
                throw SurfaceError.cannotWrite(
                    path: path,
                    reason: "it is a folder; name a file (e.g. \(path)/document.\(kind == .pdf ? "pdf" : "png"))")
            }
            for input in inputs {
                var other = stat()
                if stat(input, &other) == 0, other.st_dev == target.st_dev, other.st_ino == target.st_ino {
                    throw SurfaceError.cannotWrite(
                        path: path, reason: "it is \(input), an input of this run; name another output file")
                }
            }
            if (target.st_mode & S_IFMT) == S_IFREG, target.st_size > 0, !startsWith(path, kind.signature) {
                throw SurfaceError.cannotWrite(
                    path: path,
                    reason: "it exists and is not a \(kind.name); Saraban replaces only its own kind of file")
            }
        }
        let directory = url.deletingLastPathComponent().path
        var folder = stat()
        guard stat(directory, &folder) == 0, (folder.st_mode & S_IFMT) == S_IFDIR else {
            throw SurfaceError.cannotWrite(path: path, reason: "folder \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw SurfaceError.cannotWrite(path: path, reason: "folder \(directory) is not writable")
        }
    }

    private static func startsWith(_ path: String, _ signature: [UInt8]) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: signature.count)) ?? nil
        return Array(head ?? Data()) == signature
    }

    /// Bytes not yet handed to the system: Cairo writes a PDF in thousands of small pieces.
    private var pending: [UInt8] = []
    private static let bufferSize = 1 << 16

    /// Appends bytes (buffered); a short write (a full disk, a quota) is an error.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if pending.count + bytes.count <= Self.bufferSize {
            if pending.capacity < Self.bufferSize { pending.reserveCapacity(Self.bufferSize) }
            pending.append(contentsOf: bytes)
            return
        }
        try flush()
        if bytes.count < Self.bufferSize {
            pending.append(contentsOf: bytes)
        } else {
            try writeNow(bytes)
        }
    }

    /// Hands the buffered bytes to the system.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        let bytes = pending
        pending.removeAll(keepingCapacity: true)
        try bytes.withUnsafeBytes { try writeNow($0) }
    }

    private func writeNow(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if written == 0 { throw failure("nothing could be written (is the disk full?)") }
            offset += written
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Everything written so far.
    public func contents() throws -> [UInt8] {
        try flush()
        guard let data = FileManager.default.contents(atPath: temporaryPath) else {
            throw failure("the file could not be read back")
        }
        return [UInt8](data)
    }

    /// Replaces everything written so far.
    public func replaceContents(_ bytes: [UInt8]) throws {
        pending.removeAll(keepingCapacity: true)
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw failure(String(cString: strerror(errno)))
        }
        try write(bytes)
    }

    /// Syncs the file to disk and renames it over the destination.
    public func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw failure(String(cString: strerror(errno))) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failure(String(cString: strerror(errno))) }
        // Checked again just before the rename: the destination may have changed since.
        try Self.checkDestination(destination, kind: kind, inputs: [])
        guard rename(temporaryPath, destination) == 0 else { throw failure(String(cString: strerror(errno))) }
        committed = true
        saraban_temp_forget(temporaryPath)
    }

    /// Removes the temporary file (nothing when already committed).
    public func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        if !committed {
            unlink(temporaryPath)
            saraban_temp_forget(temporaryPath)
            committed = true
        }
    }

    private func failure(_ reason: String) -> SurfaceError {
        discard()
        return SurfaceError.cannotWrite(path: destination, reason: reason)
    }
}
