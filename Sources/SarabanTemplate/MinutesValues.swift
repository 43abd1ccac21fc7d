import SarabanData
import ThaiText

extension ViewModelBuilder {
    /// A meeting's values. Every key the minutes partial reads is set, even when empty, so that
    /// minutes attached to a letter never pick up the letter's values.
    func values(for minutes: Minutes) throws -> [String: Any] {
        var values = commonValues(
            title: minutes.title.first ?? "รายงานการประชุม", author: minutes.title.first ?? "", date: minutes.date)
        values["minutes"] = try minutesValues(minutes)
        return values
    }

    func minutesValues(_ minutes: Minutes) throws -> [String: Any] {
        let weekday = minutes.weekdayAsWritten ?? minutes.date.weekdayName
        var dateLine = minutes.showWeekday ? "วัน\(weekday)ที่ \(minutes.date.full)" : "วันที่ \(minutes.date.full)"
        if let time = minutes.time { dateLine += " เวลา \(time.formatted)" }
        let rosters = [minutes.present, minutes.absent, minutes.guests].compactMap { $0 }.filter { !$0.people.isEmpty }
        // Each signer with the role it signs in (the template prints the role's words).
        let signatures = [(minutes.recorder, "recorder"), (minutes.reviewer, "reviewer")]
            .compactMap { signer, role -> [String: Any]? in
                guard let signer else { return nil }
                return self.signer(signer).merging([role: true, "stacked": !minutes.signaturesSideBySide]) { $1 }
            }
        do {
            return [
                // Minutes attached to a letter keep their own choice for their tables.
                "keep-together": common.keepTablesTogether,
                "minutes-title": minutes.title.map(digits),
                "minutes-session": minutes.session.map { [digits("ครั้งที่ \($0)")] } ?? [],
                "minutes-date": dateLine,
                "minutes-place": minutes.place.enumerated().map { digits($0 == 0 ? "ณ \($1)" : $1) },
                "rosters": rosters.map(roster),
                "minutes-opening": minutes.openingTime.map { "\(minutes.openingLabel) \($0.formatted)" } ?? "",
                "minutes-body": try markdownBody(minutes.body, tables: minutes.tables, resolutions: true),
                "minutes-closing": minutes.closingTime.map { "\(minutes.closingLabel) \($0.formatted)" } ?? "",
                "minutes-signatures": minutes.signaturesSideBySide ? [] : signatures,
                "minutes-signatures-side-by-side": minutes.signaturesSideBySide && !signatures.isEmpty
                    ? [["signature-blocks": signatures]] : [],
            ]
        } catch let error as MarkdownBody.MarkdownError {
            throw TemplateLibrary.TemplateError(message: "line \(minutes.bodyLine) onwards: \(error.message)")
        }
    }

    /// `ผู้มาประชุม จำนวน ๒๘ คน` and its people, numbered, in borderless columns.
    private func roster(_ list: AttendanceList) -> [String: Any] {
        let hasReason = list.people.contains { $0.count > 3 }
        let columns = hasReason ? 5 : 4
        return [
            "roster-heading": digits(list.showCount ? "\(list.label) จำนวน \(list.people.count) คน" : list.label),
            "roster-columns": hasReason ? "with-reason" : "plain",
            "roster-rows": list.people.enumerated().map { index, person -> [String: Any] in
                let values =
                    [digits("\(index + 1).")] + (0..<(columns - 1)).map { $0 < person.count ? digits(person[$0]) : "" }
                return ["cells": values.map { ["cell-text": $0, "colspan": 1, "rowspan": 1] }]
            },
        ]
    }
}
