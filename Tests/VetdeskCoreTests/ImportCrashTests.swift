import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A real `vetdesk import` process killed with SIGKILL in the middle of a login file leaves
/// nothing of that file behind: its committed chunks are rolled back by import run when the store
/// is next opened.
@Suite struct ImportCrashTests {
    @Test func sigkillMidImportLeavesNoPartialData() throws {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        let dir = NSTemporaryDirectory() + "vetdesk-crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let storePath = dir + "/s.sqlite"

        var candidates = "candidate_id,full_name,email,declared_country\n"
        for i in 0..<50 { candidates += "C-\(i),Person \(i),p\(i)@example.org,DE\n" }
        try candidates.write(toFile: dir + "/candidates.csv", atomically: true, encoding: .utf8)
        // Large enough that a debug build needs several seconds for it.
        var logins = "event_id,source,occurred_at,account,ip,country,outcome\n"
        logins.reserveCapacity(400_000 * 80)
        for i in 0..<400_000 {
            logins += "e\(i),csv,2026-03-\(String(format: "%02d", 1 + i % 28))T0\(i % 10):00:00Z,p\(i % 50)@example.org,"
            logins += "85.\(i % 200).\((i / 200) % 250).\(1 + i % 250),DE,success\n"
        }
        try logins.write(toFile: dir + "/logins.csv", atomically: true, encoding: .utf8)

        let first = try CaseBinary.run(binary, ["import", "--store", storePath, dir + "/candidates.csv"])
        #expect(first.status == 0, "\(first.stderr)")

        let run = try CaseBinary.start(binary, ["import", "--store", storePath, "--no-rescore", dir + "/logins.csv"])
        // Kill once the import has committed some of its chunks (docs/imports-and-locking.md): then
        // only the start-up rollback by import run, not SQLite's own, can leave nothing behind.
        let watcher = try DatabaseQueue(path: storePath)
        let committed = waitUntil(seconds: 120) {
            ((try? watcher.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_chunk") }) ?? 0) > 2
        }
        try watcher.close()
        #expect(committed, "the import never committed a chunk")
        kill(run.process.processIdentifier, SIGKILL)
        let out = try run.finish()
        #expect(run.process.terminationReason == .uncaughtSignal && out.status == SIGKILL,
                "the import finished before the kill, so this test proved nothing: \(out.stdout)")

        let store = try Store(path: storePath)
        let (events, ipUse, days, logs, integrity) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM login_ip_use") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM login_day") ?? -1,
             try String.fetchAll(db, sql: "SELECT kind FROM import_log ORDER BY id"),
             try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(events == 0)
        #expect(ipUse == 0 && days == 0)
        #expect(logs == ["candidates"])
        #expect(integrity == ["ok"])
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM import_run") } == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".import-") }
        #expect(leftovers.isEmpty, "the dead import's lock file is removed: \(leftovers)")
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") } == 50)
    }

    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return false
    }
}
