import SarabanDocument

/// Where a page breaks: boxes fill the page from its top to the bottom limit (one line above the
/// bottom margin, kept free for the continuation marker). A box that does not fit starts the
/// next page, together with the chain of keep-with-next boxes before it, unless that chain
/// is all the page holds. A document start (an attachment) always opens a page, with its own
/// numbering and orientation; a table row at the top of a page brings its table's header.
struct Paginator {
    let style: Style

    struct Placement { var box: Int; var y: Double }

    /// A page to be: what goes on it and where it belongs.
    struct PagePlan {
        var placements: [Placement] = []
        var documentIndex: Int
        var numberInDocument: Int
        var geometry: PageGeometry
        var isFirstOfDocument: Bool { numberInDocument == 1 }
    }

    func paginate(_ boxes: [FlowBox]) -> [PagePlan] {
        // The header a table's continued pages repeat: its continued form when it has one.
        let headers = Dictionary(
            boxes.indices.compactMap { i in boxes[i].tableHeader.map { ($0, i) } },
            uniquingKeysWith: { first, other in boxes[other].continuesHeader ? other : first })
        var pages = [
            PagePlan(
                documentIndex: 0, numberInDocument: 1, geometry: PageGeometry(style: style, orientation: .portrait))
        ]
        var y = style.page.firstPageTop.points
        var index = 0

        func flow(_ page: PagePlan) -> [Placement] { page.placements.filter { !boxes[$0.box].isOverlay } }
        func newPage(document: Int? = nil, geometry: PageGeometry? = nil) {
            let last = pages[pages.count - 1]
            let newDocument = document.map { $0 != last.documentIndex } ?? false
            pages.append(
                PagePlan(
                    documentIndex: document ?? last.documentIndex,
                    numberInDocument: newDocument ? 1 : last.numberInDocument + 1,
                    geometry: geometry ?? last.geometry))
            y = pages[pages.count - 1].geometry.top
        }
        func bottomLimit() -> Double {
            let geometry = pages[pages.count - 1].geometry
            return geometry.height - geometry.bottom - style.font.linePitch.points
        }

        while index < boxes.count {
            let box = boxes[index]
            if let start = box.documentStart {
                let geometry = PageGeometry(style: style, orientation: start.orientation)
                if flow(pages[pages.count - 1]).isEmpty && pages.count > 1 {
                    pages[pages.count - 1].documentIndex += 1
                    pages[pages.count - 1].numberInDocument = 1
                    pages[pages.count - 1].geometry = geometry
                    y = geometry.top
                } else {
                    newPage(document: pages[pages.count - 1].documentIndex + 1, geometry: geometry)
                }
                pages[pages.count - 1].placements.append(Placement(box: index, y: y))
                index += 1
                continue
            }
            if let orientation = box.turn {
                let geometry = PageGeometry(style: style, orientation: orientation)
                if flow(pages[pages.count - 1]).allSatisfy({ boxes[$0.box].height == 0 }) {
                    pages[pages.count - 1].geometry = geometry
                    y = geometry.top
                } else {
                    newPage(geometry: geometry)
                }
                index += 1
                continue
            }
            if box.breakBefore {
                if !flow(pages[pages.count - 1]).isEmpty { newPage() }
                index += 1
                continue
            }
            if box.continuesHeader {
                index += 1
                continue
            }
            if box.isOverlay {
                pages[pages.count - 1].placements.append(Placement(box: index, y: 0))
                index += 1
                continue
            }
            let onPage = flow(pages[pages.count - 1]).filter { boxes[$0.box].height > 0 }
            // A row at the top of a page brings its table's header.
            if onPage.isEmpty, let table = box.repeatsHeader, let header = headers[table], header != index {
                pages[pages.count - 1].placements.append(Placement(box: header, y: y))
                y += boxes[header].height
            }
            let space = onPage.isEmpty ? 0 : box.spaceBefore
            if !onPage.isEmpty, y + space + box.height > bottomLimit() + 0.01 {
                let placed = flow(pages[pages.count - 1])
                func chainStart(soft: Bool) -> Int {
                    var keep = placed.count
                    while keep > 0 {
                        let previous = boxes[placed[keep - 1].box]
                        guard (previous.keepWithNext && (soft || !previous.keepIsSoft)) || previous.height == 0 else {
                            break
                        }
                        keep -= 1
                    }
                    return keep
                }
                var keep = chainStart(soft: true)
                // A table kept together for looks moves whole only when that leaves less than a
                // quarter of the page empty; otherwise it starts here and splits.
                if keep < placed.count {
                    let geometry = pages[pages.count - 1].geometry
                    let quarter = (geometry.height - geometry.top - geometry.bottom) / 4
                    if bottomLimit() - placed[keep].y > quarter { keep = chainStart(soft: false) }
                }
                if keep > 0, keep < placed.count {
                    let firstMoved = placed[keep].box
                    pages[pages.count - 1].placements.removeAll { $0.box >= firstMoved && !boxes[$0.box].isOverlay }
                    index = firstMoved
                }
                newPage()
                continue
            }
            y += space
            pages[pages.count - 1].placements.append(Placement(box: index, y: y))
            y += box.height
            index += 1
        }
        if pages.count > 1, flow(pages[pages.count - 1]).allSatisfy({ boxes[$0.box].height == 0 }) {
            pages.removeLast()
        }
        return pages
    }
}
