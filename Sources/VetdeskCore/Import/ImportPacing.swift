import Foundation

/// How a login import shares the store's single writer lock with analysts
/// (docs/imports-and-locking.md): it commits whenever its transaction has been open for
/// `chunkSeconds`, then leaves the lock free for `yieldSeconds` so that a waiting decision or note
/// (whose busy handler retries every millisecond, see Store) gets in before the next chunk.
///
/// Measured (release, 2 loaded cores, 200k logins, 8 analysts deciding meanwhile): one transaction per
/// file gave a 7.6 s p99 decision (debug: 8 "database is locked" failures); 50 ms chunks gave a
/// p99 of 158-176 ms, 0 lock errors, and an import about as fast (9-10 s vs 8.7 s). The importer alone
/// pays about 16 % more CPU for chunking (debug). docs/imports-and-locking.md.
public struct ImportPacing {
    /// Longest time one import transaction holds the write lock (checked every few hundred rows).
    public var chunkSeconds: Double
    /// Pause between chunks, with no lock held; repeated while other connections commit in it (a
    /// waiting decision got in; more may be queued behind it), up to `longestYieldSeconds` in all.
    public var yieldSeconds: Double
    public var longestYieldSeconds: Double = 0.025
    /// Commit after this many rows instead of by time: chunk boundaries that do not depend on the
    /// machine's speed, for tests.
    public var rowsPerChunk: Int?
    /// Called between chunks, with no transaction open: `chunk` committed chunks so far. Tests use it
    /// to act while an import is provably mid-file; throwing aborts the import (rolled back).
    public var betweenChunks: ((_ chunk: Int) throws -> Void)?
    /// WAL checkpoints on a thread of their own (ImportCheckpointer) instead of SQLite's automatic
    /// ones on the importing connection.
    public var backgroundCheckpoints: Bool
    /// WAL pages past which the writer waits for the checkpoint in progress before its next chunk, so
    /// that the WAL starts again from its beginning: 8,192 pages of 4 KB, 32 MB.
    public var walCatchUpPages: Int32

    public init(chunkSeconds: Double = 0.05, yieldSeconds: Double = 0.002, rowsPerChunk: Int? = nil,
                betweenChunks: ((_ chunk: Int) throws -> Void)? = nil, backgroundCheckpoints: Bool = true,
                walCatchUpPages: Int32 = 8192) {
        self.chunkSeconds = chunkSeconds
        self.yieldSeconds = yieldSeconds
        self.rowsPerChunk = rowsPerChunk
        self.betweenChunks = betweenChunks
        self.backgroundCheckpoints = backgroundCheckpoints
        self.walCatchUpPages = walCatchUpPages
    }

    /// 50 ms chunks, 2 ms gaps: figures in docs/imports-and-locking.md. `VETDESK_IMPORT_CHUNK_MS`
    /// overrides the chunk length; `off` writes each file in one transaction, the behaviour before
    /// chunks, which `make bench` measures for comparison.
    /// `VETDESK_IMPORT_CHECKPOINTS=writer` leaves the checkpoints to SQLite on the importing connection
    /// (the behaviour before ImportCheckpointer), for side-by-side measurements.
    public static var standard: ImportPacing {
        let environment = ProcessInfo.processInfo.environment
        var pacing: ImportPacing = switch environment["VETDESK_IMPORT_CHUNK_MS"] {
        case "off"?: ImportPacing(chunkSeconds: .infinity)
        case let ms? where Double(ms).map({ $0 > 0 }) == true: ImportPacing(chunkSeconds: Double(ms)! / 1000)
        default: ImportPacing()
        }
        pacing.backgroundCheckpoints = environment["VETDESK_IMPORT_CHECKPOINTS"] != "writer"
        return pacing
    }
}
