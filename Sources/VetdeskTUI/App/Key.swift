/// A decoded key press, independent of ncurses (tests build these directly).
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)          // Ctrl-A ... Ctrl-Z, lower-case letter
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Mouse wheel (only when the mouse is on, `:mouse on`).
    case wheelUp, wheelDown

    /// How the key is written in the help overlay and the hint line.
    public var label: String {
        switch self {
        case let .char(c): return c == " " ? "Space" : String(c)
        case let .ctrl(c): return "^" + c.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "BS"
        case .delete: return "Del"
        case let .function(n): return "F\(n)"
        case .wheelUp: return "wheel↑"
        case .wheelDown: return "wheel↓"
        }
    }

    /// ASCII spelling for terminals without UTF-8.
    public var asciiLabel: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .wheelUp: return "WheelUp"
        case .wheelDown: return "WheelDown"
        default: return label
        }
    }
}
