import Foundation

/// Reads and parses records on a second thread while the calling thread writes the previous
/// batch to the store: parsing (CSV/JSON, UTF-8 validation, strings, timestamps) is about half of
/// a login import's CPU, so on two cores the two halves overlap instead of adding up.
///
/// `produce` (and whatever reader it drives) is used only by the reading thread, which has
/// ended and released it before `run` returns, whether it returns or throws. A `produce` error
/// reaches `consume`'s side after the batches read before it, so an import still fails at the
/// record it names and writes nothing; an error in `consume` stops the reader.
enum PrefetchingReader {
    static func run<Record: Sendable>(batchSize: Int, depth: Int = 3, produce: () throws -> Record?,
                                      consume: ([Record]) throws -> Void) throws {
        try runOwned(batchSize: batchSize, depth: depth, produce: produce, consume: { try consume($0) })
    }

    /// The same, handing each batch over for good (`inout`, uniquely referenced): the consumer can
    /// move records out (popLast) instead of copying them, which retains every string of a record.
    static func runOwned<Record: Sendable>(batchSize: Int, depth: Int = 3, produce: () throws -> Record?,
                                           consume: (inout [Record]) throws -> Void) throws {
        try withoutActuallyEscaping(produce) { produce in
            let channel = BatchChannel<Record>(depth: depth)
            let source = ProducerBox(produce)
            let thread = Thread {
                defer {
                    source.produce = nil // released here, before run can return (withoutActuallyEscaping)
                    channel.producerExited()
                }
                do {
                    while !channel.isCancelled, let produce = source.produce {
                        var batch: [Record] = []
                        batch.reserveCapacity(batchSize)
                        while batch.count < batchSize, let r = try produce() { batch.append(r) }
                        let atEnd = batch.count < batchSize
                        if !batch.isEmpty { channel.put(batch) }
                        if atEnd { break }
                    }
                } catch {
                    channel.fail(error)
                }
            }
            thread.stackSize = 16 << 20 // JSON parsing recurses; secondary threads default to 512 KiB
            thread.start()
            defer {
                channel.cancel()
                channel.waitForProducer()
            }
            while var batch = try channel.take() { try consume(&batch) }
        }
    }
}

/// Holds the non-Sendable producer closure for the reading thread, which alone calls it.
private final class ProducerBox<Record>: @unchecked Sendable {
    var produce: (() throws -> Record?)?
    init(_ produce: @escaping () throws -> Record?) { self.produce = produce }
}

/// A bounded queue of batches between the reading thread and the writer, guarded by one condition.
private final class BatchChannel<Record: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Record]] = []
    private var failure: (any Error)?
    private var finished = false
    private var cancelled = false
    private let depth: Int

    init(depth: Int) { self.depth = depth }

    var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }

    /// Blocks while `depth` batches wait; drops the batch if the consumer has gone.
    func put(_ batch: [Record]) {
        condition.lock(); defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        if !cancelled { queue.append(batch) }
        condition.broadcast()
    }

    func fail(_ error: any Error) {
        condition.lock(); defer { condition.unlock() }
        failure = error
        condition.broadcast()
    }

    func producerExited() {
        condition.lock(); defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// The next batch; nil at the end; the reader's error once the batches before it are taken.
    func take() throws -> [Record]? {
        condition.lock(); defer { condition.unlock() }
        while queue.isEmpty && !finished && failure == nil { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        queue.removeAll()
        condition.broadcast()
    }

    func waitForProducer() {
        condition.lock(); defer { condition.unlock() }
        while !finished { condition.wait() }
    }
}
