import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// WAL checkpoints run beside a chunked login import (ImportCheckpointer): the importing connection
/// hands them to a thread of its own, the WAL stays bounded, everything is copied by the end, and the
/// connection gets SQLite's automatic checkpoint back. Chunks are cut by rows; nothing here is timed.
@Suite struct ImportCheckpointerTests {
    static let events = 12_000

    func files(_ h: ImportHarness) throws -> String {
        var candidates = "candidate_id,full_name,email,declared_country\n"
        for i in 0..<40 { candidates += "C-\(i),Person \(i),p\(i)@example.org,DE\n" }
        _ = try h.importer.importFile(path: h.write("candidates.csv", candidates), kind: nil)
        var logins = "event_id,source,occurred_at,account,ip,country,outcome,user_agent,session_id\n"
        for i in 0..<Self.events {
            logins += "e\(i),csv,2026-03-\(String(format: "%02d", 1 + i % 28))T\(String(format: "%02d", i % 24)):\(String(format: "%02d", i % 60)):00Z,"
            logins += "p\(i % 40)@example.org,85.1.\(i % 200).\(1 + i % 250),DE,success,Mozilla/5.0 (X11; Linux x86_64) build \(i),s-\(i)\n"
        }
        return try h.write("logins.csv", logins)
    }

    /// The store's -wal file size after each chunk, and the writer's `PRAGMA wal_autocheckpoint` after the import.
    func run(_ h: ImportHarness, _ pacing: ImportPacing, file: String) throws -> (walBytes: [Int], autocheckpoint: Int) {
        var sizes: [Int] = []
        var importer = h.importer
        var p = pacing
        p.betweenChunks = { _ in
            sizes.append((try? FileManager.default.attributesOfItem(atPath: h.store.path + "-wal")[.size] as? Int) ?? 0)
        }
        importer.pacing = p
        // The -wal file keeps its high-water mark: empty it first, so that the sizes are the import's.
        try h.store.pool.writeWithoutTransaction { _ = try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let report = try importer.importFile(path: file, kind: nil)
        #expect(report.inserted == Self.events)
        let auto = try h.store.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint")! }
        return (sizes, auto)
    }

    @Test func checkpointsBesideTheImportKeepTheWALBoundedAndCopyEverything() throws {
        let h = try ImportHarness()
        let file = try files(h)
        let pacing = ImportPacing(yieldSeconds: 0, rowsPerChunk: 300, backgroundCheckpoints: true, walCatchUpPages: 32)
        let (sizes, auto) = try run(h, pacing, file: file)
        #expect(sizes.count > 30, "chunks: \(sizes.count)")
        // The WAL starts again once it holds 32 pages (128 KB) and the copy has caught up: it never
        // holds more than that and a chunk or two. Never restarted, it would hold the whole import.
        let page = try h.store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size")! }
        let largest = sizes.max() ?? 0
        #expect(largest < 200 * page, "largest WAL \(largest) bytes: \(sizes.map { $0 / page })")
        // The writer's automatic checkpoint is back (the pragma reads 0 while another WAL hook is set).
        #expect(auto == 1000)
        try h.store.pool.writeWithoutTransaction { db in
            // Every committed frame was copied by the last checkpoint: nothing is left for this one.
            let r = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")!
            #expect((r[1] as Int) == (r[2] as Int), "log \(r[1] as Int), copied \(r[2] as Int)")
            #expect(try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") == Self.events)
        }
    }

    @Test func theSameImportWithTheWritersOwnCheckpointsStoresTheSameRows() throws {
        let a = try ImportHarness(), b = try ImportHarness()
        let pacing = ImportPacing(yieldSeconds: 0, rowsPerChunk: 300)
        var writer = pacing
        writer.backgroundCheckpoints = false
        _ = try run(a, pacing, file: files(a))
        _ = try run(b, writer, file: files(b))
        let tables = ["login_event", "login_ip_use", "login_day", "login_hour", "login_session", "login_device"]
        #expect(try a.snapshot(tables) == b.snapshot(tables))
    }

    @Test func aReaderHoldingASnapshotDoesNotStopTheImport() throws {
        // An analyst's long read pins the WAL: no restart while it lasts, yet the import finishes and
        // the frames are copied once the reader lets go.
        let h = try ImportHarness()
        let file = try files(h)
        let analyst = try Store(path: h.store.path)
        var importer = h.importer
        var held = false
        importer.pacing = ImportPacing(yieldSeconds: 0, rowsPerChunk: 300, betweenChunks: { chunk in
            guard chunk == 2, !held else { return }
            held = true
            // A read transaction on another connection, open across the following chunks.
            DispatchQueue.global().async {
                try? analyst.pool.read { db in
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event")
                    usleep(300_000)
                }
            }
            usleep(20_000)
        }, walCatchUpPages: 32)
        #expect(try importer.importFile(path: file, kind: nil).inserted == Self.events)
        try h.store.pool.write { db throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") == Self.events)
        }
    }
}
