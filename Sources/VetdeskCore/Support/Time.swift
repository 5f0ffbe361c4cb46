import Foundation

/// Timestamps are unix seconds (UTC) in the store; these convert to and from text.
public enum Time {
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // Formatting avoids String(format:), which costs microseconds per call on Linux and
    // dominated a full rescore's evidence text (measured by the rules engine).

    /// "2026-03-02T07:14:00Z"
    public static func iso(_ t: Int64) -> String {
        let (_, secs) = civil(t)
        var s = day(t)
        s += "T"; pad2(secs / 3600, &s); s += ":"; pad2((secs / 60) % 60, &s); s += ":"; pad2(secs % 60, &s); s += "Z"
        return s
    }

    /// "2026-03-02 07:14Z"
    public static func short(_ t: Int64) -> String {
        let (_, secs) = civil(t)
        var s = day(t)
        s += " "; pad2(secs / 3600, &s); s += ":"; pad2((secs / 60) % 60, &s); s += "Z"
        return s
    }

    /// "2026-03-02"
    public static func day(_ t: Int64) -> String {
        let (d, _) = civil(t)
        var s = ""
        if d.y >= 0 && d.y < 1000 { s += String(repeating: "0", count: d.y < 10 ? 3 : d.y < 100 ? 2 : 1) }
        s += String(d.y); s += "-"; pad2(d.m, &s); s += "-"; pad2(d.d, &s)
        return s
    }

    private static func pad2(_ v: Int, _ s: inout String) {
        if v < 10 { s += "0" }
        s += String(v)
    }

    /// Unix day number, weekday (0 = Monday) and hour, all UTC.
    public static func dayNumber(_ t: Int64) -> Int64 { t >= 0 ? t / 86400 : (t - 86399) / 86400 }
    public static func weekday(_ t: Int64) -> Int { Int((dayNumber(t) + 3) % 7 + 7) % 7 } // 1970-01-01 was a Thursday
    public static func hour(_ t: Int64) -> Int { Int(((t % 86400) + 86400) % 86400 / 3600) }

    /// Parses ISO 8601 / RFC 3339 date-times ("2026-03-02T07:14:00Z", with fractional seconds
    /// or a ±hh:mm offset, or a space instead of T) and plain dates ("2026-03-02", midnight UTC).
    /// Returns nil for anything else; a date-time without zone is taken as UTC.
    public static func parse(_ text: String) -> Int64? { parse(utf8: Array(text.utf8)) }

    /// The same from UTF-8 bytes (the sign-in import parses straight from its CSV buffer).
    static func parse<Bytes: RandomAccessCollection<UInt8>>(utf8 b: Bytes) -> Int64? where Bytes.Index == Int {
        func num(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = b[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= daysIn(y, mo) else { return nil }
        var secs = 0
        var i = 10
        if b.count > 10 {
            guard b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b.count > 13, b[13] == 58,
                  let mi = num(14, 2), h < 24, mi < 60 else { return nil }
            secs = h * 3600 + mi * 60
            i = 16
            if i < b.count, b[i] == 58 {
                guard let s = num(17, 2), s < 61 else { return nil }
                secs += min(s, 59); i = 19
                if i < b.count, b[i] == 46 || b[i] == 44 {
                    i += 1
                    let start = i
                    while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                    guard i > start else { return nil }
                }
            }
            if i < b.count {
                if b[i] == 90 || b[i] == 122 { i += 1 }
                else if b[i] == 43 || b[i] == 45 {
                    let sign = b[i] == 43 ? 1 : -1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var om = 0
                    var j = i + 3
                    if j < b.count, b[j] == 58 { j += 1 }
                    if j < b.count { guard let m = num(j, 2) else { return nil }; om = m; j += 2 }
                    guard oh < 24, om < 60 else { return nil }
                    secs -= sign * (oh * 3600 + om * 60)
                    i = j
                }
            }
            guard i == b.count else { return nil }
        }
        return daysFromCivil(y, mo, d) * 86400 + Int64(secs)
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-from-days algorithms: no Calendar/DateFormatter on hot paths.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146097 + doe - 719468)
    }

    static func civil(_ t: Int64) -> ((y: Int, m: Int, d: Int), Int) {
        let days = dayNumber(t)
        let secs = Int(t - days * 86400)
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return ((yoe + era * 400 + (m <= 2 ? 1 : 0), m, d), secs)
    }
}
