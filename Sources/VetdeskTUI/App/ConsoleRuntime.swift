import Foundation
import VetdeskCore

/// The event loop: reads keys (waking only when the screen can change, IdleSchedule), feeds actions
/// to the reducer, runs its effects, and draws the state through the ncurses backend. Everything
/// runs on the calling thread.
public final class ConsoleRuntime {
    let store: Store
    let options: ConsoleOptions
    let reducer: Reducer
    let themes: ThemeCatalog

    public init(store: Store, options: ConsoleOptions, panels: [any DetailPanel.Type] = DetailPanels.all) {
        self.store = store
        self.options = options
        self.reducer = Reducer(panels: panels)
        self.themes = ThemeCatalog.standard(paths: options.paths)
    }

    /// Runs until the analyst quits or a terminating signal arrives; returns the exit status.
    /// The terminal is restored on every path out, and anything written to stderr meanwhile is
    /// printed after it.
    public func run() throws -> Int32 {
        let theme = try themes.load(options.themeName)   // a bad --theme fails before the screen is taken
        let stderrCapture = StderrCapture(directory: options.paths.stateDir)
        Signals.install()
        let terminal: Terminal
        do {
            terminal = try Terminal(noColor: options.noColor)
        } catch {
            stderrCapture?.restore()
            Signals.restoreDefaults()
            throw error
        }
        let status: Int32
        do {
            status = loop(terminal, theme: theme)
        }
        terminal.shutdown()
        stderrCapture?.restore()
        Signals.restoreDefaults()
        return status
    }

    private func loop(_ terminal: Terminal, theme: Theme) -> Int32 {
        terminal.apply(theme)
        let runner = EffectRunner(store: store, options: options, themes: themes)
        let jobs = BackgroundJobs()
        runner.background = jobs
        runner.onTheme = { [weak terminal] in terminal?.apply($0) }
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, storeName: (store.path as NSString).lastPathComponent,
                             analyst: options.analyst, readonly: options.readonly,
                             ascii: options.ascii || terminal.localeIsASCII, themeName: theme.name)
        state.themeNames = themes.names()
        state.readonlyReason = options.readonlyReason

        func dispatch(_ effects: [Effect]) {
            var pending = effects
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                switch effect {
                case .suspend: terminal.suspend()
                case .redraw: terminal.invalidate()
                case let .copy(text): terminal.copyToClipboard(text)
                case let .mouse(on): terminal.setMouse(on)
                default: break
                }
                for action in runner.perform(effect) { pending += reducer.update(&state, action) }
            }
        }

        dispatch(reducer.update(&state, .start(now: Self.now())))
        var drawn: AppState?
        var lastTick = 0.0
        while !state.quitting {
            if Signals.pending != 0 { break }
            // Only a state that draws differently (or a forgotten frame) is rendered: the tick's
            // clock and the live poll alone change nothing on screen (IdleSchedule).
            if terminal.needsRepaint || IdleSchedule.needsFrame(drawn: drawn, state: state) {
                terminal.draw(RootView.render(state, panels: reducer.panels),
                              cursor: options.cursor ? RootView.cursor(state, panels: reducer.panels) : nil)
                let first = drawn == nil
                drawn = state
                if first {
                    // Counts and the exact total come after the first frame; draw them at once.
                    dispatch(reducer.update(&state, .firstFrameDrawn))
                    continue
                }
            }
            // Progress and results of long work, posted from its thread (BackgroundJobs).
            for action in jobs.drain() { dispatch(reducer.update(&state, action)) }
            terminal.setReadTimeout(seconds: IdleSchedule.wait(state, now: Self.now(), jobsRunning: jobs.busy))
            let event = terminal.read()
            // Tick on timeouts and, under key repeat, at least every 100 ms so live refresh never
            // starves; before the key, so what it does (a flash, a mark) is timed from now, not
            // from the last wake-up, which may be a minute ago when idle.
            let now = Self.now()
            if event == nil || now - lastTick >= 0.1 {
                lastTick = now
                dispatch(reducer.update(&state, .tick(now: now)))
            }
            switch event {
            case let .key(key)?: dispatch(reducer.handleKey(&state, key))
            case let .resize(w, h)?: dispatch(reducer.update(&state, .resize(width: w, height: h)))
            case let .click(x, y)?: dispatch(reducer.update(&state, .click(x: x, y: y)))
            case nil: break
            }
        }
        let signal = Signals.pending
        return signal == 0 ? 0 : 128 + signal
    }

    static func now() -> Double { Date().timeIntervalSince1970 }
}


/// Sends stderr to a file while curses owns the screen (writes there would corrupt it), and
/// replays the file afterwards so no warning is lost.
final class StderrCapture {
    let path: String
    private let saved: Int32

    init?(directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        path = directory + "/console-stderr.log"
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { return nil }
        saved = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    func restore() {
        dup2(saved, 2)
        close(saved)
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
            FileHandle.standardError.write(Data(("messages while the console ran (\(path)):\n" + text).utf8))
        }
    }
}
