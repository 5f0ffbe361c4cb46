import Foundation

/// One identity-provider record, read by dotted path whatever the shape it came in: a nested JSON
/// object (vendor API), the same keys flattened by a SIEM ("actor.alternateId", "actor_alternateid"),
/// a CSV row ("Date (UTC)"), or JSON text inside a CSV cell (Sentinel's `LocationDetails`).
/// Errors name the file, the record and the field.
final class SignInRecord {
    let object: [String: Any]
    let file: String
    let location: String
    /// Every leaf path, flattened and folded (lower case, letters and digits only) -> value.
    /// Built on the first lookup that the nested walk and the exact flat key both miss.
    private var folded: [String: Any]?

    init(object: [String: Any], file: String, location: String) {
        self.object = object
        self.file = file
        self.location = location
    }

    func fail(_ field: String, _ message: String) -> VetdeskError {
        .malformed(file: file, location: location, field: field, message: message)
    }

    /// The raw value at the first of `paths` that is present (nil, NSNull and "" count as absent).
    func value(_ paths: [String]) -> (path: String, value: Any)? {
        for path in paths {
            if let v = lookup(path), !Self.isAbsent(v) { return (path, v) }
        }
        return nil
    }

    func value(_ paths: String...) -> Any? { value(paths)?.value }

    func text(_ paths: String...) throws -> String? { try text(paths) }

    func text(_ paths: [String]) throws -> String? {
        guard let (path, v) = value(paths) else { return nil }
        do {
            return try JSONField.text(v)?.trimmedBlanks.nilIfEmpty
        } catch let e as JSONField.JSONShapeError {
            throw fail(path, e.message)
        }
    }

    func required(_ paths: String...) throws -> String {
        guard let v = try text(paths) else { throw fail(paths[0], "required value is missing") }
        return v
    }

    /// A UTC instant from ISO 8601, a Log Analytics / admin center US time ("9/19/2023, 1:45:17.287 PM"),
    /// or unix microseconds (Google's `timeUsec`).
    func timestamp(_ paths: String...) throws -> Int64 {
        guard let (path, raw) = value(paths), let v = try JSONField.text(raw)?.trimmedBlanks.nilIfEmpty else {
            throw fail(paths[0], "required value is missing")
        }
        guard let t = SignInTime.parse(v) else {
            throw fail(path, "'\(FlatRecord.quoted(v))' is not a date-time (ISO 8601, or M/D/YYYY h:mm:ss AM/PM in UTC)")
        }
        return t
    }

    func bool(_ paths: String...) throws -> Bool? {
        guard let (path, raw) = value(paths) else { return nil }
        guard let v = try JSONField.text(raw)?.trimmedBlanks.nilIfEmpty else { return nil }
        guard let b = FlatRecord.parseBool(v) else { throw fail(path, "'\(FlatRecord.quoted(v))' is not a boolean") }
        return b
    }

    func country(_ paths: String..., memo: inout [String: String]) throws -> String? {
        guard let (path, raw) = value(paths), let v = try JSONField.text(raw)?.trimmedBlanks.nilIfEmpty else { return nil }
        if let hit = memo[v] { return hit }
        guard let cc = Country.alpha2(v) else {
            throw fail(path, "'\(FlatRecord.quoted(v))' is not an ISO 3166 country code or English country name")
        }
        memo[v] = cc
        return cc
    }

    /// The IP in canonical text (CanonicalIP); a missing or invalid address rejects the record.
    func ip(_ paths: String..., memo: inout [String: String]) throws -> String {
        guard let (path, raw) = value(paths), let v = try JSONField.text(raw)?.trimmedBlanks.nilIfEmpty else {
            throw fail(paths[0], "required value is missing")
        }
        if let hit = memo[v] { return hit }
        guard let canonical = CanonicalIP.text(v) else {
            throw fail(path, "'\(FlatRecord.quoted(v))' is not an IP address")
        }
        memo[v] = canonical
        return canonical
    }

    /// A JSON array at the path, also when a CSV cell holds it as text; nil when absent.
    func array(_ path: String) -> [Any]? {
        switch lookup(path) {
        case let a as [Any]: return a
        case let s as String: return Self.parsedJSON(s) as? [Any]
        default: return nil
        }
    }

    // MARK: lookup

    private func lookup(_ path: String) -> Any? {
        if let v = nested(path) { return v }
        if let v = object[path] { return v }
        if folded == nil { folded = Self.fold(object) }
        return folded?[Self.foldKey(path)]
    }

    /// Walks the dotted path; a string holding a JSON object or array is parsed on the way
    /// (Log Analytics exports write nested columns as JSON text).
    private func nested(_ path: String) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") {
            if let s = current as? String { current = Self.parsedJSON(s) }
            guard let dict = current as? [String: Any] else { return nil }
            current = dict[String(key)]
        }
        return current
    }

    private static func parsedJSON(_ s: String) -> Any? {
        guard let first = s.utf8.first(where: { $0 != 0x20 }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            return nil
        }
        return try? JSONSerialization.jsonObject(with: Data(s.utf8))
    }

    private static func isAbsent(_ v: Any) -> Bool {
        if v is NSNull { return true }
        if let s = v as? String { return s.trimmedBlanks.isEmpty }
        return false
    }

    static func foldKey(_ key: String) -> String {
        String(String.UnicodeScalarView(key.lowercased().unicodeScalars.filter {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
        }))
    }

    /// Every key path (nested objects joined, JSON-in-text cells parsed), folded.
    private static func fold(_ object: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        func walk(_ prefix: String, _ value: Any, depth: Int) {
            var v = value
            if let s = value as? String, depth < 4, let parsed = parsedJSON(s) as? [String: Any] { v = parsed }
            if let dict = v as? [String: Any], depth < 6 {
                for (k, sub) in dict { walk(prefix + foldKey(k), sub, depth: depth + 1) }
            }
            if out[prefix] == nil { out[prefix] = value }
        }
        for (k, v) in object { walk(foldKey(k), v, depth: 0) }
        return out
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
