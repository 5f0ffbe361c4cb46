/// Which cells a redraw must write: the backend keeps the last frame it drew and sends the
/// terminal only what differs, so a one-row change costs one row of output over SSH.
enum FrameDiff {
    struct Plan: Equatable {
        /// True when everything must be written (first frame, size change, after invalidate).
        var full: Bool
        /// (x, y) of the cells to write, in row order; continuation cells of wide characters excluded.
        var cells: [(x: Int, y: Int)]

        /// Nothing to write: the terminal must receive no byte for this frame.
        var isEmpty: Bool { !full && cells.isEmpty }

        static func == (a: Plan, b: Plan) -> Bool {
            a.full == b.full && a.cells.elementsEqual(b.cells) { $0.x == $1.x && $0.y == $1.y }
        }
    }

    static func plan(from previous: Grid?, to next: Grid) -> Plan {
        let full = previous.map { $0.width != next.width || $0.height != next.height } ?? true
        var cells: [(x: Int, y: Int)] = []
        for y in 0..<next.height {
            for x in 0..<next.width {
                let cell = next[x, y]
                if cell.isContinuation { continue }
                // A wide character is rewritten when its continuation cell changed too.
                if !full, let p = previous, p[x, y] == cell,
                   x + 1 >= next.width || !next[x + 1, y].isContinuation || p[x + 1, y] == next[x + 1, y] {
                    continue
                }
                cells.append((x, y))
            }
        }
        return Plan(full: full, cells: cells)
    }
}
