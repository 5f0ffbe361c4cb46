import VetdeskCore

/// A run of text in one role, the unit panels are written in.
public struct Span: Equatable, Sendable {
    public var text: String
    public var role: Role
    public var attrs: CellAttrs
    public init(_ text: String, _ role: Role = .normal, _ attrs: CellAttrs = []) {
        self.text = text; self.role = role; self.attrs = attrs
    }
}

/// One line of a detail panel. `link` makes the line selectable: Enter opens that candidate.
public struct PanelLine: Equatable, Sendable {
    public var spans: [Span]
    public var link: String?
    public init(_ spans: [Span], link: String? = nil) { self.spans = spans; self.link = link }
    public init(_ text: String, _ role: Role = .normal) { self.spans = [Span(text, role)]; self.link = nil }
    public var text: String { spans.map(\.text).joined() }
}

/// A detail panel is a pure function from the candidate's detail to lines; the console's
/// panel container owns focus, scrolling and selection, so every panel scrolls the same way.
public protocol DetailPanel: Sendable {
    static var id: String { get }
    static var title: String { get }
    /// `width` is the inner width available, for wrapping and column layout.
    static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine]
}

extension Grid {
    /// Draws panel lines into `rect`, starting at line `scroll`; `selected` (an index into
    /// `lines`) is drawn with the selection role. Returns the number of lines drawn.
    @discardableResult
    public mutating func draw(_ lines: [PanelLine], in rect: Rect, scroll: Int = 0, selected: Int? = nil) -> Int {
        var drawn = 0
        for row in 0..<rect.height {
            let i = scroll + row
            guard i >= 0, i < lines.count else { break }
            var x = rect.x
            for span in lines[i].spans {
                x += put(span.text, x: x, y: rect.y + row, role: span.role, attrs: span.attrs, maxWidth: rect.maxX - x)
                if x >= rect.maxX { break }
            }
            if i == selected {
                restyle(Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1), role: .selected, attrs: [.reverse])
            }
            drawn += 1
        }
        return drawn
    }
}
