import CNcurses
import Foundation
import VetdeskCore

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unsupported(String)
    case noCursorAddressing(term: String)
    public var description: String {
        switch self {
        case let .noCursorAddressing(term):
            return "terminal type '\(Sanitize.forDisplay(term))' cannot move the cursor (no cursor addressing in its "
                + "terminfo entry), and the console draws a full screen: set TERM to your terminal's type "
                + "(e.g. TERM=xterm-256color), or use the line commands (vetdesk queue, show, decide, note)"
        case .notATerminal: return "the console needs a terminal: stdin and stdout must be a tty (use `vetdesk list` in scripts)"
        case let .unsupported(m): return m
        }
    }
}

/// What the console reads from the terminal.
enum TerminalEvent: Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
}

/// The thin ncurses backend: opens the terminal (robust to unknown TERM and non-UTF-8 locales),
/// maps theme roles to colour pairs, decodes keys, and writes only the cells that changed since
/// the previous frame. All calls happen on the thread that created it.
final class Terminal {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>? { vd_stdscr() }
    private var previous: Grid?
    private var drawnCursor: [Int]?
    private var readTimeoutMs: Int32 = 100
    private var styles: [(attr: attr_t, pair: Int32)] = []
    private(set) var depth: ColorDepth = .none
    /// True when the locale is not UTF-8 (or NCURSES_NO_UTF8_ACS is set): draw ASCII only.
    let localeIsASCII: Bool
    let termName: String

