import Foundation
import Testing

@testable import SarabanGraphics

@Suite("Drawing cache")
struct DrawingCacheTests {
    let folder = NSTemporaryDirectory() + "saraban-drawing-cache-" + UUID().uuidString
    let key = DrawingCache.Key(bytes: Data("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='20'/>".utf8))

    @Test func sizesAndStreamsComeBackAsStored() throws {
        let cache = DrawingCache(directory: folder)
        #expect(cache.size(key) == nil && cache.streams(key, height: 85) == nil, "nothing before it is made")
        cache.store(size: (10, 20.5), key)
        let streams = FormStreams(
            standIn: [1, 2, 3], real: Array(repeating: 7, count: 70_000),
            resources: Array("<< /ExtGState 5 0 R >>".utf8))
        cache.store(streams: streams, key, height: 85)
        #expect(cache.size(key)?.width == 10 && cache.size(key)?.height == 20.5)
        let back = try #require(cache.streams(key, height: 85))
        #expect(back.standIn == streams.standIn && back.real == streams.real && back.resources == streams.resources)
        #expect(cache.streams(key, height: 42) == nil, "another height is another entry")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasSuffix(".tmp") },
            "no temporary file left")
    }

    @Test func aDamagedEntryIsAMiss() throws {
        let cache = DrawingCache(directory: folder)
        cache.store(streams: FormStreams(standIn: [1], real: [2, 3], resources: [4]), key, height: 85)
        let entry = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".forms") })
        let path = folder + "/" + entry
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast().write(to: URL(fileURLWithPath: path))
        #expect(cache.streams(key, height: 85) == nil)
        try Data("12 abc".utf8).write(to: URL(fileURLWithPath: folder + "/" + key.name + ".size"))
        #expect(cache.size(key) == nil)
    }

    @Test func withoutAFolderNothingIsKept() {
        let cache = DrawingCache(directory: nil)
        cache.store(size: (1, 2), key)
        #expect(cache.size(key) == nil)
    }

    @Test func theNameFollowsTheBytes() {
        #expect(DrawingCache.Key(bytes: Data("a".utf8)).name != DrawingCache.Key(bytes: Data("b".utf8)).name)
        #expect(DrawingCache.Key(bytes: Data("a".utf8)).name == DrawingCache.Key(bytes: Data("a".utf8)).name)
    }
}
