/// Evaluates the enabled rules of a config against one context.
public struct RuleEngine: Sendable {
    public let config: RuleConfig
    private struct Entry: Sendable {
        let rule: any Rule
        let settings: RuleSettings
    }
    private let first: [Entry]
    private let second: [Entry]

    public init(config: RuleConfig) {
        self.config = config
        let enabled = config.enabledRules.map { Entry(rule: $0, settings: config.settings(for: $0.id)) }
        first = enabled.filter { $0.rule.pass == .first }
        second = enabled.filter { $0.rule.pass == .second }
    }

    public var hasSecondPass: Bool { !second.isEmpty }

    public func evaluate(_ ctx: RuleContext, pass: RulePass) -> [Flag] {
        // Rules and settings are read in place (borrowed), not copied out of the array: copying
        // retains each rule's box and settings dictionaries, and with rules evaluated on several
        // threads those shared reference counts made two cores no faster than one.
        let entries = pass == .first ? first : second
        var flags: [Flag] = []
        entries.withUnsafeBufferPointer { entries in
            for i in entries.indices {
                if let f = entries[i].rule.evaluate(ctx, entries[i].settings) { flags.append(f) }
            }
        }
        return flags
    }
}
