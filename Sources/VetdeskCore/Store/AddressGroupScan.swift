import Foundation
import GRDB

/// Every group of 2+ candidates with the same home or ship-to AddressKey, found with SQLite's sorter
/// (which spills to temp files) instead of Swift dictionaries over every candidate. The in-memory
/// version (`RuleLinkQueries.addressGroupsInMemory`) held each candidate's two addresses and digit
/// runs plus a count per digit run: ~250 MB at 1M candidates, before any chunk started. Here only
/// the groups of 2+ are held. Same rules, same groups, same order (RescoreMemoryTests).
enum AddressGroupScan {
    /// SQL functions that run the Swift comparisons, so SQLite decides exactly what Swift did.
    static let functions: [DatabaseFunction] = [
        DatabaseFunction("vetdesk_address_digits", argumentCount: 1, pure: true) { v in
            AddressKey.digits(String.fromDatabaseValue(v[0]))
        },
        // The key in canonical form (NFC), by which groups are merged and ordered: Swift compares and
        // hashes strings by it. A group's own key is its first address's AddressKey (`groups`).
        DatabaseFunction("vetdesk_address_key", argumentCount: 1, pure: true) { v in
            canonical(AddressKey.of(String.fromDatabaseValue(v[0])))
        },
        // Swift's `!=` on optional strings: canonical equivalence, nil unequal to any text.
        DatabaseFunction("vetdesk_text_differs", argumentCount: 2, pure: true) { v in
            String.fromDatabaseValue(v[0]) != String.fromDatabaseValue(v[1])
        },
    ]

    static func canonical(_ s: String) -> String {
        s.utf8.allSatisfy({ $0 < 128 }) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// The rows whose address counts: any address at all. Parenthesised: the branches below add
    /// `AND ...` to it (without them, every row passed every branch; same groups, 10x the keys).
    private static let rows = "FROM candidate WHERE (coalesce(address, '') <> '' OR coalesce(ship_to_address, '') <> '')"

    /// Rules (as the in-memory version): a digit run is "popular" when 2+ addresses have it (a row's
    /// ship-to counted only when its runs differ from the home's). A home address gets a key when its
    /// runs are popular or the row ships elsewhere; a ship-to gets one when it differs from the home
    /// and its runs are popular or equal the home's, and its key differs from the home key. Entries
    /// come out by canonical key, then id, home before ship-to: the order the dictionary saw them.
    /// Each key is computed once per entry (empty keys are skipped by the reader, not in SQL, where
    /// the flattened query would compute them again). The candidate table is read once into `base`
    /// with both digit runs: the branches below read it four times and computed the runs some eight
    /// times a row (100k candidates, 46 MB of table: 8.3 % of a full rescore's CPU).
    static let sql = """
        WITH base(id, address, ship, home_digits, ship_digits) AS MATERIALIZED (
            SELECT id, address, ship_to_address, vetdesk_address_digits(address), vetdesk_address_digits(ship_to_address)
            \(rows)),
        popular(d) AS MATERIALIZED (
            SELECT d FROM (
                SELECT home_digits AS d FROM base
                UNION ALL
                SELECT ship_digits FROM base WHERE ship IS NOT address AND ship_digits <> home_digits)
            GROUP BY d HAVING count(*) >= 2),
        entry(key, id, ship, shown, home_key) AS (
            SELECT vetdesk_address_key(address), id, 0, coalesce(address, ''), NULL FROM base
              WHERE home_digits IN (SELECT d FROM popular)
                 OR (ship IS NOT NULL AND ship IS NOT address AND vetdesk_text_differs(ship, address))
            UNION ALL
            SELECT vetdesk_address_key(ship), id, 1, ship, vetdesk_address_key(address) FROM base
              WHERE ship <> '' AND ship IS NOT address AND vetdesk_text_differs(ship, address)
                AND (ship_digits = home_digits OR ship_digits IN (SELECT d FROM popular)))
        SELECT key, id, ship, shown, home_key FROM entry ORDER BY key, id, ship
        """

    static func groups(_ db: Database) throws -> [RuleLinkQueries.Group] {
        for f in functions { db.add(function: f) }
        defer { for f in functions { db.remove(function: f) } }
        var groups: [RuleLinkQueries.Group] = []
        var current: String? = nil
        var shown = ""
        var homes: [String] = [], ships: [String] = []
        func flush() {
            var members: [String] = []
            for m in homes + ships where !members.contains(m) { members.append(m) }
            guard members.count >= 2 else { return }
            // The dictionary kept the first entry's key as it was computed (canonical forms merge).
            groups.append(RuleLinkQueries.Group(kind: ships.isEmpty ? .address : .shipTo, value: AddressKey.of(shown),
                                                label: Sanitize.forDisplay(shown),
                                                members: members.sorted(), shipsHere: Set(ships)))
        }
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let r = try cursor.next() {
            let key: String = r[0]
            let isShip: Bool = r[2]
            if key.isEmpty { continue }
            // A ship-to whose key equals its own home key is not an entry.
            if isShip, let homeKey: String = r[4], homeKey == key { continue }
            if key != current {
                if current != nil { flush() }
                current = key; shown = r[3]; homes = []; ships = []
            }
            if isShip { ships.append(r[1]) } else { homes.append(r[1]) }
        }
        if current != nil { flush() }
        // Byte order of the canonical form is Swift's order; sorted again so that this is not assumed.
        groups.sort { $0.value < $1.value }
        return groups
    }
}
