import Dispatch
import Foundation

/// Maps a pure function over an array on all cores, in contiguous chunks, keeping the order.
/// Rule evaluation is pure (a `RuleContext` in, flags out) and was the largest CPU phase of a full
/// rescore (2-2.5 s of ~6.5 s for 100k candidates on one core), so it is split across the cores.
enum ParallelMap {
    /// Arrays shorter than `minChunk` per worker are mapped on the calling thread.
    static func map<Element: Sendable, Result: Sendable>(_ items: [Element], minChunk: Int = 1024,
                                                         _ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        map(items, minChunk: minChunk, worker: { transform })
    }

    /// `worker` is called once per thread to make that thread's transform, so that threads do not
    /// share mutable reference counts (a per-thread RuleEngine, for instance).
    static func map<Element: Sendable, Result: Sendable>(_ items: [Element], minChunk: Int = 1024,
                                                         worker: @Sendable () -> (Element) -> Result) -> [Result] {
        let count = items.count
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, count / max(minChunk, 1))
        guard workers > 1 else { return items.map(worker()) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = SharedOutput(base: buffer.baseAddress!)
            // Each worker initialises its own disjoint index range; nothing else touches the buffer
            // until concurrentPerform has returned.
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let transform = worker()
                let lower = count * w / workers, upper = count * (w + 1) / workers
                items.withUnsafeBufferPointer { items in
                    for i in lower..<upper { (output.base + i).initialize(to: transform(items[i])) }
                }
            }
            initialized = count
        }
    }
}

private struct SharedOutput<Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>
}
