import Foundation

/// One record of a flat kind (a CSV row or an NDJSON object), read by column name. Every
/// accessor that rejects a value throws `VetdeskError.malformed` naming file, location and field.
struct FlatRecord {
    let file: String
    /// "line 17" (CSV, NDJSON).
    let location: String
    let columns: ColumnIndex
    let values: [String]
    /// Field name -> how errors name it, for records read through a mapping ("Paid On → paid_at").
    var fieldLabels: [String: String]? = nil

    func has(_ name: String) -> Bool { columns.index[name] != nil }

    /// The cell, trimmed of surrounding blanks; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let i = columns.index[name], i < values.count else { return nil }
        let t = values[i].trimmedBlanks
        return t.isEmpty ? nil : t
    }

    func fail(_ field: String?, _ message: String) -> VetdeskError {
        .malformed(file: file, location: location, field: field.map { fieldLabels?[$0] ?? $0 }, message: message)
    }

    func required(_ name: String) throws -> String {
        guard let v = text(name) else { throw fail(name, "required value is empty") }
        return v
    }

    func timestamp(_ name: String) throws -> Int64? {
        guard let v = text(name) else { return nil }
        guard let t = Time.parse(v) else { throw fail(name, "'\(Self.quoted(v))' is not an ISO 8601 date or date-time") }
        return t
    }

    func requiredTimestamp(_ name: String) throws -> Int64 {
        guard let t = try timestamp(name) else { throw fail(name, "required value is empty") }
        return t
    }

    func bool(_ name: String) throws -> Bool? {
        guard let v = text(name) else { return nil }
        guard let b = Self.parseBool(v) else { throw fail(name, "'\(Self.quoted(v))' is not a boolean (true/false, yes/no, 1/0)") }
        return b
    }

    func count(_ name: String) throws -> Int? {
        guard let v = text(name) else { return nil }
        guard let n = Int(v), n >= 0 else { throw fail(name, "'\(Self.quoted(v))' is not a count (a whole number >= 0)") }
        return n
    }

    /// A non-negative decimal number (rates): negative, NaN and infinite values are rejected.
    func amount(_ name: String) throws -> Double? {
        guard let v = text(name) else { return nil }
        guard let d = Double(v), d.isFinite else { throw fail(name, "'\(Self.quoted(v))' is not a number") }
        guard d >= 0 else { throw fail(name, "'\(Self.quoted(v))' is negative") }
        return d
    }

    func country(_ name: String) throws -> String? {
        guard let v = text(name) else { return nil }
        guard let cc = Country.alpha2(v) else {
            throw fail(name, "'\(Self.quoted(v))' is not an ISO 3166 country code or English country name")
        }
        return cc
    }

    /// One of a fixed set of values, compared case-insensitively and returned in the set's spelling.
    func choice(_ name: String, _ allowed: [String]) throws -> String? {
        guard let v = text(name) else { return nil }
        let lower = v.lowercased()
        guard let hit = allowed.first(where: { $0 == lower }) else {
            throw fail(name, "'\(Self.quoted(v))' is not one of \(allowed.joined(separator: ", "))")
        }
        return hit
    }

    func requiredChoice(_ name: String, _ allowed: [String]) throws -> String {
        guard let v = try choice(name, allowed) else { throw fail(name, "required value is empty") }
        return v
    }

    static func parseBool(_ v: String) -> Bool? {
        switch v.lowercased() {
        case "true", "yes", "1", "y", "t": true
        case "false", "no", "0", "n", "f": false
        default: nil
        }
    }

    /// A value quoted in an error message: shortened, with control characters made visible.
    static func quoted(_ v: String) -> String {
        let short = v.count > 60 ? String(v.prefix(60)) + "…" : v
        return Sanitize.forDisplay(short)
    }
}

/// Column name -> position, for a CSV header or an NDJSON record's keys. A class so that
/// readers can hand out the same instance for records with the same columns, and consumers
/// can cache positions per instance.
final class ColumnIndex {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var m: [String: Int] = [:]
        for (i, n) in names.enumerated() where m[n] == nil { m[n] = i }
        index = m
    }
}

extension String {
    /// Without leading and trailing spaces and tabs. Checks bytes first: Foundation's
    /// trimmingCharacters bridges through NSString and was 17 % of a 1M-row login import.
    var trimmedBlanks: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        guard let start = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let end = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[start...end])
    }
}
