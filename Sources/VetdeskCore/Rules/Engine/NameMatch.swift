import Foundation

/// Fuzzy person-name comparison for payee and profile checks: tolerant of case, diacritics,
/// punctuation, token order, middle names, initials and small spelling variants
/// ("ÁLVAREZ, José M." matches "Jose Alvarez"), but not of a different person's name.
public enum NameMatch {
    /// Lower-cased, diacritic-free alphanumeric tokens.
    public static func tokens(_ name: String) -> [String] {
        // Fast path for ASCII names (most of them): Foundation's folding costs microseconds per call.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [String] = []
            var current: [UInt8] = []
            for b in name.utf8 {
                switch b {
                case 0x41...0x5A: current.append(b + 0x20)
                case 0x61...0x7A, 0x30...0x39: current.append(b)
                default:
                    if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                }
            }
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            return out
        }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ß", with: "ss")
        var out: [String] = []
        var current = ""
        for ch in folded {
            if ch.isLetter || ch.isNumber { current.append(ch) }
            else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Token-set similarity in 0...1: the share of the shorter name's tokens that find a partner
    /// in the other name (equal, an initial of it, or within a small edit distance).
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        let ta = tokens(a), tb = tokens(b)
        guard !ta.isEmpty, !tb.isEmpty else { return 0 }
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        var unused = long
        var matched = 0
        for t in short {
            if let i = unused.firstIndex(where: { tokenMatch(t, $0) }) {
                unused.remove(at: i)
                matched += 1
            }
        }
        return Double(matched) / Double(short.count)
    }

    static func tokenMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.count == 1 || b.count == 1 { return a.first == b.first }
        let longer = max(a.count, b.count)
        return Double(longer - editDistance(a, b)) / Double(longer) >= 0.8
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
