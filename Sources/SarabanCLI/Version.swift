import Foundation
import Saraban

/// `saraban --version`: the release and, where known, the commit it was built from (an
/// installation's `VERSION` file, written by scripts/install, or the checkout's HEAD).
enum Version {
    static let release = "0.5.0"

    static var text: String {
        guard let installation = Installation.locate() else { return "saraban \(release)" }
        if let stamped = try? String(contentsOfFile: installation.root + "/VERSION", encoding: .utf8) {
            return "saraban \(release) (\(stamped.trimmingCharacters(in: .whitespacesAndNewlines)))"
        }
        if let head = try? String(contentsOfFile: installation.root + "/.git/HEAD", encoding: .utf8) {
            let ref = head.trimmingCharacters(in: .whitespacesAndNewlines)
            let commit =
                ref.hasPrefix("ref: ")
                ? (try? String(contentsOfFile: installation.root + "/.git/" + ref.dropFirst(5), encoding: .utf8)) ?? ""
                : ref
            let short = commit.trimmingCharacters(in: .whitespacesAndNewlines).prefix(12)
            if !short.isEmpty { return "saraban \(release) (commit \(short))" }
        }
        return "saraban \(release)"
    }
}
