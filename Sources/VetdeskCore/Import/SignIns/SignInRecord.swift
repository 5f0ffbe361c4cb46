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

    /// Folded spellings of the keys seen in this file (shared by its records: the keys repeat).
    let folds: KeyFolds

    init(object: [String: Any], file: String, location: String, folds: KeyFolds = KeyFolds()) {
        self.object = object
        self.file = file
        self.location = location
        self.folds = folds
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
        if Self.unknownCountry.contains(v.uppercased()) { return nil }
        guard let cc = Country.alpha2(v) else {
            throw fail(path, "'\(FlatRecord.quoted(v))' is not an ISO 3166 country code or English country name")
        }
        memo[v] = cc
        return cc
    }

    /// What logs write for "no country": stored as unknown (the IP's own location still resolves).
    static let unknownCountry: Set<String> = ["ZZ", "XX", "--", "UNKNOWN", "N/A", "NONE", "NULL"] // not "NA": Namibia

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

    /// Keys flattened by a SIEM ("actor.alternateId", "actor.alternateid"): only such records need
    /// the folded index of every path; nested records are matched level by level.
    private lazy var flattened: Bool = object.keys.contains { key in
        key.utf8.contains(UInt8(ascii: ".")) || folds.fold(key).utf8.count + 2 <= key.utf8.count && key.contains("_")
    }

    /// Folded top-level key -> key as written, for the many lookups that miss at the top level.
    private lazy var topLevel: [String: String] = {
        var m: [String: String] = [:]
        for k in object.keys { m[folds.fold(k)] = m[folds.fold(k)] ?? k }
        return m
    }()

    private enum Walk { case found(Any), missing }

    private func lookup(_ path: String) -> Any? {
        if case .found(let v) = nested(path) { return v }
        if let v = object[path] { return v }
        guard flattened else { return nil }
        if folded == nil { folded = Self.fold(object, folds) }
        return folded?[folds.fold(path)]
    }

    /// Walks the dotted path; a key missing at a level is looked up ignoring case and punctuation
    /// (PascalCase exports); a string holding a JSON object or array is parsed on the way (Log
    /// Analytics exports write nested columns as JSON text); a number indexes an array
    /// ("request.ipChain.0.ip"). A key present with null ends the walk: the value is absent.
    private func nested(_ path: String) -> Walk {
        var current: Any = object
        var top = true
        for key in path.split(separator: ".") {
            defer { top = false }
            if let s = current as? String, let parsed = Self.parsedJSON(s) { current = parsed }
            if let array = current as? [Any], let i = Int(key) {
                guard i < array.count else { return .missing }
                current = array[i]
                continue
            }
            guard let dict = current as? [String: Any] else { return current is NSNull ? .found(NSNull()) : .missing }
            if let v = dict[String(key)] {
                current = v
            } else if top {
                guard let k = topLevel[folds.fold(String(key))], let v = object[k] else { return .missing }
                current = v
            } else {
                let wanted = folds.fold(String(key))
                guard let hit = dict.first(where: { folds.fold($0.key) == wanted }) else { return .missing }
                current = hit.value
            }
        }
        return .found(current)
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

    /// Lower-case ASCII letters and digits only ("Date (UTC)" -> "dateutc", "actor.alternateId",
    /// "actor_alternate_id" -> "actoralternateid"); other bytes are dropped. Log Analytics' column
    /// decorations are dropped first: a unit in brackets ("published_t [UTC]") and a custom-log
    /// type suffix (`_s` string, `_g` guid, `_t` time, `_b` bool, `_d` number: "actor_alternateId_s").
    /// Byte-wise: it runs on every missed key.
    static func foldKey(_ key: String) -> String {
        var bytes = Array(key.utf8)
        if bytes.last == UInt8(ascii: "]"), let open = bytes.lastIndex(of: UInt8(ascii: "[")) {
            bytes.removeSubrange(open...)
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        if bytes.count > 2, bytes[bytes.count - 2] == UInt8(ascii: "_"),
           [UInt8(ascii: "s"), UInt8(ascii: "g"), UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "d")].contains(bytes.last!) {
            bytes.removeLast(2)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b + 32)
            case 0x80...: out.append(b)
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every key path (nested objects joined, JSON-in-text cells parsed), folded.
    private static func fold(_ object: [String: Any], _ folds: KeyFolds) -> [String: Any] {
        var out: [String: Any] = [:]
        func walk(_ prefix: String, _ value: Any, depth: Int) {
            var v = value
            if let s = value as? String, depth < 4, let parsed = parsedJSON(s) as? [String: Any] { v = parsed }
            if let dict = v as? [String: Any], depth < 6 {
                for (k, sub) in dict { walk(prefix + folds.fold(k), sub, depth: depth + 1) }
            }
            if out[prefix] == nil { out[prefix] = value }
        }
        for (k, v) in object { walk(folds.fold(k), v, depth: 0) }
        return out
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// SignInRecord.foldKey, memoised for one file: its records repeat the same few dozen keys.
final class KeyFolds {
    private var cache: [String: String] = [:]

    func fold(_ key: String) -> String {
        if let hit = cache[key] { return hit }
        let f = SignInRecord.foldKey(key)
        if cache.count < 10_000 { cache[key] = f }
        return f
    }
}
