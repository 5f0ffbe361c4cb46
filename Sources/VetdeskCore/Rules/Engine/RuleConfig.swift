import Foundation
import Yams

/// The rules in use with their effective settings: the defaults each rule declares, overridden
/// by the rules file ($XDG_CONFIG_HOME/vetdesk/rules.yaml). The file format:
///
///     rules:
///       off_hours_pattern:
///         enabled: true      # optional
///         weight: 0.1        # optional, 0...1
///         share: 0.75        # any threshold the rule declares (numbers)
///       remote_access_tools:
///         tools: [anydesk, teamviewer]   # any list the rule declares (replaces the default)
///
/// Unknown rules or keys and wrong types are errors naming the file, line and key.
public struct RuleConfig: Sendable {
    public let rules: [any Rule]
    public private(set) var settings: [String: RuleSettings]
    /// Where the overrides came from, nil for built-in defaults.
    public let file: String?

    public init(rules: [any Rule] = RuleCatalog.all, overrides: [String: RuleSettings] = [:], file: String? = nil) {
        self.rules = rules
        self.file = file
        var s: [String: RuleSettings] = [:]
        for r in rules {
            s[r.id] = overrides[r.id] ?? RuleSettings(enabled: true, weight: r.weight, thresholds: r.thresholds, lists: r.lists)
        }
        settings = s
    }

    public static var defaults: RuleConfig { RuleConfig() }

    public func settings(for ruleId: String) -> RuleSettings {
        guard let s = settings[ruleId] else { preconditionFailure("unknown rule \(ruleId)") }
        return s
    }

    public var enabledRules: [any Rule] { rules.filter { settings[$0.id]?.enabled ?? false } }

    /// Changes one rule's settings (tests, tools). Thresholds and lists keep any keys not given.
    public mutating func set(_ ruleId: String, enabled: Bool? = nil, weight: Double? = nil,
                             thresholds: [String: Double] = [:], lists: [String: [String]] = [:]) {
        guard var s = settings[ruleId] else { preconditionFailure("unknown rule \(ruleId)") }
        if let enabled { s.enabled = enabled }
        if let weight { s.weight = weight }
        s.thresholds.merge(thresholds) { $1 }
        s.lists.merge(lists) { $1 }
        settings[ruleId] = s
    }

    /// Loads the rules file if it exists, else the defaults.
    public static func load(path: String) throws -> RuleConfig {
        guard FileManager.default.fileExists(atPath: path) else { return RuleConfig() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw VetdeskError.io("\(path): cannot read rules file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String, rules: [any Rule] = RuleCatalog.all) throws -> RuleConfig {
        func fail(_ node: Node?, _ key: String, _ message: String) -> VetdeskError {
            .malformed(file: file, location: "line \(node?.mark?.line ?? 0)", field: key, message: message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw VetdeskError.malformed(file: file, location: "YAML", field: nil, message: "\(error)")
        }
        var config = RuleConfig(rules: rules, file: file)
        guard let root else { return config }
        guard let top = root.mapping else { throw fail(root, "(top level)", "expected a mapping with a 'rules' key") }
        let byId = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            guard key == "rules" else { throw fail(keyNode, key, "unknown top-level key; expected 'rules'") }
            if value.null != nil { continue }
            guard let ruleMap = value.mapping else { throw fail(value, "rules", "expected a mapping of rule id to settings") }
            for (idNode, body) in ruleMap {
                let id = idNode.string ?? ""
                guard let rule = byId[id] else {
                    throw fail(idNode, "rules.\(id)", "unknown rule; known rules: \(rules.map(\.id).joined(separator: ", "))")
                }
                var s = config.settings(for: id)
                if body.null != nil { continue }
                guard let fields = body.mapping else { throw fail(body, "rules.\(id)", "expected a mapping of settings") }
                for (fNode, v) in fields {
                    let f = fNode.string ?? ""
                    let path = "rules.\(id).\(f)"
                    switch f {
                    case "enabled":
                        guard let b = v.bool else { throw fail(v, path, "expected true or false, got '\(v.string ?? "?")'") }
                        s.enabled = b
                    case "weight":
                        guard let w = v.float, (0...1).contains(w) else { throw fail(v, path, "expected a number from 0 to 1, got '\(v.string ?? "?")'") }
                        s.weight = w
                    default:
                        if rule.thresholds[f] != nil {
                            guard let x = v.float, x.isFinite, x >= 0 else { throw fail(v, path, "expected a non-negative number, got '\(v.string ?? "?")'") }
                            s.thresholds[f] = x
                        } else if rule.lists[f] != nil {
                            guard let seq = v.sequence else { throw fail(v, path, "expected a list of strings") }
                            var items: [String] = []
                            for item in seq {
                                guard let str = item.string, item.mapping == nil, item.sequence == nil else {
                                    throw fail(item, path, "expected a list of strings")
                                }
                                items.append(str)
                            }
                            s.lists[f] = items
                        } else {
                            let known = ["enabled", "weight"] + rule.thresholds.keys.sorted() + rule.lists.keys.sorted()
                            throw fail(fNode, path, "unknown setting; known for \(id): \(known.joined(separator: ", "))")
                        }
                    }
                }
                config.settings[id] = s
            }
        }
        return config
    }
}
