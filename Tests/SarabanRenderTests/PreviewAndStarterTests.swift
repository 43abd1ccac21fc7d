import Foundation
import Testing

@Suite("Preview, starters and schemas")
struct PreviewAndStarterTests {
    let env = ["SARABAN_HOME": packageRoot]

    @Test func previewPNGIsThePDFPage() throws {
        let folder = temporaryDirectory()
        // A page without dotted leaders: viewers draw fine dashes at low resolution very differently.
        let letter = packageRoot + "/Examples/external-letter.yaml"
        #expect(
            try run(sarabanBinary, ["preview", letter, "--dpi", "40", "-o", folder + "/p.png"], environment: env).status
                == 0)
        #expect(try run(sarabanBinary, ["render", letter, "-o", folder + "/m.pdf"], environment: env).status == 0)
        #expect(
            try run(
                "pdftoppm",
                ["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", folder + "/m.pdf", folder + "/ref"]
            ).status == 0)
        // A control: the other page of the letter must not look the same.
        #expect(
            try run(
                "pdftoppm",
                ["-png", "-r", "40", "-f", "2", "-l", "2", "-singlefile", folder + "/m.pdf", folder + "/other"]
            ).status == 0)
        // Compare the two images with a small PNG reader (Python's zlib, no imaging library needed).
        let compare = try run(
            "python3",
            [
                "-c",
                """
                import sys, zlib, struct
                def read(path):
                    data = open(path, 'rb').read(); pos = 8; chunks = b''; w = h = 0; ctype = 0
                    while pos < len(data):
                        n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]; pos += 12 + n
                        if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
                        if kind == b'IDAT': chunks += body
                    raw = zlib.decompress(chunks); bpp = {0: 1, 2: 3, 6: 4}[ctype]; stride = w * bpp; rows = []; prev = bytearray(stride); i = 0
                    for y in range(h):
                        f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
                        for x in range(stride):
                            a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                            if f == 1: line[x] = (line[x] + a) & 255
                            elif f == 2: line[x] = (line[x] + b) & 255
                            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                            elif f == 4:
                                p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
                                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                        rows.append([sum(line[x*bpp:x*bpp+min(3,bpp)]) // min(3,bpp) for x in range(w)]); prev = line
                    return w, h, rows
                w1, h1, a = read(sys.argv[1]); w2, h2, b = read(sys.argv[2]); _, _, c = read(sys.argv[3])
                assert (w1, h1) == (w2, h2), (w1, h1, w2, h2)
                # Anti-aliasing differs between renderers; where the ink is, row by row and column by column, does not.
                def profile(img): return [sum(255 - v for v in row) for row in img] + [sum(255 - img[y][x] for y in range(h1)) for x in range(w1)]
                def corr(p, q):
                    n = len(p); mp = sum(p) / n; mq = sum(q) / n
                    cov = sum((x - mp) * (y - mq) for x, y in zip(p, q)); vp = sum((x - mp) ** 2 for x in p); vq = sum((y - mq) ** 2 for y in q)
                    return cov / (vp * vq) ** 0.5
                print(w1, h1, int(corr(profile(a), profile(b)) * 1000), int(corr(profile(a), profile(c)) * 1000))
                """, folder + "/p.png", folder + "/ref.png", folder + "/other.png",
            ])
        let numbers = compare.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(numbers.count == 4, "\(compare.stderr)")
        if numbers.count == 4 {
            #expect(numbers[0] == 331 && numbers[1] == 468, "A4 at 40 dpi")
            #expect(numbers[2] > 900, "the same page: ink profiles correlate at \(numbers[2]) per mille")
            #expect(numbers[3] < 700, "another page does not: \(numbers[3]) per mille")
        }
    }

    @Test func textPreviewShowsTheLinesInAFrame() throws {
        let result = try run(
            sarabanBinary, ["preview", packageRoot + "/Examples/memo.yaml", "--text"],
            environment: env.merging(["COLUMNS": "80"]) { $1 })
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("┌") == true && lines.first?.count == 80)
        #expect(lines.contains { $0.contains("บันทึกข้อความ") })
        #expect(lines.contains { $0.contains("เรียน พัฒนาการจังหวัดลำปาง") })
        #expect(lines.last == "page 1 of 1")
    }

    /// The text view loses no word of the page (tables and the address beside ที่ included),
    /// and its frame is straight in a terminal: Thai marks take no column, ำ takes one.
    @Test func theTextPreviewKeepsEveryWordInAStraightFrame() throws {
        for example in ["seed-004-urgent-circular.yaml", "seed-001-minutes.md"] {
            let result = try run(
                sarabanBinary, ["preview", packageRoot + "/Examples/" + example, "--text", "--page", "2"],
                environment: env.merging(["COLUMNS": "90"]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            let framed = result.stdout.split(separator: "\n").filter {
                $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("└")
            }
            func columns(_ line: Substring) -> Int {
                line.unicodeScalars.filter {
                    !((0x0E31...0x0E31).contains($0.value) || (0x0E34...0x0E3A).contains($0.value)
                        || (0x0E47...0x0E4E).contains($0.value))
                }.count
            }
            let widths = Set(framed.map(columns))
            #expect(widths.count == 1, "\(example): rows of \(widths.sorted()) columns")
            // Every word pdftotext reads on the page stands in the preview.
            let pdf = temporaryDirectory() + "/p.pdf"
            #expect(
                try run(sarabanBinary, ["render", packageRoot + "/Examples/" + example, "-o", pdf], environment: env)
                    .status == 0)
            let preview = result.stdout.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
                .replacingOccurrences(of: "│", with: "")
            let words = try pdfText(pdf, page: 2).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            let missing = words.filter { !preview.contains($0) }
            #expect(missing.isEmpty, "\(example): \(missing.prefix(5))")
        }
    }

    @Test(
        "new writes a starter that renders",
        arguments: ["external-letter", "circular-letter", "memo", "minutes", "document"])
    func starterRenders(type: String) throws {
        let folder = temporaryDirectory()
        #expect(try run(sarabanBinary, ["new", type, "-o", folder + "/d.yaml"], environment: env).status == 0)
        let render = try run(sarabanBinary, ["render", folder + "/d.yaml"], environment: env)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/d.pdf"))
        #expect(
            try run(sarabanBinary, ["new", type, "-o", folder + "/d.yaml"], environment: env).status == 3,
            "never overwrites")
    }

    /// An office keeps its own starters and schemas: `new` and `schema` find them by name, an
    /// office starter named like a built-in one replaces it, and a name neither has is an error
    /// that lists both and suggests the nearest.
    @Test func newAndSchemaReadTheOfficesOwnStarters() throws {
        let folder = temporaryDirectory()
        let office = folder + "/office"
        #expect(try run(sarabanBinary, ["office", "init", office], environment: env).status == 0)
        let own =
            "# แบบบันทึกของอำเภอ\ntype: memo\nunit: ที่ว่าการอำเภอเมืองลำปาง\nnumber: ลป ๐๐๑๘/\ndate: 2569-12-01\nsubject: ขออนุมัติ\n"
            + "to: นายอำเภอเมืองลำปาง\nbody: ข้อความ\nsigner: {name: นายสมชาย ใจดี, position: ปลัดอำเภอ}\n"
        try own.write(toFile: office + "/starters/district-memo.yaml", atomically: true, encoding: .utf8)
        try "# ของอำเภอ\n".write(toFile: office + "/starters/memo.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: office + "/schemas", withIntermediateDirectories: true)
        try "{\"title\": \"district memo\"}\n".write(
            toFile: office + "/schemas/district-memo.json", atomically: true, encoding: .utf8)
        let made = try run(
            sarabanBinary, ["new", "district-memo", "-o", folder + "/m.yaml", "--office", office], environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOfFile: folder + "/m.yaml", encoding: .utf8) == own)
        #expect(try run(sarabanBinary, ["render", folder + "/m.yaml"], environment: env).status == 0)
        let replaced = try run(
            sarabanBinary, ["new", "memo"], environment: env.merging(["SARABAN_OFFICE": office]) { $1 })
        #expect(replaced.stdout == "# ของอำเภอ\n", "the office's memo starter replaces the built-in one")
        let schema = try run(sarabanBinary, ["schema", "district-memo", "--office", office], environment: env)
        #expect(schema.status == 0 && schema.stdout.contains("district memo"))
        #expect(
            try run(sarabanBinary, ["schema", "memo", "--office", office], environment: env).stdout.contains(
                "memo.json"),
            "the built-in schema where the office has none")
        let typo = try run(sarabanBinary, ["new", "district-meno", "--office", office], environment: env)
        #expect(
            typo.status == 1
                && typo.stderr.contains("unknown document type \"district-meno\"; did you mean \"district-memo\"?"),
            "\(typo.stderr)")
        #expect(typo.stderr.contains("external-letter") && typo.stderr.contains("district-memo"))
        #expect(
            try run(sarabanBinary, ["new", "../office/starters/memo", "--office", office], environment: env).status
                == 1,
            "a name, never a path")
    }

    @Test func schemasValidateTheExamplesAndRejectABrokenFile() throws {
        let files = [
            "seed-004-urgent-circular.yaml", "seed-000-cover-letter.yaml", "external-letter.yaml", "memo.yaml",
            "batch/districts-letter.yaml",
        ]
        .map { packageRoot + "/Examples/" + $0 }
        let good = try run("python3", [packageRoot + "/scripts/validate-schema.py"] + files)
        #expect(good.status == 0, "\(good.stdout)")
        let broken = temporaryDirectory() + "/b.yaml"
        try "type: memo\nsubjet: x\nurgency: ด่วนจี๋\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try run("python3", [packageRoot + "/scripts/validate-schema.py", broken])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("'subjet' was unexpected") && bad.stdout.contains("urgency"))
        // The command prints the same schema.
        let printed = try run(sarabanBinary, ["schema", "memo"], environment: env)
        #expect(printed.stdout.contains("\"$id\": \"https://saraban.example/schemas/memo.json\""))
    }

    /// The schemas an editor checks with say what the loader says: the same data accepted or
    /// refused by both, in the shapes clerks write dates, amounts and phone numbers. (A day the
    /// calendar lacks, 31/02, is the loader's alone: a schema cannot count a month's days.)
    @Test(
        "the schema and the loader agree",
        arguments: [
            ("date: 2026-11-20", true), ("date: 2569-11-20", true), ("date: 20 พฤศจิกายน 2569", true),
            ("date: ๒๐ พ.ย. ๖๙", true),
            ("date: 20/11/2569", true), ("date: 20/11/69", true), ("date: tomorrow", false), ("date: 20-11", false),
            ("amounts: {travel: \"4,850\"}", true), ("amounts: {travel: 4850.50}", true),
            ("amounts: {travel: \"๔,๘๕๐\"}", true),
            ("amounts: {travel: }", false), ("amounts: {travel: สี่พัน}", false),
            ("phone: 054265055", true), ("phone: 0 5426 5055", true),
            ("urgency: ด่วนมาก", true), ("urgency: ด่วนจี๋", false), ("secrecy: ลับเฉพาะ", false), ("subjet: x", false),
            ("signer: {name: นางสาวพรทิพย์ แก้วมูล, position: นักวิชาการ, signing: typed}", true),
            ("signer: {name: นางสาวพรทิพย์ แก้วมูล, position: นักวิชาการ, signing: digital}", true),
            ("signer: {name: นางสาวพรทิพย์ แก้วมูล, position: นักวิชาการ, signing: pen}", false),
        ])
    func schemaAndLoaderAgree(field: String, valid: Bool) throws {
        let folder = temporaryDirectory()
        var lines = [
            "type: memo", "unit: สำนักงานพัฒนาชุมชนจังหวัดลำปาง", "number: ลป 0019.3/318", "subject: ขออนุมัติ",
            "to: พัฒนาการจังหวัดลำปาง", "body: ข้อความ", "signer: {name: นางสาวพรทิพย์ แก้วมูล, position: นักวิชาการ}",
            "date: 2026-11-20", "amounts: {travel: 4850}",
        ]
        let key = String(field.prefix { $0 != ":" })
        lines.removeAll { $0.hasPrefix(key + ":") }
        lines.append(field)
        try lines.joined(separator: "\n").write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let loader = try run(sarabanBinary, ["render", folder + "/m.yaml", "-o", folder + "/m.pdf"], environment: env)
        let schema = try run("python3", [packageRoot + "/scripts/validate-schema.py", folder + "/m.yaml"])
        #expect((loader.status == 0) == valid, "loader on \(field): \(loader.stderr)")
        #expect((schema.status == 0) == valid, "schema on \(field): \(schema.stdout)")
    }

    /// Every document type's schema and the loader agree on its own starter changed one field
    /// at a time: the fields all types share, in the shapes clerks type them.
    @Test(
        "every type's schema agrees with the loader",
        arguments: ["external-letter", "circular-letter", "memo", "minutes", "document"])
    func everySchemaAgreesWithTheLoader(type: String) throws {
        let variants: [(String, Bool)] = [
            ("", true), ("date: 20/11/69", true), ("date: ๒๐ พ.ย. ๖๙", true), ("date: 2569-11-20", true),
            ("date: วันพรุ่งนี้", false),
            ("urgency: ด่วนที่สุด", true), ("urgency: ด่วนจี๋", false), ("secrecy: ลับ", true), ("secrecy: ปกปิด", false),
            ("amounts: {budget: \"1,234.50\"}", true), ("amounts: {budget: หนึ่งพัน}", false),
            ("thai-digits: false", true), ("specimen: true", true), ("subjet: x", false),
        ]
        let starter = try #require(
            try run(sarabanBinary, ["new", type], environment: env).stdout.split(
                separator: "\n", omittingEmptySubsequences: false))
        for (field, valid) in variants {
            let folder = temporaryDirectory()
            let key = String(field.prefix { $0 != ":" })
            // The starter without the field's own lines (its key and what is indented under it).
            var lines: [Substring] = []
            var skipping = false
            for line in starter {
                if !key.isEmpty, line.hasPrefix(key + ":") { skipping = true; continue }
                if skipping, line.hasPrefix(" ") || line.hasPrefix("-") || line.isEmpty { continue }
                skipping = false
                lines.append(line)
            }
            try (lines.joined(separator: "\n") + "\n" + field + "\n").write(
                toFile: folder + "/d.yaml", atomically: true, encoding: .utf8)
            let loader = try run(sarabanBinary, ["check", folder + "/d.yaml"], environment: env)
            let schema = try run("python3", [packageRoot + "/scripts/validate-schema.py", folder + "/d.yaml"])
            #expect(
                (loader.status != 1 || loader.stdout.contains(" [")) == valid,
                "\(type) loader on \(field.isEmpty ? "the starter" : field): \(loader.stderr)")
            #expect(
                (schema.status == 0) == valid,
                "\(type) schema on \(field.isEmpty ? "the starter" : field): \(schema.stdout)")
        }
    }

    @Test func templatesShowPreviewsTheSample() throws {
        let out = temporaryDirectory() + "/t.png"
        let result = try run(sarabanBinary, ["templates", "show", "minutes", "-o", out], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}

@Suite("Terminal images")
struct TerminalImageTests {
    let env = ["SARABAN_HOME": packageRoot]
    /// Runs a preview on a pseudo-terminal (`script`), as in a terminal window.
    func preview(terminal: String) throws -> String {
        let command = "\(sarabanBinary) preview \(packageRoot)/Examples/memo.yaml --dpi 20"
        return try run(
            "script", ["-qc", command, "/dev/null"],
            environment: ["SARABAN_HOME": packageRoot, "SARABAN_TERMINAL_IMAGES": terminal]
        ).stdout
    }

    @Test func kittyGetsThePNGInChunks() throws {
        let out = try preview(terminal: "kitty")
        #expect(out.hasPrefix("\u{1B}_Ga=T,f=100,m=1;iVBORw0KGgo"), "a PNG, base64, in the kitty graphics protocol")
        #expect(out.contains("page 1 of 1"))
    }

    @Test func itermGetsAnInlineFile() throws {
        #expect(try preview(terminal: "iterm2").hasPrefix("\u{1B}]1337;File=inline=1;size="))
    }

    @Test func sixelTerminalsGetSixels() throws {
        let out = try preview(terminal: "sixel")
        #expect(out.hasPrefix("\u{1B}Pq\"1;1;165;234#0;2;100;100;100#1;2;0;0;0"), "raster size of A4 at 20 dpi")
        #expect(out.contains("\u{1B}\\"))
    }

    /// A terminal the environment says nothing of is asked: kitty's graphics query answered OK
    /// gets the PNG, a sixel terminal (4 among its device attributes) gets sixels, and one that
    /// answers neither gets text. The terminal here is a pseudo-terminal that answers like each.
    @Test(
        "the terminal is asked what it draws",
        arguments: [
            ("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;22c", "\u{1B}_Ga=T,f=100,"), ("\u{1B}[?62;4;22c", "\u{1B}Pq\""),
            ("\u{1B}[?62;22c", "บันทึกข้อความ"),
        ])
    func theTerminalIsAsked(answer: String, shows: String) throws {
        let script = """
            import os, pty, select, sys, time
            env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TERM_PROGRAM", "KITTY_WINDOW_ID", "WT_SESSION", "KONSOLE_VERSION", "LC_TERMINAL", "SARABAN_TERMINAL_IMAGES")}
            env["TERM"] = "xterm-256color"
            pid, fd = pty.fork()
            if pid == 0:
                os.execve(sys.argv[1], [sys.argv[1], "preview", sys.argv[2], "--dpi", "20"], env)
            out, answered, deadline = b"", False, time.time() + 30
            while time.time() < deadline:
                if not select.select([fd], [], [], 0.5)[0]:
                    continue
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                out += data
                if not answered and b"\\x1b[c" in out:
                    os.write(fd, sys.argv[3].encode())
                    answered = True
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            """
        let result = try run(
            "python3", ["-c", script, sarabanBinary, packageRoot + "/Examples/memo.yaml", answer], environment: env)
        #expect(result.stdout.contains("\u{1B}_Gi=31,s=1,v=1,a=q"), "the kitty query was asked")
        #expect(result.stdout.contains(shows), "\(result.stdout.prefix(300))")
        #expect(result.stdout.contains("page 1 of 1") || shows == "บันทึกข้อความ")
    }

    @Test func otherTerminalsGetText() throws {
        #expect(try preview(terminal: "none").contains("บันทึกข้อความ"))
    }
}

@Suite("Watch")
struct WatchTests {
    /// Reads the watcher's output until `text` appears (or 20 s pass).
    func waitFor(_ text: String, in file: String) -> Bool {
        for _ in 0..<200 {
            if let output = try? String(contentsOfFile: file, encoding: .utf8),
                output.components(separatedBy: text).count > 1
            {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func count(_ text: String, in file: String) -> Int {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").components(separatedBy: text).count - 1
    }

    @Test func redrawsOnSaveShowsTemplateErrorsAndRecovers() throws {
        // An installation of our own, so that its template can be broken.
        let home = temporaryDirectory()
        for folder in ["Templates", "Fonts", "Resources"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/" + folder, toPath: home + "/" + folder)
        }
        let data = home + "/memo.yaml"
        try FileManager.default.copyItem(atPath: packageRoot + "/Examples/memo.yaml", toPath: data)
        let log = home + "/watch.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sarabanBinary)
        process.arguments = ["preview", data, "--watch", "--text"]
        process.environment = ProcessInfo.processInfo.environment.merging(["SARABAN_HOME": home]) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: log)
        try process.run()
        // SIGKILL: a test runner may start children with SIGTERM blocked.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }

        #expect(waitFor("rendered in", in: log))
        // Saving the data draws the page again, with the new text.
        let memo = try String(contentsOfFile: data, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)
        try memo.replacingOccurrences(of: "to: พัฒนาการจังหวัดลำปาง", with: "to: ปลัดจังหวัดลำปาง").write(
            toFile: data, atomically: true, encoding: .utf8)
        #expect(waitFor("ปลัดจังหวัดลำปาง", in: log))
        // A broken template is reported, and the next save recovers.
        let template = home + "/Templates/memo.mustache"
        let good = try String(contentsOfFile: template, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)
        try (good + "{{#unclosed}}").write(toFile: template, atomically: true, encoding: .utf8)
        #expect(waitFor("template syntax error", in: log))
        let before = count("rendered in", in: log)
        Thread.sleep(forTimeInterval: 1.1)
        try good.write(toFile: template, atomically: true, encoding: .utf8)
        for _ in 0..<200 where count("rendered in", in: log) == before { Thread.sleep(forTimeInterval: 0.1) }
        #expect(count("rendered in", in: log) > before)
        // The style is read again too: a broken style is reported.
        let style = home + "/Templates/style.yaml"
        let goodStyle = try String(contentsOfFile: style, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)
        try (goodStyle + "font: [\n").write(toFile: style, atomically: true, encoding: .utf8)
        #expect(waitFor("style.yaml: not valid YAML", in: log))
        // A file saved beside the data (a picture, a signature, an attached file) draws it again too.
        let beforeRestore = count("rendered in", in: log)
        try goodStyle.write(toFile: style, atomically: true, encoding: .utf8)
        for _ in 0..<200 where count("rendered in", in: log) == beforeRestore { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 0.8)
        let beforeFile = count("rendered in", in: log)
        Thread.sleep(forTimeInterval: 1.1)
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Examples/signature-example.svg", toPath: home + "/signature.svg")
        for _ in 0..<200 where count("rendered in", in: log) == beforeFile { Thread.sleep(forTimeInterval: 0.1) }
        #expect(count("rendered in", in: log) > beforeFile)
    }
}
