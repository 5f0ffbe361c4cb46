import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The rule loader folds payments per (candidate, account) in Swift; it must give what the grouped
/// query it replaced gave (GROUP BY with group_concat(DISTINCT ...)), on the demo's payments and on
/// awkward ones: repeated and empty methods, payee names with commas, U+001F or a leading combining
/// mark, NULL payees, several accounts per candidate paid in interleaved order.
@Suite struct PaymentAccountLoadTests {
    /// The query the loader used until session 8, and its parsing.
    static func grouped(_ db: Database) throws -> [String: [AccountUse]] {
        var out: [String: [AccountUse]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT p.candidate_id, a.id, a.account_type, a.identifier, a.holder_name, a.iban, a.iban_valid, a.bic, a.bank_name,
                   a.bank_country, count(*), min(p.paid_at), max(p.paid_at), sum(p.method = 'crypto'),
                   group_concat(DISTINCT p.method), group_concat(DISTINCT replace(p.payee_name, ',', char(31)))
            FROM payment p JOIN payment_account a ON a.id = p.account_id
            GROUP BY p.candidate_id, p.account_id
            """) {
            let account = PaymentAccount(id: r[1], accountType: r[2], identifier: r[3], holderName: r[4], iban: r[5],
                                         ibanValid: (r[6] as Int64?).map { $0 != 0 }, bic: r[7], bankName: r[8], bankCountry: r[9])
            let methods = (r[14] as String?)?.split(separator: ",").map(String.init) ?? []
            let payees = (r[15] as String?)?.split(separator: ",")
                .map { $0.utf8.contains(0x1F) ? $0.replacingOccurrences(of: "\u{1F}", with: ",") : String($0) } ?? []
            out[r[0], default: []].append(AccountUse(account: account, payments: r[10], firstPaidAt: r[11] ?? 0, lastPaidAt: r[12] ?? 0,
                                                     cryptoPayments: (r[13] as Int?) ?? 0, methods: methods, payeeNames: payees))
        }
        return out
    }

    @Test func loaderGivesWhatTheGroupedQueryGave() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.pool.write { db in
            let someone = try String.fetchOne(db, sql: "SELECT id FROM candidate ORDER BY id LIMIT 1")!
            try db.execute(sql: """
                INSERT INTO payment_account (id, account_type, identifier, holder_name) VALUES
                    (900001, 'iban', 'XX-AWKWARD-1', 'A, B'), (900002, 'wallet', '0xawkward', NULL)
                """)
            let rows: [(String, Int64, Int64, String?, String?)] = [
                ("x1", 900002, 50, "crypto", "Zed"), ("x2", 900001, 10, "bank", "Doe, Jane"), ("x3", 900002, 40, "crypto", nil),
                ("x4", 900001, 30, "bank", "Doe\u{1F}Jane"), ("x5", 900001, 20, "", ""), ("x6", 900001, 25, "bank,wire", "\u{301}Acme"),
                ("x7", 900002, 5, nil, "Zed"), ("x8", 900001, 35, "platform", "Doe, Jane"), ("x9", 900002, 60, "crypto", "zed"),
            ]
            for (id, account, at, method, payee) in rows {
                try db.execute(sql: """
                    INSERT INTO payment (id, source, paid_at, candidate_id, payee_name, account_id, amount, currency, method)
                    VALUES (?, 'test', ?, ?, ?, ?, '1', 'EUR', ?)
                    """, arguments: [id, at, someone, payee, account, method])
            }
        }
        try store.pool.read { db in
            let expected = try Self.grouped(db)
            var loader = RuleContextLoader(db: db, scope: .all, config: RuleConfig(), now: 1_772_409_600)
            let contexts = try loader.load()
            var compared = 0
            for c in contexts {
                #expect(c.accounts == (expected[c.candidate.id] ?? []), "\(c.candidate.id)")
                compared += c.accounts.count
            }
            #expect(compared == expected.values.reduce(0) { $0 + $1.count })
            // The awkward cases were there to compare.
            #expect(expected.values.contains { $0.contains { $0.account.id == 900001 && $0.payeeNames.count >= 2 } })
            #expect(compared > 20)
        }
    }
}
