import Foundation

/// Reads a file line by line as bytes (for NDJSON), numbering lines from 1 and refusing
/// lines longer than `maxLineBytes` instead of buffering without bound.
final class LineReader {
    struct Failure: Error { var line: Int; var message: String }

    static let maxLineBytes = 4 << 20

    private let file: ChunkedFile
    private var pos = 0
    private var started = false
    private(set) var lineNumber = 0

    init(path: String) throws {
        file = try ChunkedFile(path: path, maxRecordBytes: Self.maxLineBytes)
    }

    /// Calls `body` with the next line's bytes (without the line end); false at the end of the file.
    func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        if !started {
            started = true
            _ = try file.refill(keepingFrom: 0)
            let b = file.bytes
            if file.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { pos = 3 }
        }
        while true {
            let b = file.bytes
            let end = file.count
            var p = pos
            while p < end && b[p] != 0x0A { p += 1 }
            if p == end && !file.atEOF {
                if p - pos > Self.maxLineBytes {
                    throw Failure(line: lineNumber + 1, message: "line is longer than \(Self.maxLineBytes >> 20) MiB")
                }
                guard try file.refill(keepingFrom: pos) else {
                    throw Failure(line: lineNumber + 1, message: "line is longer than \(Self.maxLineBytes >> 20) MiB")
                }
                pos = 0
                continue
            }
            if p == pos && p == end { return nil }
            if p - pos > Self.maxLineBytes {
                throw Failure(line: lineNumber + 1, message: "line is longer than \(Self.maxLineBytes >> 20) MiB")
            }
            lineNumber += 1
            var stop = p
            if stop > pos && b[stop - 1] == 0x0D { stop -= 1 }
            let lineBytes = UnsafeBufferPointer(start: b + pos, count: stop - pos)
            pos = p < end ? p + 1 : p
            return try body(lineBytes)
        }
    }
}
