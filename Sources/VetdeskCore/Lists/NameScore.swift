/// Scores one name against one listed name in the manner of OpenSanctions' name matcher and
/// Moov Watchman: tokens aligned as a set (so order does not matter), each pair compared by its
/// romanisation-folded spelling, its phonetic key, then Jaro-Winkler; every token of the shorter
/// name must find a partner, and unmatched tokens of the longer name lower the score.
public enum NameScore {
    public struct Pair: Sendable, Equatable {
        public var query: String
        public var listed: String
        /// "same", "romanisation variant", "spelling" (Jaro-Winkler).
        public var how: String
        public var similarity: Double
    }

    public struct Result: Sendable, Equatable {
        public var score: Double
        public var pairs: [Pair]
        /// Tokens of the longer name left unmatched.
        public var unmatched: [String]
    }

    /// Tokens shorter than 7 letters (every Korean syllable, most given names) must agree after
    /// romanisation folding; longer written tokens may differ by a spelling slip of Jaro-Winkler
    /// >= this (one letter in ten), and such a hit is only ever `possible`.
    public static let tokenThreshold = 0.96
    public static let spellingMinLength = 7

    static func similarity(_ a: NameTokens.Token, _ b: NameTokens.Token) -> (Double, String) {
        if a.text == b.text { return (1, a.written == b.written ? "same" : "romanisation variant") }
        if a.key == b.key { return (0.97, "romanisation variant") }
        if a.merged || b.merged || min(a.text.count, b.text.count) < spellingMinLength { return (0, "") }
        let jw = JaroWinkler.similarity(a.text, b.text)
        return jw >= tokenThreshold ? (jw, "spelling") : (0, "")
    }

    /// nil when some token of the shorter name has no partner, or no identifying token matched.
    public static func score(_ q: [NameTokens.Token], _ r: [NameTokens.Token]) -> Result? {
        guard !q.isEmpty, !r.isEmpty else { return nil }
        let qShorter = q.count <= r.count
        let short = qShorter ? q : r, long = qShorter ? r : q
        var used = [Bool](repeating: false, count: long.count)
        var pairs: [Pair] = []
        var simWeighted = 0.0, weightShort = 0.0, identifying = 0.0
        for s in short {
            var best = -1, bestSim = 0.0, bestHow = ""
            for (j, l) in long.enumerated() where !used[j] {
                let (sim, how) = similarity(s, l)
                if sim > bestSim { best = j; bestSim = sim; bestHow = how }
            }
            if best < 0 {
                // A generic word ("company") may go unmatched; a name token may not.
                if s.weight < 1 { continue }
                return nil
            }
            weightShort += s.weight
            used[best] = true
            simWeighted += bestSim * s.weight
            if s.weight == 1 { identifying += 1 }
            let (qt, lt) = qShorter ? (s.written, long[best].written) : (long[best].written, s.written)
            pairs.append(Pair(query: qt, listed: lt, how: bestHow, similarity: bestSim))
        }
        guard identifying >= 1 else { return nil }
        // Coverage counts identifying tokens only: "Co., Ltd" left over says nothing. A name
        // token left over ("Myong Chol" against "Myong Chol Min") says another person.
        var identLong = 0.0, matchedLong = 0.0
        var unmatched: [String] = []
        for (j, l) in long.enumerated() where l.weight == 1 {
            identLong += 1
            if used[j] { matchedLong += 1 } else { unmatched.append(l.text) }
        }
        let coverage = identLong > 0 ? matchedLong / identLong : 1
        let score = (simWeighted / max(weightShort, 0.0001)) * (0.5 + 0.5 * coverage)
        return Result(score: score, pairs: pairs, unmatched: unmatched)
    }
}
