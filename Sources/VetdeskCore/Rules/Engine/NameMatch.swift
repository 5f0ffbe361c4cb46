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
        if let latin = latinTokens(name) { return latin }
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

    /// Tokens of a name written in Latin-1 and Latin Extended-A (European names: José, Müller,
    /// Søren, Łukasz, Dvořák) without Foundation, whose folding cost ~10 µs per name and made the
    /// name rules a third of a full rescore's evaluation. Letters fold to their ASCII base
    /// (ø → o, ł → l, æ → ae, ß → ss). nil when the name has other scripts: Foundation folds those.
    static func latinTokens(_ name: String) -> [String]? {
        var out: [String] = []
        var current = ""
        for u in name.unicodeScalars {
            let v = u.value
            var folded: Substring? = nil
            switch v {
            case 0x41...0x5A: current.unicodeScalars.append(Unicode.Scalar(v + 0x20)!); continue
            case 0x61...0x7A, 0x30...0x39: current.unicodeScalars.append(u); continue
            case 0xC0...0xFF: folded = latin1Fold[Int(v - 0xC0)]
            case 0x100...0x17F: folded = latinAFold[Int(v - 0x100)]
            case 0...0x7F, 0x80...0xBF: folded = nil // separators and symbols
            default: return nil
            }
            if let folded, !folded.isEmpty {
                current += folded
            } else if !current.isEmpty {
                out.append(current); current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// U+00C0...U+00FF folded to lower-case ASCII; "" for × and ÷.
    private static let latin1Fold: [Substring] =
        ("a a a a a a ae c e e e e i i i i d n o o o o o  o u u u u y th ss "
         + "a a a a a a ae c e e e e i i i i d n o o o o o  o u u u u y th y").split(separator: " ", omittingEmptySubsequences: false)

    /// U+0100...U+017F folded to lower-case ASCII.
    private static let latinAFold: [Substring] = {
        let runs: [(String, Int)] = [("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2), ("j", 2),
                                     ("k", 3), ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12),
                                     ("w", 2), ("y", 3), ("z", 6), ("s", 1)]
        return runs.flatMap { letter, count in Array(repeating: Substring(letter), count: count) }
    }()

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
