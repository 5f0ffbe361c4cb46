import Foundation

/// A byte-level RFC 4180 reader (UTF-8, comma, double quotes, CRLF or LF, optional BOM).
///
/// Why not yaslab CSV.swift: it decodes one Unicode scalar at a time through AnyIterator.
/// Measured on this project's 2-core machine, a 1M-row, 261 MB login CSV took 25.7 s just to
/// parse with CSV.swift (release build), while `sqlite3 .import` of the same file, parse and
/// insert included, took 4.2 s. A 5M-row file would spend two minutes in the parser alone.
/// CSV.swift also cannot say on which line invalid UTF-8 sits (it stops as at end of file)
/// and has no field-size cap. This reader parses from a byte buffer, names the physical line
/// of every record, validates UTF-8 per field and caps fields at `maxFieldBytes`.
/// 2026-11-30, 500k bench sign-ins (release, perf record): this reader is 5 % of the import's samples
/// (`parseRecord` itself 2.7 %), on the reading thread beside the writer; the String per field it
/// returns costs more later (malloc, retain/release on the writing thread) than the parse itself.
final class CSVFileReader {
    struct Failure: Error {
        var line: Int
        /// 0-based column, when the problem is in one field.
        var column: Int?
        var message: String
    }

    static let maxFieldBytes = 64 * 1024

    private let file: ChunkedFile
    private var pos = 0
    /// Physical line (1-based) at `pos`.
    private var line = 1
    private var scratch: [UInt8] = []
    private var started = false
    /// Fields per record once the header is known; more is an error found early.
    var expectedFields = 0
    /// Line on which the last record returned by `next()` starts.
    private(set) var recordLine = 0
    /// Whether the buffer holds a NUL byte anywhere: one memchr per refill, so fields are checked
    /// one by one (FieldValueCheck) only in the rare chunk that has one (per field it cost 25 % of a login import).
    private var chunkHasNUL = false

    /// Comma, or what a mapping names (";" from spreadsheets in many locales, tab).
    private let delimiter: UInt8

    init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws {
        file = try ChunkedFile(path: path, maxRecordBytes: Self.maxFieldBytes * 64)
        self.delimiter = delimiter
    }

    private func noteNUL() { chunkHasNUL = memchr(file.bytes, 0, file.count) != nil }

    var bytesRead: Int { file.totalRead }

    private enum Step { case record, needMore, end }

    /// The next record's fields, or nil at the end of the file. Blank lines are skipped.
    func next() throws -> [String]? {
        var fields = StringFields()
        guard try read(into: &fields) else { return nil }
        return fields.values
    }

    /// The next record's fields as bytes (`CSVRawRecord`: no String per field), false at the end of
    /// the file. Same parse, same checks and errors as `next()` (the sign-in import's fast path).
    func next(into record: inout CSVRawRecord) throws -> Bool { try read(into: &record) }

    private func read<Fields: CSVFields>(into fields: inout Fields) throws -> Bool {
        if !started {
            started = true
            _ = try file.refill(keepingFrom: 0)
            noteNUL()
            let b = file.bytes
            if file.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { pos = 3 }
        }
        while true {
            switch try parseRecord(&fields) {
            case .record: return true
            case .end: return false
            case .needMore:
                guard try file.refill(keepingFrom: pos) else {
                    throw Failure(line: line, column: nil, message: "record is larger than \(file.capacity) bytes")
                }
                noteNUL()
                pos = 0
            }
        }
    }

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"),
                       cr = UInt8(ascii: "\r")

