import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Login imports commit in short chunks (docs/imports-and-locking.md): analysts write between them,
/// and a file that fails or whose process dies is rolled back to nothing. Chunks are cut by rows
/// (rowsPerChunk) and every check runs inside the between-chunks hook, so nothing here is timed.
@Suite struct ImportBesideAnalystsTests {
    static let events = 6_000

    func candidatesCSV() -> String {
        var s = "candidate_id,full_name,email,declared_country\n"
        for i in 0..<20 { s += "C-\(i),Person \(i),p\(i)@example.org,DE\n" }
        return s
    }

    func loginsCSV(prefix: String = "e", count: Int = events, badAt: Int? = nil) -> String {
        var s = "event_id,source,occurred_at,account,ip,country,outcome\n"
        for i in 0..<count {
            let day = i == badAt ? "yesterday" : String(format: "2026-03-%02d", 1 + i % 28)
            s += "\(prefix)\(i),csv,\(day)T0\(i % 10):00:00Z,p\(i % 20)@example.org,85.1.\(i % 200).\(1 + i % 250),DE,success\n"
        }
        return s
    }

    func importer(_ h: ImportHarness, _ hook: @escaping (Int) throws -> Void) -> Importer {
        var importer = h.importer
        importer.pacing = ImportPacing(yieldSeconds: 0, rowsPerChunk: 500, betweenChunks: hook)
        return importer
    }

    @Test func decisionsAndNotesFromAnotherConnectionSucceedMidImport() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: h.write("candidates.csv", candidatesCSV()), kind: nil)
        let logins = try h.write("logins.csv", loginsCSV())
        // busyTimeout 0: if anything held the write lock, these writes would fail at once.
        let analyst = try Store(path: h.store.path, busyTimeout: 0)
        let service = CaseService(store: analyst)
        var seen: [String] = []
        var failures: [String] = []
        var acted = 0
        let report = try importer(h) { chunk in
            let (stored, published) = try analyst.pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event")!,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM import_log WHERE kind = 'logins'")!)
            }
            // Provably mid-file: some of its events are committed, the file is not published.
            guard stored > 0, acted < 2 else { return }
            #expect(stored < Self.events && published == 0)
            do {
                let action: CaseAction = acted == 0 ? .note : .escalate(reason: "laptop_farm")
                let done = try service.apply(action, to: "C-1", analyst: "bob", note: "during import \(chunk)",
                                             expectedVersion: nil)
                seen.append("\(acted):\(done.status.rawValue)")
            } catch {
                failures.append("\(chunk): \(error)")
            }
            acted += 1
        }.importFile(path: logins, kind: nil)
        #expect(failures.isEmpty, "\(failures)")
        #expect(seen == ["0:new", "1:escalated"])
        #expect(report.inserted == Self.events)
        #expect(try h.count("login_event") == Self.events)
        #expect(try h.count("history", "candidate_id = 'C-1' AND analyst = 'bob'") == 2)
        #expect(try h.count("import_run") == 0 && h.count("import_chunk") == 0)
        #expect(try h.value("SELECT sum(events) FROM login_ip_use") as Int? == Self.events)
    }

    @Test func aFileThatFailsAfterChunksLeavesNothing() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: h.write("candidates.csv", candidatesCSV()), kind: nil)
        _ = try h.importer.importFile(path: h.write("first.csv", loginsCSV(prefix: "a", count: 500)), kind: nil)
        let tables = ImportLoginTests.summaryTables + ["login_event", "import_log", "dirty_candidate"]
        let before = try h.snapshot(tables.filter { $0 != "dirty_candidate" })
        var chunks = 0
        // Events are inserted 32,768 at a time (LoginImport.batchSize): the file must be longer for
        // chunks to commit before the bad record is reached.
        #expect(throws: VetdeskError.self) {
            try importer(h) { chunk in
                if try h.count("login_event") > 500 { chunks = chunk } // this file's events are committed
            }
                .importFile(path: h.write("bad.csv", loginsCSV(count: 40_000, badAt: 39_990)), kind: nil)
        }
        #expect(chunks > 0, "some of the file's events were committed before it failed")
        #expect(try h.snapshot(tables.filter { $0 != "dirty_candidate" }) == before)
        #expect(try h.count("login_event") == 500)
        #expect(try h.count("import_run") == 0 && h.count("import_chunk") == 0 && h.count("import_rebuild") == 0)
    }

    /// What a crash leaves: a copy of the store taken between chunks. Opening it rolls the chunks
    /// back (its owner lock does not exist) and leaves the data as before the file.
    @Test func anAbandonedImportIsRolledBackWhenTheStoreOpens() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: h.write("candidates.csv", candidatesCSV()), kind: nil)
        let before = try h.snapshot(ImportLoginTests.summaryTables)
        let copy = h.dir + "/crashed.sqlite"
        var copied = false
        _ = try importer(h) { _ in
            guard !copied, try h.count("login_event") > 0 else { return }
            copied = true
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: h.store.path + suffix, toPath: copy + suffix)
            }
        }.importFile(path: h.write("logins.csv", loginsCSV()), kind: nil)
        let raw = try DatabaseQueue(path: copy)
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_run") } == 1)
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM login_event") }! > 0)
        try raw.close()

        let reopened = try Store(path: copy)
        let counts = try reopened.pool.read { db in
            try ["login_event", "import_run", "import_chunk", "import_rebuild"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            }
        }
        #expect(counts == [0, 0, 0, 0])
        let after = try reopened.pool.read { db in
            try ImportLoginTests.summaryTables.reduce(into: [String: [String]]()) { out, t in
                out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t)").map { $0.description }.sorted()
            }
        }
        #expect(after == before)
        #expect(try reopened.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_log WHERE kind = 'logins'") } == 0)
    }
}
