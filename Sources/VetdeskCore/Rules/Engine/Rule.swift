/// Which pass a rule runs in. Second-pass rules (referral_chain) look at other candidates'
/// first-pass scores, so they run after every first-pass rule has been evaluated.
public enum RulePass: Sendable { case first, second }

/// One indicator from INDICATORS.md. A rule is a small stateless value: it reads the candidate's
/// `RuleContext` and returns a `Flag` saying why it fired, or nil.
public protocol Rule: Sendable {
    var id: String { get }
    var title: String { get }
    var severity: Severity { get }
    /// Default contribution in 0...1 to the noisy-OR score (see `RiskScorer`).
    var weight: Double { get }
    /// The public advisory or report the indicator comes from.
    var source: String { get }
    /// Tunable numbers with their defaults, overridable per rule in rules.yaml.
    var thresholds: [String: Double] { get }
    /// Tunable name lists with their defaults (tool names, provider names...).
    var lists: [String: [String]] { get }
    var pass: RulePass { get }
    func evaluate(_ ctx: RuleContext, _ settings: RuleSettings) -> Flag?
}

extension Rule {
    public var thresholds: [String: Double] { [:] }
    public var lists: [String: [String]] { [:] }
    public var pass: RulePass { .first }

    /// Builds the flag for this rule with the configured weight.
    func flag(_ ctx: RuleContext, _ settings: RuleSettings, _ summary: String, _ evidence: [Evidence]) -> Flag {
        Flag(candidateId: ctx.candidate.id, ruleId: id, severity: severity, weight: settings.weight,
             summary: summary, evidence: evidence, computedAt: ctx.now)
    }
}

/// The effective settings of one rule: defaults merged with rules.yaml.
public struct RuleSettings: Sendable, Equatable, Codable {
    public var enabled: Bool
    public var weight: Double
    public var thresholds: [String: Double]
    public var lists: [String: [String]]

    public init(enabled: Bool = true, weight: Double, thresholds: [String: Double] = [:], lists: [String: [String]] = [:]) {
        self.enabled = enabled; self.weight = weight; self.thresholds = thresholds; self.lists = lists
    }

    /// A threshold the rule declared; the config loader guarantees every declared key is present.
    public subscript(_ key: String) -> Double {
        guard let v = thresholds[key] else { preconditionFailure("rule threshold '\(key)' not declared") }
        return v
    }

    public func list(_ key: String) -> [String] {
        guard let v = lists[key] else { preconditionFailure("rule list '\(key)' not declared") }
        return v
    }
}
