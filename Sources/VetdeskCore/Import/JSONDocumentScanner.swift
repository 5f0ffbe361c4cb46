import Foundation

/// Streams the records of a JSON document without loading it: a byte scanner over the file in
/// chunks that tracks strings, escapes and nesting to find each record's bytes, which alone are
/// handed to JSONSerialization. Memory is one record plus the read buffer, whatever the file size.
///
/// The document is a sequence of top-level values (usually one): an array, whose elements are
/// records; a page object (`{"value":[...]}`, `{"items":[...]}`, `{"records":[...]}`, an Okta event
/// hook's `{"data":{"events":[...]}}`; the array of the first page key met before any "id" key),
/// whose array elements are records and whose other keys ("@odata.nextLink"...) are skipped; or any
/// other object, which is one record.
///
/// Measured on a generated 100 MB Okta System Log array (115,199 events, scripts/gen-okta-array.py),
/// parse only, `swiftc -O`, on the shared 2-core dev machine (load average 16): this reader 2.8 s CPU
/// (~35 MB/s), 20 MB max RSS; the old whole-document `JSONSerialization.jsonObject` of the same file
/// 7.1 s CPU (4.1 user + 3.1 system, ~14 MB/s) and 3.5 GB max RSS. The scan itself is 0.37 s of the
/// 2.8 s (~270 MB/s); the rest is JSONSerialization on each record. The 2 GB import: `make bench`.
final class JSONDocumentScanner {
    /// Keys whose array holds the records of a page; a dotted key is nested ("data.events"). Shapes
    /// add theirs here.
    static let pageKeys: Set<String> = ["value", "items", "records", "data.events"]
    /// The objects on the way to a nested page key ("data" for "data.events").
    static let pagePrefixes: Set<String> = Set(pageKeys.flatMap { key in
        let parts = key.split(separator: ".")
        return (1..<max(1, parts.count)).map { parts.prefix($0).joined(separator: ".") }
    })
    /// The largest single record; the read buffer grows up to twice this.
    static let maxRecordBytes = 64 << 20

    struct Record {
        var object: Any?
        /// 1-based, counted across the whole document.
        var number: Int
        var line: Int
        var column: Int
        /// The record's bytes as text (invalid UTF-8 replaced), kept when `keepsText`.
        var text: String?
        /// Set when the record's own bytes are not valid JSON: the scan can go on to the next.
        var problem: String?
    }

    private enum State {
        case top
        case array
        case pageArray
        case pageRest
        case done
    }

    private let file: ChunkedFile
    private let displayName: String
    var keepsText = false
    private var pos = 0
    /// Absolute file offset of `file.bytes[0]`.
    private var base = 0
    private var line = 1
    /// Absolute offset of the current line's first byte.
    private var lineStart = 0
    private var state = State.top
    private var firstInArray = true
    /// Objects left to close after a page's array (1 for a top-level page key, 2 for "data.events").
    private var pageDepth = 1
    private var recordCount = 0
    private var started = false
    /// Buffer index of the first byte of the record being read: kept across refills.
    private var mark: Int?

    /// Bytes of the file consumed so far (for progress).
    var offset: Int { base + pos }

    init(path: String, displayName: String) throws {
        file = try ChunkedFile(path: path, maxRecordBytes: Self.maxRecordBytes)
        self.displayName = displayName
    }

    // MARK: errors

    private var column: Int { base + pos - lineStart + 1 }

    private func fail(_ message: String, line l: Int? = nil, column c: Int? = nil) -> VetdeskError {
        .malformed(file: displayName, location: "line \(l ?? line):\(c ?? column)", field: nil, message: message)
    }

    private func describe(_ c: UInt8?) -> String {
        guard let c else { return "the end of the file" }
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return String(format: "byte 0x%02X", c)
    }

    // MARK: the cursor

    /// Reads more, keeping the bytes from `mark` (the record being read), else from `pos`.
    private func refill() throws {
        let keep = mark ?? pos
        guard try file.refill(keepingFrom: keep) else {
            throw fail("record \(recordCount + 1) is longer than \(Self.maxRecordBytes >> 20) MiB (or not valid JSON)")
        }
        base += keep
        pos -= keep
        if let m = mark { mark = m - keep }
    }

    private func peek() throws -> UInt8? {
        if pos >= file.count {
            if file.atEOF { return nil }
            try refill()
            if pos >= file.count { return nil }
        }
        return file.bytes[pos]
    }

