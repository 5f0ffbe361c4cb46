import Foundation

/// JSON objects from a file: a document (an array, pages such as `{"value":[...]}`, or one object),
/// streamed record by record by JSONDocumentScanner so memory stays flat on any size, or NDJSON,
/// one object a line, read line by line. Malformed JSON is reported where it is: NDJSON by line
/// and column, documents by record number and line:column.
final class JSONRecordReader {
    private let file: String
    private var lines: LineReader?
    private var scanner: JSONDocumentScanner?
    private var lineBytes = 0
    let isDocument: Bool

    /// Keep each record's text in `lastRecordText` (for the rejects file).
    var keepsRecordText = false {
        didSet { scanner?.keepsText = keepsRecordText || initializing }
    }
    /// Records read before the caller could ask for their text (the first, peeked) keep it anyway.
    private var initializing = true {
        didSet { scanner?.keepsText = keepsRecordText || initializing }
    }
    private var firstText: String?
    /// The text of the record last returned or rejected, when `keepsRecordText`.
    private(set) var lastRecordText: String?
    /// False after a structural error (truncated file, bad separator): the records that follow
    /// cannot be found. True otherwise, including after a record's own error: reading may go on.
    private(set) var canContinue = true

    /// The first record, peeked to detect the kind.
    private(set) var first: (object: [String: Any], location: String)?
    private var firstPending = false
    /// Errors of bad records met before `first` (with their text), reported by next() in order.
    private var pendingErrors: [(error: any Error, text: String?)] = []

    /// Bytes consumed so far (for progress); approximate for NDJSON.
    var bytesRead: Int { scanner?.offset ?? lineBytes }

    init(path: String, displayName: String) throws {
        file = displayName
        if try Self.firstLineIsObject(path: path) {
            isDocument = false
            lines = try LineReader(path: path)
        } else {
            isDocument = true
            scanner = try JSONDocumentScanner(path: path, displayName: displayName)
            scanner?.keepsText = true
        }
        defer { initializing = false }
        // Bad records before the first good one are reported by next(), as any other, so that
        // --max-errors can skip them; the first good record still tells the kind.
        while true {
            do {
                first = try nextRecord()
                firstPending = first != nil
                firstText = lastRecordText
                break
            } catch {
                guard canContinue, pendingErrors.count < 1000 else { throw error }
                pendingErrors.append((error, lastRecordText))
            }
        }
        if first == nil, let bad = pendingErrors.first { throw bad.error } // nothing good at all
    }

    func next() throws -> (object: [String: Any], location: String)? {
        if !pendingErrors.isEmpty {
            let (error, text) = pendingErrors.removeFirst()
            lastRecordText = text
            canContinue = true
            throw error
        }
        if firstPending {
            firstPending = false
            lastRecordText = firstText
            firstText = nil
            return first
        }
        return try nextRecord()
    }

    private func nextRecord() throws -> (object: [String: Any], location: String)? {
        canContinue = false
        if let scanner {
            guard let record = try scanner.next() else { return nil }
            canContinue = true
            lastRecordText = record.text
            let location = "record \(record.number)"
            if let problem = record.problem {
                throw VetdeskError.malformed(file: file, location: location, field: nil, message: "not valid JSON at \(problem)")
            }
            guard let obj = record.object as? [String: Any] else {
                throw VetdeskError.malformed(file: file, location: location, field: nil,
                                             message: "is not a JSON object (line \(record.line):\(record.column))")
            }
            return (obj, location)
        }
        guard let lines else { return nil }
        while true {
            do {
                let parsed: Any?? = try lines.next { bytes -> Any? in
                    lineBytes += bytes.count + 1
                    if keepsRecordText || initializing { lastRecordText = String(decoding: bytes, as: UTF8.self) }
                    // Blank lines are allowed between records.
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
                    let location = "line \(lines.lineNumber)"
                    canContinue = true
                    guard String(validating: bytes, as: UTF8.self) != nil,
                          let value = try? JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed]) else {
                        let problem = JSONSyntaxCheck.firstProblem(in: bytes) ?? .init(offset: 0, message: "not valid JSON")
                        let message = problem.message.hasPrefix("invalid UTF-8") ? problem.message : "not valid JSON: \(problem.message)"
                        throw VetdeskError.malformed(file: file, location: location, field: nil,
                                                     message: "\(message) (column \(problem.offset + 1))")
                    }
                    return value
                }
                guard let parsed else { return nil }            // end of file
                guard let value = parsed else { continue }       // blank line
                let location = "line \(lines.lineNumber)"
                guard let obj = value as? [String: Any] else {
                    throw VetdeskError.malformed(file: file, location: location, field: nil, message: "is not a JSON object")
                }
                return (obj, location)
            } catch let f as LineReader.Failure {
                canContinue = false
                throw VetdeskError.malformed(file: file, location: "line \(f.line)", field: nil, message: f.message)
            }
        }
    }

    /// NDJSON when the first non-blank line is a complete JSON object that is not a page.
    /// A first line too long for NDJSON is a document on one line (a Graph page often is).
    private static func firstLineIsObject(path: String) throws -> Bool {
        let reader = try LineReader(path: path)
        do {
            while let result = try reader.next({ bytes -> (blank: Bool, ndjson: Bool) in
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return (true, false) }
                guard let obj = try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any] else {
                    return (false, false)
                }
                return (false, pageArray(obj) == nil)
            }) {
                if result.blank { continue }
                return result.ndjson
            }
        } catch is LineReader.Failure {
            return false
        }
        return false
    }

    static func pageArray(_ obj: [String: Any]) -> [Any]? {
        guard obj["id"] == nil else { return nil }
        for key in JSONDocumentScanner.pageKeys.sorted() {
            if let a = JSONField.at(obj, key) as? [Any] { return a }
        }
        return nil
    }
}

/// Reading nested JSON values by dotted path, and turning scalars into text.
enum JSONField {
    static func at(_ obj: [String: Any], _ path: String) -> Any? {
        var current: Any? = obj
        for key in path.split(separator: ".") {
            guard let dict = current as? [String: Any] else { return nil }
            current = dict[String(key)]
        }
        return current
    }

    /// Text for a scalar (strings, numbers, booleans); nil for null, absent and empty.
    /// Throws a plain message for objects and arrays, which are never a single value.
    static func text(_ value: Any?) throws -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let s as String:
            if s.utf8.count > CSVFileReader.maxFieldBytes {
                throw JSONShapeError(message: "value is longer than \(CSVFileReader.maxFieldBytes / 1024) KiB")
            }
            if let why = FieldValueCheck.problem(s) { throw JSONShapeError(message: why) }
            return s.isEmpty ? nil : s
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if type == "c" { return n.boolValue ? "true" : "false" }
            if type == "d" || type == "f" { return "\(n.doubleValue)" }
            return "\(n.int64Value)"
        default:
            throw JSONShapeError(message: "expected a single value, found \(value is [Any] ? "an array" : "an object")")
        }
    }

    struct JSONShapeError: Error { let message: String }
}
