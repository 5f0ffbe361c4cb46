import Foundation

/// Normal forms of identifiers, so that the same account written two ways compares equal
/// (payment accounts, watchlist values).
public enum Identifiers {
    public static func email(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }

    /// "+" and digits only: "+1 (555) 010-7788" -> "+15550107788".
    public static func phone(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        let digits = t.unicodeScalars.filter { ("0"..."9").contains($0) }
        return (t.hasPrefix("+") ? "+" : "") + String(String.UnicodeScalarView(digits))
    }

    /// Handles compare without a leading "@" and case-insensitively.
    public static func handle(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces).lowercased()
        while t.hasPrefix("@") { t.removeFirst() }
        return t
    }

    /// Hex (0x...) and bech32 (bc1..., ltc1..., tb1...) addresses are case-insensitive and are
    /// lower-cased; base58 addresses (legacy Bitcoin, Tron...) are case-sensitive and kept as written.
    public static func wallet(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("bc1") || lower.hasPrefix("ltc1") || lower.hasPrefix("tb1") { return lower }
        return t
    }

    /// Bank account numbers: upper-case without spaces or hyphens.
    public static func bankAccount(_ s: String) -> String { IBAN.normalized(s) }

    /// Platform accounts (Payoneer, Wise, PayPal ids and emails) compare case-insensitively.
    public static func platformAccount(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }

    /// The canonical text of an IP address, or nil when it is not one.
    public static func ip(_ s: String) -> String? {
        guard let address = IPAddress(s) else { return nil }
        return address.description.lowercased()
    }
}
