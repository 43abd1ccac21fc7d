/// Where a page breaks: boxes fill the page from its top to the bottom limit (one line above the
/// bottom margin, kept free for the continuation marker). A box that does not fit starts the
/// next page, together with the chain of keep-with-next boxes before it, unless that chain
/// is all the page holds.
struct Paginator {
    let style: Style

    struct Placement { var box: Int; var y: Double }

    func paginate(_ boxes: [FlowBox]) -> [[Placement]] {
        var pages: [[Placement]] = [[]]
        var y = top(ofPage: 0)
        var index = 0
        func newPage() {
            pages.append([])
            y = top(ofPage: pages.count - 1)
        }
        while index < boxes.count {
            let box = boxes[index]
            if box.breakBefore {
                if pages[pages.count - 1].contains(where: { !boxes[$0.box].isOverlay }) { newPage() }
                index += 1
                continue
            }
            if box.isOverlay {
                pages[pages.count - 1].append(Placement(box: index, y: 0))
                index += 1
                continue
            }
            let flowOnPage = pages[pages.count - 1].filter { !boxes[$0.box].isOverlay }
            let space = flowOnPage.isEmpty ? 0 : box.spaceBefore
            if !flowOnPage.isEmpty, y + space + box.height > bottomLimit + 0.01 {
                var keep = flowOnPage.count
                while keep > 0, boxes[flowOnPage[keep - 1].box].keepWithNext { keep -= 1 }
                if keep > 0, keep < flowOnPage.count {
                    let firstMoved = flowOnPage[keep].box
                    pages[pages.count - 1].removeAll { $0.box >= firstMoved && !boxes[$0.box].isOverlay }
                    index = firstMoved
                }
                newPage()
                continue
            }
            y += space
            pages[pages.count - 1].append(Placement(box: index, y: y))
            y += box.height
            index += 1
        }
        if pages.count > 1, pages[pages.count - 1].isEmpty { pages.removeLast() }
        return pages
    }

    func top(ofPage index: Int) -> Double {
        index == 0 ? style.page.firstPageTop.points : style.page.marginTop.points
    }

    /// The lowest point a box may reach; the line below is the continuation marker's.
    var bottomLimit: Double {
        style.page.height.points - style.page.marginBottom.points - style.font.linePitch.points
    }
}
