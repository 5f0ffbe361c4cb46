import Foundation

/// Long work shown on the bottom line while it runs off the UI thread.
public struct JobStatus: Equatable, Sendable {
    public var label: String
    public var detail: String = ""
    public var startedAt: Double
}

/// Runs long effects (export, bulk decisions, rescoring) on a worker thread, one at a time, so the
/// event loop keeps reading keys and drawing (Bubble Tea's commands): the work reports back only
/// through actions, which the loop collects with `drain()` on every turn (at least every 100 ms).
final class BackgroundJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var inbox: [Action] = []
    private var pending = 0
    private let queue = DispatchQueue(label: "vetdesk.console.jobs")
    private let group = DispatchGroup()

    /// Queues `work`; it calls `post` for progress and results, from the worker thread.
    func start(_ work: @escaping @Sendable (_ post: @escaping @Sendable (Action) -> Void) -> Void) {
        lock.withLock { pending += 1 }
        queue.async(group: group) { [self] in
            work { action in self.lock.withLock { self.inbox.append(action) } }
            lock.withLock { pending -= 1 }
        }
    }

    /// The actions posted since the last call, in order.
    func drain() -> [Action] {
        lock.withLock {
            defer { inbox.removeAll() }
            return inbox
        }
    }

    /// True while a job is queued or running, or its last actions wait to be drained: the loop
    /// then keeps its 100 ms turn (IdleSchedule).
    var busy: Bool { lock.withLock { pending > 0 || !inbox.isEmpty } }

    /// Blocks until every queued job has finished (tests, and the console on its way out).
    func waitUntilIdle() { group.wait() }
}
