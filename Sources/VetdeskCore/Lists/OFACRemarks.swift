import Foundation

/// OFAC puts a record's details in its remarks, ";"-separated: "DOB 15 Oct 1985; nationality Korea,
/// North; Email Address kim@example.com; alt. Email Address ...; Phone Number +86 ...; Digital
/// Currency Address - ETH 0x...; alt. Digital Currency Address - XBT ...; a.k.a. 'X'". The legacy
/// CSV's remarks may continue in sdn_comments.csv (joined before parsing).
enum OFACRemarks {
    static func apply(_ remarks: String, to r: inout ListRecord) {
        for raw in remarks.split(separator: ";") {
            var part = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if part.hasSuffix(".") { part.removeLast() }
            for prefix in ["alt. ", "Alt. "] where part.hasPrefix(prefix) { part = String(part.dropFirst(prefix.count)) }
            let lower = part.lowercased()
            if lower.hasPrefix("digital currency address - ") {
                // "Digital Currency Address - ETH 0xabc..."
                let rest = part.dropFirst("digital currency address - ".count)
                let bits = rest.split(separator: " ", maxSplits: 1).map(String.init)
                if bits.count == 2 { r.addIdentifier(.wallet, bits[1], currency: bits[0].uppercased()) }
            } else if lower.hasPrefix("email address ") {
                r.addIdentifier(.email, String(part.dropFirst("email address ".count)))
            } else if lower.hasPrefix("phone number ") {
                r.addIdentifier(.phone, String(part.dropFirst("phone number ".count)))
            } else if lower.hasPrefix("website ") {
                r.addIdentifier(.website, String(part.dropFirst("website ".count)))
            } else if lower.hasPrefix("dob ") {
                if let d = ListDates.normalise(String(part.dropFirst(4))) { r.birthDates.append(d) }
            } else if lower.hasPrefix("nationality ") || lower.hasPrefix("citizen ") {
                let c = String(part.drop(while: { $0 != " " }).dropFirst())
                r.nationalities.append(Country.alpha2(c) ?? c)
            } else if lower.hasPrefix("a.k.a. ") || lower.hasPrefix("f.k.a. ") {
                // Quoted aliases in remarks are OFAC's weak (low-quality) a.k.a.s.
                for q in quoted(String(part.dropFirst(7))) { r.addName(q, strength: .weak) }
            }
        }
    }

    /// Text between single or double quotes.
    static func quoted(_ s: String) -> [String] {
        var out: [String] = []
        var current: String?
        for ch in s {
            if ch == "'" || ch == "\"" || ch == "\u{2018}" || ch == "\u{2019}" || ch == "\u{201C}" || ch == "\u{201D}" {
                if let c = current { if !c.isEmpty { out.append(c) }; current = nil } else { current = "" }
            } else if current != nil { current!.append(ch) }
        }
        return out
    }
}
