import Foundation

/// MISP event JSON ({"Event": {"info", "date", "uuid", "Attribute": [...], "Object": [{"Attribute": [...]}]}}):
/// attributes by MISP type (email / email-src / whois-registrant-email, phone-number, btc / xmr /
/// dash, iban, ip-src / ip-dst, github-username / twitter-id, full-name / first-name...). A "person"
/// object's name attributes screen as one name.
enum MISPEvents {
    static func kind(_ t: String) -> ListIdentifier.Kind? {
        switch t {
        case "email", "email-src", "email-dst", "whois-registrant-email", "target-email": return .email
        case "phone-number", "whois-registrant-phone": return .phone
        case "btc", "xmr", "dash", "eth", "cryptocurrency-address": return .wallet
        case "iban": return .iban
        case "ip-src", "ip-dst": return .ip
        case "github-username", "twitter-id", "jabber-id", "telegram-id", "target-user": return .handle
        case "url", "domain", "link": return .website
        default: return nil
        }
    }

    static func parse(_ obj: [String: Any], file: String) throws -> ListDocument {
        let e = obj["Event"] as? [String: Any] ?? obj
        let name = (e["info"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var doc = try ListDocument(name: name, authority: (e["Orgc"] as? [String: Any])?["name"] as? String ?? "MISP event",
                                   publishedAt: (e["date"] as? String) ?? ListFiles.modifiedDate(file),
                                   version: (e["timestamp"] as? String) ?? (e["date"] as? String) ?? ListFiles.digest(file), format: "misp-event")
        func add(_ attrs: [[String: Any]], into r: inout ListRecord) {
            var names: [String: String] = [:]
            for a in attrs {
                let t = (a["type"] as? String ?? "").lowercased()
                let v = a["value"] as? String ?? ""
                if let k = kind(t) {
                    var value = v
                    if t == "twitter-id" || t == "github-username" { value = "\(t == "twitter-id" ? "twitter" : "github"):\(v)" }
                    r.addIdentifier(k, value, currency: t == "btc" ? "XBT" : t == "xmr" ? "XMR" : t == "eth" ? "ETH" : nil)
                } else if ["full-name", "first-name", "middle-name", "last-name", "alias"].contains(t) || t == "text" && (a["object_relation"] as? String) == "full-name" {
                    names[(a["object_relation"] as? String) ?? t] = v
                    if t == "alias" { r.addName(v, strength: .strong) }
                } else { doc.skip("attribute type \(t)") }
            }
            if let full = names["full-name"] { r.addName(full, strength: .primary) }
            let parts = ["first-name", "middle-name", "last-name"].compactMap { names[$0] }
            if !parts.isEmpty { r.addName(parts.joined(separator: " "), strength: .strong) }
        }
        for a in e["Attribute"] as? [[String: Any]] ?? [] {
            var r = ListRecord(recordId: a["uuid"] as? String ?? "attribute-\(doc.records.count + 1)", kind: .indicator)
            add([a], into: &r)
            r.remarks = a["comment"] as? String
            if !r.identifiers.isEmpty || !r.names.isEmpty { doc.records.append(r) }
        }
        for o in e["Object"] as? [[String: Any]] ?? [] {
            var r = ListRecord(recordId: o["uuid"] as? String ?? "object-\(doc.records.count + 1)",
                               kind: (o["name"] as? String) == "person" ? .person : .indicator)
            add(o["Attribute"] as? [[String: Any]] ?? [], into: &r)
            if !r.identifiers.isEmpty || !r.names.isEmpty { doc.records.append(r) }
        }
        return doc
    }
}