    private func skipBlanks() throws {
        while let c = try peek() {
            switch c {
            case 0x0A: pos += 1; line += 1; lineStart = base + pos
            case 0x20, 0x09, 0x0D: pos += 1
            default: return
            }
        }
    }

    private func expect(_ c: UInt8, _ what: String) throws {
        let got = try peek()
        guard got == c else { throw fail("expected \(what), found \(describe(got))") }
        pos += 1
    }

    /// Advances past the value starting at `pos`; returns whether a byte >= 0x80 was seen.
    /// The hot loop of the reader: locals only, one pass, no allocation.
    private func skipValue(startLine: Int, startColumn: Int) throws -> Bool {
        var depth = 0, inString = false, escaped = false
        var high: UInt8 = 0
        let first = try peek()
        let scalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        var p = pos
        while true {
            let b = file.bytes
            let end = file.count
            let lineBase = base + 1
            var l = line, ls = lineStart
            while p < end {
                let c = b[p]
                high |= c
                if inString {
                    if escaped { escaped = false }
                    else if c == 0x5C { escaped = true }
                    else if c == 0x22 {
                        inString = false
                        if depth == 0 { pos = p + 1; line = l; lineStart = ls; return high >= 0x80 }
                    } else if c == 0x0A { l += 1; ls = lineBase + p }
                } else if scalar {
                    if c == 0x2C || c == 0x5D || c == 0x7D || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                        pos = p; line = l; lineStart = ls
                        return high >= 0x80
                    }
                } else {
                    switch c {
                    case 0x22: inString = true
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { pos = p + 1; line = l; lineStart = ls; return high >= 0x80 }
                    case 0x0A: l += 1; ls = lineBase + p
                    default: break
                    }
                }
                p += 1
            }
            pos = p; line = l; lineStart = ls
            if file.atEOF {
                if scalar { return high >= 0x80 }
                throw fail("the file ends inside record \(recordCount + 1), which starts at line \(startLine):\(startColumn) (truncated?)")
            }
            try refill()
            p = pos
        }
    }

    // MARK: records

    /// The next record, or nil at the end of the document.
    func next() throws -> Record? {
        if !started {
            started = true
            try refill()
            let b = file.bytes
            if file.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { pos = 3; lineStart = 3 }
        }
        while true {
            switch state {
            case .done:
                return nil
            case .top:
                try skipBlanks()
                guard let c = try peek() else { state = .done; return nil }
                if c == UInt8(ascii: "[") {
                    pos += 1
                    state = .array
                    firstInArray = true
                } else if c == UInt8(ascii: "{") {
                    if let record = try topObject() { return record }
                } else {
                    let what = recordCount == 0 ? "a JSON array or object" : "the end of the file after the JSON document"
                    throw fail("expected \(what), found \(describe(c))")
                }
            case .array, .pageArray:
                try skipBlanks()
                let c = try peek()
                if c == UInt8(ascii: "]") && firstInArray {
                    pos += 1
                    state = state == .array ? .top : .pageRest
                    continue
                }
                if !firstInArray {
                    if c == UInt8(ascii: "]") {
                        pos += 1
                        state = state == .array ? .top : .pageRest
                        continue
                    }
                    guard c != nil else {
                        throw fail("the file ends inside the array after record \(recordCount) (truncated?)")
                    }
                    guard c == UInt8(ascii: ",") else {
                        throw fail("expected ',' or ']' after record \(recordCount), found \(describe(c))")
                    }
                    pos += 1
                    try skipBlanks()
                    if try peek() == UInt8(ascii: "]") { throw fail("a ',' after the last record (trailing comma)") }
                }
                firstInArray = false
                guard try peek() != nil else {
                    throw fail("the file ends inside the array after record \(recordCount) (truncated?)")
                }
                return try record()
            case .pageRest:
                // The page's keys after its array ("@odata.nextLink"...): skipped.
                try skipBlanks()
                let c = try peek()
                if c == UInt8(ascii: "}") {
                    pos += 1
                    pageDepth -= 1
                    if pageDepth == 0 { state = .top }
                    continue
                }
                guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '}' after the page's array, found \(describe(c))") }
                pos += 1
                try skipBlanks()
                _ = try key()
                _ = try skipValue(startLine: line, startColumn: column)
            }
        }
    }

    /// One record at `pos`: its span found by the scanner, then parsed alone.
    private func record() throws -> Record {
        let startLine = line, startColumn = column
        mark = pos
        defer { mark = nil }
        let nonASCII = try skipValue(startLine: startLine, startColumn: startColumn)
        recordCount += 1
        return parse(nonASCII: nonASCII, line: startLine, column: startColumn)
    }

    /// Parses the bytes from `mark` to `pos`.
    private func parse(nonASCII: Bool, line startLine: Int, column startColumn: Int) -> Record {
        let start = mark ?? pos
        let span = UnsafeBufferPointer(start: file.bytes + start, count: pos - start)
        var record = Record(object: nil, number: recordCount, line: startLine, column: startColumn)
        if keepsText { record.text = String(decoding: span, as: UTF8.self) }
        let valid = !nonASCII || String(validating: span, as: UTF8.self) != nil
        if valid {
            // No copy: JSONSerialization does not keep the data it is given.
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: span.baseAddress!), count: span.count,
                            deallocator: .none)
            record.object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        }
        if record.object == nil {
            let problem = JSONSyntaxCheck.firstProblem(in: span) ?? .init(offset: 0, message: "not valid JSON")
            let (l, c) = Self.position(of: problem.offset, in: span, line: startLine, column: startColumn)
            record.problem = "line \(l):\(c): \(problem.message)"
        }
        return record
    }

    /// Line and column (1-based, bytes) of `offset` in a span that starts at `line`:`column`.
    static func position(of offset: Int, in span: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> (Int, Int) {
        var l = line, c = column
        for i in 0..<min(offset, span.count) {
            if span[i] == 0x0A { l += 1; c = 1 } else { c += 1 }
        }
        return (l, c)
    }

    /// A key in double quotes and the ':' after it.
    private func key() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes, found \(describe(try peek()))") }
        let keyLine = line, keyColumn = column
        let hadMark = mark != nil
        if !hadMark { mark = pos }
        let offset = pos - mark! // survives refills, which move the mark
        _ = try skipValue(startLine: keyLine, startColumn: keyColumn)
        let from = mark! + offset
        let name = String(decoding: UnsafeBufferPointer(start: file.bytes + from + 1, count: max(0, pos - from - 2)),
                          as: UTF8.self)
        if !hadMark { mark = nil }
        try skipBlanks()
        try expect(UInt8(ascii: ":"), "':' after the key")
        try skipBlanks()
        return name // escaped keys never match a page key: fine
    }

    /// A top-level object: a page (its array's records follow) or one record. Returns the record,
    /// or nil when the object turned out to be a page.
    private func topObject() throws -> Record? {
        let startLine = line, startColumn = column
        // Keep the object's bytes while its keys are read: if it is no page, it is the record.
        mark = pos
        defer { mark = nil }
        pos += 1
        var sawID = false
        /// Keys of the objects entered on the way to a nested page array ("data" of "data.events").
        var path: [String] = []
        try skipBlanks()
        var c = try peek()
        while true {
            if c == UInt8(ascii: "}") {
                pos += 1
                if path.isEmpty {
                    recordCount += 1
                    return parse(nonASCII: true, line: startLine, column: startColumn)
                }
                path.removeLast()
            } else {
                let name = try key()
                let dotted = (path + [name]).joined(separator: ".")
                let next = try peek()
                if !sawID, next == UInt8(ascii: "["), Self.pageKeys.contains(dotted) {
                    pos += 1
                    state = .pageArray
                    pageDepth = path.count + 1
                    firstInArray = true
                    return nil
                }
                if path.isEmpty && name == "id" { sawID = true }
                if next == UInt8(ascii: "{"), Self.pagePrefixes.contains(dotted) {
                    pos += 1
                    path.append(name)
                    try skipBlanks()
                    c = try peek()
                    continue
                }
                _ = try skipValue(startLine: startLine, startColumn: startColumn)
            }
            try skipBlanks()
            c = try peek()
            if c == UInt8(ascii: "}") { continue }
            guard c == UInt8(ascii: ",") else {
                throw fail("expected ',' or '}' in the object that starts at line \(startLine):\(startColumn), found \(describe(c))")
            }
            pos += 1
            try skipBlanks()
            c = try peek()
        }
    }
}