    private func parseRecord<Fields: CSVFields>(_ fields: inout Fields) throws -> Step {
        // Locals rather than properties inside the loop: every access to a class property is
        // an exclusivity check at run time, several per byte otherwise.
        let b = file.bytes
        let end = file.count
        let delimiter = self.delimiter
        let eof = file.atEOF
        let expectedFields = self.expectedFields
        let chunkHasNUL = self.chunkHasNUL
        var scratch = self.scratch
        defer { self.scratch = scratch }
        var p = pos
        // Blank lines between records are skipped (and counted).
        while p < end && (b[p] == Self.lf || b[p] == Self.cr) {
            if b[p] == Self.lf || (b[p] == Self.cr && (p + 1 >= end || b[p + 1] != Self.lf)) { line += 1 }
            p += 1
        }
        pos = p
        if p >= end { return eof ? .end : .needMore }

        var lineCursor = line
        fields.reset(expecting: expectedFields)
        while true {
            let column = fields.count
            if expectedFields > 0 && column >= expectedFields {
                throw Failure(line: line, column: nil, message: "more than \(expectedFields) fields (the header has \(expectedFields))")
            }
            if p < end && b[p] == Self.quote {
                p += 1
                scratch.removeAll(keepingCapacity: true)
                let fieldLine = lineCursor
                while true {
                    if p >= end {
                        if !eof { return .needMore }
                        throw Failure(line: fieldLine, column: column, message: "quoted field is not closed before the end of the file")
                    }
                    let c = b[p]
                    if c == Self.quote {
                        if p + 1 >= end && !eof { return .needMore }
                        if p + 1 < end && b[p + 1] == Self.quote { scratch.append(c); p += 2; continue }
                        p += 1
                        break
                    }
                    if c == Self.lf { lineCursor += 1 }
                    scratch.append(c)
                    p += 1
                    if scratch.count > Self.maxFieldBytes {
                        throw Failure(line: fieldLine, column: column,
                                      message: "field is longer than \(Self.maxFieldBytes / 1024) KiB (unclosed quote?)")
                    }
                }
                guard scratch.withUnsafeBufferPointer({ fields.append($0) }) else {
                    throw Failure(line: fieldLine, column: column, message: "invalid UTF-8")
                }
                if chunkHasNUL, let why = scratch.withUnsafeBufferPointer(FieldValueCheck.problem(bytes:)) {
                    throw Failure(line: fieldLine, column: column, message: why)
                }
            } else {
                let start = p
                let limit = min(end, start + Self.maxFieldBytes + 1)
                while p < limit {
                    let c = b[p]
                    if c == delimiter || c == Self.lf || c == Self.cr { break }
                    p += 1
                }
                if p - start > Self.maxFieldBytes {
                    throw Failure(line: lineCursor, column: column, message: "field is longer than \(Self.maxFieldBytes / 1024) KiB")
                }
                if p == end && !eof { return .needMore }
                let raw = UnsafeBufferPointer(start: b + start, count: p - start)
                guard fields.append(raw) else {
                    throw Failure(line: lineCursor, column: column, message: "invalid UTF-8")
                }
                if chunkHasNUL, let why = FieldValueCheck.problem(bytes: raw) {
                    throw Failure(line: lineCursor, column: column, message: why)
                }
            }

            // What ends the field: a comma, a line end, or the end of the file.
            if p >= end {
                if !eof { return .needMore }
                return finish(at: p, line: lineCursor)
            }
            let c = b[p]
            if c == delimiter {
                p += 1
                if p >= end {
                    if !eof { return .needMore }
                    _ = fields.append(UnsafeBufferPointer(start: b, count: 0))
                    return finish(at: p, line: lineCursor)
                }
                continue
            }
            if c == Self.cr {
                if p + 1 >= end && !eof { return .needMore }
                p += 1
                if p < end && b[p] == Self.lf { p += 1 }
                return finish(at: p, line: lineCursor + 1)
            }
            if c == Self.lf {
                return finish(at: p + 1, line: lineCursor + 1)
            }
            throw Failure(line: lineCursor, column: column, message: "unexpected character after a closing quote")
        }
    }

    /// The field as a String, nil if it is not UTF-8. ASCII, the usual case, skips the generic
    /// validating initialiser, which looks up generic metadata under a lock on every call
    /// (6 % of a 1M-row login import).
    @inline(__always)
    static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private func finish(at p: Int, line next: Int) -> Step {
        recordLine = line
        pos = p
        line = next
        return .record
    }

    /// Whether the bytes are UTF-8, without making a String for ASCII (the usual case).
    @inline(__always)
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80 || String(validating: bytes, as: UTF8.self) != nil
    }
}

/// Where CSVFileReader puts a record's fields: Strings (`next()`) or bytes (`CSVRawRecord`).
protocol CSVFields {
    var count: Int { get }
    mutating func reset(expecting: Int)
    /// Adds a field; false when it is not UTF-8.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

private struct StringFields: CSVFields {
    var values: [String] = []
    var count: Int { values.count }
    mutating func reset(expecting n: Int) {
        values.removeAll(keepingCapacity: true)
        values.reserveCapacity(max(n, 8))
    }
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let s = CSVFileReader.string(validating: bytes) else { return false }
        values.append(s)
        return true
    }
}

/// One CSV record's fields as bytes, end to end, reused from record to record.
struct CSVRawRecord: CSVFields {
    private(set) var bytes: [UInt8] = []
    /// End of each field in `bytes`.
    private(set) var ends: [Int] = []
    var count: Int { ends.count }

    mutating func reset(expecting n: Int) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard CSVFileReader.isUTF8(field) else { return false }
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
        return true
    }

    func span(_ i: Int) -> (start: Int, count: Int) {
        let start = i == 0 ? 0 : ends[i - 1]
        return (start, ends[i] - start)
    }

    /// The fields as Strings (the slow path, and error messages).
    var strings: [String] {
        (0..<count).map { i in
            let (start, n) = span(i)
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + n]), as: UTF8.self) }
        }
    }
}
