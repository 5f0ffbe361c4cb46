import Foundation
import GRDB

/// `vetdesk lists bench`: screening speed at list scale. A synthetic list of `entries` records
/// (Korean-style names from the romanisation tables, two aliases and a wallet each) is indexed,
/// then every candidate name, payee name, e-mail and wallet in the store is screened against it.
public enum ListBench {
    public struct Report: Sendable, Codable {
        public var entries: Int
        public var listedNames: Int
        public var indexSeconds: Double
        public var screened: Int
        public var screenSeconds: Double
        public var nameHits: Int
        public var identifierHits: Int
    }

    static let surnames = ["Kim", "Ri", "Pak", "Choe", "Jong", "Kang", "Jo", "Yun", "Jang", "Han", "O", "So", "Sin", "Kwon", "Hwang", "Ryu"]
    static let syllables = ["Chol", "Song", "Il", "Hyok", "Nam", "Yong", "Kwang", "Myong", "Sang", "Man", "Un", "Hun", "Kyong", "Jin",
                            "Su", "Ho", "Min", "Hyon", "Gum", "Chun", "Ok", "Hui", "Dok", "Pyong", "Sok", "Gil", "Tae", "Ung"]

    public static func run(store: Store, entries: Int) throws -> Report {
        var rng = SplitMix64(seed: 1718, stream: 14)
        var records: [ListRecord] = []
        var names = 0
        for i in 0..<entries {
            let s = surnames[Int(rng.next() % UInt64(surnames.count))]
            let a = syllables[Int(rng.next() % UInt64(syllables.count))], b = syllables[Int(rng.next() % UInt64(syllables.count))]
            var r = ListRecord(recordId: "B\(i)", kind: .person)
            r.addName("\(s) \(a) \(b)", strength: .primary)
            r.addName("\(s) \(a)-\(b.lowercased())", strength: .strong)
            r.addName("\(a)\(b.lowercased()) \(s)", strength: .weak)
            r.addIdentifier(.wallet, "0x" + String(format: "%016llx%016llx%08x", rng.next(), rng.next(), UInt32(truncatingIfNeeded: rng.next())), currency: "ETH")
            names += r.names.count
            records.append(r)
        }
        // Timed from here: what a rescore pays (the records come from the store, already parsed).
        var index = ListIndex()
        let t0 = DispatchTime.now().uptimeNanoseconds
        for r in records { index.add(listName: "bench", version: "1", record: r) }
        let t1 = DispatchTime.now().uptimeNanoseconds
        var screened = 0, nameHits = 0, idHits = 0
        try store.pool.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT full_name, email FROM candidate
                UNION ALL SELECT DISTINCT payee_name, NULL FROM payment WHERE payee_name IS NOT NULL
                UNION ALL SELECT NULL, identifier FROM payment_account WHERE account_type = 'wallet'
                """)
            while let row = try rows.next() {
                if let n = row[0] as String? { screened += 1; nameHits += index.screen(name: n).count }
                if let v = row[1] as String? {
                    screened += 1
                    idHits += index.screen(identifier: v, kind: v.contains("@") ? .email : .wallet).count
                }
            }
        }
        let t2 = DispatchTime.now().uptimeNanoseconds
        return Report(entries: entries, listedNames: names, indexSeconds: Double(t1 - t0) / 1e9, screened: screened,
                      screenSeconds: Double(t2 - t1) / 1e9, nameHits: nameHits, identifierHits: idHits)
    }
}
