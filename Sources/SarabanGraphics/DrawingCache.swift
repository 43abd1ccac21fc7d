import CPangoCairo
import CSafeFiles
import Foundation

/// What a vector drawing costs at every start and is the same each time — its size, and the PDF
/// streams Cairo writes for it (`FormStreams`) — kept in the user's cache folder
/// (`$XDG_CACHE_HOME/saraban`, else `~/.cache/saraban`), so that a cold render of a letter neither
/// loads librsvg nor draws the Garuda. Entries are named by the drawing's bytes, its height and
/// Cairo's version; a missing, unreadable or unwritable entry is simply made again. A stale
/// entry cannot reach a file: the stand-in stream it holds must match the one Cairo writes now,
/// or `FormSubstitution` replaces nothing.
///
/// What is in the PDF must be what the user's own process drew, so an entry is trusted only as
/// ssh trusts its keys: the folder is the user's and closed to others (0700), the entry a
/// regular file of the user's that no one else may write, opened without following a symbolic
/// link, and its checksum right. A folder that cannot be made so turns the cache off. Entries
/// are written to a file created exclusively under a random name, then renamed.
struct DrawingCache: Sendable {
    let directory: String?

    static let shared = DrawingCache(
        directory: {
            let environment = ProcessInfo.processInfo.environment
            if environment["SARABAN_NO_CACHE"] != nil { return nil }
            let base =
                environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? environment["HOME"].map { $0 + "/.cache" }
            return base.map { $0 + "/saraban" }
        }())

    /// A drawing as the cache names it: a hash of its bytes and the Cairo that writes it.
    struct Key: Sendable {
        let name: String
        init(bytes: Data) {
            // FNV-1a: a name, not a defence; the file holds nothing a run trusts unchecked.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let cairo = String(cString: cairo_version_string())
            name = "drawing-\(String(hash, radix: 16))-\(bytes.count)-cairo\(cairo)-v2"
        }
    }

    func size(_ key: Key) -> (width: Double, height: Double)? {
        guard let blobs = read(key.name + ".size"), blobs.count == 1 else { return nil }
        let numbers = String(decoding: blobs[0], as: UTF8.self).split(separator: " ").compactMap { Double($0) }
        guard numbers.count == 2, numbers.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        return (numbers[0], numbers[1])
    }

    func store(size: (width: Double, height: Double), _ key: Key) {
        write([Array("\(size.width) \(size.height)".utf8)], to: key.name + ".size")
    }

    func streams(_ key: Key, height: Double) -> FormStreams? {
        guard let blobs = read(key.name + "-\(height).forms"), blobs.count == 3 else { return nil }
        return FormStreams(standIn: blobs[0], real: blobs[1], resources: blobs[2])
    }

    func store(streams: FormStreams, _ key: Key, height: Double) {
        write([streams.standIn, streams.real, streams.resources], to: key.name + "-\(height).forms")
    }

    /// The folder, if it is the user's and closed to others (made so when it is new).
    private func safeDirectory(creating: Bool) -> String? {
        guard let directory else { return nil }
        var info = stat()
        if lstat(directory, &info) != 0 {
            guard creating, errno == ENOENT else { return nil }
            let parent = (directory as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST, lstat(directory, &info) == 0 else { return nil }
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { return nil }
        // The user's own folder left open by an earlier version: closed now.
        if info.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 { return nil }
        return directory
    }

    /// An entry's bytes if it can be trusted (see the type's note).
    private func trustedContents(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(),
            info.st_mode & 0o022 == 0, info.st_size < 16 << 20
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            guard count > 0 else { return nil }
            offset += count
        }
        return bytes
    }

    /// FNV-1a of the blobs: a damaged or cut entry is a miss.
    private static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (0..<8).map { UInt8(hash >> (8 * UInt64($0)) & 0xff) }
    }

    /// Blobs, each as a 4-byte little-endian length and its bytes, then the checksum.
    private func read(_ name: String) -> [[UInt8]]? {
        guard let directory = safeDirectory(creating: false), let all = trustedContents(directory + "/" + name),
            all.count >= 8, Self.checksum(all.dropLast(8)) == Array(all.suffix(8))
        else { return nil }
        let bytes = Array(all.dropLast(8))
        var blobs: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            guard index + 4 <= bytes.count else { return nil }
            let length = bytes[index..<(index + 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
            index += 4
            guard index + length <= bytes.count else { return nil }
            blobs.append(Array(bytes[index..<(index + length)]))
            index += length
        }
        return blobs
    }

    /// Written to a file created exclusively and renamed, so that a reader never sees half an
    /// entry and no one can point the write elsewhere.
    private func write(_ blobs: [[UInt8]], to name: String) {
        guard let directory = safeDirectory(creating: true) else { return }
        var bytes: [UInt8] = []
        for blob in blobs {
            let length = UInt32(blob.count)
            bytes += [UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24)]
            bytes += blob
        }
        bytes += Self.checksum(bytes[...])
        var buffer = [CChar](repeating: 0, count: 4096)
        let descriptor = saraban_temp_create(directory, name, &buffer, buffer.count)
        guard descriptor >= 0 else { return }
        let temporary = String(cString: buffer)
        defer { saraban_temp_forget(temporary) }
        fchmod(descriptor, 0o600)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 else { break }
            offset += count
        }
        close(descriptor)
        if offset != bytes.count || rename(temporary, directory + "/" + name) != 0 { unlink(temporary) }
    }
}
