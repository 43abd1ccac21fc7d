import SarabanGraphics
import SarabanLayout

/// Draws a laid-out page's items on a canvas; shared by the PDF and the PNG output.
struct PageDrawer {
    func draw(_ page: Page, on canvas: Canvas) {
        // Links are Cairo tags of their own: opened inside a structure element with nothing
        // drawn in them, they ended that element's marked content and left the rest of the page
        // untagged. They go last, outside every element.
        var links: [(uri: String, x: Double, y: Double, width: Double, height: Double)] = []
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
                links.append((uri, x, y, width, height))
            case let .rectangle(x, y, width, height, lineWidth):
                canvas.setColor(.black)
                canvas.strokeRect(x: x, y: y, width: width, height: height, lineWidth: lineWidth)
            case .signaturePlace, .alternateText:
                break
            case .beginStructure(let role):
                canvas.beginStructure(role)
            case .endStructure(let role):
                canvas.endStructure(role)
            case let .dottedLine(fromX, toX, y, dash):
                canvas.setColor(.black)
                canvas.strokeLine(from: (fromX, y), to: (toX, y), width: 0.6, dash: [0.6, dash])
            }
        }
        for link in links {
            canvas.addLink(uri: link.uri, x: link.x, y: link.y, width: link.width, height: link.height)
        }
        canvas.setColor(.black)
    }
}
