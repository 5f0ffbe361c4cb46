import Foundation
import GRDB

/// The SQL of the importers for the flat kinds, run inside the import's write transaction.
/// Every value is a bound parameter. Upserts only write when a value changed,
/// so re-importing a file changes nothing.
final class ImportWriter {
    let db: Database
    let now: Int64
    /// Lets the import session commit a chunk here (ImportSession.checkpoint); only the login
    /// importer calls it, between rows.
    let checkpoint: () throws -> Void

    init(db: Database, now: Int64, checkpoint: @escaping () throws -> Void = {}) {
        self.db = db
        self.now = now
        self.checkpoint = checkpoint
    }

    /// Inserts the row, or updates the existing row with the same key when any of `row`'s
    /// values differ. `touch` columns are set on insert and change but not compared.
    /// Returns true when the store changed.
    @discardableResult
    func upsert(table: String, key: [String], row: [(String, DatabaseValueConvertible?)],
                touch: [(String, DatabaseValueConvertible?)] = []) throws -> Bool {
        let compared = row.map(\.0).filter { !key.contains($0) }
        let all = row + touch
        let signature = table + "|" + all.map(\.0).joined(separator: ",")
        let statement: Statement
        if let cached = statements[signature] {
            statement = cached
        } else {
            let columns = all.map(\.0)
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            let updates = (compared + touch.map(\.0)).map { "\($0) = excluded.\($0)" }
            if updates.isEmpty {
                sql += " ON CONFLICT(\(key.joined(separator: ", "))) DO NOTHING"
            } else {
                sql += " ON CONFLICT(\(key.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))"
                if !compared.isEmpty {
                    sql += " WHERE (\(compared.map { "\(table).\($0)" }.joined(separator: ", "))) IS NOT "
                        + "(\(compared.map { "excluded.\($0)" }.joined(separator: ", ")))"
                }
            }
            statement = try db.makeStatement(sql: sql)
            statements[signature] = statement
        }
        try statement.execute(arguments: StatementArguments(all.map(\.1)))
        return db.changesCount > 0
    }

    private var statements: [String: Statement] = [:]

    func candidateIds() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM candidate"))
    }

    /// A case file in status `new` for a candidate that has none.
    func ensureCaseFile(candidateId: String) throws {
        // Cached statements in the per-row paths: `db.execute(sql:)` compiles (and authorises) each
        // call, ~15 % of a candidates import (perf, 25k candidates).
        try db.cachedStatement(sql: """
            INSERT INTO case_file (candidate_id, status, opened_at, updated_at) VALUES (?, 'new', ?, ?)
            ON CONFLICT(candidate_id) DO NOTHING
            """).execute(arguments: [candidateId, now, now])
    }

    /// Maps a login identity to a candidate. The first candidate to claim an account keeps it
    /// (two candidates sharing an email is evidence the rules look at, not something to overwrite).
    func addAccount(_ account: String, candidateId: String) throws {
        try db.cachedStatement(sql: "INSERT INTO candidate_account (account, candidate_id) VALUES (?, ?) ON CONFLICT(account) DO NOTHING")
            .execute(arguments: [account, candidateId])
    }

    func markDirty(_ candidateIds: some Sequence<String>) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dirty_candidate (candidate_id) VALUES (?)")
        for id in candidateIds { try statement.execute(arguments: [id]) }
    }

    func markAllDirty() throws {
        try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate (candidate_id) SELECT id FROM candidate")
    }

    /// The id of the payment account with this (type, identifier), creating or completing it.
    /// Only the details this payment row gives are written: rows that leave one out keep what
    /// an earlier row said.
    func paymentAccountId(_ account: PaymentAccount) throws -> Int64 {
        let details: [(String, DatabaseValueConvertible?)] = [
            ("account_type", account.accountType), ("identifier", account.identifier),
            ("holder_name", account.holderName), ("iban", account.iban), ("iban_valid", account.ibanValid),
            ("bic", account.bic), ("bank_name", account.bankName), ("bank_country", account.bankCountry),
        ]
        try upsert(table: "payment_account", key: ["account_type", "identifier"],
                   row: details.filter { $0.1 != nil || $0.0 == "account_type" || $0.0 == "identifier" })
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM payment_account WHERE account_type = ? AND identifier = ?"),
                                  arguments: [account.accountType, account.identifier])!
    }

    func logImport(fileName: String, sha256: String, kind: ImportKind, records: Int, inserted: Int) throws {
        try db.execute(sql: """
            INSERT INTO import_log (file_name, sha256, kind, records, inserted, imported_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [fileName, sha256, kind.rawValue, records, inserted, now])
    }
}
