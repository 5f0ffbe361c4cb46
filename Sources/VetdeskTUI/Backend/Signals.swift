import CNcurses
import Foundation

/// The last terminating signal received (SIGTERM, SIGHUP, SIGINT), 0 if none. Written only by the
/// signal handler (an aligned Int32 store), read by the event loop between key reads.
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// Signal handling for the console. Terminating signals only set a flag: the event loop then exits
/// through the normal path (endwin, stderr restored). Crash signals restore the terminal and re-raise
/// so the process still dies with the signal (and a core dump where enabled).
enum Signals {
    static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    static let crashes: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Installed before `newterm`, so ncurses keeps ours (it only installs its own over SIG_DFL).
    static func install() {
        pendingSignal = 0
        for s in terminating { signal(s) { sig in pendingSignal = sig } }
        for s in crashes {
            signal(s) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    static func restoreDefaults() {
        for s in terminating + crashes { signal(s, SIG_DFL) }
    }

    static var pending: Int32 { pendingSignal }
}
