import CPangoCairo
import Foundation

/// The drawing a digital signature shows in its signing space: a page as large as the signed
/// one, with `lines` set centred in `box` and nothing else, so that its content stream becomes
/// the signature's appearance with the page's own coordinates (the signer imports it).
package enum SignatureAppearanceDrawing {
    /// - Parameters:
    ///   - box: the signing space in PDF points from the page's bottom left (x1, y1, x2, y2).
    ///   - size: the type size; smaller when the lines would not fit the box, or a line its width.
    package static func page(
        fonts: FontLibrary, family: String, size: Double, color: Color, lines: [String],
        box: (x1: Double, y1: Double, x2: Double, y2: Double), pageWidth: Double, pageHeight: Double
    ) -> [UInt8] {
        let writer = PDFMemoryWriter(width: pageWidth, height: pageHeight)
        let width = box.x2 - box.x1, height = box.y2 - box.y1
        // The size at which the lines fit the height (a line is 1.25 of its size); a line too wide
        // for the space is set smaller on its own, so that a long position does not shrink the name.
        let fitted = min(size, height / (1.25 * Double(max(1, lines.count))))
        let set = lines.map { line -> TextLayout in
            let layout = TextLayout(fonts: fonts, runs: [StyledRun(line)], family: family, size: fitted, width: nil)
            guard layout.naturalWidth > width, layout.naturalWidth > 0 else { return layout }
            return TextLayout(
                fonts: fonts, runs: [StyledRun(line)], family: family,
                size: max(4, fitted * width / layout.naturalWidth), width: nil)
        }
        let pitch = 1.25 * fitted
        // Cairo's page runs from the top: the box's top is pageHeight - y2.
        let top = pageHeight - box.y2 + (height - pitch * Double(set.count)) / 2
        writer.canvas.setColor(color)
        for (index, layout) in set.enumerated() {
            layout.prepareLines()
            let baseline = top + Double(index) * pitch + fitted
            layout.drawLine(0, on: writer.canvas, x: box.x1 + (width - layout.naturalWidth) / 2, baseline: baseline)
        }
        return writer.finish()
    }
}
