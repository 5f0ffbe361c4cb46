import VetdeskCore

/// One screen cell. A wide character occupies its cell and a `continuation` cell to its right.
public struct Cell: Equatable, Sendable {
    public var text: String          // one grapheme, " " when blank, "" for a continuation cell
    public var role: Role
    public var attrs: CellAttrs
    public static let blank = Cell(text: " ", role: .normal, attrs: [])
    public var isContinuation: Bool { text.isEmpty }
    public init(text: String, role: Role, attrs: CellAttrs = []) {
        self.text = text; self.role = role; self.attrs = attrs
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(_ d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// The in-memory screen views draw into (ratatui's Buffer). The ncurses backend diffs
/// two grids and writes only changed cells; tests assert on `text(row:)` and roles.
public struct Grid: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// ASCII-only output (non-UTF-8 locale or --ascii): box drawing and glyphs fall back.
    public var ascii: Bool

    public init(width: Int, height: Int, ascii: Bool = false) {
        self.width = max(0, width); self.height = max(0, height); self.ascii = ascii
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from (x, y), clipped to `maxWidth` columns (and the grid). Text is
    /// sanitised here, the last gate before the terminal, so no data can inject escapes.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, attrs: CellAttrs = [],
                             maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        let (safe, printableASCII) = Sanitize.forDisplayNotingASCII(text)
        if printableASCII {
            // One byte, one character, one column: no grapheme breaking or width look-up (the queue
            // frame's text is nearly all ASCII). The sanitiser's own scan says so: not scanned twice.
            for byte in safe.utf8 {
                if col + 1 > limit { break }
                if col >= 0 { place(String(UnicodeScalar(byte)), width: 1, x: col, y: y, role: role, attrs: attrs) }
                col += 1
            }
            return col - x
        }
        for ch in safe {
            var g = String(ch)
            var w = DisplayWidth.of(ch)
            if ascii, ch.unicodeScalars.contains(where: { !$0.isASCII }) { g = "?"; w = 1 }
            if w == 0 { continue } // stray combining mark: drop rather than misalign
            if col + w > limit { break }
            if col >= 0 { place(g, width: w, x: col, y: y, role: role, attrs: attrs) }
            col += w
        }
        return col - x
    }

    /// One character of `w` columns at (col, y).
    private mutating func place(_ g: String, width w: Int, x col: Int, y: Int, role: Role, attrs: CellAttrs) {
        // Overwriting half of a wide char: blank its other half.
        if self[col, y].isContinuation, col > 0 { self[col - 1, y] = Cell(text: " ", role: role, attrs: attrs) }
        self[col, y] = Cell(text: g, role: role, attrs: attrs)
        if w == 2 { self[col + 1, y] = Cell(text: "", role: role, attrs: attrs) }
        if col + w < width, self[col + w, y].isContinuation {
            self[col + w, y] = Cell(text: " ", role: role, attrs: attrs)
        }
    }

    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(_ r: Rect, role: Role = .normal, attrs: CellAttrs = []) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { self[x, y] = Cell(text: " ", role: role, attrs: attrs) }
        }
    }

    /// Sets the role/attrs of existing cells (e.g. the selected row), keeping their text.
    public mutating func restyle(_ r: Rect, role: Role, attrs: CellAttrs = []) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) {
                self[x, y].role = role
                self[x, y].attrs = attrs
            }
        }
    }

    /// Draws a box border with an optional title.
    public mutating func box(_ r: Rect, title: String? = nil, role: Role = .border) {
        guard r.width >= 2, r.height >= 2 else { return }
        let (h, v, tl, tr, bl, br) = ascii ? ("-", "|", "+", "+", "+", "+") : ("─", "│", "┌", "┐", "└", "┘")
        for x in (r.x + 1)..<(r.maxX - 1) {
            put(h, x: x, y: r.y, role: role)
            put(h, x: x, y: r.maxY - 1, role: role)
        }
        for y in (r.y + 1)..<(r.maxY - 1) {
            put(v, x: r.x, y: y, role: role)
            put(v, x: r.maxX - 1, y: y, role: role)
        }
        put(tl, x: r.x, y: r.y, role: role); put(tr, x: r.maxX - 1, y: r.y, role: role)
        put(bl, x: r.x, y: r.maxY - 1, role: role); put(br, x: r.maxX - 1, y: r.maxY - 1, role: role)
        if let title, r.width > 4 {
            put(" \(title) ", x: r.x + 2, y: r.y, role: role == .borderFocused ? .borderFocused : .title,
                attrs: [.bold], maxWidth: r.width - 4)
        }
    }

    /// The text of one row, continuation cells skipped (what a person reads).
    public func text(row y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
        return s
    }

    /// The whole screen as lines, trailing blanks trimmed (for tests and snapshots).
    public var lines: [String] {
        (0..<height).map { y in
            var line = text(row: y)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// Finds the first (x, y) where `needle` appears, by text.
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            let line = text(row: y)
            if let r = line.range(of: needle) {
                return (DisplayWidth.of(String(line[..<r.lowerBound])), y)
            }
        }
        return nil
    }
}

/// Pads or truncates to exactly `width` columns, with an ellipsis when cut.
public func fit(_ raw: String, _ width: Int, ascii: Bool = false) -> String {
    guard width > 0 else { return "" }
    // Measure what will be shown: escape sequences from the data must not count as columns.
    let s = Sanitize.forDisplay(raw)
    let w = DisplayWidth.of(s)
    if w <= width { return s + String(repeating: " ", count: width - w) }
    var out = ""
    var used = 0
    let ell = ascii ? "~" : "…"
    for ch in s {
        let cw = DisplayWidth.of(ch)
        if used + cw > width - 1 { break }
        out.append(ch); used += cw
    }
    return out + ell + String(repeating: " ", count: max(0, width - used - 1))
}
