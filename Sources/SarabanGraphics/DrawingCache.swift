import CPangoCairo
import Foundation

/// What a vector drawing costs at every start and is the same each time — its size, and the PDF
/// streams Cairo writes for it (`FormStreams`) — kept in the user's cache folder
/// (`$XDG_CACHE_HOME/saraban`, else `~/.cache/saraban`), so that a cold render of a letter neither
/// loads librsvg nor draws the Garuda. Entries are named by the drawing's bytes, its height and
/// Cairo's version; a missing, unreadable or unwritable entry is simply made again. A stale
/// entry cannot reach a file: the stand-in stream it holds must match the one Cairo writes now,
/// or `FormSubstitution` replaces nothing.
struct DrawingCache: Sendable {
    let directory: String?

    static let shared = DrawingCache(directory: {
        let environment = ProcessInfo.processInfo.environment
        if environment["SARABAN_NO_CACHE"] != nil { return nil }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
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
            name = "drawing-\(String(hash, radix: 16))-\(bytes.count)-cairo\(cairo)-v1"
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

    /// Blobs, each as a 4-byte little-endian length and its bytes.
    private func read(_ name: String) -> [[UInt8]]? {
        guard let directory, let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
        let bytes = [UInt8](data)
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

    /// Written to a temporary file and renamed, so that a reader never sees half an entry.
    private func write(_ blobs: [[UInt8]], to name: String) {
        guard let directory else { return }
        var bytes: [UInt8] = []
        for blob in blobs {
            let length = UInt32(blob.count)
            bytes += [UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24)]
            bytes += blob
        }
        let path = directory + "/" + name
        let temporary = path + ".\(getpid()).tmp"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
