import Foundation

/// A file written through a 1 MiB buffer, so that generating millions of records takes constant
/// memory and few system calls. Text is appended as UTF-8 bytes; CSV and JSON escaping live here
/// so every format writer quotes the same way.
final class GenWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let flushAt = 1 << 20
    let url: URL

    init(url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: url.path) else {
            throw VetdeskError.io("cannot open \(url.path) for writing")
        }
        try h.truncate(atOffset: 0)
        handle = h
        self.url = url
        buffer.reserveCapacity(flushAt + 4096)
    }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= flushAt { flush() }
    }

    func byte(_ b: UInt8) { buffer.append(b) }

    /// Appends a non-negative integer zero-padded to `width` digits.
    func int(_ value: Int, width: Int = 0) {
        var digits: [UInt8] = []
        var v = value
        repeat { digits.append(UInt8(48 + v % 10)); v /= 10 } while v > 0
        if digits.count < width { for _ in 0..<(width - digits.count) { buffer.append(48) } }
        buffer.append(contentsOf: digits.reversed())
    }

    /// ISO 8601 UTC, "2026-03-02T07:14:09Z" (optionally with milliseconds as Okta and Entra write).
    func timestamp(_ t: Int64, millis: Int? = nil) {
        let (y, m, d) = GenCalendar.civil(day: Int(t / 86400))
        let secs = Int(t % 86400)
        int(y, width: 4); byte(45); int(m, width: 2); byte(45); int(d, width: 2); byte(84)
        int(secs / 3600, width: 2); byte(58); int(secs / 60 % 60, width: 2); byte(58); int(secs % 60, width: 2)
        if let ms = millis { byte(46); int(ms, width: 3) }
        byte(90)
    }

    /// One CSV cell (RFC 4180): quoted only when it holds a comma, quote or line break.
    func csv(_ s: String?) {
        guard let s, !s.isEmpty else { return }
        if s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            write("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else {
            write(s)
        }
    }

    /// A CSV row from cells, newline-terminated.
    func csvRow(_ cells: [String?]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { byte(44) }
            csv(c)
        }
        byte(10)
        if buffer.count >= flushAt { flush() }
    }

    /// A JSON string literal (with quotes), escaping what RFC 8259 requires.
    func json(_ s: String?) {
        guard let s else { write("null"); return }
        byte(34)
        for b in s.utf8 {
            switch b {
            case 34: byte(92); byte(34)
            case 92: byte(92); byte(92)
            case 10: byte(92); byte(110)
            case 13: byte(92); byte(114)
            case 9: byte(92); byte(116)
            case 0..<32:
                write("\\u00"); let hex = Array("0123456789abcdef".utf8); byte(hex[Int(b >> 4)]); byte(hex[Int(b & 15)])
            default: byte(b)
            }
        }
        byte(34)
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

/// Calendar arithmetic without Foundation's formatters (too slow for millions of timestamps).
enum GenCalendar {
    /// (year, month, day) for a unix day number (Howard Hinnant's civil_from_days).
    static func civil(day: Int) -> (Int, Int, Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Unix day number for a civil date (days_from_civil).
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func seconds(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(day(y, m, d)) * 86400 }

    /// 0 = Monday.
    static func weekday(day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }

    static func isoDate(_ t: Int64) -> String {
        let (y, m, d) = civil(day: Int(t / 86400))
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }

    static func iso(_ t: Int64) -> String {
        let secs = Int(t % 86400)
        func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
        return isoDate(t) + "T" + two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60) + "Z"
    }
}
