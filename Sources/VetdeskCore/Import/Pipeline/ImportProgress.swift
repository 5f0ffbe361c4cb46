import Foundation

/// Counts an import publishes while it reads (records, skipped by reason, bytes), for a progress
/// display on another thread. The reading thread updates it every few hundred records; readers take
/// a snapshot. A lock rather than atomics: updates are rare enough not to matter.
public final class ImportProgress: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var file = ""
        public var records = 0
        public var skipped = 0
        public var rejected = 0
        public var bytesRead = 0
        public var fileSize = 0
        /// "hashing", "reading", "writing": what the import is doing.
        public var phase = "reading"
    }

    private let lock = NSLock()
    private var state = Snapshot()

    public init() {}

    public var snapshot: Snapshot {
        lock.lock(); defer { lock.unlock() }
        return state
    }

    func update(_ body: (inout Snapshot) -> Void) {
        lock.lock(); defer { lock.unlock() }
        body(&state)
    }
}

/// Counts records as they pass from a reader to an import, publishing every `every` records.
final class ProgressCounter {
    private let progress: ImportProgress?
    private let bytes: () -> Int
    private var records = 0, skipped = 0, rejected = 0
    private let every = 512

    init(_ progress: ImportProgress?, bytes: @escaping () -> Int) {
        self.progress = progress
        self.bytes = bytes
    }

    func record(skipped isSkipped: Bool = false) {
        records += 1
        if isSkipped { skipped += 1 }
        if records % every == 0 { publish() }
    }

    func rejected(_ n: Int) { rejected = n }

    func publish(phase: String? = nil) {
        guard let progress else { return }
        let (r, s, j, b) = (records, skipped, rejected, bytes())
        progress.update {
            $0.records = r; $0.skipped = s; $0.rejected = j; $0.bytesRead = b
            if let phase { $0.phase = phase }
        }
    }
}
