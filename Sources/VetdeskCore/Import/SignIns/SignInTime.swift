/// Times as identity-provider exports write them, all UTC:
/// - ISO 8601 / RFC 3339 with any offset (APIs, diagnostic settings, Okta CSV);
/// - "9/19/2023, 1:45:17.287 PM" (Log Analytics / Sentinel "Export to CSV", `TimeGenerated [UTC]`) and
///   the same without the comma or in 24-hour time (Entra admin center CSV, `Date (UTC)`);
/// - unix microseconds, milliseconds or seconds as digits (Google's `timeUsec`).
enum SignInTime {
    static func parse(_ text: String) -> Int64? {
        if let t = Time.parse(text) { return t }
        if let t = usDateTime(text) { return t }
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

    /// "M/D/YYYY[,] h:mm[:ss[.fff]] [AM|PM]", UTC.
    private static func usDateTime(_ text: String) -> Int64? {
        let parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ", omittingEmptySubsequences: true)
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
        return Time.parse(iso)
    }
}
