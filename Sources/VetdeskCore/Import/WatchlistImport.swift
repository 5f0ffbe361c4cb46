import GRDB

/// watchlist: values normalised per kind so that they compare with the store's identifiers.
/// Any new or changed entry can touch any candidate, so all candidates are marked for rescoring.
struct WatchlistImport {
    let writer: ImportWriter

    static let kinds = ["email", "phone", "handle", "wallet", "account", "iban", "ip", "address"]

    func run(_ reader: FlatRecordReader, counts: inout ImportCounts) throws {
        try reader.forEachRecord(writer.db) { r in
            counts.records += 1
            let kind = try r.requiredChoice("kind", Self.kinds)
            let value = try normalised(kind, try r.required("value"), r)
            let row: [(String, DatabaseValueConvertible?)] = [
                ("list_name", try r.required("list_name")), ("kind", kind), ("value", value), ("note", r.text("note")),
            ]
            if try writer.upsert(table: "watchlist_entry", key: ["list_name", "kind", "value"], row: row) {
                counts.inserted += 1
            }
        }
        if counts.inserted > 0 { try writer.markAllDirty() }
    }

    private func normalised(_ kind: String, _ v: String, _ r: FlatRecord) throws -> String {
        switch kind {
        case "email": return Identifiers.email(v)
        case "phone":
            let p = Identifiers.phone(v)
            guard p.count >= 5 else { throw r.fail("value", "'\(FlatRecord.quoted(v))' is not a phone number") }
            return p
        case "handle": return Identifiers.handle(v)
        case "wallet": return Identifiers.wallet(v)
        case "account": return Identifiers.platformAccount(v)
        case "iban": return IBAN.normalized(v)
        case "address":
            // A known reshipper/forwarder address: kept as written, compared by AddressKey.
            let text = v.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !AddressKey.of(text).isEmpty else { throw r.fail("value", "'\(FlatRecord.quoted(v))' is not an address") }
            return text
        default:
            guard let ip = Identifiers.ip(v) else { throw r.fail("value", "'\(FlatRecord.quoted(v))' is not an IP address") }
            return ip
        }
    }
}
