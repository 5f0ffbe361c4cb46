import Foundation

/// A date format of a mapping (`MM/dd/yyyy`, `dd.MM.yyyy HH:mm`, `unix`…) and the time zone its
/// values are in. Parsed by hand rather than with DateFormatter: strict (the whole value must match,
/// days are checked against the month), Sendable, and the same on Linux and macOS.
/// Tokens: yyyy yy M MM MMM MMMM d dd H HH h hh m mm s ss S… (fraction, ignored) a (AM/PM)
/// EEE/EEEE (weekday name, ignored) XXX/Z (offset or Z, overrides the time zone), 'quoted text';
/// other non-letters stand for themselves. Numeric tokens accept one or two digits ("9/5/2026").
struct DatePattern: Sendable {
    enum Kind: Sendable, Equatable { case iso8601, unixSeconds, unixMillis, pattern }
    enum Token: Sendable, Equatable {
        case year4, year2, month, monthName, day, hour24, hour12, minute, second, fraction, ampm, weekday, offset
        case literal(String)
    }

    let text: String
    let kind: Kind
    let tokens: [Token]
    let timeZone: TimeZone

    struct Invalid: Error { let message: String }

    init(_ text: String, timeZone: TimeZone) throws {
        self.text = text
        self.timeZone = timeZone
        switch text.lowercased() {
        case "iso8601", "iso": kind = .iso8601; tokens = []; return
        case "unix", "epoch": kind = .unixSeconds; tokens = []; return
        case "unix_ms", "epoch_ms": kind = .unixMillis; tokens = []; return
        default: kind = .pattern
        }
        tokens = try Self.tokenize(text)
        guard tokens.contains(.year4) || tokens.contains(.year2) else { throw Invalid(message: "date format '\(text)' has no year (yyyy)") }
        guard tokens.contains(.month) || tokens.contains(.monthName) else { throw Invalid(message: "date format '\(text)' has no month (MM)") }
        guard tokens.contains(.day) else { throw Invalid(message: "date format '\(text)' has no day (dd)") }
    }

    private static func tokenize(_ text: String) throws -> [Token] {
        var out: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1, lit = ""
                while j < chars.count && chars[j] != "'" { lit.append(chars[j]); j += 1 }
                guard j < chars.count else { throw Invalid(message: "date format '\(text)': unclosed quote") }
                out.append(.literal(lit.isEmpty ? "'" : lit))
                i = j + 1
                continue
            }
            guard c.isLetter else { out.append(.literal(String(c))); i += 1; continue }
            var n = 1
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            let token: Token
            switch (c, n) {
            case ("y", 4): token = .year4
            case ("y", 2): token = .year2
            case ("M", 1...2): token = .month
            case ("M", 3...4): token = .monthName
            case ("d", 1...2): token = .day
            case ("H", 1...2): token = .hour24
            case ("h", 1...2): token = .hour12
            case ("m", 1...2): token = .minute
            case ("s", 1...2): token = .second
            case ("S", _): token = .fraction
            case ("a", 1): token = .ampm
            case ("E", 3...4): token = .weekday
            case ("X", 1...3), ("Z", 1...3), ("x", 1...3): token = .offset
            default:
                throw Invalid(message: "date format '\(text)': unknown pattern '\(String(repeating: c, count: n))' "
                              + "(use yyyy MM dd HH mm ss, see docs/mappings.md)")
            }
            out.append(token)
            i += n
        }
        return out
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Unix seconds (UTC) for `value`, or nil when it does not match.
    func parse(_ value: String) -> Int64? {
        switch kind {
        case .iso8601: return Time.parse(value)
        case .unixSeconds: return Int64(value)
        case .unixMillis:
            guard let ms = Int64(value) else { return nil }
            return ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        case .pattern: break
        }
        let s = Array(value.utf8)
        var i = 0
        var year: Int?, month: Int?, day: Int?, hour = 0, minute = 0, second = 0
        var pm: Bool?, offset: Int?
        func digits(_ maxCount: Int, _ minCount: Int = 1) -> Int? {
            var n = 0, v = 0
            while n < maxCount, i < s.count, s[i] >= 48, s[i] <= 57 { v = v * 10 + Int(s[i] - 48); i += 1; n += 1 }
            return n >= minCount ? v : nil
        }
        func letters() -> String {
            var w = ""
            while i < s.count, (s[i] | 0x20) >= 97, (s[i] | 0x20) <= 122 { w.append(Character(Unicode.Scalar(s[i] | 0x20))); i += 1 }
            return w
        }
        for token in tokens {
            switch token {
            case .year4: guard let v = digits(4, 4) else { return nil }; year = v
            case .year2: guard let v = digits(2, 2) else { return nil }; year = 2000 + v
            case .month: month = digits(2)
            case .monthName:
                let w = letters()
                guard w.count >= 3, let m = Self.months.firstIndex(of: String(w.prefix(3))) else { return nil }
                month = m + 1
            case .day: day = digits(2)
            case .hour24, .hour12: guard let v = digits(2) else { return nil }; hour = v
            case .minute: guard let v = digits(2) else { return nil }; minute = v
            case .second: guard let v = digits(2) else { return nil }; second = v
            case .fraction: guard digits(9) != nil else { return nil }
            case .ampm:
                switch letters() { case "am": pm = false; case "pm": pm = true; default: return nil }
            case .weekday: guard letters().count >= 3 else { return nil }
            case .offset:
                guard i < s.count else { return nil }
                if s[i] == UInt8(ascii: "Z") { i += 1; offset = 0; break }
                guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return nil }
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let hh = digits(2, 2) else { return nil }
                if i < s.count, s[i] == UInt8(ascii: ":") { i += 1 }
                let mm = digits(2, 2) ?? 0
                guard hh <= 14, mm < 60 else { return nil }
                offset = sign * (hh * 3600 + mm * 60)
            case .literal(let lit):
                for b in lit.utf8 {
                    guard i < s.count, s[i] == b else { return nil }
                    i += 1
                }
            }
        }
        guard i == s.count, let year, let month, let day, (1...12).contains(month),
              day >= 1, day <= Time.daysIn(year, month), minute < 60, second <= 60 else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard hour < 24 else { return nil }
        let local = Time.daysFromCivil(year, month, day) * 86400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        if let offset { return local - Int64(offset) }
        // The zone's offset at that local time (DST included): guess with the offset at `local`
        // read as UTC, then correct once with the offset at the guessed instant.
        let first = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        let second2 = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - first))))
        return local - second2
    }
}
