import Foundation
import Saraban

/// Saraban's benchmark: the speed and memory figures quoted in the README.
///
///     saraban-bench cold [RUNS]        cold process → one letter's PDF, median of RUNS (default 30)
///     saraban-bench batch [LETTERS]    LETTERS different letters in one process on one thread
///     saraban-bench minutes [FACTOR]   minutes of ~70,000 characters (×FACTOR), in one process
///     saraban-bench districts [N] [J]  `saraban batch` to N districts with J workers
///     saraban-bench preview [RUNS]     cold `saraban preview` of one page to PNG
///     saraban-bench hostile            long inputs at two sizes: time and memory must grow linearly
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
        // The seed-004 letter alone, as in `batch`: its two pages, not the allocation table after them.
        let letterFile = output + "/cold-letter.yaml"
        try letter(0).write(toFile: letterFile, atomically: true, encoding: .utf8)
        // As a user's renders run (the Garuda's size and PDF stream in the drawing cache, made by
        // the first render), then as the very first render of a machine (no cache at all).
        for (label, environment) in [("", [String]()), (" without the drawing cache", ["SARABAN_NO_CACHE=1"])] {
            var times: [Double] = []
            for run in 0..<runs {
                let result = try spawn(
                    ["render", letterFile, "-o", output + "/cold-\(run).pdf"], extraEnvironment: environment)
                guard result.status == 0 else { print("render failed"); exit(1) }
                times.append(result.seconds * 1000)
            }
            times.sort()
            print(
                String(
                    format:
                        "cold: one letter (seed 004 letter, 2 pages)%@, process start to PDF written: median %.1f ms, min %.1f ms, max %.1f ms over %d runs",
                    label, times[times.count / 2], times[0], times[times.count - 1], runs))
        }
    }

    func letter(_ index: Int) -> String {
        // The letter alone (two pages), without the allocation table it carries in the examples.
        let seed = try! String(
            contentsOfFile: installation.root + "/Examples/batch/districts-letter.yaml", encoding: .utf8
        )
        .components(separatedBy: "attachments:")[0]
        return
            seed
            .replacingOccurrences(of: "number: ลป 0019.3/ว 2561", with: "number: ลป 0019.3/ว \(1000 + index)")
            .replacingOccurrences(of: "to: นายอำเภอทุกอำเภอ", with: "to: นายอำเภอที่ \(index)")
            .replacingOccurrences(of: "budget: 533800", with: "budget: \(31400 * (index % 97 + 1))")
    }

    func batch(letters: Int) throws {
        let renderer = try Renderer(installation: installation)
        let templates = try TemplateLibrary(directory: installation.templateDirectory)
        let texts = (0..<min(letters, 50)).map(letter)
        var stages = StageClock()
        var pages = 0
        let start = DispatchTime.now()
        for index in 0..<letters {
            pages += try stages.render(
                text: texts[index % texts.count], file: "letter-\(index).yaml", renderer: renderer,
                templates: templates, baseDirectory: installation.root + "/Examples", to: output + "/letter.pdf")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(
            String(
                format:
                    "batch: %d letters, %d pages in %.2f s on one thread: %.0f pages/s, %.0f letters/s; peak memory %.1f MB",
                letters, pages, seconds, Double(pages) / seconds, Double(letters) / seconds,
                Double(usage.ru_maxrss) / 1024))
        print("       per letter: " + stages.summary(per: letters))
    }
}

/// Time spent in each stage of the pipeline, over many renders.
struct StageClock {
    static let names = ["data", "template", "layout", "pdf"]
    private var seconds = [Double](repeating: 0, count: 4)

