import Foundation

/// Adds a written batch's new events to the summary counts on a thread of its own, while the writing
/// thread maps and inserts the next batch (issue 13, session 7).
///
/// Why: the writing thread is what a sign-in import waits for (85 % of its samples, session 6), and
/// counting an event for five summary tables (hashing its keys, a String per session, locale and
/// device) was ~9 % of that thread; SQLite is most of the rest and cannot move. Here that counting
/// runs beside the next batch's inserts; the writing thread only hands the batch over.
///
/// One batch at a time: `add` waits until the previous batch is counted, so at most one batch more is
/// alive than before. The counts and the touched set belong to this thread while a batch is counted;
/// the writing thread reads or clears them only after `waitIdle` (the lock orders the two), which is
/// when it writes the summaries (LoginSummaryStore.add) or forgets interned candidates.
final class LoginSummaryWorker: @unchecked Sendable {
    /// One written batch: per event its interned candidate (-1 unmapped), interned IP, resolved country,
    /// and whether the insert stored it (false: a duplicate, not counted).
    struct Job: Sendable {
        let batch: LoginBatch
        let candidate: [Int], ipIndex: [Int], country: [String], inserted: [Bool]
    }

    private let condition = NSCondition()
    private var job: Job?
    private var busy = false
    private var stopped = false
    private var thread: Thread?

    /// The counts (only the count dictionaries are used: names are interned on the writing thread).
    private var counts = LoginSummaries()
    /// Interned candidates that received a new event (to be queued for rescoring).
    private var touched = Set<Int>()
    private var rowsPending = 0

    init() {
        let thread = Thread { self.loop() } // holds the worker until `stop`
        thread.name = "vetdesk-login-summaries"
        self.thread = thread
        thread.start()
    }

    /// Hands a written batch over; waits first while the previous one is being counted.
    func add(_ job: Job) {
        condition.lock(); defer { condition.unlock() }
        while busy { condition.wait() }
        self.job = job
        busy = true
        condition.broadcast()
    }

    /// Summary rows held after the last batch counted, without waiting for the one in hand.
    var pendingRowsSoFar: Int {
        condition.lock(); defer { condition.unlock() }
        return rowsPending
    }

    /// Runs `body` with the counts and touched set once every batch handed over is counted; no batch
    /// is counted meanwhile (the writing thread is the only one to call `add`).
    func whenIdle<T>(_ body: (inout LoginSummaries, inout Set<Int>) throws -> T) rethrows -> T {
        condition.lock()
        while busy { condition.wait() }
        condition.unlock()
        defer {
            condition.lock(); rowsPending = counts.pendingRows; condition.unlock()
        }
        return try body(&counts, &touched)
    }

    /// Ends the thread (after the batch in hand, if any); the owner must call it, on errors too.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while job == nil && !stopped { condition.wait() }
            guard let job = self.job else { condition.unlock(); return }
            self.job = nil
            condition.unlock()

            count(job)

            condition.lock()
            rowsPending = counts.pendingRows
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    private func count(_ job: Job) {
        let batch = job.batch
        // Devices repeat from one sign-in to the next: the previous event's String is reused.
        var lastDevice = -1, device: String? = nil
        for (i, new) in job.inserted.enumerated() where new {
            let c = job.candidate[i]
            guard c >= 0 else { continue }
            touched.insert(c)
            if lastDevice < 0 || !batch.same(i, lastDevice, .deviceId) { device = batch.text(i, .deviceId) }
            lastDevice = i
            counts.add(at: batch.occurredAt[i], candidate: c, ip: job.ipIndex[i], country: job.country[i],
                       session: batch.text(i, .sessionId), locale: batch.text(i, .locale), device: device,
                       managed: batch.deviceManaged(i))
        }
    }
}
