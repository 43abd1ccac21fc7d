import SarabanGraphics
import SarabanLayout

/// Draws a laid-out page's items on a canvas; shared by the PDF and the PNG output.
struct PageDrawer {
    func draw(_ page: Page, on canvas: Canvas) {
        for item in page.items {
            switch item {
            case let .textLine(layout, line, x, baseline, color):
                canvas.setColor(color)
                layout.drawLine(line, on: canvas, x: x, baseline: baseline)
            case let .outlinedLine(layout, line, x, baseline, color, rotation):
                canvas.save()
                canvas.translate(x: x, y: baseline)
                canvas.rotate(degrees: rotation)
                canvas.setColor(color)
                layout.appendOutline(line, on: canvas, x: 0, baseline: 0)
                canvas.fillPath()
                canvas.restore()
            case let .vector(image, x, y, height):
                canvas.draw(image, x: x, y: y, height: height)
            case let .raster(image, x, y, height):
                canvas.draw(image, x: x, y: y, height: height)
            case let .rule(x1, y1, x2, y2, lineWidth):
                canvas.setColor(.black)
                canvas.strokeLine(from: (x1, y1), to: (x2, y2), width: lineWidth)
            case let .link(uri, x, y, width, height):
                canvas.addLink(uri: uri, x: x, y: y, width: width, height: height)
            case let .rectangle(x, y, width, height, lineWidth):
                canvas.setColor(.black)
                canvas.strokeRect(x: x, y: y, width: width, height: height, lineWidth: lineWidth)
            case let .dottedLine(fromX, toX, y, dash):
                canvas.setColor(.black)
                canvas.strokeLine(from: (fromX, y), to: (toX, y), width: 0.6, dash: [0.6, dash])
            }
        }
        canvas.setColor(.black)
    }
}
