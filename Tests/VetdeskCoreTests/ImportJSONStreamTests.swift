import Foundation
import Testing
@testable import VetdeskCore

/// The streaming JSON reader: records found in arrays, pages and NDJSON without loading the
/// document, and malformed JSON reported at its line and column.
@Suite("Import: streaming JSON records and error positions")
struct ImportJSONStreamTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "vetdesk-json-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func file(_ data: Data) throws -> String {
        let path = dir + "/f-\(UUID().uuidString).json"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every record's location and object, reading to the end; an error fails the test.
    func records(_ text: String) throws -> [(location: String, object: [String: Any])] {
        try records(Data(text.utf8))
    }

    func records(_ data: Data) throws -> [(location: String, object: [String: Any])] {
        let reader = try JSONRecordReader(path: try file(data), displayName: "f.json")
        var out: [(location: String, object: [String: Any])] = []
        while let r = try reader.next() { out.append((r.location, r.object)) }
        return out
    }

    /// The first error met reading `text` to the end, as (location, message).
    func firstError(_ text: String) throws -> (location: String, message: String)? {
        try firstError(Data(text.utf8))
    }

    func firstError(_ data: Data) throws -> (location: String, message: String)? {
        do {
            let reader = try JSONRecordReader(path: try file(data), displayName: "f.json")
            while try reader.next() != nil {}
            return nil
        } catch let VetdeskError.malformed(file, location, _, message) {
            #expect(file == "f.json")
            return (location, message)
        }
    }

    // MARK: shapes

    @Test func prettyArray() throws {
        let r = try records("[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n")
        #expect(r.map(\.location) == ["record 1", "record 2"])
        #expect(r.map { $0.object["a"] as? Int } == [1, 2])
    }

    @Test func graphPageSkipsOtherKeys() throws {
        let text = #"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[{"a":1},{"a":[2,{"b":"]"}]}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x"}"#
        let r = try records(text)
        #expect(r.count == 2)
        #expect(r[0].object["a"] as? Int == 1)
    }

    @Test func diagnosticSettingsRecordsPage() throws {
        let r = try records("{\"records\": [\n{\"time\": \"2026-03-01T00:00:00Z\", \"category\": \"SignInLogs\"},\n{\"time\": \"x\"}]}")
        #expect(r.count == 2)
        #expect(r[0].object["category"] as? String == "SignInLogs")
    }

    @Test func nestedPageOfAnOktaEventHook() throws {
        let text = """
            {"eventType": "com.okta.event_hook", "eventId": "x", "data": {"note": {"events": []},
              "events": [{"a": 1}, {"a": 2}], "more": [1]}, "source": "https://example.okta.com"}
            {"data": {}}
            """
        let r = try records(text)
        #expect(r.map { $0.object["a"] as? Int } == [1, 2, nil])
        #expect(r[2].location == "record 3")
    }

    @Test func objectWithIdIsOneRecordNotAPage() throws {
        let r = try records("{\n \"id\": \"x\",\n \"items\": [1, 2]\n}\n")
        #expect(r.count == 1)
        #expect(r[0].object["id"] as? String == "x")
    }

    @Test func ndjsonLines() throws {
        let r = try records("{\"a\":1}\n\n{\"a\":2}\r\n")
        #expect(r.map(\.location) == ["line 1", "line 3"])
    }

    @Test func concatenatedPrettyObjects() throws {
        let r = try records("{\n \"a\": 1\n}\n{\n \"a\": 2\n}\n")
        #expect(r.map(\.location) == ["record 1", "record 2"])
    }

    @Test func stringsWithBracketsQuotesAndEscapes() throws {
        let r = try records(#"[{"a":"]}\"[{"},{"b":"\\"},{"c":"\u00e9 é"}]"#)
        #expect(r.count == 3)
        #expect(r[0].object["a"] as? String == "]}\"[{")
        #expect(r[1].object["b"] as? String == "\\")
        #expect(r[2].object["c"] as? String == "é é")
    }

    @Test func emptyArrayAndBOM() throws {
        #expect(try records("[]").isEmpty)
        #expect(try records(Data([0xEF, 0xBB, 0xBF]) + Data("[{\"a\":1}]".utf8)).count == 1)
    }

    /// Records cross the 1 MiB read buffer many times, and one record is larger than it.
    @Test func recordsAcrossChunksAndALargeRecord() throws {
        var text = "[\n"
        for i in 0..<20_000 { text += "{\"i\": \(i), \"pad\": \"\(String(repeating: "x", count: 150))\"},\n" }
        text += "{\"i\": 20000, \"big\": \"\(String(repeating: "y", count: 3 << 20))\"}\n]"
        let r = try records(text)
        #expect(r.count == 20_001)
        #expect(r[12_345].object["i"] as? Int == 12_345)
        #expect((r[20_000].object["big"] as? String)?.count == 3 << 20)
    }

    // MARK: errors say where

    @Test func truncatedArray() throws {
        let e = try #require(try firstError("[{\"a\":1},\n {\"a\":"))
        #expect(e.location == "line 2:7")
        #expect(e.message.contains("ends inside record 2, which starts at line 2:2"))
    }

    @Test func badEscapeInSecondRecord() throws {
        let e = try #require(try firstError("[\n  {\"a\":1},\n  {\"b\":\"x\\q\"}\n]"))
        #expect(e.location == "record 2")
        #expect(e.message == "not valid JSON at line 3:10: invalid escape '\\q' in a string")
    }

    @Test func trailingGarbage() throws {
        let e = try #require(try firstError("[{\"a\":1}]\n  x"))
        #expect(e.location == "line 2:3")
        #expect(e.message.contains("found 'x'"))
    }

    @Test func missingCommaBetweenRecords() throws {
        let e = try #require(try firstError("[{\"a\":1} {\"a\":2}]"))
        #expect(e.location == "line 1:10")
        #expect(e.message == "expected ',' or ']' after record 1, found '{'")
    }

    @Test func trailingComma() throws {
        let e = try #require(try firstError("[{\"a\":1},\n]"))
        #expect(e.location == "line 2:1")
        #expect(e.message.contains("trailing comma"))
    }

    @Test func invalidUTF8InArray() throws {
        let data = Data("[{\"a\":1},\n{\"a\":\"".utf8) + Data([0xFF]) + Data("\"}]".utf8)
        let e = try #require(try firstError(data))
        #expect(e.location == "record 2")
        #expect(e.message == "not valid JSON at line 2:7: invalid UTF-8 (byte 0xFF)")
    }

    @Test func errorInsideAPage() throws {
        let e = try #require(try firstError("{\"value\": [\n{\"a\":1},\n{\"a\":tru}\n], \"@odata.nextLink\": \"x\"}"))
        #expect(e.location == "record 2")
        #expect(e.message == "not valid JSON at line 3:9: unexpected '}' (expected true)")
    }

    @Test func truncatedPage() throws {
        let e = try #require(try firstError("{\"@odata.context\": \"x\", \"value\": [{\"a\":1}"))
        #expect(e.location == "line 1:42")
        #expect(e.message.contains("ends inside the array after record 1"))
    }

    @Test func nonObjectRecord() throws {
        let e = try #require(try firstError("[{\"a\":1},\n 42]"))
        #expect(e.location == "record 2")
        #expect(e.message == "is not a JSON object (line 2:2)")
    }

    @Test func ndjsonBadLineSaysLineAndColumn() throws {
        let e = try #require(try firstError("{\"a\":1}\n{\"a\" 1}\n"))
        #expect(e.location == "line 2")
        #expect(e.message == "not valid JSON: expected ':' after the key, found '1' (column 6)")
    }

    @Test func ndjsonInvalidUTF8() throws {
        let e = try #require(try firstError(Data("{\"a\":1}\n{\"a\":\"".utf8) + Data([0xC3, 0x28]) + Data("\"}\n".utf8)))
        #expect(e.location == "line 2")
        #expect(e.message == "invalid UTF-8 (byte 0xC3) (column 7)")
    }

    @Test func neverFoundationsLineOne() throws {
        for text in ["[{\"a\":1},\n{\"a\" 1}]", "[{\"a\":1},\n{\"a\":1]", "{\"value\":[\n{\"a\":\"\u{01}\"}]}"] {
            let e = try #require(try firstError(text))
            #expect(!e.message.contains("line 1:") && !e.location.hasPrefix("line 1"), "\(e)")
            #expect(e.message.contains("line 2:"), "\(e)")
        }
    }
}
