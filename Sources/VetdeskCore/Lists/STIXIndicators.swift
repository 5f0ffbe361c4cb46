import Foundation

/// STIX 2.1 bundles: indicator objects whose pattern compares an observable
/// ("[email-addr:value = 'x@y']", "[user-account:account_login = 'dev']", "[ipv4-addr:value = ...]",
/// wallets as cryptocurrency-wallet / x-crypto-wallet), and threat-actor / identity objects whose
/// name and aliases are screened as names.
enum STIXIndicators {
    static func kind(_ objectType: String, _ property: String) -> ListIdentifier.Kind? {
        switch objectType.lowercased() {
        case "email-addr": return .email
        case "ipv4-addr", "ipv6-addr": return .ip
        case "user-account": return .handle
        case "url", "domain-name": return .website
        case "cryptocurrency-wallet", "x-crypto-wallet", "x-cryptocurrency-wallet", "cryptocurrency-transaction": return .wallet
        case "x-phone-number", "phone-number": return .phone
        case "bank-account", "x-bank-account": return property.lowercased().contains("iban") ? .iban : nil
        default: return nil
        }
    }

    static func parse(_ obj: [String: Any], file: String) throws -> ListDocument {
        var doc = try ListDocument(name: ((file as NSString).lastPathComponent as NSString).deletingPathExtension, authority: "STIX feed",
                                   publishedAt: ListFiles.modifiedDate(file), version: ListFiles.digest(file), format: "stix-2.1")
        var latest = ""
        for o in obj["objects"] as? [[String: Any]] ?? [] {
            let type = o["type"] as? String ?? ""
            let id = o["id"] as? String ?? "object-\(doc.records.count + 1)"
            if let m = o["modified"] as? String, m > latest { latest = m }
            switch type {
            case "indicator":
                guard let pattern = o["pattern"] as? String else { throw ListFormatError(file, record: id, field: "pattern", "missing") }
                var r = ListRecord(recordId: id, kind: .indicator)
                for (objType, prop, value) in comparisons(pattern) {
                    if let k = kind(objType, prop) { r.addIdentifier(k, value) } else { doc.skip("pattern object \(objType)") }
                }
                if let n = o["name"] as? String { r.remarks = n }
                if !r.identifiers.isEmpty { doc.records.append(r) }
            case "threat-actor", "identity", "intrusion-set":
                var r = ListRecord(recordId: id, kind: (o["identity_class"] as? String) == "individual" ? .person : .entity)
                if let n = o["name"] as? String { r.addName(n, strength: .primary) }
                for a in o["aliases"] as? [String] ?? [] { r.addName(a, strength: .strong) }
                if !r.names.isEmpty { doc.records.append(r) }
            default:
                doc.skip("object type \(type)")
            }
        }
        if !latest.isEmpty { doc.version = latest; doc.publishedAt = ListDates.normalise(latest) }
        return doc
    }

    /// (object type, property path, value) of each "type:prop = 'value'" comparison.
    static func comparisons(_ pattern: String) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        let scalars = Array(pattern)
        var i = 0
        while i < scalars.count {
            // Find "<path> = '"
            guard let eq = scalars[i...].firstIndex(of: "=") else { break }
            var j = eq - 1
            while j >= 0 && scalars[j] == " " { j -= 1 }
            var start = j
            while start >= 0 && !" [(".contains(scalars[start]) { start -= 1 }
            let path = String(scalars[(start + 1)...max(start + 1, j)])
            var k = eq + 1
            while k < scalars.count && scalars[k] == " " { k += 1 }
            guard k < scalars.count, scalars[k] == "'" else { i = eq + 1; continue }
            var value = ""
            k += 1
            while k < scalars.count && scalars[k] != "'" {
                if scalars[k] == "\\" && k + 1 < scalars.count { k += 1 }
                value.append(scalars[k]); k += 1
            }
            let bits = path.split(separator: ":", maxSplits: 1).map(String.init)
            if bits.count == 2 { out.append((bits[0], bits[1], value)) }
            i = k + 1
        }
        return out
    }
}
