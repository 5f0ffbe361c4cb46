import Foundation

/// Times of audit events to the millisecond: GitHub's `@timestamp` / `created_at` (unix ms as a
/// number), ISO 8601 with a fraction (GitLab, Google, M365 API), or whatever SignInTime reads
/// (US-style CSV exports, seconds). `milliseconds` is false when the text had no sub-second part
/// to give (then the stored `occurred_ms` is NULL rather than a made-up 0).
enum TransferTime {
    static func parse(_ text: String) -> (ms: Int64, milliseconds: Bool)? {
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int64(text) {
            switch text.count {
            case 16: return (n / 1000, true)       // microseconds (Google timeUsec)
            case 13: return (n, true)              // milliseconds (GitHub)
            case 10: return (n * 1000, false)      // seconds
            default: return nil
            }
        }
        if let t = Time.parse(text) {
            guard let frac = fraction(text) else { return (t * 1000, false) }
            return (t * 1000 + frac, true)
        }
        if let t = SignInTime.parse(text) { return (t * 1000, fraction(text) != nil) }
        return nil
    }

    /// Milliseconds of a "...:ss.fff..." fraction (first three digits, padded), nil without one.
    private static func fraction(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard let t = b.firstIndex(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: " ") }) ?? b.firstIndex(of: 58) else { return nil }
        var i = t
        while i < b.count, b[i] != UInt8(ascii: ".") { i += 1 }
        guard i < b.count else { return nil }
        i += 1
        var ms: Int64 = 0, digits = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            if digits < 3 { ms = ms * 10 + Int64(b[i] - 48) }
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        var d = digits
        while d < 3 { ms *= 10; d += 1 }
        return ms
    }
}

extension SignInRecord {
    /// A required event time to the millisecond, naming the field when it is missing or unreadable.
    func transferTime(_ paths: String...) throws -> (ms: Int64, milliseconds: Bool) {
        guard let (path, raw) = value(paths) else { throw fail(paths[0], "required value is missing") }
        let text: String?
        if let n = raw as? NSNumber, String(cString: n.objCType) == "d" {
            text = String(Int64(n.doubleValue))   // 1.698579600E12 written by some SIEMs
        } else {
            do { text = try JSONField.text(raw)?.trimmedBlanks.nilIfEmpty } catch let e as JSONField.JSONShapeError { throw fail(path, e.message) }
        }
        guard let text else { throw fail(paths[0], "required value is missing") }
        guard let t = TransferTime.parse(text) else {
            throw fail(path, "'\(FlatRecord.quoted(text))' is not a date-time (ISO 8601, unix milliseconds or seconds)")
        }
        return t
    }

    /// An optional IP in canonical text; a present but invalid value rejects the record.
    func optionalIP(_ paths: String..., memo: inout [String: String]) throws -> String? {
        guard let (path, raw) = value(paths) else { return nil }
        guard let v = (try? JSONField.text(raw))?.trimmedBlanks.nilIfEmpty else { return nil }
        if let hit = memo[v] { return hit }
        guard let canonical = CanonicalIP.text(v) else { throw fail(path, "'\(FlatRecord.quoted(v))' is not an IP address") }
        memo[v] = canonical
        return canonical
    }
}