    /// Renders one document through the four stages, timing each; returns its page count.
    mutating func render(
        text: String, file: String, renderer: Renderer, templates: TemplateLibrary,
        baseDirectory: String, to pdf: String
    ) throws -> Int {
        var clock = DispatchTime.now()
        func lap(_ stage: Int) {
            let now = DispatchTime.now()
            seconds[stage] += Double(now.uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
            clock = now
        }
        let data = try DataLoader().load(text: text, file: file)
        lap(0)
        let markup = try templates.markup(for: data)
        lap(1)
        let document = try renderer.layout(markup: markup, baseDirectory: baseDirectory)
        lap(2)
        try renderer.writePDF(document, to: pdf)
        lap(3)
        return document.pages.count
    }

    func summary(per count: Int) -> String {
        zip(Self.names, seconds).map { String(format: "%@ %.2f ms", $0, $1 * 1000 / Double(count)) }.joined(
            separator: ", ")
    }
}

extension Bench {
    /// Minutes at the size of the biggest real ones (seed 002: ~70,000 characters, 46 agenda
    /// entries, 11 tables, about 35 pages), made from seed 000's minutes, times `factor`.
    func minutes(factor: Int) throws {
        let source = try String(contentsOfFile: installation.root + "/Examples/seed-000-minutes.md", encoding: .utf8)
        let parts = source.components(separatedBy: "\n---\n")
        let body = parts.dropFirst().joined(separator: "\n---\n")
        // Each copy's lines end with its own number, so that no paragraph repeats an earlier one
        // (a real document does not, and the layout would reuse it).
        let copies = (0..<(3 * factor)).map { copy in
            body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.isEmpty || line.hasPrefix("|") || line.hasPrefix("---") ? String(line) : line + " ชุด \(copy + 1)"
            }.joined(separator: "\n")
        }
        let text = parts[0] + "\n---\n" + copies.joined(separator: "\n\n")
        let templates = try TemplateLibrary(directory: installation.templateDirectory)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }.count
        let tables = text.split(separator: "\n").filter { $0.hasPrefix("|---") }.count
        var times: [Double] = []
        var stages = StageClock()
        var pages = 0
        let runs = 5
        for _ in 0..<runs {
            // A renderer of its own each time: nothing laid out by the run before is reused.
            let renderer = try Renderer(installation: installation)
            let start = DispatchTime.now()
            pages = try stages.render(
                text: text, file: "minutes.md", renderer: renderer, templates: templates,
                baseDirectory: output, to: output + "/minutes.pdf")
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        times.sort()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(
            String(
                format:
                    "minutes: %d characters, %d headings, %d tables, %d pages: median %.0f ms (%.1f ms/page); peak memory %.1f MB",
                text.count, headings, tables, pages, times[runs / 2], times[runs / 2] / Double(pages),
                Double(usage.ru_maxrss) / 1024))
        print("       per run: " + stages.summary(per: runs))
    }

