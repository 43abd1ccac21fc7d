import SarabanData
import ThaiText

extension ViewModelBuilder {
    /// A generic document's values: title lines, the lines under them (each only when given),
    /// the Markdown body's blocks, the sign-off blocks.
    func values(for document: GenericDocument) throws -> [String: Any] {
        // A document without a date still needs one for the PDF's own dates (byte-identical
        // output): a fixed day, not the clock.
        let pdfDate = try document.date ?? ThaiDate(year: 2000, month: 1, day: 1)
        var values = commonValues(title: document.title.first ?? "", author: document.title.first ?? "", date: pdfDate)
        var dateLine: [String] = []
        if let date = document.date {
            var line = document.showWeekday ? date.withWeekday : "วันที่ \(date.full)"
            if let time = document.time { line += " เวลา \(time.formatted)" }
            dateLine = [digits(line)]
        }
        let signers = document.signers.map { block -> [String: Any] in
            signer(block.signer).merging([
                "by-hand": block.signsByHand, "role": digits(block.role ?? ""), "has-role": block.role != nil,
                "stacked": !document.signersSideBySide,
            ]) { $1 }
        }
        do {
            values["doc-title"] = document.title.map(digits)
            values["doc-session"] = document.session.map { [digits($0)] } ?? []
            values["doc-date"] = dateLine
            values["doc-place"] = document.place.map(digits)
            values["doc-lines"] = document.lines.map(digits)
            values["doc-body"] = try markdownBody(document.body, tables: document.tables, resolutions: true)
            values["doc-signers"] = document.signersSideBySide ? [] : signers
            values["doc-signers-side-by-side"] =
                document.signersSideBySide && !signers.isEmpty ? [["signer-blocks": signers]] : []
        } catch let error as MarkdownBody.MarkdownError {
            throw TemplateLibrary.TemplateError(
                message: "\(document.file): line \(document.bodyLine) onwards: \(error.message)")
        }
        return values
    }
}
