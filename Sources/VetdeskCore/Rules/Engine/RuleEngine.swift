/// Evaluates the enabled rules of a config against one context.
public struct RuleEngine: Sendable {
    public let config: RuleConfig
    private let first: [(any Rule, RuleSettings)]
    private let second: [(any Rule, RuleSettings)]

    public init(config: RuleConfig) {
        self.config = config
        let enabled = config.enabledRules.map { ($0, config.settings(for: $0.id)) }
        first = enabled.filter { $0.0.pass == .first }
        second = enabled.filter { $0.0.pass == .second }
    }

    public var hasSecondPass: Bool { !second.isEmpty }

    public func evaluate(_ ctx: RuleContext, pass: RulePass) -> [Flag] {
        (pass == .first ? first : second).compactMap { rule, settings in rule.evaluate(ctx, settings) }
    }
}
