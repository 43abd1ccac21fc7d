import Foundation
import ThaiText

/// A column worked out from others in the same row, declared in the table's data: computed
/// where the data leaves the cell empty, checked (`saraban check`, rule `formula`) where it
/// states it.
///
///     - {title: คงเหลือ, type: number, difference: [3, 4]}      # column 3 − column 4
///     - {title: เพิ่มขึ้นร้อยละ, type: percent, change: [3, 4]}   # (4 − 3) ÷ 3 × 100
///     - {title: อันดับ, type: number, rank: 5}                  # 1 for column 5's largest
///     - {title: ผ่านเกณฑ์, type: tick, reached: [4, 3]}          # ✓ where column 4 ≥ column 3
public enum Formula: Sendable, Equatable {
    case difference(Int, Int)
    case change(base: Int, now: Int)
    case rank(Int)
    case reached(value: Int, target: Int)

    /// The columns (1-based) it reads.
    public var columns: [Int] {
        switch self {
        case let .difference(a, b): return [a, b]
        case let .change(base, now): return [base, now]
        case let .rank(column): return [column]
        case let .reached(value, target): return [value, target]
        }
    }

    /// The data's keys, each with the column numbers it takes.
    public static let keys: [(key: String, columns: Int, example: String)] = [
        ("difference", 2, "[3, 4]"), ("change", 2, "[3, 4]"), ("rank", 1, "5"), ("reached", 2, "[4, 3]"),
    ]
}

/// What a formula gives for one row.
public enum FormulaValue: Equatable {
    case number(Amount)
    case tick(Bool)
}

extension TableData {
    /// The value of column `column`'s formula in row `index`; nil when the row lacks a figure
    /// it needs.
    public func formulaValue(row index: Int, column: Int) -> FormulaValue? {
        guard let formula = columns[column].formula, index < rows.count else { return nil }
        let row = rows[index]
        func value(_ column: Int) -> Double? { amount(row: row, column: column - 1).flatMap { Double($0.description) } }
        func number(_ value: Double, places: Int) -> FormulaValue? {
            (try? Amount(parsing: String(format: "%.\(places)f", value))).map(FormulaValue.number)
        }
        switch formula {
        case let .difference(a, b):
            guard let x = value(a), let y = value(b) else { return nil }
            return number(x - y, places: max(places(column: a - 1), places(column: b - 1)))
        case let .change(base, now):
            guard let x = value(base), let y = value(now), x != 0 else { return nil }
            return number((y - x) / x * 100, places: 2)
        case let .rank(of):
            guard let mine = value(of) else { return nil }
            let larger = rows.indices.filter { other in
                amount(row: rows[other], column: of - 1).flatMap { Double($0.description) }.map { $0 > mine } ?? false
            }.count
            return .number(Amount(larger + 1))
        case let .reached(v, target):
            guard let x = value(v), let y = value(target) else { return nil }
            return .tick(x >= y)
        }
    }
}

extension DataChecks {
    /// A stated cell of a formula column against what its row gives.
    func formulaProblems(_ table: TableData, field: String) -> [DataError] {
        var result: [DataError] = []
        for (c, column) in table.columns.enumerated() where column.formula != nil {
            for r in table.rows.indices {
                let stated = c < table.rows[r].count ? table.rows[r][c].trimmingCharacters(in: .whitespaces) : ""
                guard !stated.isEmpty, let expected = table.formulaValue(row: r, column: c) else { continue }
                let line = r < table.rowLines.count ? table.rowLines[r] ?? table.line : table.line
                let problem: String?
                switch expected {
                case .number(let value):
                    guard let written = table.amount(row: table.rows[r], column: c) else { continue }
                    let places = max(2, table.places(column: c))
                    problem =
                        written.toPlaces(places) == value.toPlaces(places)
                        ? nil
                        : "\"\(column.title)\" says \(written.formatted()) but its row gives \(value.formatted())"
                case .tick(let reached):
                    let ticked = ["✓", "/", "true", "yes", "1"].contains(stated.lowercased())
                    let crossed = ["✗", "x", "false", "no", "0", "-"].contains(stated.lowercased())
                    guard ticked || crossed else { continue }
                    problem =
                        ticked == reached
                        ? nil
                        : "\"\(column.title)\" says \(ticked ? "✓" : "✗") but its row gives \(reached ? "✓" : "✗")"
                }
                if let problem {
                    result.append(
                        DataError(
                            file: file, line: line, field: "\(field).rows[\(r + 1)]", message: problem, rule: "formula")
                    )
                }
            }
        }
        return result
    }
}

extension TableData {
    /// Titles of a running-number column (ที่ column).
    public static let sequenceTitles: Set<String> = ["ที่", "ลำดับ", "ลำดับที่"]

    /// The running number of row `index` when the table's first column is a ที่ column left empty
    /// in every row (the office leaves the numbering to Saraban); rows typed as `รวม` take none.
    public func sequenceNumber(row index: Int) -> Int? {
        guard let first = columns.first, Self.sequenceTitles.contains(first.title.trimmingCharacters(in: .whitespaces))
        else { return nil }
        func isTotal(_ row: [String]) -> Bool {
            row.lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }?.hasPrefix("รวม") ?? false
        }
        guard rows.allSatisfy({ ($0.first ?? "").trimmingCharacters(in: .whitespaces).isEmpty }), !isTotal(rows[index])
        else { return nil }
        return rows[...index].filter { !isTotal($0) }.count
    }
}
