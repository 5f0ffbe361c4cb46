import Testing
import VetdeskCore
@testable import VetdeskTUI

/// An idle console writes nothing (issue 13): the tick's clock and a live poll that found no change
/// make no new frame, an unchanged frame plans no write, and the loop sleeps until something can
/// change on screen. `make bench` measures the bytes and CPU of a real idle console.
@Suite struct IdleRedrawTests {
    let reducer = Reducer(panels: DetailPanels.all)

    /// The last whole minute at or before `t`.
    func minute(_ t: Double) -> Double { (t / 60).rounded(.down) * 60 }

    @Test func ticksAndPollsWithinAMinuteMakeNoFrameAndNoWrite() throws {
        var s = loadedState(try TestStore().rows())
        #expect(s.changes.isEmpty && s.flash == nil)
        let drawn = s
        let frame = RootView.render(s, panels: reducer.panels)
        let start = minute(s.now)
        var polls = 0
        // Ten ticks a second up to just before the minute turns, as the old loop did.
        var t = start + 0.05
        while t < start + 59.9 {
            let effects = reducer.update(&s, .tick(now: t))
            polls += effects.filter { $0 == .pollStore }.count   // the store said: no change
            t += 0.1
        }
        // Quick for LivePoll.quietAfter seconds after the start, then slower (LivePollTests), never stopped.
        #expect(polls > 30 && polls < 100, "the live poll kept running, slower once quiet: \(polls)")
        #expect(s != drawn, "the tick moved the clock and the poll time")
        #expect(!IdleSchedule.needsFrame(drawn: drawn, state: s))
        let plan = FrameDiff.plan(from: frame, to: RootView.render(s, panels: reducer.panels))
        #expect(plan.isEmpty, "an unchanged screen writes \(plan.cells.count) cells")
    }

    @Test func theMinuteTurningIsANewFrame() throws {
        var s = loadedState(try TestStore().rows())
        let drawn = s
        _ = reducer.update(&s, .tick(now: minute(s.now) + 60))
        #expect(IdleSchedule.needsFrame(drawn: drawn, state: s))
    }

    @Test func aStoreChangeOrAFlashIsANewFrame() throws {
        let t = try TestStore()
        var s = loadedState(try t.rows())
        let drawn = s
        var rows = try t.rows()
        rows[0].status = .escalated
        rows[0].version += 1
        _ = reducer.update(&s, .queueLoaded(rows: rows, offset: 0, total: rows.count, refresh: true))
        #expect(IdleSchedule.needsFrame(drawn: drawn, state: s))
        #expect(!FrameDiff.plan(from: RootView.render(drawn, panels: reducer.panels),
                                to: RootView.render(s, panels: reducer.panels)).isEmpty)

        var f = loadedState(try t.rows())
        let before = f
        _ = reducer.update(&f, .togglePause)   // flashes "live refresh paused"
        #expect(f.flash != nil)
        #expect(IdleSchedule.needsFrame(drawn: before, state: f))
    }

    @Test func theLoopSleepsUntilSomethingCanChange() throws {
        var s = loadedState(try TestStore().rows())
        let start = minute(s.now) + 10
        s.lastPoll = start
        // Live: the poll is the next thing to do.
        #expect(abs(IdleSchedule.wait(s, now: start, jobsRunning: false) - AppState.pollInterval) < 1e-6)
        // Paused, nothing pending: until the minute turns, not ten times a second.
        s.live = false
        #expect(abs(IdleSchedule.wait(s, now: start, jobsRunning: false) - 50) < 1e-6)
        // A flash ends sooner.
        s.flash = Flash(text: "x", level: .info, expiresAt: start + 4)
        #expect(abs(IdleSchedule.wait(s, now: start, jobsRunning: false) - 4) < 1e-6)
        // Long work reports through an inbox: keep the 100 ms turn.
        #expect(IdleSchedule.wait(s, now: start, jobsRunning: true) == 0.1)
    }
}