    /// `saraban batch` to `count` districts with `jobs` workers: wall time and the child's peak memory.
    func districts(count: Int, jobs: Int) throws {
        var csv = "to,name,amounts.groups,amounts.budget\n"
        for k in 1...count { csv += "นายอำเภอที่ \(k),d\(k),\(k % 3 + 1),\((k % 3 + 1) * 31400)\n" }
        try csv.write(toFile: output + "/districts.csv", atomically: true, encoding: .utf8)
        let folder = output + "/districts"
        let summary = output + "/districts-summary.txt"
        let (_, seconds, memory) = try spawn(
            [
                "batch", installation.root + "/Examples/batch/districts-letter.yaml",
                "--recipients", output + "/districts.csv", "-o", folder, "--jobs", String(jobs),
            ],
            standardOutput: summary)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder).count) ?? 0
        // Each letter carries its district's allocation table: the count is the one `saraban batch` reports.
        let report = (try? String(contentsOfFile: summary, encoding: .utf8)) ?? ""
        let pages = report.firstMatch(of: /\((\d+) pages\)/).flatMap { Int($0.1) } ?? 0
        print(
            String(
                format: "batch: %d letters (%d pages) with --jobs %d in %.2f s: %.0f pages/s; peak memory %.1f MB",
                files, pages, jobs, seconds, Double(pages) / seconds, memory))
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A cold `saraban preview` of one page to PNG, median of `runs`.
    func preview(runs: Int) throws {
        var times: [Double] = []
        for run in 0..<runs {
            times.append(
                try spawn(["preview", installation.root + "/Examples/memo.yaml", "-o", output + "/p\(run).png"]).seconds
                    * 1000)
        }
        times.sort()
        print(
            String(
                format: "preview: one page to PNG at 80 dpi, cold: median %.1f ms over %d runs", times[runs / 2], runs))
    }

    /// Inputs that once took minutes (quadratic layout), each at two sizes five times apart: a
    /// table cell of phrases, a Latin paragraph, a Thai paragraph. Near-linear means the larger
    /// takes about five times as long, not twenty-five.
    func hostile() throws {
        let base = try String(
            contentsOfFile: installation.root + "/Tests/Fixtures/minimal-letter.yaml", encoding: .utf8)
        let cases: [(String, (Int) -> String)] = [
            (
                "table cell of N phrases",
                { n in
                    base
                        + "attachments:\n  - title: t\n    content:\n      - table:\n          columns: [a, b]\n          rows:\n            - [\"1\", \""
                        + (0..<n).map { "ข้อความทดสอบ\($0)" }.joined(separator: " ") + "\"]\n"
                }
            ),
            (
                "Latin paragraph of N words",
                { n in
                    base.replacingOccurrences(
                        of: "body: ด้วย", with: "body: " + (0..<n).map { "word\($0)" }.joined(separator: " "))
                }
            ),
            (
                "Thai paragraph of N words",
                { n in
                    base.replacingOccurrences(
                        of: "body: ด้วย", with: "body: " + (0..<n).map { _ in "การพัฒนาชุมชน" }.joined(separator: " "))
                }
            ),
        ]
        for (label, make) in cases {
            var line = "hostile: \(label):"
            // (2,500 phrases are 40,000 characters: under the style's 50,000 a cell.)
            for n in [500, 2_500] {
                let file = output + "/hostile-\(n).yaml"
                try make(n).write(toFile: file, atomically: true, encoding: .utf8)
                let result = try spawn(["render", file, "-o", output + "/hostile.pdf"])
                guard result.status == 0 else { print("render failed: \(label) \(n)"); exit(1) }
                line += String(format: " N=%d %.2f s %.0f MB;", n, result.seconds, result.memory)
            }
            print(line)
        }
    }

    /// Runs `saraban` (its standard output into `standardOutput`, `extraEnvironment` added to
    /// ours) and returns its exit status, wall time and peak memory (MB).
    func spawn(
        _ arguments: [String], standardOutput: String = "/dev/null",
        extraEnvironment: [String] = []
    ) throws -> (status: Int32, seconds: Double, memory: Double) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/saraban"
        // posix_spawn and wait4: Foundation's Process polls for the child's exit and adds up to 100 ms.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv = ([binary] + arguments).map { strdup($0) } + [nil]
        var environment: [String] = []
        var index = 0
        while let entry = environ[index] { environment.append(String(cString: entry)); index += 1 }
        var envp = (environment + extraEnvironment).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
        let start = DispatchTime.now()
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, nil, &argv, &envp) == 0 else {
            print("cannot start \(binary)"); exit(1)
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return (
            status, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9,
            Double(usage.ru_maxrss) / 1024
        )
    }
}

ProcessTuning.apply()  // as the `saraban` command does
guard let installation = Installation.locate() else { print("cannot find Templates/; set SARABAN_HOME"); exit(2) }
let bench = Bench(installation: installation)
try FileManager.default.createDirectory(atPath: bench.output, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: bench.output) }
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "cold": try bench.cold(runs: arguments.count > 1 ? Int(arguments[1]) ?? 30 : 30)
case "batch": try bench.batch(letters: arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000)
case "minutes": try bench.minutes(factor: arguments.count > 1 ? Int(arguments[1]) ?? 1 : 1)
case "districts":
    try bench.districts(
        count: arguments.count > 1 ? Int(arguments[1]) ?? 878 : 878,
        jobs: arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2)
case "preview": try bench.preview(runs: arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20)
case "hostile": try bench.hostile()
default:
    print(
        "usage: saraban-bench cold [RUNS] | batch [LETTERS] | minutes [FACTOR] | districts [COUNT] [JOBS] | preview [RUNS] | hostile"
    ); exit(2)
}
