import Foundation
import GRDB

/// The contractor store: one SQLite file in WAL mode, shared safely by several processes
/// (console sessions, importers, CLI). All SQL lives under Store/.
public final class Store: Sendable {
    public let path: String
    public let pool: DatabasePool

    /// `readOnly`: for someone who may read but not write the store (a team observer without write
    /// permission): nothing is created, chmod'ed or migrated, and SQLite opens it read-only.
    /// `busyTimeout`: how long a write waits for another connection's write lock before failing
    /// with "database is locked" (tests pass 0 to prove that nothing holds it).
    public init(path: String, readOnly: Bool = false, busyTimeout: Double = 10) throws {
        self.path = path
        if readOnly {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: config)
            return
        }
        // Owner-only, or group read-write in a team folder (TeamPolicy).
        let mode = TeamPolicy.fileMode(storePath: path)
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        try Store.createOwnerOnly(path, mode: mode)
        var config = Configuration()
        // Retry every millisecond instead of SQLite's backoff (up to 100 ms between tries): a chunked
        // import leaves the lock free for 2 ms between chunks, and a decision must get in there
        // (docs/imports-and-locking.md).
        let tries = Int(busyTimeout * 1000)
        config.busyMode = .callback { n in
            guard n < tries else { return false }
            usleep(1000)
            return true
        }
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Several processes may open a new file at once: switching it to WAL and migrating
        // both need the file to themselves (seen: "database is locked" on PRAGMA journal_mode),
        // so both happen under an exclusive lock on a side file.
        pool = try Store.withFileLock(path + ".lock", mode: mode) {
            let pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator().migrate(pool)
            return pool
        }
        for suffix in ["-wal", "-shm", ".lock"] where FileManager.default.fileExists(atPath: path + suffix) {
            chmod(path + suffix, mode)   // fails harmlessly on another team member's file
        }
        try ImportRecovery.rollBackAbandoned(self) // imports whose process died mid-file
    }

    /// Creates the file (if absent) with mode 0600 before SQLite does, so the data is never world-readable.
    /// Only ever opens a file it creates (O_EXCL): opening and closing an existing store file would drop
    /// every POSIX lock this process's other SQLite connections hold on it, and another process could then
    /// checkpoint and delete the WAL under them ("disk I/O error").
    static func createOwnerOnly(_ path: String, mode: mode_t = 0o600) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR, mode)
        guard fd >= 0 else {
            if errno == EEXIST { chmod(path, mode); return }
            throw VetdeskError.io("cannot create store at \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
        chmod(path, mode)
    }

    static func withFileLock<T>(_ lockPath: String, mode: mode_t = 0o600, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_CREAT | O_RDWR, mode)
        guard fd >= 0 else { throw VetdeskError.io("cannot open lock file \(lockPath)") }
        fchmod(fd, mode)   // past the umask; fails harmlessly on another team member's file
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw VetdeskError.io("cannot lock \(lockPath)") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Reads in one snapshot (a deferred transaction) on the writer connection, which the migration
    /// check has already opened (a read-only store, which skips that check, opens it here). For what a process reads right after opening the store (abandoned
    /// imports, the console's first page and counts): a first pool read opens a reader connection,
    /// which parses the store's ~130 schema objects again, ~2.7 ms of a ~50 ms console start (perf
    /// and sqlite3 on the 100k bench store, 2026-11-30). A WAL read takes no write lock, so this does
    /// not wait for another process's import; in this process it queues only behind this connection's
    /// own writes.
    func readOnWriter<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.deferred) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// SQLite's data_version for this process's writer connection: it changes whenever
    /// *another* connection commits. ValueObservation cannot see other processes' commits.
    public func dataVersion() throws -> Int {
        try pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
    }
}
