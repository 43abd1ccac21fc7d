import SarabanDocument

/// The page and its text frame for one orientation; landscape turns the sheet, not the margins.
struct PageGeometry {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    var textWidth: Double { width - left - right }
    var frameCentre: Double { left + textWidth / 2 }

    init(style: Style, orientation: Orientation) {
        let (w, h) = (style.page.width.points, style.page.height.points)
        (width, height) = orientation == .portrait ? (w, h) : (h, w)
        left = style.page.marginLeft.points
        right = style.page.marginRight.points
        top = style.page.marginTop.points
        bottom = style.page.marginBottom.points
    }
}
