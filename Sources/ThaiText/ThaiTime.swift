/// A time of day written the Thai official way: `๐๙.๓๐ น.` (hours.minutes, then น.).
public struct ThaiTime: Hashable, Sendable {
    public let hour: Int
    public let minute: Int

    public enum TimeError: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self {
            case .malformed(let text): return "\"\(text)\" is not a time of day; expected HH:MM or HH.MM (e.g. 09:30)"
            }
        }
    }

    public init(hour: Int, minute: Int) throws {
        guard (0...23).contains(hour), (0...59).contains(minute) else { throw TimeError.malformed("\(hour):\(minute)") }
        self.hour = hour
        self.minute = minute
    }

    /// Accepts `9:30`, `09.30`, `๐๙.๓๐`, `09.30 น.`.
    public init(parsing raw: String) throws {
        var text = ThaiDigits.toArabic(raw).trimmingWhitespace()
        if text.hasSuffix("น.") { text = String(text.dropLast(2)).trimmingWhitespace() }
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." })
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else {
            throw TimeError.malformed(raw)
        }
        do { try self.init(hour: h, minute: m) } catch { throw TimeError.malformed(raw) }
    }

    /// `๐๙.๓๐ น.`
    public var formatted: String { ThaiDigits.toThai("\(String(format2: hour)).\(String(format2: minute)) น.") }
}
