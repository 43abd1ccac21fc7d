import ArgumentParser
import Foundation
import ThaiText

/// `saraban thai baht|date|digits …`: the Thai text rules from the shell, for scripts and spreadsheets.
struct ThaiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thai",
        abstract: "Thai text rules: baht text, Buddhist-Era dates, Thai digits.",
        discussion:
            "Each subcommand takes one value per argument, or one per line of standard input when none is given; it prints one result per line.",
        subcommands: [Baht.self, DateCommand.self, Digits.self]
    )

    struct Baht: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Baht text of amounts: 533800 → ห้าแสนสามหมื่นสามพันแปดร้อยบาทถ้วน.")
        @Flag(
            help:
                "Read a final 1 after a zero tens digit as Excel's BAHTTEXT does (ร้อยหนึ่ง), not the Royal Society's ร้อยเอ็ด."
        )
        var excel = false
        @Argument(help: "Amounts (digits, optional commas and decimals).") var values: [String] = []
        func run() throws {
            try eachValue(values) {
                ThaiNumberText.baht(try Amount(parsing: $0), reading: excel ? .excel : .royalSociety)
            }
        }
    }

    struct DateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "date", abstract: "Thai dates: 2018-09-12 → ๑๒ กันยายน ๒๕๖๑.")
        enum Form: String, ExpressibleByArgument, CaseIterable {
            case full, weekday, era, abbreviated, month
        }
        @Option(
            help:
                "full (๑๒ กันยายน ๒๕๖๑), weekday (วันพุธที่ ๑๒ กันยายน ๒๕๖๑), era (๑๒ กันยายน พ.ศ. ๒๕๖๑), abbreviated (๑๒ ก.ย. ๖๑), month (ก.ย. ๖๑)."
        )
        var form: Form = .full
        @Argument(help: "Dates: 2018-09-12, 2561-09-12 or 12 กันยายน 2561.") var values: [String] = []
        func run() throws {
            try eachValue(values) {
                let date = try ThaiDate(parsing: $0)
                switch form {
                case .full: return date.full
                case .weekday: return date.withWeekday
                case .era: return date.fullWithEra
                case .abbreviated: return date.abbreviated
                case .month: return date.monthYearAbbreviated
                }
            }
        }
    }

    struct Digits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thai digits (URLs, e-mail and Latin codes stay as they are).")
        @Flag(help: "Convert Thai digits back to Arabic.") var arabic = false
        @Argument(help: "Texts.") var values: [String] = []
        func run() throws {
            try eachValue(values) { arabic ? ThaiDigits.toArabic($0) : ThaiDigits.toThai($0) }
        }
    }
}

/// Applies `transform` to each argument, or to each line of standard input; a bad value is
/// reported with its position and the others still print.
func eachValue(_ values: [String], _ transform: (String) throws -> String) throws {
    var inputs = values
    if inputs.isEmpty { while let line = readLine() { inputs.append(line) } }
    var failed = false
    for (index, value) in inputs.enumerated() {
        do {
            print(try transform(value))
        } catch {
            let place = values.isEmpty ? "line \(index + 1)" : "argument \(index + 1)"
            FileHandle.standardError.write(Data("saraban: error: \(place): \(error)\n".utf8))
            print("")
            failed = true
        }
    }
    if failed { throw ExitCode(1) }
}
