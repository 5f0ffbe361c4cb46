import GRDB

/// The candidate ids and accounts already known, by skeleton (KeyText.skeleton), so that a new key
/// that would display like an existing one ("C-1" vs fullwidth "Ｃ-1", or "alice@x.io" vs "ALİCE@x.io")
/// is reported instead of imported as a new candidate or account.
///
/// Memory stays flat as the store grows: a printable-ASCII key is its own skeleton (lower-cased for
/// accounts, which the NOCASE column compares alike), so those are looked up in the tables; only the
/// rare non-ASCII keys are held here by skeleton. Holding every key's skeleton (four collections)
/// took ~75 MB at 100k candidates and grew with the store (heaptrack, candidates import).
struct LookalikeKeys {
    private let db: Database
    /// Skeleton -> the first non-ASCII key with it (ASCII keys are found in the tables).
    private var ids: [String: String] = [:]
    private var accounts: [String: String] = [:]

    init(db: Database) throws {
        self.db = db
        let allIds = try String.fetchCursor(db, sql: "SELECT id FROM candidate")
        while let id = try allIds.next() { if !Self.isPlainASCII(id) { remember(id: id) } }
        let allAccounts = try String.fetchCursor(db, sql: "SELECT account FROM candidate_account")
        while let account = try allAccounts.next() { if !Self.isPlainASCII(account) { remember(account: account) } }
    }

    /// The existing id that `id` looks like but is not; registers `id` otherwise (an ASCII id is
    /// registered by its insert into candidate, which follows).
    mutating func lookalike(id: String) throws -> String? {
        try Self.lookalike(id, caseFold: false, sql: "SELECT id FROM candidate WHERE id = ?", held: &ids, db: db)
    }

    /// The same for an account (email); accounts compare as SQLite's NOCASE does (ASCII case only).
    mutating func lookalike(account: String) throws -> String? {
        try Self.lookalike(account, caseFold: true, sql: "SELECT account FROM candidate_account WHERE account = ?",
                           held: &accounts, db: db)
    }

    /// `sql` finds a stored key equal to its argument (as the column compares): the key itself
    /// (known: no lookalike), else, for a non-ASCII key, an ASCII key equal to its skeleton.
    private static func lookalike(_ key: String, caseFold: Bool, sql: String, held: inout [String: String],
                                  db: Database) throws -> String? {
        let stored = { (k: String) in try String.fetchOne(db.cachedStatement(sql: sql), arguments: [k]) }
        if try stored(key) != nil { return nil }
        let skeleton = KeyText.skeleton(key, caseFold: caseFold)
        if let other = held[skeleton] { return other }
        if !isPlainASCII(key) {
            if let other = try stored(skeleton) { return other }
            held[skeleton] = key
        }
        return nil
    }

    private mutating func remember(id: String) {
        let s = KeyText.skeleton(id, caseFold: false)
        ids[s] = ids[s] ?? id
    }

    private mutating func remember(account: String) {
        let s = KeyText.skeleton(account, caseFold: true)
        accounts[s] = accounts[s] ?? account
    }

    /// Printable ASCII: NFKC leaves it alone and it holds no invisible character, so its skeleton is
    /// itself (lower-cased when case-folded).
    static func isPlainASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
}
