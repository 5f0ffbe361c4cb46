import Foundation
import GRDB

/// Undoes an unpublished chunked import (docs/imports-and-locking.md), itself in short transactions,
/// each of which leaves the bookkeeping consistent, so that it can stop anywhere and be resumed:
/// 1. per chunk: note the candidates of its events in import_rebuild, delete the events and the chunk;
/// 2. per few candidates: rebuild their login summaries from the events left, queue them for rescoring;
/// 3. delete the import_run row.
/// ip_info rows the import added stay: they are a cache of what libloc says about an IP.
enum ImportRollback {
    static func rollBack(_ db: Database, runId: Int64) throws {
        while try step(db, { db in
            guard let chunk = try Row.fetchOne(db, sql: """
                SELECT rowid, first_event_id, last_event_id FROM import_chunk WHERE import_id = ? LIMIT 1
                """, arguments: [runId]) else { return false }
            let range: [DatabaseValueConvertible] = [chunk[1] as Int64, chunk[2] as Int64]
            try db.execute(sql: """
                INSERT OR IGNORE INTO import_rebuild (import_id, candidate_id)
                    SELECT DISTINCT ?, candidate_id FROM login_event
                    WHERE id BETWEEN ? AND ? AND candidate_id IS NOT NULL
                """, arguments: StatementArguments([runId] + range))
            try db.execute(sql: "DELETE FROM login_event WHERE id BETWEEN ? AND ?", arguments: StatementArguments(range))
            try db.execute(sql: "DELETE FROM import_chunk WHERE rowid = ?", arguments: [chunk[0] as Int64])
            return true
        }) {}
        while try step(db, { db in try TransferChunkSchema.rollBackOne(db, runId: runId) }) {}
        let summaries = LoginSummaryStore(db: db)
        while try step(db, { db in
            let ids = try String.fetchAll(db, sql: "SELECT candidate_id FROM import_rebuild WHERE import_id = ? LIMIT 16",
                                          arguments: [runId])
            guard !ids.isEmpty else { return false }
            for id in ids {
                try summaries.rebuild(candidateId: id)
                try TransferDayStore(db: db).rebuild(candidateId: id)
                try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate (candidate_id) VALUES (?)", arguments: [id])
                try db.execute(sql: "DELETE FROM import_rebuild WHERE import_id = ? AND candidate_id = ?",
                               arguments: [runId, id])
            }
            return true
        }) {}
        _ = try step(db) { db in
            try db.execute(sql: "DELETE FROM import_run WHERE id = ?", arguments: [runId])
            return false
        }
    }

    /// One IMMEDIATE transaction; returns what `body` returns (true: more to do).
    private static func step(_ db: Database, _ body: (Database) throws -> Bool) throws -> Bool {
        var more = false
        try db.inTransaction(.immediate) {
            more = try body(db)
            return .commit
        }
        return more
    }
}

/// Start-up recovery: rolls back every import whose owner process is gone (its lock file is
/// missing or no longer locked). Imports still running elsewhere are left alone.
enum ImportRecovery {
    static func rollBackAbandoned(_ store: Store) throws {
        let runs = try store.readOnWriter { db in
            try Row.fetchAll(db, sql: "SELECT id, owner FROM import_run ORDER BY id").map { ($0[0] as Int64, $0[1] as String) }
        }
        for (id, owner) in runs {
            // The token names a file beside the store: anything but a plain token is not ours to touch.
            guard !owner.isEmpty, owner.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { continue }
            let path = ImportOwnerLock.path(storePath: store.path, token: owner)
            let fd = open(path, O_RDWR)
            if fd >= 0 {
                defer { close(fd) }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue } // the importer is alive
                try store.pool.writeWithoutTransaction { db in try ImportRollback.rollBack(db, runId: id) }
                unlink(path)
            } else {
                try store.pool.writeWithoutTransaction { db in try ImportRollback.rollBack(db, runId: id) }
            }
        }
        removeStaleLocks(storePath: store.path)
    }

    /// Lock files of imports that died before their first chunk committed (no import_run row names
    /// them): removed when nobody holds them.
    static func removeStaleLocks(storePath: String) {
        let dir = (storePath as NSString).deletingLastPathComponent
        let prefix = (storePath as NSString).lastPathComponent + ".import-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".lock") {
            let path = (dir.isEmpty ? "" : dir + "/") + name
            let fd = open(path, O_RDWR | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
            close(fd)
        }
    }
}
