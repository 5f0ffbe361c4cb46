import GRDB

/// Login identity -> candidate id, looked up in the store one account at a time, with the matching of
/// the former in-memory map (LoginSummaryStore.accountMap): the key is `account.lowercased()`, compared
/// as Swift compares strings (canonical equivalence); candidate_account first (of several rows with the
/// same key, the last in table order wins), then candidate emails (the first in table order wins).
///
/// Why not the map: it held every account and email of the store. At 1M candidates the sign-in import
/// peaked at 1.6 GB, most of it this map (issue 13: every step under 200 MB at every size). Here only
/// non-ASCII accounts and emails are held (`exotic`), because SQLite's NOCASE folds ASCII only: their
/// Unicode case variants cannot be found through the NOCASE indexes. They are rare in real exports
/// (none in generated sets); ASCII ones, nearly all, are found through candidate_account's primary key
/// and candidate_email (both NOCASE), and every SQL hit is checked with the Swift comparison.
final class AccountLookup {
    private struct Hit { var rowid: Int64; var candidate: String }
    private let db: Database
    private let accountStatement: Statement
    private let emailStatement: Statement
    /// Lower-cased non-ASCII account -> its last candidate_account row.
    private var exoticAccounts: [String: Hit] = [:]
    /// Lower-cased non-ASCII email -> its first candidate row.
    private var exoticEmails: [String: Hit] = [:]

    init(db: Database) throws {
        self.db = db
        accountStatement = try db.makeStatement(sql: "SELECT rowid, account, candidate_id FROM candidate_account WHERE account = ?")
        emailStatement = try db.makeStatement(sql: """
            SELECT rowid, email, id FROM candidate WHERE email = ? COLLATE NOCASE AND email <> '' ORDER BY rowid
            """)
        // length() counts characters of TEXT and bytes of a BLOB: they differ for any non-ASCII text.
        let accounts = try Row.fetchCursor(db, sql: """
            SELECT rowid, account, candidate_id FROM candidate_account
            WHERE length(account) <> length(CAST(account AS BLOB)) ORDER BY rowid
            """)
        while let row = try accounts.next() {
            let account: String = row[1]
            exoticAccounts[account.lowercased()] = Hit(rowid: row[0], candidate: row[2]) // last wins
        }
        let emails = try Row.fetchCursor(db, sql: """
            SELECT rowid, email, id FROM candidate
            WHERE email IS NOT NULL AND email <> '' AND length(email) <> length(CAST(email AS BLOB)) ORDER BY rowid
            """)
        while let row = try emails.next() {
            let email: String = row[1]
            let key = email.lowercased()
            if exoticEmails[key] == nil { exoticEmails[key] = Hit(rowid: row[0], candidate: row[2]) } // first wins
        }
    }

    /// The candidate `account` (as written in the sign-in file) belongs to, or nil.
    func candidate(for account: String) throws -> String? {
        let key = account.lowercased()
        let probes = Self.sqlProbes(key)
        if let last = try pick(accountStatement, probes, key: key, from: exoticAccounts[key], prefer: >) { return last.candidate }
        return try pick(emailStatement, probes, key: key, from: exoticEmails[key], prefer: <)?.candidate
    }

    /// Of `seed` and the rows `statement` finds for `probes` (rowid, text, candidate) whose text
    /// lower-cases to `key`, the one whose rowid `prefer`s over the others (`>`: last, `<`: first).
    private func pick(_ statement: Statement, _ probes: [String], key: String, from seed: Hit?,
                      prefer: (Int64, Int64) -> Bool) throws -> Hit? {
        var best = seed
        for probe in probes {
            for row in try Row.fetchAll(statement, arguments: [probe]) {
                let text: String = row[1]
                let rowid: Int64 = row[0]
                if text.lowercased() == key, best.map({ prefer(rowid, $0.rowid) }) ?? true { best = Hit(rowid: rowid, candidate: row[2]) }
            }
        }
        return best
    }

    /// The texts to look `key` up with through the NOCASE indexes: the key itself, and, when it is not
    /// ASCII, the ASCII text Swift considers equal to it if there is one (U+037E GREEK QUESTION MARK is
    /// canonically ";" and U+1FEF GREEK VARIA "`"; the other scalars that decompose to ASCII, like the
    /// Kelvin sign, are gone after lower-casing). Rows found are checked with Swift's comparison.
    static func sqlProbes(_ key: String) -> [String] {
        guard !key.utf8.allSatisfy({ $0 < 0x80 }) else { return [key] }
        var scalars = String.UnicodeScalarView()
        for s in key.unicodeScalars {
            switch s.value {
            case 0x037E: scalars.append(";")
            case 0x1FEF: scalars.append("`")
            default: scalars.append(s)
            }
        }
        let ascii = String(scalars)
        return ascii.utf8.allSatisfy({ $0 < 0x80 }) ? [key, ascii] : [key]
    }
}
