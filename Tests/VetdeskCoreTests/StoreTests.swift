import Foundation
import Synchronization
import Testing
@testable import VetdeskCore

@Suite struct StoreTests {
    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "vetdesk-store-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func storeFileIsOwnerOnly() throws {
        let path = Self.tempDir() + "/sub/store.sqlite"
        _ = try Store(path: path)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        #expect((dirAttrs[.posixPermissions] as? Int) == 0o700)
    }

    @Test func concurrentOpensOfANewFileMigrateOnce() throws {
        let path = Self.tempDir() + "/store.sqlite"
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { _ = try Store(path: path) } catch { errors.withLock { $0.append("\(error)") } }
        }
        #expect(errors.withLock { $0 } == [])
        let store = try Store(path: path)
        let tables = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("candidate"))
        #expect(tables.contains("history"))
    }

    @Test func walModeAndAppendOnlyHistory() throws {
        let store = try Store(path: Self.tempDir() + "/s.sqlite")
        let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO history (candidate_id, at, analyst, action, note, prev_hash, hash)
                VALUES ('C1', 0, 'a', 'note', 'n', '', 'h')
                """)
        }
        #expect(throws: (any Error).self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE history SET note = 'x'") }
        }
        #expect(throws: (any Error).self) {
            try store.pool.write { db in try db.execute(sql: "DELETE FROM history") }
        }
    }

    @Test func pathsFollowXDGAndOverrides() {
        let env = ["HOME": "/home/a", "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "/c"]
        #expect(StorePaths.resolve(environment: env).store == "/d/vetdesk/store.sqlite")
        #expect(StorePaths.resolve(environment: env).rulesFile == "/c/vetdesk/rules.yaml")
        #expect(StorePaths.resolve(environment: ["HOME": "/home/a"]).store == "/home/a/.local/share/vetdesk/store.sqlite")
        #expect(StorePaths.resolve(environment: env.merging(["VETDESK_STORE": "/x.sqlite"]) { $1 }).store == "/x.sqlite")
        #expect(StorePaths.resolve(explicitStore: "/y.sqlite", environment: env.merging(["VETDESK_STORE": "/x.sqlite"]) { $1 }).store == "/y.sqlite")
    }

    @Test func dataVersionSeesOtherConnectionsCommits() throws {
        let path = Self.tempDir() + "/s.sqlite"
        let a = try Store(path: path)
        let b = try Store(path: path)
        let before = try a.dataVersion()
        try b.pool.write { db in try db.execute(sql: "INSERT INTO dirty_candidate VALUES ('C9')") }
        #expect(try a.dataVersion() != before)
    }
}
