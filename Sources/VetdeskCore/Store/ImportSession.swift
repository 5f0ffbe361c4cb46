import Foundation
import GRDB

/// One import file's writes as a series of short IMMEDIATE transactions on the store's writer
/// connection (docs/imports-and-locking.md). The first transaction registers an `import_run` row
/// owned by a lock file this process holds; every commit before the last records the login_event
/// ids it inserted in `import_chunk`; the last transaction (the publish step) writes import_log and
/// deletes the run's bookkeeping. On an error the chunks are undone here (ImportRollback); if the
/// process dies, the next Store opened on the file undoes them (ImportRecovery).
/// Importers that never call `checkpoint()` (all but logins) keep one transaction per file.
final class ImportSession {
    let db: Database
    private(set) var runId: Int64 = 0
    private(set) var chunks = 0
    private let pacing: ImportPacing
    private var began = DispatchTime.now()
    private var firstEventId: Int64 = 0
    private var firstTransferId: Int64 = 0
    private var rowsInChunk = 0
    private var calls = 0

    private let checkpointer: ImportCheckpointer?

    private init(db: Database, pacing: ImportPacing, checkpointer: ImportCheckpointer?) {
        self.db = db
        self.pacing = pacing
        self.checkpointer = checkpointer
    }

    /// Runs `body` in the session and publishes (commits the last chunk) when it returns.
    static func run<T>(store: Store, fileName: String, kind: String, now: Int64, pacing: ImportPacing,
                       _ body: (ImportSession) throws -> T) throws -> T {
        let owner = try ImportOwnerLock(storePath: store.path)
        defer { owner.release() }
        return try store.pool.writeWithoutTransaction { db in
            // A larger page cache for the import: with SQLite's default 2 MB, index pages spill to the
            // WAL over and over (1M logins: 11 s of system time instead of 1.5 s). 64 MB, not more: with
            // the compact, batch-sorted event key (LoginEventKey) a 1M-row login import ran at 1.5 s
            // system time and 227 MB max RSS with 64 MB, vs 2.0 s and 437 MB with 256 MB. Restored after.
            // Session 4: 32 MB. At 5M rows the import peaked at 219 MB (make bench), the page cache
            // being 70 MB of a 152 MB heap (heaptrack, 1M rows); figures for 32 vs 64 MB in
            // docs/performance.md ("Import memory").
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -32768")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }

            // WAL checkpoints on their own thread while the file is written (ImportCheckpointer).
            let checkpointer = pacing.backgroundCheckpoints
                ? ImportCheckpointer(path: store.path, catchUpPages: pacing.walCatchUpPages) : nil
            defer { checkpointer?.stop() }
            try checkpointer?.attach(db)

            let session = ImportSession(db: db, pacing: pacing, checkpointer: checkpointer)
            do {
                try session.begin()
                try db.execute(sql: "INSERT INTO import_run (file_name, kind, started_at, owner) VALUES (?, ?, ?, ?)",
                               arguments: [fileName, kind, now, owner.token])
                session.runId = db.lastInsertedRowID
                let result = try body(session)
                try db.execute(sql: "DELETE FROM import_chunk WHERE import_id = ?", arguments: [session.runId])
                try db.execute(sql: "DELETE FROM import_transfer_chunk WHERE import_id = ?", arguments: [session.runId])
                try db.execute(sql: "DELETE FROM import_run WHERE id = ?", arguments: [session.runId])
                try db.commit()
                return result
            } catch {
                if db.isInsideTransaction { try? db.rollback() }
                // Nothing of the run was committed unless a chunk was; then undo the chunks now (if that
                // fails too, the next start-up does it: the owner lock is released when we return).
                if session.chunks > 0 { try? ImportRollback.rollBack(db, runId: session.runId) }
                throw error
            }
        }
    }

    /// Commits the open chunk when it has held the write lock for `chunkSeconds`, lets waiting
    /// writers in, and opens the next one. Cheap enough to call before every row (a clock read).
    func checkpoint() throws {
        if let rows = pacing.rowsPerChunk {
            rowsInChunk += 1
            guard rowsInChunk >= rows else { return }
        } else {
            // The clock every 16th row only: read on every row it was 2.6 % of a 500k-row login
            // import; 16 rows are a few tens of microseconds past the chunk's end at most.
            calls &+= 1
            guard calls & 15 == 0 else { return }
            let held = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9
            guard held >= pacing.chunkSeconds else { return }
        }
        let lastEventId = try maxEventId()
        if lastEventId >= firstEventId {
            try db.execute(sql: "INSERT INTO import_chunk (import_id, first_event_id, last_event_id) VALUES (?, ?, ?)",
                           arguments: [runId, firstEventId, lastEventId])
        }
        try TransferChunkSchema.record(db, runId: runId, first: firstTransferId)
        try db.commit()
        chunks += 1
        try pacing.betweenChunks?(chunks)
        if pacing.yieldSeconds > 0 { try yieldToOtherWriters() }
        checkpointer?.catchUp()
        try begin()
    }

    /// Leaves the write lock free for `yieldSeconds`, and again as long as another connection committed
    /// in the last gap, up to `longestYieldSeconds`. With one gap per chunk, eight analysts deciding in
    /// a loop got one or two decisions in per gap and the rest waited a whole chunk more: once the
    /// checkpoints left the importing thread (ImportCheckpointer), its gaps were only the 2 ms, and the
    /// p99 decision rose from ~97 to 150-167 ms side by side (docs/performance.md, session 10).
    private func yieldToOtherWriters() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        var version = try Int.fetchOne(db, sql: "PRAGMA data_version")
        while true {
            usleep(UInt32(pacing.yieldSeconds * 1e6))
            let now = try Int.fetchOne(db, sql: "PRAGMA data_version")
            if now == version { return }
            version = now
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 >= pacing.longestYieldSeconds { return }
        }
    }

    private func begin() throws {
        rowsInChunk = 0
        try db.beginTransaction(.immediate)
        began = DispatchTime.now()
        firstEventId = try maxEventId() + 1
        firstTransferId = try TransferChunkSchema.maxId(db) + 1
    }

    private func maxEventId() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM login_event") ?? 0
    }
}

/// The lock file that shows an import's owner is alive: held (flock) from before its import_run row
/// is committed until after it is deleted, and released by the kernel if the process dies.
struct ImportOwnerLock {
    let token: String
    let path: String
    private let fd: Int32

    init(storePath: String) throws {
        token = UUID().uuidString.lowercased()
        path = Self.path(storePath: storePath, token: token)
        fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw VetdeskError.io("cannot create import lock \(path)") }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw VetdeskError.io("cannot lock \(path)")
        }
    }

    static func path(storePath: String, token: String) -> String { "\(storePath).import-\(token).lock" }

    func release() {
        unlink(path)
        close(fd)
    }
}
