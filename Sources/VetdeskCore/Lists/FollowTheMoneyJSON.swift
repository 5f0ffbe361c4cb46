import Foundation

/// OpenSanctions FollowTheMoney entities, one JSON object a line: {"id", "schema", "properties":
/// {"name": [...], "alias", "weakAlias", "birthDate", "nationality", "email", "phone", "publicKey",
/// "currency", "holder"...}, "datasets", "last_change"}. CryptoWallet entities attach their
/// publicKey to the holder when the holder is in the file, else stand as their own record.
enum FollowTheMoneyJSON {
    static let named: Set<String> = ["Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane"]

    static func parse(_ file: String) throws -> ListDocument {
        let text = String(decoding: try ListFiles.read(file), as: UTF8.self)
        var records: [String: ListRecord] = [:]
        var order: [String] = []
        var wallets: [(holder: [String], record: ListRecord)] = []
        var skipped: [String: Int] = [:]
        var datasets = Set<String>()
        var latest = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(t.utf8))) as? [String: Any] else {
                throw ListFormatError(file, record: "line \(i + 1)", field: "json", "not a JSON object")
            }
            guard let id = obj["id"] as? String, let schema = obj["schema"] as? String else {
                throw ListFormatError(file, record: "line \(i + 1)", field: obj["id"] == nil ? "id" : "schema", "missing")
            }
            let p = obj["properties"] as? [String: Any] ?? [:]
            func vals(_ k: String) -> [String] { (p[k] as? [Any])?.compactMap { $0 as? String } ?? [] }
            for d in obj["datasets"] as? [String] ?? [] { datasets.insert(d) }
            if let c = obj["last_change"] as? String, c > latest { latest = c }
            if schema == "CryptoWallet" {
                var r = ListRecord(recordId: id, kind: .indicator)
                let currency = vals("currency").first?.uppercased()
                for k in vals("publicKey") { r.addIdentifier(.wallet, k, currency: currency) }
                if r.identifiers.isEmpty { skipped["CryptoWallet without publicKey", default: 0] += 1; continue }
                wallets.append((vals("holder"), r)); continue
            }
            guard named.contains(schema) else { skipped["schema \(schema)", default: 0] += 1; continue }
            var r = ListRecord(recordId: id, kind: schema == "Person" ? .person : schema == "Vessel" || schema == "Airplane" ? .vessel : .entity)
            for n in vals("name") { r.addName(n, strength: r.names.isEmpty ? .primary : .strong) }
            let parts = (vals("firstName") + vals("lastName")).joined(separator: " ")
            if !parts.isEmpty { r.addName(parts, strength: .strong) }
            for n in vals("alias") + vals("previousName") { r.addName(n, strength: .strong) }
            for n in vals("weakAlias") { r.addName(n, strength: .weak) }
            guard !r.names.isEmpty else { throw ListFormatError(file, record: id, field: "name", "missing") }
            r.birthDates = vals("birthDate").compactMap(ListDates.normalise)
            r.nationalities = (vals("nationality") + vals("citizenship")).map { $0.uppercased() }
            for v in vals("email") { r.addIdentifier(.email, v) }
            for v in vals("phone") { r.addIdentifier(.phone, v) }
            for v in vals("iban") { r.addIdentifier(.iban, v) }
            for v in vals("website") { r.addIdentifier(.website, v) }
            r.programs = vals("program") + vals("topics")
            r.remarks = vals("notes").first
            records[id] = r; order.append(id)
        }
        for w in wallets {
            if let h = w.holder.first(where: { records[$0] != nil }) {
                for i in w.record.identifiers { records[h]!.addIdentifier(i.kind, i.value, currency: i.currency) }
            } else {
                records[w.record.recordId] = w.record; order.append(w.record.recordId)
            }
        }
        let published = latest.isEmpty ? ListFiles.modifiedDate(file) : ListDates.normalise(latest)
        let name = datasets.count == 1 ? "OpenSanctions \(datasets.first!)" : "OpenSanctions"
        var doc = try ListDocument(name: name, authority: "OpenSanctions", publishedAt: published,
                                   version: latest.isEmpty ? ListFiles.digest(file) : latest, format: "ftm-jsonl")
        doc.records = order.compactMap { records[$0] }
        doc.skipped = skipped
        return doc
    }
}
