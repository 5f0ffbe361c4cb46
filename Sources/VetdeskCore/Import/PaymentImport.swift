import GRDB

/// payments: each row names the account paid into (created once per type + identifier) and
/// the contractor. An invalid IBAN is stored with iban_valid = 0: a bad IBAN is evidence.
struct PaymentImport {
    let writer: ImportWriter

    func run(_ reader: FlatRecordReader, counts: inout ImportCounts) throws {
        let known = try writer.candidateIds()
        var changed = Set<String>()
        try reader.forEachRecord(writer.db) { r in
            counts.records += 1
            let candidate = try r.candidate("contractor_id", known: known)
            let accountId = try writer.paymentAccountId(try account(r))
            let row: [(String, DatabaseValueConvertible?)] = [
                ("id", try r.required("record_id")), ("source", try r.required("source")),
                ("paid_at", try r.requiredTimestamp("paid_at")), ("candidate_id", candidate),
                ("payee_name", r.text("payee_name")), ("account_id", accountId),
                ("amount", try r.decimal("amount")), ("currency", try r.currency("currency") ?? ""),
                ("method", try r.choice("method", ["bank", "crypto", "platform"])),
            ]
            if try writer.upsert(table: "payment", key: ["id"], row: row) {
                counts.inserted += 1
                changed.insert(candidate)
            }
        }
        try writer.markDirty(changed.sorted())
    }

    private func account(_ r: FlatRecord) throws -> PaymentAccount {
        let type = try r.requiredChoice("account_type", ["iban", "bank_account", "wallet", "platform"])
        let iban = r.text("iban").map(IBAN.normalized)
        guard let raw = r.text("account_identifier") ?? (type == "iban" ? iban : nil) else {
            throw r.fail("account_identifier", "required for a \(type) account")
        }
        let identifier: String
        switch type {
        case "iban", "bank_account": identifier = Identifiers.bankAccount(raw)
        case "wallet": identifier = Identifiers.wallet(raw)
        default: identifier = Identifiers.platformAccount(raw)
        }
        let checked = iban ?? (type == "iban" ? identifier : nil)
        return PaymentAccount(accountType: type, identifier: identifier, holderName: r.text("account_holder_name"),
                              iban: checked, ibanValid: checked.map(IBAN.isValid), bic: r.text("bic")?.uppercased(),
                              bankName: r.text("bank_name"), bankCountry: try r.country("bank_country"))
    }
}

extension FlatRecord {
    /// A decimal amount as text ("1250.00", "-40.5"): kept exactly as written, never as a float.
    func decimal(_ name: String) throws -> String {
        let v = try required(name)
        var digits = 0, dots = 0
        for (i, c) in v.unicodeScalars.enumerated() {
            if ("0"..."9").contains(c) { digits += 1 }
            else if c == "." { dots += 1 }
            else if !(c == "-" && i == 0) { throw fail(name, "'\(Self.quoted(v))' is not a decimal amount") }
        }
        guard digits > 0, dots <= 1 else { throw fail(name, "'\(Self.quoted(v))' is not a decimal amount") }
        return v
    }
}
