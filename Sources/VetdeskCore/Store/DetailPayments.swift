import GRDB

/// Payment accounts a candidate was paid into, through `payment_candidate` and `payment_account_idx`.
enum DetailPayments {
    static func accounts(_ db: Database, candidateId: String, sharedCap: Int) throws -> [PaymentAccountUse] {
        let uses = try Row.fetchAll(db, sql: """
            SELECT account_id, COUNT(*) AS n, MIN(paid_at) AS first_at, MAX(paid_at) AS last_at
            FROM payment WHERE candidate_id = ? GROUP BY account_id ORDER BY last_at DESC, account_id
            """, arguments: [candidateId])
        var result: [PaymentAccountUse] = []
        for use in uses {
            let accountId: Int64 = use["account_id"]
            guard let account = try PaymentAccount.fetchOne(db, sql: "SELECT * FROM payment_account WHERE id = ?",
                                                            arguments: [accountId]) else { continue }
            let shared = try String.fetchAll(db, sql: """
                SELECT DISTINCT candidate_id FROM payment WHERE account_id = ? AND candidate_id <> ?
                ORDER BY candidate_id LIMIT ?
                """, arguments: [accountId, candidateId, sharedCap])
            result.append(PaymentAccountUse(account: account, payments: use["n"], firstPaidAt: use["first_at"],
                                            lastPaidAt: use["last_at"], sharedWith: shared))
        }
        return result
    }
}
