import GRDB

/// The candidate ids and accounts already known, by skeleton (KeyText.skeleton), so that a new key
/// that would display like an existing one ("C-1" vs fullwidth "Ｃ-1", or "alice@x.io" vs "ALİCE@x.io")
/// is reported instead of imported as a new candidate or account.
struct LookalikeKeys {
    private var ids: [String: String] = [:]
    private var knownIds: Set<String> = []
    private var accounts: [String: String] = [:]
    private var knownAccounts: Set<String> = []

    init(db: Database) throws {
        for id in try String.fetchAll(db, sql: "SELECT id FROM candidate") { register(id: id) }
        for account in try String.fetchAll(db, sql: "SELECT account FROM candidate_account") { register(account: account) }
    }

    /// The existing id that `id` looks like but is not; registers `id` otherwise.
    mutating func lookalike(id: String) -> String? {
        if knownIds.contains(id) { return nil }
        if let other = ids[KeyText.skeleton(id, caseFold: false)] { return other }
        register(id: id)
        return nil
    }

    /// The same for an account (email); accounts compare as SQLite's NOCASE does (ASCII case only).
    mutating func lookalike(account: String) -> String? {
        if knownAccounts.contains(Self.nocase(account)) { return nil }
        if let other = accounts[KeyText.skeleton(account, caseFold: true)] { return other }
        register(account: account)
        return nil
    }

    private mutating func register(id: String) {
        knownIds.insert(id)
        ids[KeyText.skeleton(id, caseFold: false)] = ids[KeyText.skeleton(id, caseFold: false)] ?? id
    }

    private mutating func register(account: String) {
        knownAccounts.insert(Self.nocase(account))
        let s = KeyText.skeleton(account, caseFold: true)
        accounts[s] = accounts[s] ?? account
    }

    static func nocase(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
