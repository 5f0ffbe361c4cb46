import GRDB

/// candidates: upserts the columns the file has (a column the file lacks is left as it was),
/// maps the email and `accounts` to the candidate for login matching, opens a case file for
/// new candidates, then maps earlier logins of those accounts and rebuilds their summaries.
struct CandidateImport {
    let writer: ImportWriter

    static let timestamps: Set<String> = ["ship_to_changed_at", "applied_at", "hired_at", "email_created_at",
                                          "profile_created_at", "github_created_at", "github_first_commit_at"]
    static let countries: Set<String> = ["declared_country", "ship_to_country", "profile_location"]
    /// NOT NULL columns with a default: an empty cell means the default.
    static let flags: Set<String> = ["ship_to_is_forwarder", "byod_requested"]
    static let counts: Set<String> = ["phone_changes", "prepayment_requests", "payout_changes_90d"]
    static let rates: Set<String> = ["rate_hourly", "market_rate_hourly"]

    func run(_ reader: FlatRecordReader, counts: inout ImportCounts) throws {
        var changed: [String] = []
        var lookalikes = try LookalikeKeys(db: writer.db)
        try reader.forEachRecord(writer.db) { record in
            counts.records += 1
            let id = try record.requiredKey("candidate_id")
            if let existing = try lookalikes.lookalike(id: id) {
                throw record.fail("candidate_id", "'\(FlatRecord.quoted(id))' looks like the existing candidate "
                    + "'\(FlatRecord.quoted(existing))' (same once compatibility forms and invisible characters are folded): "
                    + "not imported as a new candidate; use the existing id")
            }
            var row: [(String, DatabaseValueConvertible?)] = [("id", id)]
            for name in record.columns.names where name != "candidate_id" && name != "accounts" {
                row.append((name, try value(record, name)))
            }
            if try writer.upsert(table: "candidate", key: ["id"], row: row, touch: [("updated_at", writer.now)]) {
                counts.inserted += 1
                changed.append(id)
            }
            try writer.ensureCaseFile(candidateId: id)
            var accounts: [(field: String, account: String)] = []
            if let email = try record.key("email") { accounts.append(("email", email)) }
            if let extra = record.text("accounts") {
                for raw in extra.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
                    switch KeyText.normalised(raw) {
                    case .success(let account): accounts.append(("accounts", account))
                    case .failure(let p): throw record.fail("accounts", "'\(KeyText.visible(raw))' \(p.message)")
                    }
                }
            }
            for (field, account) in accounts {
                if let existing = try lookalikes.lookalike(account: account) {
                    throw record.fail(field, "'\(FlatRecord.quoted(account))' looks like the existing account "
                        + "'\(FlatRecord.quoted(existing))' (same once case, compatibility forms and invisible characters "
                        + "are folded): not imported; use the existing spelling")
                }
                try writer.addAccount(account, candidateId: id)
            }
        }
        try writer.markDirty(changed)
        let remapped = try LoginSummaryStore(db: writer.db).mapUnmappedLogins()
        try writer.markDirty(remapped)
        try writer.markDirty(try TransferDayStore(db: writer.db).mapUnmappedEvents())
    }

    private func value(_ r: FlatRecord, _ name: String) throws -> DatabaseValueConvertible? {
        if Self.timestamps.contains(name) { return try r.timestamp(name) }
        if Self.countries.contains(name) { return try r.country(name) }
        if Self.flags.contains(name) { return try r.bool(name) ?? false }
        if Self.counts.contains(name) { return try r.count(name) ?? 0 }
        if Self.rates.contains(name) { return try r.amount(name) }
        switch name {
        case "full_name": return try r.required(name)
        case "email": return try r.key(name)
        case "phone_type": return try r.choice(name, ["mobile", "landline", "voip"])
        case "rate_currency": return try r.currency(name)
        default: return r.text(name)
        }
    }
}

extension FlatRecord {
    /// An ISO 4217 code (EUR) or a crypto ticker (USDT, BTC): 3 to 6 letters or digits, upper-cased.
    func currency(_ name: String) throws -> String? {
        guard let v = text(name) else { return nil }
        guard (3...6).contains(v.utf8.count), v.unicodeScalars.allSatisfy({
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }) else {
            throw fail(name, "'\(Self.quoted(v))' is not a currency code (ISO 4217 such as EUR, or a crypto ticker such as USDT)")
        }
        return v.uppercased()
    }

    /// The candidate a record refers to, which must already be in the store (NFC, as ids are stored).
    func candidate(_ name: String, known: Set<String>) throws -> String {
        let id = try requiredKey(name)
        guard known.contains(id) else { throw fail(name, "unknown candidate '\(Self.quoted(id))' (import candidates first)") }
        return id
    }
}
