/// snake_case as the store's columns spell it: a digit run starts a word
/// (payoutChanges90d -> payout_changes_90d), which Foundation's and GRDB's converters do not do.
public enum SnakeCase {
    public static func of(_ name: String) -> String {
        var out = ""
        var previous: Character? = nil
        for ch in name {
            if let p = previous, (ch.isUppercase && !p.isUppercase) || (ch.isNumber && !p.isNumber && p != "_") { out.append("_") }
            out.append(Character(ch.lowercased()))
            previous = ch
        }
        return out
    }
}
