import Dispatch
import Foundation

/// A value computed on another thread while the caller goes on, or one already at hand. A full
/// rescore uses it for its chunks (one in flight per core, on the pool's read connections, the oldest
/// written meanwhile on the writer connection) and for the plan's link index: loading is mostly SQLite
/// stepping on one thread, so this is what puts the second core to work (docs/performance.md, "Full
/// rescore (session 5)"). An import uses it to hash its file while the file is imported.
final class Awaited<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var result: Result<Value, Error>?
    private var took = 0.0
    /// Seconds the job took on its thread (0 for a value at hand or a job still running).
    var seconds: Double { lock.withLock { took } }

    init(value: Value) { result = .success(value) }

    /// Starts `job` on the global queue, never on the caller's thread: the caller may be inside a GRDB
    /// writer closure, where a pool read would be reentrant.
    init(_ job: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            let clock = PhaseClock()
            let r = Result { try job() }
            let s = clock.seconds
            self.lock.withLock { self.result = r; self.took = s }
        }
    }

    /// Waits for the job: its value or its error.
    func get() throws -> Value {
        group.wait()
        return try lock.withLock { try result!.get() }
    }
}
