import Foundation

/// Shared wording for evidence lines, so every rule shows IPs, AS numbers, days and names alike.
enum EvidenceText {
    /// "AS9009 M247"; "AS?" when unknown.
    static func asLabel(_ asn: Int?, _ name: String?) -> String {
        guard let asn else { return "AS?" }
        if let name, !name.isEmpty { return "AS\(asn) \(Sanitize.forDisplay(name))" }
        return "AS\(asn)"
    }

    /// "45.84.1.7 NL AS9009 M247 (Astrill VPN)"
    static func ip(_ ip: String, _ info: IPInfo) -> String {
        var s = "\(ip) \(info.country ?? "??") \(asLabel(info.asn, info.asName))"
        if let p = info.provider, !p.isEmpty { s += " (\(Sanitize.forDisplay(p)))" }
        else if info.anonymousProxy { s += " (anonymous proxy)" }
        return s
    }

    /// "45.84.1.7 NL AS9009 M247 (Astrill VPN), 12 logins 2026-03-02 07:14Z .. 2026-03-20 18:00Z"
    static func ipUse(_ u: IPUse) -> String {
        "\(ip(u.ip, u.info)), \(plural(u.events, "login")) \(span(u.firstAt, u.lastAt))"
    }

    static func span(_ a: Int64, _ b: Int64) -> String {
        a == b ? EvidenceText.time(a) : "\(EvidenceText.time(a)) .. \(EvidenceText.time(b))"
    }

    static func day(_ dayNumber: Int64) -> String { date(dayNumber * 86400) }

    static func time(_ t: Int64) -> String { Time.short(t) }

    static func date(_ t: Int64) -> String { Time.day(t) }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

    static func candidate(_ c: LinkedCandidate) -> String { "\(c.id) \(Sanitize.forDisplay(c.name))" }

    /// "iban DE89370400440532013000 (holder Jane Roe, DE, Wise)"
    static func account(_ a: PaymentAccount) -> String {
        var parts: [String] = []
        if let h = a.holderName, !h.isEmpty { parts.append("holder \(Sanitize.forDisplay(h))") }
        if let c = a.bankCountry, !c.isEmpty { parts.append(c) }
        if let b = a.bankName, !b.isEmpty { parts.append(Sanitize.forDisplay(b)) }
        let tail = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        return "\(a.accountType) \(Sanitize.forDisplay(a.identifier))\(tail)"
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0 %" : "\(Int((Double(part) * 100 / Double(whole)).rounded())) %"
    }

    static func field(_ name: String, _ value: String?) -> Evidence {
        Evidence(kind: .field, ref: name, detail: "\(name): \(Sanitize.forDisplay(value ?? "(none)"))")
    }
}

extension Optional where Wrapped == String {
    /// Upper-cased alpha-2 country, nil when absent or empty.
    var countryCode: String? {
        guard let s = self, !s.isEmpty else { return nil }
        // Stored codes are already trimmed upper-case alpha-2: skip Foundation's trimming (about
        // 1 µs a call, called by several rules for each of 100k candidates in a full rescore).
        if s.utf8.count == 2, s.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { return s }
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t.uppercased()
    }
    var nonEmpty: String? {
        guard let s = self, let first = s.utf8.first else { return nil }
        if first < 0x80 && first != 0x20 && first != 0x09 { return s } // starts with a visible ASCII character
        return s.trimmingCharacters(in: .whitespaces).isEmpty ? nil : s
    }
}
