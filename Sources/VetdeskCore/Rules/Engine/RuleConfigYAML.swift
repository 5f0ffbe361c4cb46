import Foundation

extension RuleConfig {
    /// These settings as a rules file that `parse` reads back to the same settings: every rule with
    /// its enabled flag, weight, thresholds and lists, the title as a comment. `make install` writes
    /// the defaults to share/vetdesk/rules.yaml, the site-wide rules file and a template to copy.
    public func yaml(header: [String] = []) -> String {
        var out = header.map { "# " + $0 }
        out.append("rules:")
        for rule in rules {
            let s = settings(for: rule.id)
            out.append("  \(rule.id):   # \(Self.comment(rule.title))")
            out.append("    enabled: \(s.enabled)")
            out.append("    weight: \(Self.number(s.weight))")
            for (k, v) in s.thresholds.sorted(by: { $0.key < $1.key }) { out.append("    \(k): \(Self.number(v))") }
            for (k, v) in s.lists.sorted(by: { $0.key < $1.key }) {
                out.append("    \(k): [" + v.map(Self.quoted).joined(separator: ", ") + "]")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back to the same Double.
    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }

    /// A YAML double-quoted scalar (JSON escaping is valid YAML).
    static func quoted(_ s: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }

    static func comment(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
