import Testing
import VetdeskCore
@testable import VetdeskTUI

/// The live poll's back-off (issue 13): quick while the analyst works or the store changes, slower
/// once all is quiet, quick again at the next key, and never slower than another analyst's
/// decision must show (within ~2 s).
@Suite struct LivePollTests {
    let reducer = Reducer(panels: DetailPanels.all)

    @Test func theIntervalIsQuickAfterActivityAndSlowerWhenQuiet() {
        #expect(LivePoll.interval(sinceActivity: 0) == LivePoll.fast)
        #expect(LivePoll.interval(sinceActivity: LivePoll.quietAfter - 0.01) == LivePoll.fast)
        #expect(LivePoll.interval(sinceActivity: LivePoll.quietAfter) == LivePoll.slow)
        #expect(LivePoll.interval(sinceActivity: 3600) == LivePoll.slow)
        #expect(LivePoll.fast < LivePoll.slow && LivePoll.slow <= 2, "a decision elsewhere shows within ~2 s")
    }

    /// Poll times the reducer asks for when the loop wakes exactly when IdleSchedule says.
    func polls(_ s: inout AppState, from t0: Double, until t1: Double) -> [Double] {
        var t = t0, times: [Double] = []
        while t < t1 {
            t += IdleSchedule.wait(s, now: t, jobsRunning: false)
            if reducer.update(&s, .tick(now: t)).contains(.pollStore) { times.append(t) }
        }
        return times
    }

    @Test func theLoopBacksOffWhenQuietAndQuickensAtAKey() throws {
        var s = loadedState(try TestStore().rows(), now: 1000)
        let quiet = polls(&s, from: 1000, until: 1060)
        let early = quiet.filter { $0 < 1000 + LivePoll.quietAfter }
        let late = quiet.filter { $0 >= 1000 + LivePoll.quietAfter + LivePoll.fast }
        #expect(early.count >= 38 && early.count <= 40, "quick at first: \(early.count)")
        let gaps = zip(late.dropFirst(), late).map { $0 - $1 }
        #expect(!gaps.isEmpty && gaps.allSatisfy { abs($0 - LivePoll.slow) < 0.02 }, "then every 1.5 s: \(gaps)")
        #expect(quiet.count < 80, "a quiet minute polls \(quiet.count) times, not 240")

        // A key half a second after the last slow poll: the fast interval is already overdue, so
        // the loop wakes at once and polls, and keeps the quick pace.
        let key = s.lastPoll + 0.5
        _ = reducer.update(&s, .tick(now: key))
        _ = reducer.handleKey(&s, .char("j"))
        #expect(IdleSchedule.wait(s, now: key, jobsRunning: false) <= 0.011)
        let after = polls(&s, from: key, until: key + 2)
        #expect(after.first.map { $0 - key <= 0.011 } == true, "after the key: \(after)")
        #expect(after.count >= 7, "quick again after the key: \(after.count)")
    }

    @Test func aChangeSeenInTheStoreQuickensThePoll() throws {
        var s = loadedState(try TestStore().rows(), now: 1000)
        _ = reducer.update(&s, .tick(now: 1100))
        #expect(s.currentPollInterval == LivePoll.slow)
        _ = reducer.update(&s, .storeChanged)
        #expect(s.currentPollInterval == LivePoll.fast)
    }

    @Test func activityAloneDrawsNoFrame() throws {
        var s = loadedState(try TestStore().rows(), now: 1000)
        let drawn = s
        s.lastActivity = 1030
        #expect(!IdleSchedule.needsFrame(drawn: drawn, state: s))
    }
}
