import Foundation
import GRDB

/// A note being typed in the console, saved on every keystroke so a dropped SSH session or a
/// killed process loses nothing; restored at the analyst's next launch. One per analyst and candidate.
public struct DraftNote: Sendable, Equatable {
    public var analyst: String
    public var candidateId: String
    /// The dialog it belongs to: clear | escalate | note.
    public var action: String
    public var reasonCode: String?
    public var text: String
    public var updatedAt: Int64
    /// case_file.version the analyst was looking at (nil for a bulk dialog): a restored draft whose
    /// case has moved on since is shown as a conflict, like a live one.
    public var caseVersion: Int?

    public init(analyst: String, candidateId: String, action: String, reasonCode: String?, text: String,
                updatedAt: Int64, caseVersion: Int? = nil) {
        self.analyst = analyst; self.candidateId = candidateId; self.action = action
        self.reasonCode = reasonCode; self.text = text; self.updatedAt = updatedAt; self.caseVersion = caseVersion
    }
}

/// Draft notes live in a small SQLite file of their own, per OS user ($XDG_STATE_HOME/vetdesk/drafts.sqlite),
/// not in the store: no import or other writer of the store can make a keystroke wait
/// (docs/imports-and-locking.md). Drafts are keyed by the store's path as well, so two stores never mix.
public final class DraftBook: Sendable {
    public let path: String
    /// The store the drafts belong to (its resolved path).
    public let storeKey: String
    private let pool: DatabasePool

    public init(path: String, storePath: String) throws {
        self.path = path
        storeKey = URL(fileURLWithPath: storePath).standardizedFileURL.resolvingSymlinksInPath().path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        try Store.createOwnerOnly(path)
        var config = Configuration()
        config.busyMode = .timeout(2) // only the same user's other consoles write here
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-drafts") { db in
            try db.execute(sql: """
                CREATE TABLE draft (
                    store TEXT NOT NULL,
                    analyst TEXT NOT NULL,
                    candidate_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    reason_code TEXT,
                    text TEXT NOT NULL,
                    case_version INTEGER,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY(store, analyst, candidate_id)
                ) WITHOUT ROWID;
                """)
        }
        try migrator.migrate(pool)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, 0o600)
        }
    }

    /// The analyst's drafts file under the XDG state directory, for the store `paths` name.
    public static func standard(paths: StorePaths) throws -> DraftBook {
        try DraftBook(path: paths.stateDir + "/drafts.sqlite", storePath: paths.store)
    }

    /// Inserts or replaces the analyst's draft for the candidate.
    public func save(_ d: DraftNote) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO draft (store, analyst, candidate_id, action, reason_code, text, case_version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(store, analyst, candidate_id) DO UPDATE SET
                    action = excluded.action, reason_code = excluded.reason_code, text = excluded.text,
                    case_version = excluded.case_version, updated_at = excluded.updated_at
                """, arguments: [storeKey, d.analyst, d.candidateId, d.action, d.reasonCode, d.text, d.caseVersion,
                                 d.updatedAt])
        }
    }

    public func delete(analyst: String, candidateId: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM draft WHERE store = ? AND analyst = ? AND candidate_id = ?",
                           arguments: [storeKey, analyst, candidateId])
        }
    }

    /// The analyst's drafts for this store, most recently edited first.
    public func drafts(analyst: String) throws -> [DraftNote] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT analyst, candidate_id, action, reason_code, text, updated_at, case_version FROM draft
                WHERE store = ? AND analyst = ? ORDER BY updated_at DESC, candidate_id
                """, arguments: [storeKey, analyst]).map { row in
                DraftNote(analyst: row["analyst"], candidateId: row["candidate_id"], action: row["action"],
                          reasonCode: row["reason_code"], text: row["text"], updatedAt: row["updated_at"],
                          caseVersion: row["case_version"])
            }
        }
    }

    /// Moves drafts that earlier versions kept in the store's draft_note table into this file
    /// (they carry no case version). Writes the store only when there are some.
    public func adoptLegacyDrafts(from store: Store, analyst: String) throws {
        // On the writer (Store.readOnWriter): the console runs this right after its first frame, and
        // a reader connection opened only for it would parse the whole schema within that frame's time.
        let legacy = try store.readOnWriter { db in
            try Row.fetchAll(db, sql: """
                SELECT candidate_id, action, reason_code, text, updated_at FROM draft_note WHERE analyst = ?
                """, arguments: [analyst])
        }
        guard !legacy.isEmpty else { return }
        let mine = Set(try drafts(analyst: analyst).map(\.candidateId))
        for row in legacy where !mine.contains(row["candidate_id"]) {
            try save(DraftNote(analyst: analyst, candidateId: row["candidate_id"], action: row["action"],
                               reasonCode: row["reason_code"], text: row["text"], updatedAt: row["updated_at"]))
        }
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM draft_note WHERE analyst = ?", arguments: [analyst])
        }
    }
}

extension Store {
    /// The candidate's display name, for titles (nil when unknown).
    public func candidateName(_ id: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT full_name FROM candidate WHERE id = ?", arguments: [id])
        }
    }
}
