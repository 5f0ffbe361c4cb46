/// Where things go on screen, shared by the views (to draw) and the reducer (to scroll),
/// so both agree on how many rows a panel shows.
public enum Layout {
    /// The rectangle of each detail panel (its border included); nil for panels not shown
    /// in tab mode. Wide terminals get a grid of all panels, small ones one panel with a tab bar.
    public static func panelRects(width: Int, height: Int, count: Int, focus: Int) -> [Rect?] {
        guard count > 0 else { return [] }
        if let grid = gridRects(width: width, height: height, count: count) { return grid }
        let area = Rect(x: 0, y: 3, width: width, height: height - 4)
        return (0..<count).map { $0 == focus ? area : nil }
    }

    /// True when all panels are on screen at once.
    public static func isGrid(width: Int, height: Int, count: Int) -> Bool {
        gridRects(width: width, height: height, count: count) != nil
    }

    static func gridRects(width: Int, height: Int, count: Int) -> [Rect?]? {
        guard count > 1 else { return nil }
        let cols = width >= 180 ? 3 : 2
        let rows = (count + cols - 1) / cols
        let area = Rect(x: 0, y: 2, width: width, height: height - 3)
        guard area.height / rows >= 10, area.width / cols >= 50 else { return nil }
        return (0..<count).map { i in
            let r = i / cols, c = i % cols
            let x0 = area.width * c / cols, x1 = area.width * (c + 1) / cols
            let y0 = area.height * r / rows, y1 = area.height * (r + 1) / rows
            return Rect(x: area.x + x0, y: area.y + y0, width: x1 - x0, height: y1 - y0)
        }
    }
}
