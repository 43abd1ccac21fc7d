import SarabanDocument

/// A piece of the vertical flow: one line of a paragraph, or a part that never splits
/// (the letter head, a signature). The paginator moves boxes, never what is inside them.
struct FlowBox {
    /// Height the box occupies.
    var height: Double
    /// Space above the box, dropped at the top of a page.
    var spaceBefore: Double = 0
    /// The box may not end a page: it goes to the next page with the box after it.
    var keepWithNext = false
    /// The keep is a preference (a short table's rows keep together), given up when keeping
    /// would leave more than a quarter of the page empty; otherwise it is a rule.
    var keepIsSoft = false
    /// Items with y relative to the box top.
    var items: [PageItem]
    /// The text of the box's first line, for the continuation marker (คำต่อ) of the page before it.
    var leadText: String?
    /// Starts a new page.
    var breakBefore = false
    /// Items positioned on the page itself (urgency stamp), not in the flow; the box takes no room.
    var isOverlay = false
    /// Starts a new document in the PDF (an attachment) with its own numbering and orientation.
    var documentStart: (title: String, orientation: Orientation)?
    /// This box is the header of table `id`.
    var tableHeader: Int?
    /// This box is a row of table `id`: at the top of a page, the table's header comes first.
    var repeatsHeader: Int?
    /// The header of table `tableHeader` as the pages it continues onto show it (under its
    /// `(ต่อ)` caption): never in the flow itself, only repeated.
    var continuesHeader = false
    /// A PDF bookmark to the box (agenda items) and its depth in its document's outline (1 an
    /// agenda item, 2 its sub-item).
    var bookmark: (title: String, level: Int)?

    /// Starts a new page of the same document in another orientation (a wide table).
    var turn: Orientation?
    /// The tagged PDF's element the box belongs to (`P`, `H1`, `Table`…) and the block it comes
    /// from: boxes of one block that follow each other on a page make one element.
    var structure: (role: String, id: Int)?
    /// The elements around it, outermost first (a list item's `L` and `LI`): boxes that share
    /// them are in the same ones.
    var enclosing: [(role: String, id: Int)] = []

    static func pageBreak() -> FlowBox { FlowBox(height: 0, items: [], breakBefore: true) }

    /// The height of boxes set one under the other on an empty page (the first one's space dropped).
    static func stackHeight(_ boxes: [FlowBox]) -> Double {
        boxes.filter { !$0.continuesHeader }.enumerated().reduce(0) {
            $0 + $1.element.height + ($1.offset == 0 ? 0 : $1.element.spaceBefore)
        }
    }

    static func turn(to orientation: Orientation) -> FlowBox {
        var box = FlowBox(height: 0, items: [])
        box.turn = orientation
        return box
    }
}
