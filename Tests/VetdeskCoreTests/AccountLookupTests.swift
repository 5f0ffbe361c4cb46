import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// AccountLookup (one account at a time, through the NOCASE indexes) must map every sign-in account
/// exactly as the whole-store map it replaced (LoginSummaryStore.accountMap) did.
@Suite("Import: account lookup matches the account map")
struct AccountLookupTests {
    @Test func lookupAgreesWithTheMapOnCaseAndUnicodeVariants() throws {
        let store = try DetailFixture.tempStore()
        try store.pool.write { db in
            // Candidates in rowid order: C1 < C2 < ... (emails: the first in table order wins).
            let emails: [(String, String?)] = [
                ("C1", "Ann@Example.com"), ("C2", "ann@example.COM"), ("C3", "ÉLAN@example.com"),
                ("C4", "élan@example.com"), ("C5", nil), ("C6", ""), ("C7", "kim@example.com"),
                ("C8", "a;b@example.com"), ("C9", "cafe\u{301}@example.com"),
            ]
            for (id, email) in emails {
                try DetailFixture.candidate(id, "Name \(id)") { $0.email = email }.insert(db)
            }
            // Accounts in rowid order (the last in table order wins among Unicode case variants).
            let accounts: [(String, String)] = [
                ("Bob", "C1"), ("ZOË", "C2"), ("zoë", "C3"), ("\u{212A}im@example.com", "C5"),
                ("ann@example.com", "C6"), ("Straße", "C7"), ("café@example.com", "C8"), ("x\u{37E}y", "C9"),
            ]
            for (account, candidate) in accounts {
                try db.execute(sql: "INSERT INTO candidate_account (account, candidate_id) VALUES (?, ?)",
                               arguments: [account, candidate])
            }
        }
        let probes = ["bob", "BOB", "Bob", "zoë", "ZOË", "Zoë", "kim@example.com", "KIM@EXAMPLE.COM",
                      "\u{212A}im@example.com", "ann@example.com", "ANN@example.com", "élan@example.com",
                      "ÉLAN@EXAMPLE.COM", "Élan@example.com", "straße", "STRASSE", "café@example.com",
                      "cafe\u{301}@example.com", "CAFÉ@EXAMPLE.COM", "x;y", "X\u{37E}Y", "a\u{37E}b@example.com",
                      "A;B@example.com", "nobody", "", "c5", "C6"]
        try store.pool.read { db in
            let map = try LoginSummaryStore(db: db).accountMap()
            let lookup = try AccountLookup(db: db)
            for probe in probes {
                #expect(try lookup.candidate(for: probe) == map[probe.lowercased()], "\(probe)")
            }
        }
    }
}
