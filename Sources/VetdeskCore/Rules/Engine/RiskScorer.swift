/// Turns a candidate's fired flags into a 0-100 risk score and band.
///
/// The score is a noisy-OR of the flag weights: 100 × (1 − ∏(1 − wᵢ)). Each weight reads as
/// "how likely this signal alone means fraud"; independent signals compound but never pass 100,
/// one flag of weight w scores exactly 100·w, adding a flag never lowers the score, and the order
/// of flags does not matter. A capped sum would saturate abruptly at the cap and make many weak
/// signals (off-hours + low rate + fresh accounts...) as bad as one strong one.
/// A decisive flag (DPRK address space) forces 100 / critical.
public enum RiskScorer {
    public struct Result: Sendable, Equatable {
        public var score: Int
        public var band: RiskBand
        /// Rule ids, highest weight first (ties by id), at most `topCount`.
        public var topFlags: [String]
        public var decisive: Bool
    }

    public static let topCount = 5

    public static func score(_ flags: [Flag]) -> Result {
        let decisive = flags.contains { $0.severity == .decisive }
        var keep = 1.0
        for f in flags { keep *= 1 - min(max(f.weight, 0), 1) }
        let raw = decisive ? 100 : Int((100 * (1 - keep)).rounded())
        let score = min(100, max(0, raw))
        // A flag with weight 0 still shows up but cannot lift the band above none on its own.
        let band = decisive ? RiskBand.critical : RiskBand.forScore(score)
        let top = flags.sorted { ($0.weight, $1.ruleId) > ($1.weight, $0.ruleId) }.prefix(topCount).map(\.ruleId)
        return Result(score: score, band: band, topFlags: Array(top), decisive: decisive)
    }
}
