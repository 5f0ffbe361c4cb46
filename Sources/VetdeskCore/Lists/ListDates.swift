import Foundation

/// Dates as the lists write them ("15 Oct 1985", "1985-10-15", "15/10/1985", "1985", "circa 1979",
/// "dd/mm/yyyy" in OFSI files) to YYYY, YYYY-MM or YYYY-MM-DD; nil when no year is readable.
enum ListDates {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func normalise(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // "1985-10-15T00:00:00": the time is not part of the date.
        if t.prefix(4).allSatisfy(\.isNumber), let tee = t.firstIndex(of: "T") { t = String(t[..<tee]) }
        let parts = t.split(whereSeparator: { " /.,-".contains($0) }).map(String.init)
        // ISO first: 1985-10-15 (or 1985-10-15T00:00:00)
        if parts.count >= 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            return fmt(y, m, d)
        }
        var year: Int?, month: Int?, day: Int?
        for p in parts {
            if let n = Int(p) {
                if p.count == 4 { year = n } else if day == nil && n <= 31 && month == nil { day = n } else if month == nil && n <= 12 { month = n }
            } else if let i = months.firstIndex(of: String(p.lowercased().prefix(3))), p.count >= 3 {
                month = i + 1
            }
        }
        // "10/1985": a lone small number before the year is the month.
        if month == nil, let d = day, parts.count == 2 { month = d; day = nil }
        guard let y = year else { return nil }
        guard let m = month, (1...12).contains(m) else { return String(format: "%04d", y) }
        guard let d = day, (1...31).contains(d) else { return String(format: "%04d-%02d", y, m) }
        return fmt(y, m, d)
    }

    private static func fmt(_ y: Int, _ m: Int, _ d: Int) -> String {
        guard (1...12).contains(m) else { return String(format: "%04d", y) }
        guard (1...31).contains(d) else { return String(format: "%04d-%02d", y, m) }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// "MM/DD/YYYY" (OFAC Publish_Date) to ISO.
    static func usDate(_ text: String) -> String? {
        let p = text.trimmingCharacters(in: .whitespaces).split(separator: "/").compactMap { Int($0) }
        guard p.count == 3 else { return normalise(text) }
        return fmt(p[2], p[0], p[1])
    }
}
