import Foundation

/// A JSON value whose objects keep their key order, so STIX/MISP documents read naturally
/// ("type" and "id" first) and serialise byte-for-byte the same on every run.
enum JSONValue: Sendable, Equatable {
    case string(String), int(Int64), double(Double), bool(Bool), null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Compact when `pretty` is false; `sortKeys` gives RFC 8785-style canonical key order (for UUIDv5 names).
    func serialized(pretty: Bool = false, sortKeys: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, sortKeys: Bool, indent: Int) {
        let nl = pretty ? "\n" : ""
        let pad = { (n: Int) in pretty ? String(repeating: "  ", count: n) : "" }
        switch self {
        case let .string(s): JSONValue.quote(s, into: &out)
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? String(d) : "null"
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad(indent + 1)
                item.write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
                out += (i < items.count - 1 ? "," : "") + nl
            }
            out += pad(indent) + "]"
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            let ordered = sortKeys ? fields.sorted { Array($0.0.utf16).lexicographicallyPrecedes(Array($1.0.utf16)) } : fields
            out += "{" + nl
            for (i, (key, value)) in ordered.enumerated() {
                out += pad(indent + 1)
                JSONValue.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
                out += (i < ordered.count - 1 ? "," : "") + nl
            }
            out += pad(indent) + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) { JSONText.quote(s, into: &out) }
}

/// Builds ordered objects while skipping absent optionals: `obj(("a", 1), ("b", nil))`.
struct JSONObjectBuilder {
    private(set) var fields: [(String, JSONValue)] = []
    mutating func add(_ key: String, _ value: String?) { if let value { fields.append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int64?) { if let value { fields.append((key, .int(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { fields.append((key, .int(Int64(value)))) } }
    mutating func add(_ key: String, _ value: Bool?) { if let value { fields.append((key, .bool(value))) } }
    mutating func add(_ key: String, _ value: JSONValue?) { if let value { fields.append((key, value)) } }
    mutating func add(_ key: String, strings: [String]) {
        if !strings.isEmpty { fields.append((key, .array(strings.map(JSONValue.string)))) }
    }
    var value: JSONValue { .object(fields) }
}
