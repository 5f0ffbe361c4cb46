import Foundation

/// Turns a candidate's fired flags into a 0-100 risk score and band.
///
/// The score is a noisy-OR of the flags' effective weights: 100 × (1 − ∏(1 − eᵢ)). Each weight
/// reads as "how likely this signal alone means fraud"; independent signals compound but never
/// pass 100, one flag of weight w scores exactly 100·w, adding a flag never lowers the score, and
/// the order of flags does not matter. Flags of one `RuleGroups` group read the same fact: the
/// strongest counts in full (eᵢ = wᵢ), every further one at `RuleGroups.furtherFactor` × wᵢ.
/// A decisive flag (DPRK address space) forces 100 / critical.
public enum RiskScorer {
    public struct Result: Sendable, Equatable {
        public var score: Int
        public var band: RiskBand
        /// Rule ids, highest weight first (ties by id), at most `topCount`.
        public var topFlags: [String]
        public var decisive: Bool
    }

    /// How one flag counts in its candidate's score.
    public struct Contribution: Sendable, Equatable, Encodable {
        public var ruleId: String
        public var weight: Double
        /// The weight after the group discount (equal to `weight` for the strongest flag of a group).
        public var effectiveWeight: Double
        /// Score points this flag carries; the points of all flags add up to the score.
        public var points: Int
        public var group: String?
        /// Other fired flags of the same group ("counted with …").
        public var countedWith: [String]

        enum CodingKeys: String, CodingKey {
            case ruleId = "rule_id", weight, effectiveWeight = "effective_weight", points, group, countedWith = "counted_with"
        }
    }

    public static let topCount = 5

    public static func score(_ flags: [Flag]) -> Result {
        let decisive = flags.contains { $0.severity == .decisive }
        var keep = 1.0
        for e in effectiveWeights(flags) { keep *= 1 - e }
        let raw = decisive ? 100 : Int((100 * (1 - keep)).rounded())
        let score = min(100, max(0, raw))
        // A flag with weight 0 still shows up but cannot lift the band above none on its own.
        let band = decisive ? RiskBand.critical : RiskBand.forScore(score)
        let top = flags.sorted { ($0.weight, $1.ruleId) > ($1.weight, $0.ruleId) }.prefix(topCount).map(\.ruleId)
        return Result(score: score, band: band, topFlags: Array(top), decisive: decisive)
    }

    /// Effective weight per flag, in the flags' order.
    static func effectiveWeights(_ flags: [Flag]) -> [Double] {
        var out = flags.map { min(max($0.weight, 0), 1) }
        var byGroup: [String: [Int]] = [:]
        for (i, f) in flags.enumerated() {
            if let g = RuleGroups.group(of: f.ruleId) { byGroup[g.id, default: []].append(i) }
        }
        for (_, members) in byGroup where members.count > 1 {
            let ranked = members.sorted { (out[$0], flags[$1].ruleId) > (out[$1], flags[$0].ruleId) }
            for i in ranked.dropFirst() { out[i] *= RuleGroups.furtherFactor }
        }
        return out
    }

    /// Splits the score over the flags. In noisy-OR the terms add up in log space
    /// (−ln(1 − eᵢ)), so each flag gets that share of the score; largest-remainder rounding
    /// makes the points sum to the score exactly. A decisive flag carries the whole score.
    public static func contributions(_ flags: [Flag]) -> [Contribution] {
        let result = score(flags)
        let eff = effectiveWeights(flags)
        var share: [Double]
        if result.decisive {
            let n = Double(flags.filter { $0.severity == .decisive }.count)
            share = flags.map { $0.severity == .decisive ? 1 / n : 0 }
        } else {
            let logs = eff.map { -log(max(1e-12, 1 - min($0, 0.999_999))) }
            let total = logs.reduce(0, +)
            share = logs.map { total > 0 ? $0 / total : 0 }
        }
        let exact = share.map { $0 * Double(result.score) }
        var points = exact.map { Int($0.rounded(.down)) }
        var left = result.score - points.reduce(0, +)
        for i in exact.indices.sorted(by: { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }) where left > 0 {
            points[i] += 1; left -= 1
        }
        return flags.enumerated().map { i, f in
            let g = RuleGroups.group(of: f.ruleId)
            let with = g.map { g in flags.map(\.ruleId).filter { $0 != f.ruleId && g.rules.contains($0) } } ?? []
            return Contribution(ruleId: f.ruleId, weight: f.weight, effectiveWeight: eff[i], points: points[i],
                                group: with.isEmpty ? nil : g?.id, countedWith: with)
        }
    }

    /// "shared_payment_account 30, third_party_payee 20 of 64": the flags that carry most of
    /// the score (together at least two thirds of it, at most three).
    public static func carriers(_ flags: [Flag]) -> String {
        let c = contributions(flags).sorted { ($0.points, $1.ruleId) > ($1.points, $0.ruleId) }
        let total = c.reduce(0) { $0 + $1.points }
        guard total > 0 else { return "" }
        var picked: [Contribution] = []
        var sum = 0
        for x in c where picked.count < 3 && x.points > 0 && (sum * 3 < total * 2) {
            picked.append(x); sum += x.points
        }
        return picked.map { "\($0.ruleId) \($0.points)" }.joined(separator: ", ") + " of \(total)"
    }
}
