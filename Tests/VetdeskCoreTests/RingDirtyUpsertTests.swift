import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Ring marks survive an importer's UPSERT: its DO UPDATE overrides a trigger's OR IGNORE, which aborted the
/// statement when the candidate or value was already marked (RingDirtyUpsertSchema).
@Suite struct RingDirtyUpsertTests {
    @Test func anUpsertThatChangesAnAlreadyMarkedCandidatesPaymentOrPhoneMarksItOnce() throws {
        let (store, dir) = try RingTests().fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RingService(store: store, clock: { 1000 }).refresh(force: true)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO ring_dirty(candidate_id) VALUES ('R-a')")
            for account in [2, 1, 2] {
                try db.execute(sql: """
                    INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('p1', 'wise', 10, 'R-a', ?, '1', 'EUR')
                    ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id
                    """, arguments: [account])
            }
            for phone in ["+4470000001", "+4470000002", "+4470000003"] {
                try db.execute(sql: """
                    INSERT INTO candidate(id, full_name, phone, updated_at) VALUES ('R-a', 'Person R-a', ?, 0)
                    ON CONFLICT(id) DO UPDATE SET phone = excluded.phone
                    """, arguments: [phone])
            }
            try db.execute(sql: """
                INSERT INTO ip_info(ip, country, looked_up_at) VALUES ('81.2.69.160', 'GB', 0)
                ON CONFLICT(ip) DO UPDATE SET provider_kind = 'vpn'
                """)
        }
        let (dirty, values) = try store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT candidate_id FROM ring_dirty ORDER BY 1"),
             try String.fetchAll(db, sql: "SELECT kind || ' ' || value FROM ring_dirty_value ORDER BY 1"))
        }
        #expect(dirty == ["R-a"])
        #expect(values == ["full ", "line 81.2.69.160", "payment 1", "payment 2"])
    }
}