    init(noColor: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        var utf8 = Terminal.codesetIsUTF8()
        if !utf8 {
            // ncursesw needs a UTF-8 LC_CTYPE to handle wide characters at all; the terminal itself
            // may not be UTF-8, so the views still draw ASCII only.
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
            utf8 = false
        }
        localeIsASCII = !utf8 || !(environment["NCURSES_NO_UTF8_ACS"] ?? "").isEmpty

        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm"
        var candidates: [String] = []
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit", term.hasSuffix("-256color") {
            candidates.append(String(term.dropLast("-256color".count)) + "-direct")
        }
        candidates += [term, "xterm", "vt100"]
        let out = fdopen(dup(1), "w"), input = fdopen(dup(0), "r")
        var opened: String?
        for name in candidates where opened == nil {
            switch Terminal.probe(name) {
            case .unknown: continue
            case .noCursorAddressing: throw TerminalError.noCursorAddressing(term: name)
            case .usable: if let s = newterm(name, out, input) { screen = s; opened = name }
            }
        }
        guard let screen, let opened else {
            throw TerminalError.unsupported("cannot use terminal type '\(term)' (no terminfo entry, nor for xterm): "
                + "set TERM to a known type, e.g. TERM=xterm-256color")
        }
        termName = opened
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        wtimeout(window, 100)
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        if noColor || !(environment["NO_COLOR"] ?? "").isEmpty || !has_colors() {
            depth = .none
        } else {
            start_color()
            use_default_colors()
            let colors = vd_colors()
            depth = colors >= 0x1000000 ? .direct : colors >= 256 ? .c256 : colors >= 8 ? .eight : .none
        }
    }

    enum Probe: Equatable { case usable, unknown, noCursorAddressing }

    /// What terminfo says about terminal type `name`, checked on a throwaway screen over /dev/null
    /// so the real terminal is untouched when it cannot be used (TERM=dumb: cursor addressing
    /// (`cup`) missing, and ncurses would paint a blank or garbled screen).
    static func probe(_ name: String) -> Probe {
        guard let null = fopen("/dev/null", "r+") else { return .unknown }
        defer { fclose(null) }
        guard let probe = newterm(name, null, null) else { return .unknown }
        let previous = set_term(probe)
        let cup = tigetstr("cup")
        let usable = cup != nil && Int(bitPattern: cup) != -1
        endwin()
        if let previous, previous != probe { set_term(previous) }
        delscreen(probe)
        return usable ? .usable : .noCursorAddressing
    }

    static func codesetIsUTF8() -> Bool {
        guard let cs = nl_langinfo(Int32(CODESET)) else { return false }
        let name = String(cString: cs).uppercased().replacingOccurrences(of: "-", with: "")
        return name == "UTF8"
    }

    var size: (width: Int, height: Int) { (Int(vd_cols()), Int(vd_lines())) }

    /// True when the next draw must repaint everything (first frame, resize, theme, Ctrl-L, resume).
    var needsRepaint: Bool { previous == nil }

    /// How long `read` waits for a key (IdleSchedule); set only when it changes.
    func setReadTimeout(seconds: Double) {
        let ms = Int32(max(1, min(60_000, (seconds * 1000).rounded(.up))))
        if ms != readTimeoutMs { readTimeoutMs = ms; wtimeout(window, ms) }
    }

    /// Waits up to the read timeout (100 ms unless set) for a key; nil on timeout.
    func read() -> TerminalEvent? {
        var wch: wint_t = 0
        let rc = wget_wch(window, &wch)
        if rc == KEY_CODE_YES {
            if Int32(wch) == vd_key_resize() {
                previous = nil
                return .resize(width: size.width, height: size.height)
            }
            if Int32(wch) == KEY_MOUSE {
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return nil }
                if ev.bstate & Mouse.wheelUp != 0 { return .key(.wheelUp) }
                if ev.bstate & Mouse.wheelDown != 0 { return .key(.wheelDown) }
                if ev.bstate & Mouse.button1 != 0 { return .click(x: Int(ev.x), y: Int(ev.y)) }
                return nil
            }
            return KeyDecoder.key(code: Int32(wch)).map(TerminalEvent.key)
        }
        if rc == OK { return KeyDecoder.key(char: UInt32(wch)).map(TerminalEvent.key) }
        return nil
    }

    /// Binds every role to a colour pair and attributes for this terminal's depth.
    func apply(_ theme: Theme) {
        let pairs = Int(vd_color_pairs())
        styles = Role.allCases.enumerated().map { i, role in
            let style = theme.style(role)
            var attrs = style.attrs
            var pair: Int32 = 0
            if depth != .none, i + 1 < pairs {
                pair = Int32(i + 1)
                init_extended_pair(pair, style.fg?.resolve(depth) ?? -1, style.bg?.resolve(depth) ?? -1)
            } else {
                attrs.formUnion(Terminal.monochromeFallback[role] ?? [])
            }
            return (Terminal.attr(attrs), pair)
        }
        previous = nil
    }

    /// Without colour, the roles that carry state still differ (selection, focus, flashes).
    static let monochromeFallback: [Role: CellAttrs] = [
        .selected: [.reverse], .header: [.reverse], .borderFocused: [.bold], .flashInfo: [.reverse],
        .flashWarn: [.reverse, .bold], .flashError: [.reverse, .bold], .input: [.underline], .live: [.bold],
        .marked: [.bold], .changed: [.bold], .statusEscalated: [.bold], .bandCritical: [.bold], .key: [.bold],
        .sevDecisive: [.bold], .title: [.bold],
    ]

    static func attr(_ a: CellAttrs) -> attr_t {
        var v = vd_a_normal()
        if a.contains(.bold) { v |= vd_a_bold() }
        if a.contains(.reverse) { v |= vd_a_reverse() }
        if a.contains(.underline) { v |= vd_a_underline() }
        return v
    }

    /// Writes the cells that differ from the previous frame, then one doupdate. With `cursor` (the
    /// screen-reader option) the real cursor is left on that cell, else it is hidden.
    func draw(_ g: Grid, cursor: (x: Int, y: Int)? = nil) {
        let plan = FrameDiff.plan(from: previous, to: g)
        // Nothing differs: no curses call at all, so the terminal receives no byte (issue 13).
        if plan.isEmpty, cursor.map({ [$0.x, $0.y] }) == drawnCursor { return }
        drawnCursor = cursor.map { [$0.x, $0.y] }
        if plan.full { wclear(window) }
        var cc = cchar_t()
        var chars = [wchar_t](repeating: 0, count: 6)
        for (x, y) in plan.cells {
            let cell = g[x, y]
            let style = cell.role.ordinal < styles.count ? styles[cell.role.ordinal] : (attr: vd_a_normal(), pair: Int32(0))
            // What ncurses measures must match the columns the grid gave the cell (TerminalCellText).
            let width = x + 1 < g.width && g[x + 1, y].isContinuation ? 2 : 1
            for (i, piece) in TerminalCellText.pieces(cell.text, width: width).enumerated() {
                var n = 0
                for scalar in piece.unicodeScalars.prefix(5) { chars[n] = wchar_t(bitPattern: scalar.value); n += 1 }
                chars[n] = 0
                var pair = style.pair
                setcchar(&cc, chars, style.attr | Terminal.attr(cell.attrs), Int16(truncatingIfNeeded: pair), &pair)
                // The bottom-right cell returns ERR though it draws (the cursor cannot advance): ignore.
                _ = mvwadd_wch(window, Int32(y), Int32(x + i), &cc)
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < g.width, cursor.y < g.height {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = g
    }

    /// Sends an OSC 52 "set clipboard" for `text` to the analyst's terminal. Inside tmux the sequence
    /// is also wrapped in tmux's DCS passthrough (reaches the outer terminal with allow-passthrough),
    /// inside GNU screen in screen's; the bare one lets tmux's set-clipboard keep a copy.
    func copyToClipboard(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let bytes = Clipboard.osc52(text, environment: environment)
        wnoutrefresh(window)
        doupdate()
        bytes.withUnsafeBytes { buf in _ = Foundation.write(1, buf.baseAddress, buf.count) }
    }

    /// Mouse reporting on (clicks and wheel) or off (the terminal keeps its own selection).
    func setMouse(_ on: Bool) {
        var old: mmask_t = 0
        mousemask(on ? Mouse.wanted : 0, &old)
        mouseinterval(0)   // report presses at once: no wait to tell a click from a double click
    }

    /// ncurses mouse masks (function-like macros Swift cannot import; mouse protocol version 2).
    enum Mouse {
        static func mask(button: Int, _ event: mmask_t) -> mmask_t { event << mmask_t((button - 1) * 5) }
        static let pressed: mmask_t = 0o2, clicked: mmask_t = 0o4
        static let button1: mmask_t = mask(button: 1, pressed) | mask(button: 1, clicked)
        static let wheelUp = mask(button: 4, pressed), wheelDown = mask(button: 5, pressed)
        static let wanted = button1 | wheelUp | wheelDown
    }

    /// Forgets the previous frame so the next draw repaints everything (Ctrl-L, theme change, resume).
    func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
    func suspend() {
        endwin()
        let old = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        signal(SIGTSTP, old)
        doupdate()
        invalidate()
    }

    func shutdown() {
        guard let s = screen else { return }
        endwin()
        delscreen(s)
        screen = nil
    }

    deinit { shutdown() }
}

extension Role {
    /// Index in `Role.allCases`, the colour pair number minus one.
    var ordinal: Int { Role.ordinals[self] ?? 0 }
    static let ordinals: [Role: Int] = Dictionary(uniqueKeysWithValues: Role.allCases.enumerated().map { ($1, $0) })
}
