/// Where a binding applies. Screens have their own keys; `anyScreen` keys work on both.
public enum KeyContext: String, CaseIterable, Sendable {
    case queue, detail, rings, ring, lists, anyScreen, dialog, input, help

    /// A screen (not an overlay or text entry): screen-wide (`anyScreen`) keys apply.
    public var isScreen: Bool { self == .queue || self == .detail || self == .rings || self == .ring || self == .lists }

    /// Heading in the help overlay.
    public var title: String {
        switch self {
        case .queue: "Queue"
        case .detail: "Detail"
        case .rings: "Rings"
        case .ring: "Ring (drawn)"
        case .lists: "Sanctions lists"
        case .anyScreen: "Everywhere"
        case .dialog: "Decision dialog"
        case .input: "Filter and command line"
        case .help: "This help"
        }
    }
}

/// One key binding. The help overlay and the bottom hint line are both drawn from `KeyMap.bindings`,
/// so what is documented is what is bound.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var contexts: [KeyContext]
    public var help: String
    /// Short label for the hint line; nil keeps the binding out of it.
    public var hint: String?
    /// How the keys are written when they are a range (e.g. "1-9").
    public var keyLabel: String?
    /// How the hint line writes the keys, when it groups several bindings (e.g. "0-4" for views).
    public var hintKeys: String?

    public func hintKeysText(ascii: Bool) -> String {
        hintKeys ?? keyLabel ?? (keys.first.map { ascii ? $0.asciiLabel : $0.label } ?? "")
    }

    public func keysText(ascii: Bool) -> String {
        keyLabel ?? keys.map { ascii ? $0.asciiLabel : $0.label }.joined(separator: " ")
    }
}

public enum KeyMap {
    static func b(_ keys: [Key], _ action: Action, _ contexts: [KeyContext], _ help: String, hint: String? = nil,
                  label: String? = nil, hintKeys: String? = nil) -> Binding {
        Binding(keys: keys, action: action, contexts: contexts, help: help, hint: hint, keyLabel: label,
                hintKeys: hintKeys)
    }

    static let screens: [KeyContext] = [.queue, .detail]

