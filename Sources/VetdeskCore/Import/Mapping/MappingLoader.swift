import Foundation
import Yams

/// Reads a mapping file (YAML, docs/mappings.md) into an `ImportMapping`. Every mistake the file can
/// hold is reported here, naming the mapping file, its line and the key, before any data is read:
/// unknown keys, fields the kind does not have, required fields left unmapped, bad date formats.
extension ImportMapping {
    public static func load(path: String) throws -> ImportMapping {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw VetdeskError.io("\(path): cannot read mapping file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    static let topKeys = ["kind", "timezone", "delimiter", "fields", "source", "description"]
    static let delimiters: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\t": 0x09, "tab": 0x09, "|": 0x7C]
    static let ruleKeys = ["column", "join", "separator", "constant", "trim", "split", "part", "lowercase", "uppercase",
                           "map", "unmapped", "decimal", "date", "timezone", "country", "default"]

    public static func parse(yaml: String, file: String) throws -> ImportMapping {
        func fail(_ node: Node?, _ key: String?, _ message: String) -> VetdeskError {
            .malformed(file: file, location: "line \(node?.mark?.line ?? 1)", field: key, message: message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw VetdeskError.malformed(file: file, location: "YAML", field: nil, message: "\(error)")
        }
        guard let top = root?.mapping else { throw fail(root, nil, "expected a mapping with 'kind' and 'fields'") }
        for (k, _) in top where !topKeys.contains(k.string ?? "") {
            throw fail(k, k.string, "unknown key; expected \(topKeys.joined(separator: ", "))")
        }
        guard let kindNode = top["kind"], let kindText = kindNode.string else {
            throw fail(root, "kind", "missing: name the Vetdesk kind this export maps to")
        }
        let flatKinds = ImportKind.allCases.filter { $0.schema != nil }
        guard let kind = ImportKind(rawValue: kindText), let schema = kind.schema else {
            throw fail(kindNode, "kind", "'\(Sanitize.forDisplay(kindText))' is not a kind a mapping can target; use "
                       + flatKinds.map(\.rawValue).joined(separator: ", "))
        }
        var zone = TimeZone(identifier: "UTC")!
        if let z = top["timezone"] { zone = try timeZone(z, fail) }
        guard let fieldsNode = top["fields"], let fields = fieldsNode.mapping else {
            throw fail(root, "fields", "missing: a mapping of Vetdesk field → source column")
        }
        var rules: [FieldRule] = []
        for (targetNode, body) in fields {
            let target = targetNode.string ?? ""
            guard schema.all.contains(target) else {
                throw fail(targetNode, target, "not a field of \(kind.rawValue) (fields: \(schema.all.joined(separator: ", ")))")
            }
            var r = try rule(target: target, body, zone: zone, fail)
            r.line = targetNode.mark?.line ?? 0
            rules.append(r)
        }
        let mapped = Set(rules.map(\.target))
        for name in schema.required where !mapped.contains(name) {
            throw fail(fieldsNode, name, "required field of \(kind.rawValue) is not mapped (use a column, a join or a constant)")
        }
        var mapping = ImportMapping(file: file, kind: kind, rules: rules)
        if let d = top["delimiter"] {
            guard let text = d.scalar?.string, let byte = delimiters[text] else {
                throw fail(d, "delimiter", "expected one of \",\" \";\" \"|\" tab")
            }
            mapping.delimiter = byte
        }
        return mapping
    }

    private static func rule(target: String, _ body: Node, zone: TimeZone,
                             _ fail: (Node?, String?, String) -> VetdeskError) throws -> FieldRule {
        // `email: E-mail` is short for `email: {column: E-mail}`.
        if let column = body.scalar?.string {
            guard !column.isEmpty else { throw fail(body, target, "empty column name") }
            return FieldRule(target: target, source: .column(column))
        }
        guard let m = body.mapping else { throw fail(body, target, "expected a column name or a mapping of settings") }
        for (k, _) in m where !ruleKeys.contains(k.string ?? "") {
            throw fail(k, "\(target).\(k.string ?? "")", "unknown setting; expected \(ruleKeys.joined(separator: ", "))")
        }
        func key(_ k: String) -> String { "\(target).\(k)" }
        func text(_ k: String) throws -> String? {
            guard let n = m[k] else { return nil }
            guard let s = n.scalar?.string else { throw fail(n, key(k), "expected a single value") }
            return s
        }
        func flag(_ k: String) throws -> Bool {
            guard let n = m[k] else { return false }
            guard let b = n.bool else { throw fail(n, key(k), "expected true or false") }
            return b
        }
        let sources = ["column", "join", "constant"].filter { m[$0] != nil }
        guard sources.count == 1 else {
            throw fail(body, target, "give exactly one of column, join, constant (found \(sources.isEmpty ? "none" : sources.joined(separator: ", ")))")
        }
        let source: FieldRule.Source
        if let c = try text("column") {
            guard !c.isEmpty else { throw fail(m["column"], key("column"), "empty column name") }
            source = .column(c)
        } else if let j = m["join"] {
            guard let items = j.sequence, items.count >= 2 else { throw fail(j, key("join"), "expected a list of two or more columns") }
            let columns = try items.map { n -> String in
                guard let s = n.scalar?.string, !s.isEmpty else { throw fail(n, key("join"), "expected column names") }
                return s
            }
            source = .join(columns, separator: try text("separator") ?? " ")
        } else {
            source = .constant(try text("constant") ?? "")
        }
        if m["separator"] != nil, case .column = source {
            throw fail(m["separator"], key("separator"), "separator belongs to join (or use split)")
        }
        var rule = FieldRule(target: target, source: source)
        if m["trim"] != nil { rule.trim = try flag("trim") }
        rule.lowercase = try flag("lowercase")
        rule.uppercase = try flag("uppercase")
        if rule.lowercase && rule.uppercase { throw fail(body, target, "lowercase and uppercase together") }
        if let sep = try text("split") {
            guard !sep.isEmpty else { throw fail(m["split"], key("split"), "empty separator") }
            var index = 0
            if let p = m["part"] {
                guard let i = p.int else { throw fail(p, key("part"), "expected a whole number (0 = first, -1 = last)") }
                index = i
            }
            rule.split = (sep, index)
        } else if m["part"] != nil {
            throw fail(m["part"], key("part"), "part needs split")
        }
        if let mapNode = m["map"] {
            guard let pairs = mapNode.mapping else { throw fail(mapNode, key("map"), "expected source value: Vetdesk value pairs") }
            var valueMap: [String: String] = [:]
            for (k, v) in pairs {
                guard let from = k.scalar?.string, let to = v.scalar?.string else {
                    throw fail(k, key("map"), "expected single values")
                }
                // YAML reads `Yes` as a string and `true` as a boolean; both are text here.
                valueMap[from.trimmedBlanks.lowercased()] = to
            }
            rule.valueMap = valueMap
        }
        if let u = try text("unmapped") {
            guard rule.valueMap != nil else { throw fail(m["unmapped"], key("unmapped"), "unmapped needs map") }
            guard let v = FieldRule.Unmapped(rawValue: u) else { throw fail(m["unmapped"], key("unmapped"), "expected error, keep or empty") }
            rule.unmapped = v
        }
        if let d = try text("decimal") {
            guard d == "," || d == "." else { throw fail(m["decimal"], key("decimal"), "expected \",\" or \".\" (the decimal mark)") }
            rule.decimalMark = Character(d)
        }
        var fieldZone = zone
        if let z = m["timezone"] { fieldZone = try timeZone(z, fail) }
        if let d = try text("date") {
            do { rule.date = try DatePattern(d, timeZone: fieldZone) } catch let e as DatePattern.Invalid {
                throw fail(m["date"], key("date"), e.message)
            }
        } else if m["timezone"] != nil {
            throw fail(m["timezone"], key("timezone"), "timezone needs date")
        }
        rule.country = try flag("country")
        if [rule.country, rule.date != nil, rule.decimalMark != nil].filter({ $0 }).count > 1 {
            throw fail(body, target, "only one of date, country, decimal")
        }
        rule.defaultValue = try text("default")
        return rule
    }

    /// An IANA zone ("Europe/Berlin", "UTC") or a fixed offset ("+02:00").
    private static func timeZone(_ node: Node, _ fail: (Node?, String?, String) -> VetdeskError) throws -> TimeZone {
        guard let s = node.scalar?.string else { throw fail(node, "timezone", "expected a time zone name") }
        if let z = TimeZone(identifier: s) { return z }
        let utf = Array(s.utf8)
        if utf.count == 6, utf[0] == UInt8(ascii: "+") || utf[0] == UInt8(ascii: "-"), utf[3] == UInt8(ascii: ":"),
           let h = Int(String(s.dropFirst().prefix(2))), let mm = Int(String(s.suffix(2))), h <= 14, mm < 60,
           let z = TimeZone(secondsFromGMT: (utf[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + mm * 60)) {
            return z
        }
        throw fail(node, "timezone", "'\(Sanitize.forDisplay(s))' is not a time zone (e.g. UTC, Europe/Berlin, +02:00)")
    }
}
