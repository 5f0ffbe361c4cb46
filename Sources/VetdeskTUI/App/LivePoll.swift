/// How often the live refresh asks the store whether another process committed (issue 13).
/// Each poll wakes the process and reads `PRAGMA data_version` on the writer connection; at 4 a
/// second that was 0.08 CPU seconds a minute for a console nobody touched. So the poll is quick
/// while the analyst works (or the store is changing) and slows once all is quiet, still showing
/// another analyst's decision within `slow` seconds (+ one redraw). A key makes it quick again at
/// once: the loop's next wait ends at the fast interval, already overdue.
public enum LivePoll {
    /// After a key, a click or a change seen in the store.
    public static let fast = 0.25
    /// When nothing happened for `quietAfter` seconds: another analyst's work still shows in < 2 s.
    public static let slow = 1.5
    public static let quietAfter = 10.0

    /// Seconds between polls, given how long ago the last activity was.
    public static func interval(sinceActivity: Double) -> Double {
        sinceActivity < quietAfter ? fast : slow
    }
}
