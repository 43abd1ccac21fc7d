import Foundation
import Saraban

/// Saraban's benchmark: the speed and memory figures quoted in the README.
///
///     saraban-bench cold [RUNS]        cold process → one letter's PDF, median of RUNS (default 30)
///     saraban-bench batch [LETTERS]    LETTERS different letters in one process on one thread
///
/// Run it from a release build (`scripts/bench`).
struct Bench {
    let installation: Installation
    let output = NSTemporaryDirectory() + "saraban-bench-\(getpid())"

    func cold(runs: Int) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/saraban"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("build the saraban product first (swift build -c release)"); exit(2)
        }
        var times: [Double] = []
        for run in 0..<runs {
            let arguments = [binary, "render", installation.root + "/Examples/batch/districts-letter.yaml", "-o", output + "/cold-\(run).pdf"]
            let start = DispatchTime.now()
            // posix_spawn and waitpid: Foundation's Process polls for the child's exit and adds up to 100 ms.
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            var argv = arguments.map { strdup($0) } + [nil]
            var pid: pid_t = 0
            guard posix_spawn(&pid, binary, &actions, nil, &argv, environ) == 0 else { print("cannot start \(binary)"); exit(1) }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            argv.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            guard status == 0 else { print("render failed"); exit(1) }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        times.sort()
        print(String(format: "cold: one letter (seed 004 letter, 2 pages), process start to PDF written: median %.1f ms, min %.1f ms, max %.1f ms over %d runs",
                     times[times.count / 2], times[0], times[times.count - 1], runs))
    }

    /// Different letters: each with its own recipient, number and amount (so its own baht text).
    func letter(_ index: Int) -> String {
        let seed = try! String(contentsOfFile: installation.root + "/Examples/batch/districts-letter.yaml", encoding: .utf8)
        return seed
            .replacingOccurrences(of: "number: ลป 0019.3/ว 2561", with: "number: ลป 0019.3/ว \(1000 + index)")
            .replacingOccurrences(of: "to: นายอำเภอทุกอำเภอ", with: "to: นายอำเภอที่ \(index)")
            .replacingOccurrences(of: "budget: 533800", with: "budget: \(31400 * (index % 97 + 1))")
    }

    func batch(letters: Int) throws {
        let renderer = try Renderer(installation: installation)
        let templates = try TemplateLibrary(directory: installation.templateDirectory)
        let texts = (0..<min(letters, 50)).map(letter)
        var pages = 0
        // Time per stage of the pipeline, in seconds.
        var stages = [Double](repeating: 0, count: 4)
        var clock = DispatchTime.now()
        func lap(_ stage: Int) {
            let now = DispatchTime.now()
            stages[stage] += Double(now.uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
            clock = now
        }
        let start = DispatchTime.now()
        for index in 0..<letters {
            let data = try DataLoader().load(text: texts[index % texts.count], file: "letter-\(index).yaml")
            lap(0)
            let markup = try templates.markup(for: data)
            lap(1)
            let document = try renderer.layout(markup: markup, baseDirectory: installation.root + "/Examples")
            lap(2)
            try renderer.writePDF(document, to: output + "/letter.pdf")
            lap(3)
            pages += document.pages.count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "batch: %d letters, %d pages in %.2f s on one thread: %.0f pages/s, %.0f letters/s; peak memory %.1f MB",
                     letters, pages, seconds, Double(pages) / seconds, Double(letters) / seconds, Double(usage.ru_maxrss) / 1024))
        let names = ["data", "template", "layout", "pdf"]
        print("       per letter: " + zip(names, stages).map { String(format: "%@ %.2f ms", $0, $1 * 1000 / Double(letters)) }.joined(separator: ", "))
    }
}

guard let installation = Installation.locate() else { print("cannot find Templates/; set SARABAN_HOME"); exit(2) }
let bench = Bench(installation: installation)
try FileManager.default.createDirectory(atPath: bench.output, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: bench.output) }
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "cold": try bench.cold(runs: arguments.count > 1 ? Int(arguments[1]) ?? 30 : 30)
case "batch": try bench.batch(letters: arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000)
default: print("usage: saraban-bench cold [RUNS] | batch [LETTERS]"); exit(2)
}
