import Foundation

/// When the console must draw and how long it may sleep, so an idle console neither redraws nor
/// wakes for nothing (issue 13: it used to rebuild and diff the whole screen ten times a second
/// because the tick's clock made every state look new).
enum IdleSchedule {
    /// The screen shows time in whole minutes (queue ages) and, while long work runs, in seconds
    /// (bottom line): finer changes of `now`, and the poll clock, cannot change a frame.
    static func clockStep(_ s: AppState) -> Double { s.job == nil ? 60 : 1 }

    /// The state as far as a frame can tell.
    static func visible(_ s: AppState) -> AppState {
        var v = s
        let step = clockStep(s)
        v.now = (s.now / step).rounded(.down) * step
        v.lastPoll = 0
        v.lastActivity = 0
        return v
    }

    /// True when `state` can draw differently from the frame drawn for `drawn`.
    static func needsFrame(drawn: AppState?, state: AppState) -> Bool {
        guard let drawn else { return true }
        return visible(drawn) != visible(state)
    }

    /// Seconds the loop may wait for a key before something on screen can change or must be
    /// checked: the live poll, a flash or change mark expiring, the clock's next step. Long work
    /// reports through an inbox that is read on wake-up, so it keeps the 100 ms turn.
    static func wait(_ s: AppState, now: Double, jobsRunning: Bool) -> Double {
        if jobsRunning || s.job != nil { return 0.1 }
        var next = now + 60
        if s.live { next = min(next, s.lastPoll + LivePoll.interval(sinceActivity: now - s.lastActivity)) }
        if let f = s.flash { next = min(next, f.expiresAt) }
        if let oldest = s.changes.values.map(\.at).min() { next = min(next, oldest + AppState.changeMarkSeconds) }
        let step = clockStep(s)
        next = min(next, ((now / step).rounded(.down) + 1) * step)
        return min(60, max(0.01, next - now))
    }
}
