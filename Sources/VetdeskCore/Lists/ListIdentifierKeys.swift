import Foundation

/// Normal forms under which a list's identifier and a candidate's value compare equal.
public enum ListIdentifierKeys {
    /// Providers that document ignoring dots in the local part (Gmail) or "+tag" sub-addressing.
    static let dotless: Set<String> = ["gmail.com", "googlemail.com"]
    static let plusTags: Set<String> = ["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "icloud.com",
                                        "me.com", "proton.me", "protonmail.com", "pm.me", "fastmail.com"]

    /// Lower-cased; Gmail dots and "+tag" removed (googlemail.com is gmail.com); "+tag" removed for
    /// providers that document sub-addressing.
    public static func email(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard let at = t.lastIndex(of: "@") else { return t }
        var local = String(t[..<at]), domain = String(t[t.index(after: at)...])
        if plusTags.contains(domain), let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        if dotless.contains(domain) { local.removeAll { $0 == "." }; domain = "gmail.com" }
        return local + "@" + domain
    }

    /// Digits with the international prefix folded: "+86 186-4156-7893", "0086 18641567893" and
    /// "+8618641567893" compare equal (E.164 without the "+").
    public static func phone(_ s: String) -> String {
        var d = Identifiers.phone(s)
        if d.hasPrefix("+") { d.removeFirst() } else if d.hasPrefix("00") { d.removeFirst(2) }
        return d
    }

    /// EVM addresses (0x + 40 hex, or the 40 hex alone; EIP-55 mixed case accepted) lower-case with
    /// 0x; bech32 (bc1..., ltc1...) lower-case (the encoding is case-insensitive); base58 and others
    /// exact, since their case is significant.
    public static func wallet(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        let hex = lower.hasPrefix("0x") ? String(lower.dropFirst(2)) : lower
        if hex.count == 40, hex.allSatisfy({ $0.isHexDigit }) { return "0x" + hex }
        if lower.hasPrefix("bc1") || lower.hasPrefix("ltc1") || lower.hasPrefix("tb1") { return lower }
        return t
    }

    /// Handles without "@", a platform prefix ("github:") or a profile URL, lower-cased.
    public static func handle(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces).lowercased()
        for p in ["https://", "http://", "www."] where t.hasPrefix(p) { t = String(t.dropFirst(p.count)) }
        if let slash = t.firstIndex(of: "/"), t[..<slash].contains(".") { t = String(t[t.index(after: slash)...]) }
        if let colon = t.firstIndex(of: ":") { t = String(t[t.index(after: colon)...]) }
        while t.hasPrefix("@") { t.removeFirst() }
        while t.hasSuffix("/") { t.removeLast() }
        return t
    }

    public static func key(_ kind: ListIdentifier.Kind, _ value: String) -> String? {
        let v: String
        switch kind {
        case .email: v = email(value)
        case .phone: v = phone(value); if v.count < 6 { return nil }
        case .wallet: v = wallet(value)
        case .iban: v = IBAN.normalized(value)
        case .handle: v = handle(value)
        case .ip: guard let ip = Identifiers.ip(value) else { return nil }; v = ip
        case .website: v = handle(value)
        }
        return v.isEmpty ? nil : "\(kind.rawValue):\(v)"
    }

    /// Which kind a free-form value looks like (for `vetdesk lists screen VALUE`); nil for a name.
    public static func guess(_ s: String) -> ListIdentifier.Kind? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.contains("@"), !t.hasPrefix("@"), t.contains(".") { return .email }
        if Identifiers.ip(t) != nil { return .ip }
        let compact = t.filter { $0 != " " && $0 != "-" }
        if compact.count >= 15, compact.prefix(2).allSatisfy(\.isLetter), IBAN.isValid(compact) { return .iban }
        if wallet(t).hasPrefix("0x") && wallet(t).count == 42 { return .wallet }
        let lower = t.lowercased()
        if (lower.hasPrefix("bc1") || lower.hasPrefix("1") || lower.hasPrefix("3") || lower.hasPrefix("t")) && t.count >= 26 && !t.contains(" ")
            && t.allSatisfy({ $0.isLetter || $0.isNumber }) { return .wallet }
        if t.first == "+" || (t.filter(\.isNumber).count >= 7 && t.allSatisfy { $0.isNumber || " +-().".contains($0) }) { return .phone }
        if t.hasPrefix("@") || t.contains(":") && !t.contains(" ") { return .handle }
        return nil
    }
}