    /// Table order is also the hint line's order (it is cut at the terminal's width), so the
    /// keys an analyst needs most come first: open, decide, mark, filter, quit.
    public static let bindings: [Binding] = [
        // Movement
        b([.down, .char("j"), .wheelDown], .moveDown, screens, "next row / line"),
        b([.up, .char("k"), .wheelUp], .moveUp, screens, "previous row / line"),
        b([.pageDown, .ctrl("f")], .pageDown, screens, "page down"),
        b([.pageUp, .ctrl("b")], .pageUp, screens, "page up"),
        b([.char("g"), .home], .top, screens, "first row / line"),
        b([.char("G"), .end], .bottom, screens, "last row / line"),
        b([.enter], .open, [.queue], "open the candidate", hint: "open"),
        // Detail
        b([.tab], .focusNext, [.detail], "next panel", hint: "panel"),
        b([.backTab], .focusPrevious, [.detail], "previous panel"),
        b((1...9).map { .char(Character(String($0))) }, .focusPanel(0), [.detail], "jump to panel N", label: "1-9"),
        b([.enter], .open, [.detail], "open the linked candidate on this line", hint: "follow"),
        b([.escape, .char("q")], .back, [.detail], "back (to the previous candidate or the queue)", hint: "back"),
        // Case actions
        b([.char("e")], .openDialog(.escalate), screens, "escalate: pick a reason, write a note", hint: "escalate"),
        b([.char("c")], .openDialog(.clear), screens, "clear (benign): write a note", hint: "clear"),
        // Queue
        b([.char(" ")], .toggleMark, [.queue], "mark / unmark for a bulk action", hint: "mark"),
        b([.char("/")], .startFilter, [.queue], "filter: name, email, id, country, flag, status", hint: "filter"),
        b([.char("q")], .quit, [.queue], "quit", hint: "quit"),
        b([.escape], .clearMarks, [.queue], "clear the marks, then the filter"),
        b([.char("s")], .cycleSort, [.queue], "cycle sort: risk, name, age, updated, country", hint: "sort"),
        b([.char("S")], .reverseSort, [.queue], "reverse the sort order"),
        b([.char("0")], .quickView(.all), [.queue], "view: all candidates"),
        b([.char("1")], .quickView(.new), [.queue], "view: new", hint: "views", hintKeys: "0-4"),
        b([.char("2")], .quickView(.high), [.queue], "view: high risk (score 55+, open)"),
        b([.char("3")], .quickView(.mine), [.queue], "view: assigned to me"),
        b([.char("4")], .quickView(.escalated), [.queue], "view: escalated"),
        // More case actions
        b([.char("n")], .openDialog(.note), screens, "add a note to the history", hint: "note"),
        b([.char("a")], .take, screens, "take the case (assign it to me)", hint: "take"),
        b([.char("u")], .release, screens, "release the case (unassign)"),
        b([.char("x")], .export(format: "md"), screens, "export marked/selected cases (Markdown; :export FORMAT)",
          hint: "export"),
        b([.char("y")], .copyId, screens, "copy the candidate id to the clipboard (OSC 52)", hint: "copy id"),
        // Rings (App/Rings)
        b([.char("R")], .ring(.showList), [.queue], "rings: candidates joined by shared identifiers", hint: "rings"),
        b([.down, .char("j")], .ring(.move(.down)), [.rings, .ring], "next ring / member below"),
        b([.up, .char("k")], .ring(.move(.up)), [.rings, .ring], "previous ring / member above"),
        b([.left, .char("h")], .ring(.move(.left)), [.ring], "member to the left"),
        b([.right, .char("l")], .ring(.move(.right)), [.ring], "member to the right"),
        b([.char("g"), .home], .ring(.move(.first)), [.rings, .ring], "first ring / member"),
        b([.char("G"), .end], .ring(.move(.last)), [.rings, .ring], "last ring / member"),
        b([.enter], .ring(.open), [.rings], "open the ring: its members drawn, its timeline", hint: "open"),
        b([.enter], .ring(.open), [.ring], "open the selected member (Esc comes back)", hint: "member"),
        b([.char("e")], .ring(.decide(.escalate)), [.ring], "escalate the whole ring: one reason, one note",
          hint: "escalate ring"),
        b([.char("c")], .ring(.decide(.clear)), [.ring], "clear the whole ring (benign): one note", hint: "clear ring"),
        b([.char("x")], .ring(.export), [.rings, .ring], "export the ring as one Markdown report", hint: "export"),
        b([.pageDown, .ctrl("f")], .ring(.scrollTimeline(5)), [.ring], "scroll the timeline down"),
        b([.pageUp, .ctrl("b")], .ring(.scrollTimeline(-5)), [.ring], "scroll the timeline up"),
        b([.char("r")], .ring(.reload), [.rings, .ring], "recompute the rings and reload"),
        b([.escape, .char("q")], .ring(.back), [.rings], "back to the queue", hint: "back"),
        b([.escape, .char("q")], .ring(.back), [.ring], "back to the list of rings", hint: "back"),
        b([.char("L")], .lists(.open), [.queue], "sanctions lists: loaded lists and their hits (:lists)", hint: "lists"),
        // Lists screen
        b([.down, .char("j"), .wheelDown], .lists(.move(1)), [.lists], "next hit"),
        b([.up, .char("k"), .wheelUp], .lists(.move(-1)), [.lists], "previous hit"),
        b([.pageDown, .ctrl("f")], .lists(.pageDown), [.lists], "page down"),
        b([.pageUp, .ctrl("b")], .lists(.pageUp), [.lists], "page up"),
        b([.char("g"), .home], .lists(.top), [.lists], "first hit"),
        b([.char("G"), .end], .lists(.bottom), [.lists], "last hit"),
        b([.enter], .lists(.openHit), [.lists], "open the hit's candidate (Esc comes back here)", hint: "open"),
        b([.char("r")], .lists(.refresh), [.lists], "reload the lists and hits", hint: "reload"),
        b([.escape, .char("q"), .char("L")], .lists(.close), [.lists], "back to the queue", hint: "back"),
        // Anywhere
        b([.char("?")], .toggleHelp, [.anyScreen], "help (this list)", hint: "help"),
        b([.char(":")], .startCommand, [.anyScreen], "command: view, sort, filter, open, theme, mouse, q"),
        b([.char("p")], .togglePause, [.anyScreen], "pause / resume live refresh"),
        b([.char("r")], .refresh, [.anyScreen], "refresh now"),
        b([.char("T")], .cycleTheme, [.anyScreen], "next theme"),
        b([.ctrl("l")], .redraw, [.anyScreen], "redraw the screen"),
        b([.ctrl("z")], .suspend, [.anyScreen], "suspend (resume with fg)"),
        b([.ctrl("c")], .quit, [.anyScreen], "quit"),
        // Dialog
        b([.enter], .inputSubmit, [.dialog], "record the decision", hint: "submit"),
        b([.escape], .inputCancel, [.dialog], "discard the note and close", hint: "discard"),
        b([.down, .tab], .reasonNext, [.dialog], "next escalation reason", hint: "reason"),
        b([.up, .backTab], .reasonPrevious, [.dialog], "previous escalation reason"),
        b([.backspace], .inputBackspace, [.dialog, .input], "delete a character"),
        b([.ctrl("u")], .inputClear, [.dialog, .input], "clear the text"),
        // Filter / command line
        b([.enter], .inputSubmit, [.input], "apply", hint: "apply"),
        b([.escape], .inputCancel, [.input], "cancel (a filter is cleared)", hint: "cancel"),
        // Help
        b([.down, .char("j"), .wheelDown], .moveDown, [.help], "scroll down"),
        b([.up, .char("k"), .wheelUp], .moveUp, [.help], "scroll up"),
        b([.escape, .char("?"), .char("q")], .toggleHelp, [.help], "close help", hint: "close"),
    ]

    /// The action for `key` in `context`: the context's own bindings first, then the screen-wide ones.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        for binding in bindings where binding.contexts.contains(context) && binding.keys.contains(key) {
            if case .focusPanel = binding.action, case let .char(c) = key, let n = c.wholeNumberValue {
                return .focusPanel(n - 1)
            }
            return binding.action
        }
        if context.isScreen {
            for binding in bindings where binding.contexts.contains(.anyScreen) && binding.keys.contains(key) {
                return binding.action
            }
        }
        return nil
    }

    /// Bindings shown in a context's hint line, in table order.
    public static func hints(for context: KeyContext) -> [Binding] {
        let own = bindings.filter { $0.contexts.contains(context) && $0.hint != nil }
        if context.isScreen {
            // "? help" first, so it is never cut off on a narrow terminal.
            return bindings.filter { $0.contexts.contains(.anyScreen) && $0.hint != nil } + own
        }
        return own
    }
}
