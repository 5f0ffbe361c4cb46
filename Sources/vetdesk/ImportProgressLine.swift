import Foundation
import VetdeskCore

/// `vetdesk import`'s progress on a terminal: file, records, rate, ETA and skipped counts on one
/// stderr line redrawn in place five times a second. Only when stderr is a terminal and not
/// `--quiet`; the file name is sanitised (a hostile name could carry escape sequences).
final class ImportProgressLine: @unchecked Sendable {
    let progress = ImportProgress()
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    /// When reading began (after the digest pass); touched by the drawing thread only.
    private var readingStarted: Date?

    /// A progress line, or nil when it must not be shown.
    static func make(quiet: Bool) -> ImportProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        let line = ImportProgressLine()
        let thread = Thread { line.loop() }
        thread.start()
        return line
    }

    private func loop() {
        condition.lock()
        while !stopped {
            condition.unlock()
            draw()
            condition.lock()
            if !stopped { _ = condition.wait(until: Date().addingTimeInterval(0.2)) }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func draw() {
        let s = progress.snapshot
        guard !s.file.isEmpty else { return }
        if s.phase != "hashing" && readingStarted == nil { readingStarted = Date() }
        let text = Self.text(s, elapsed: readingStarted.map { Date().timeIntervalSince($0) } ?? 0, width: Self.width())
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// The line for a snapshot, cut to `width` columns.
    static func text(_ s: ImportProgress.Snapshot, elapsed: Double, width: Int) -> String {
        let name = Sanitize.forDisplay((s.file as NSString).lastPathComponent)
        var parts: [String] = []
        if s.phase == "hashing" {
            parts.append("checking the file's digest…")
        } else {
            let rate = elapsed > 0 ? Double(s.records) / elapsed : 0
            parts.append("\(s.records) records")
            parts.append(String(format: "%.0f/s", rate))
            if s.fileSize > 0 && s.bytesRead > 0 {
                let fraction = min(1, Double(s.bytesRead) / Double(s.fileSize))
                parts.append(String(format: "%.0f%%", fraction * 100))
                if fraction > 0.01 && fraction < 1 {
                    let eta = elapsed / fraction * (1 - fraction)
                    parts.append("ETA " + Self.duration(eta))
                }
            }
            if s.skipped > 0 { parts.append("\(s.skipped) skipped") }
            if s.rejected > 0 { parts.append("\(s.rejected) rejected") }
        }
        let line = name + ": " + parts.joined(separator: ", ")
        return line.count > width - 1 ? String(line.prefix(max(10, width - 2))) + "…" : line
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    private static func width() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Stops redrawing and clears the line, before anything else is printed.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
