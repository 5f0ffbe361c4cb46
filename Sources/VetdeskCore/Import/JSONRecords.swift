import Foundation

/// JSON objects from a file: a whole document (an array, or `{"value":[...]}` / `{"items":[...]}`
/// as Graph and the Admin SDK page them) or NDJSON, one object a line, read line by line.
final class JSONRecordReader {
    /// Whole documents are parsed at once; past this size, NDJSON is the way.
    static let maxDocumentBytes = 1 << 30

    private let file: String
    private var lines: LineReader?
    private var document: [Any] = []
    private var documentIndex = 0
    let isDocument: Bool

    /// The first record, peeked to detect the kind.
    private(set) var first: (object: [String: Any], location: String)?
    private var firstPending = false

    init(path: String, displayName: String) throws {
        file = displayName
        let ndjson: Bool
        do {
            ndjson = try Self.firstLineIsObject(path: path)
        } catch let f as LineReader.Failure {
            throw VetdeskError.malformed(file: displayName, location: "line \(f.line)", field: nil, message: f.message)
        }
        if ndjson {
            isDocument = false
            lines = try LineReader(path: path)
        } else {
            isDocument = true
            document = try Self.loadDocument(path: path, displayName: displayName)
        }
        first = try nextRecord()
        firstPending = first != nil
    }

    func next() throws -> (object: [String: Any], location: String)? {
        if firstPending { firstPending = false; return first }
        return try nextRecord()
    }

    private func nextRecord() throws -> (object: [String: Any], location: String)? {
        if isDocument {
            guard documentIndex < document.count else { return nil }
            documentIndex += 1
            let location = "record \(documentIndex)"
            guard let obj = document[documentIndex - 1] as? [String: Any] else {
                throw VetdeskError.malformed(file: file, location: location, field: nil, message: "is not a JSON object")
            }
            return (obj, location)
        }
        guard let lines else { return nil }
        while true {
            do {
                let parsed: Any?? = try lines.next { bytes -> Any? in
                    // Blank lines are allowed between records.
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
                    guard String(validating: bytes, as: UTF8.self) != nil else {
                        throw VetdeskError.malformed(file: file, location: "line \(lines.lineNumber)", field: nil,
                                                     message: "invalid UTF-8")
                    }
                    do {
                        return try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [])
                    } catch {
                        throw VetdeskError.malformed(file: file, location: "line \(lines.lineNumber)", field: nil,
                                                     message: "not valid JSON")
                    }
                }
                guard let parsed else { return nil }            // end of file
                guard let value = parsed else { continue }       // blank line
                let location = "line \(lines.lineNumber)"
                guard let obj = value as? [String: Any] else {
                    throw VetdeskError.malformed(file: file, location: location, field: nil, message: "is not a JSON object")
                }
                return (obj, location)
            } catch let f as LineReader.Failure {
                throw VetdeskError.malformed(file: file, location: "line \(f.line)", field: nil, message: f.message)
            }
        }
    }

    /// NDJSON when the first non-blank line is a complete JSON object that is not a
    /// `{"value":[...]}` / `{"items":[...]}` page.
    private static func firstLineIsObject(path: String) throws -> Bool {
        let reader = try LineReader(path: path)
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
        return false
    }

    static func pageArray(_ obj: [String: Any]) -> [Any]? {
        for key in ["value", "items"] {
            if let a = obj[key] as? [Any], obj["id"] == nil { return a }
        }
        return nil
    }

    private static func loadDocument(path: String, displayName: String) throws -> [Any] {
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attrs?[.size] as? Int, size > maxDocumentBytes {
            throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil,
                                         message: "JSON document larger than \(maxDocumentBytes >> 20) MiB: export it as NDJSON")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VetdeskError.io("cannot read \(path)")
        }
        if data.isEmpty { return [] }
        guard String(data: data, encoding: .utf8) != nil else {
            throw VetdeskError.malformed(file: displayName, location: "line \(firstInvalidUTF8Line(data))", field: nil,
                                         message: "invalid UTF-8")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil,
                                         message: "not valid JSON: \(error.localizedDescription)")
        }
        if let array = root as? [Any] { return array }
        if let obj = root as? [String: Any] {
            if let page = pageArray(obj) { return page }
            return [obj]
        }
        throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil,
                                     message: "expected a JSON array or an object with a \"value\" or \"items\" array")
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        for chunk in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(data: Data(chunk), encoding: .utf8) == nil { return line }
            line += 1
        }
        return line
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
