import Foundation
import GRDB
import GRDBSQLite

/// Copies an import's WAL frames into the database file on a connection and thread of its own, so
/// that the importing thread does not.
///
/// With SQLite's automatic checkpoint, the commit that takes the WAL past 1,000 pages copies them into
/// the database file on the committing connection: for a login import that was the writing thread,
/// whose time is the import's wall time. Profiled on 1M sign-ins (session 10, `perf record`): the
/// automatic checkpoint was 13 % of all samples (mostly `pwrite`), a fifth of the writing thread,
/// while the second core had room. Here the writer connection's WAL hook only tells this thread that a
/// chunk was committed; the thread runs a PASSIVE checkpoint (it never waits for readers or the writer)
/// while the writer fills the next chunk.
///
/// The WAL restarts from its start only when a write transaction begins on a fully copied WAL. Copying
/// beside the writer, that is never the case by itself, so once the WAL holds `catchUpPages` the writer
/// waits for the copy in progress before its next chunk (`catchUp`), and the WAL stays bounded. Readers
/// holding old snapshots (an analyst's long query) stop a restart, as they stop the automatic one.
/// Figures: docs/performance.md, "Checkpoints beside the import (session 10)".
final class ImportCheckpointer: @unchecked Sendable {
    private let connection: OpaquePointer
    private let catchUpPages: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested = false
    private var running = false
    private var stopping = false
    private var finished = false
    private var walPages: Int32 = 0
    private var writer: OpaquePointer?
    private var writerAutocheckpoint: Int32 = 1000

    /// nil when a second connection cannot be opened (the writer then keeps its automatic checkpoints).
    init?(path: String, catchUpPages: Int32) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle else {
            if let handle { sqlite3_close(handle) }
            return nil
        }
        sqlite3_exec(handle, "PRAGMA synchronous = NORMAL", nil, nil, nil)
        connection = handle
        self.catchUpPages = catchUpPages
        let thread = Thread { [self] in loop() }
        thread.name = "vetdesk-checkpoint"
        thread.start()
    }

    /// Takes over `db`'s checkpoints: its WAL hook (which carried the automatic checkpoint) now wakes
    /// this thread. `detach` gives the automatic checkpoint back with its page count.
    func attach(_ db: Database) throws {
        writerAutocheckpoint = Int32(try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000)
        writer = db.sqliteConnection
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
            Unmanaged<ImportCheckpointer>.fromOpaque(context!).takeUnretainedValue().committed(walPages: pages)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Restores the writer's automatic checkpoint, copies what is left and stops the thread.
    func stop() {
        if let writer { sqlite3_wal_autocheckpoint(writer, writerAutocheckpoint) }
        condition.lock()
        stopping = true
        requested = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Called by the writer between chunks, with no transaction open: waits for the copy in progress
    /// once the WAL is large, so that the next chunk starts it again from the beginning.
    func catchUp() {
        condition.lock()
        if walPages >= catchUpPages {
            while requested || running { condition.wait() }
        }
        condition.unlock()
    }

    private func committed(walPages pages: Int32) {
        condition.lock()
        walPages = pages
        requested = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while true {
            while !requested { condition.wait() }
            requested = false
            running = true
            let last = stopping
            condition.unlock()
            // PASSIVE: copies what no reader still needs, without waiting; SQLITE_BUSY (another
            // connection's checkpoint holds the lock) leaves the frames to the next request.
            var log: Int32 = 0, copied: Int32 = 0
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
            condition.lock()
            running = false
            condition.broadcast()
            if last { break }
        }
        condition.unlock()
        sqlite3_close(connection)
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
