/// Times as identity-provider exports write them, all UTC:
/// - ISO 8601 / RFC 3339 with any offset (APIs, diagnostic settings, Okta CSV);
/// - "9/19/2023, 1:45:17.287 PM" (Log Analytics / Sentinel "Export to CSV", `TimeGenerated [UTC]`) and
///   the same without the comma or in 24-hour time (Entra admin center CSV, `Date (UTC)`);
/// - "1/9/2007 10:41:00 AM +01:00" (the same with an offset, as some Event Hub consumers write `time`);
/// - unix microseconds, milliseconds or seconds as digits (Google's `timeUsec`), or "/Date(ms)/"
///   (Windows PowerShell 5's ConvertTo-Json of a Graph sign-in).
enum SignInTime {
    static func parse(_ text: String) -> Int64? {
        if let t = Time.parse(text) { return t }
        if let t = usDateTime(text) { return t }
        if text.hasPrefix("/Date("), text.hasSuffix(")/") {
            let inner = text.dropFirst(6).dropLast(2).prefix { $0 == "-" || $0.isNumber }
            return Int64(inner).map { $0 / 1000 }
        }
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int64(text) {
            switch text.count {
            case 16: return n / 1_000_000
            case 13: return n / 1000
            case 10: return n
            default: return nil
            }
        }
        return nil
    }

    /// "M/D/YYYY[,] h:mm[:ss[.fff]] [AM|PM] [±hh:mm]", UTC unless an offset follows.
    private static func usDateTime(_ text: String) -> Int64? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ", omittingEmptySubsequences: true)
        var offset = 0
        if let last = parts.last, last.first == "+" || last.first == "-" {
            let digits = last.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), hh < 24, mm < 60 else {
                return nil
            }
            offset = (hh * 3600 + mm * 60) * (last.first == "-" ? -1 : 1)
            parts.removeLast()
        }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "/")
        guard date.count == 3, let m = Int(date[0]), let d = Int(date[1]), let y = Int(date[2]), y >= 1970, y < 10000 else {
            return nil
        }
        let time = parts[1].split(separator: ":")
        guard time.count == 2 || time.count == 3, var h = Int(time[0]), let mi = Int(time[1]), mi < 60 else { return nil }
        var s = 0
        if time.count == 3 {
            guard let sec = Int(time[2].split(separator: ".", maxSplits: 1)[0]), sec < 61 else { return nil }
            s = min(sec, 59)
        }
        if parts.count == 3 {
            switch parts[2].uppercased() {
            case "AM": guard (1...12).contains(h) else { return nil }; if h == 12 { h = 0 }
            case "PM": guard (1...12).contains(h) else { return nil }; if h != 12 { h += 12 }
            default: return nil
            }
        }
        guard h < 24 else { return nil }
        let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, mi, s)
        return Time.parse(iso).map { $0 - Int64(offset) }
    }
}
