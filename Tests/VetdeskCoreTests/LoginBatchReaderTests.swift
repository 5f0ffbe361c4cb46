import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The sign-in CSV fast path (CanonicalLoginBatchReader: bytes straight into LoginBatches) against the
/// record-by-record path (CSVFileReader Strings, CanonicalLoginMapper, LoginEvent): same values, same
/// errors, same stored rows (issue 13, session 6).
@Suite("Import: sign-in CSV read into byte batches")
struct LoginBatchReaderTests {
    static let header = "event_id,source,occurred_at,account,ip,country,city,outcome,user_agent,device_id,device_managed,locale,session_id"

    /// Quotes, doubled quotes, embedded CR/LF, non-ASCII, blanks around required values, values the
    /// mapper normalises (outcome, country name, booleans), empty optional fields, a blank line.
    static let tricky = [
        "e1,vpn,2026-03-02T07:14:00Z,anna.keller@example.com,81.2.69.142,GB,London,success,\"Mozilla/5.0 (X11; \"\"quoted\"\")\",LAPTOP-1,true,de-DE,s-1",
        "e2,,2026-03-02T08:14:00Z,anna.keller@example.com,81.2.69.142,United Kingdom,\"Zürich\nOld Town\",failure,UA,LAPTOP-1,false,,s-2",
        " e3 ,vpn, 2026-03-02T09:14:00+01:00 ,Anna.Keller@Example.com , 81.2.69.142,,,OK,,,yes,fr-FR,",
        "e4,vpn,2026-03-02,mark.d@contractor.example,2001:db8::1,de,Köln ☕,Failed,\"a,b\r\nc\",D-2,0,,s-4",
        "",
        "e5,okta,2026-03-03T10:00:00.123Z,ghost@nowhere.example,10.0.0.1,KP,平壤,success,,,,ko-KP,s-5",
        "e6,vpn,2026-03-03T11:00:00Z,mark.d@contractor.example,10.0.0.1,KP,,success,UA,D-2,t,en,\"s-6\"",
    ]

    static func write(_ rows: [String], bom: Bool = false, crlf: Bool = false) throws -> String {
        let path = NSTemporaryDirectory() + "vetdesk-loginbatch-" + UUID().uuidString + ".csv"
        var text = ([header] + rows).joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
        if bom { text = "\u{FEFF}" + text }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every event of every batch, column by column, plus time, managed flag and key.
    static func rows(_ b: LoginBatch) -> [String] {
        (0..<b.count).map { i in
            LoginBatch.Column.allCases.map { b.text(i, $0) ?? "NULL" }.joined(separator: "|")
                + "|\(b.occurredAt[i])|\(String(describing: b.deviceManaged(i)))|\(b.keys[i])"
        }
    }

    /// The record-by-record path, packed the same way.
    static func slowBatch(_ path: String) throws -> LoginBatch {
        let reader = try CSVRecordReader(path: path, displayName: "f.csv", kind: .logins)
        let mapper = CanonicalLoginMapper()
        return try LoginBatch.read(size: 1000) { try reader.next().map(mapper.map) } ?? LoginBatch()
    }

    static func fastBatch(_ path: String) throws -> (LoginBatch, slowRows: Int) {
        let reader = CanonicalLoginBatchReader(try CSVRecordReader(path: path, displayName: "f.csv", kind: .logins), counter: nil)
        let batch = try reader.next(size: 1000) ?? LoginBatch()
        #expect(try reader.next(size: 1000) == nil)
        return (batch, reader.slowRows)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func fastPathEqualsRecordPath(bom: Bool, crlf: Bool) throws {
        let path = try Self.write(Self.tricky, bom: bom, crlf: crlf)
        let slow = try Self.slowBatch(path)
        let (fast, slowRows) = try Self.fastBatch(path)
        #expect(Self.rows(fast) == Self.rows(slow))
        #expect(fast.count == 6 && fast.records == 6)
        // e3 (blanks, OK, yes), e4 (date only, Failed) take the mapper: the rest is read from bytes.
        #expect(slowRows == 2)
        #expect(fast.text(1, .city) == "Zürich\nOld Town" && fast.text(1, .source) == "csv")
        #expect(fast.text(3, .userAgent) == "a,b\r\nc" && fast.text(3, .outcome) == "failure")
    }

    /// A batch ends at its byte budget as at its event count: batches of one event each (a budget of
    /// one byte) carry every event once, in file order, on both paths.
    @Test func aBatchEndsAtItsByteBudget() throws {
        let path = try Self.write(Self.tricky)
        let whole = Self.rows(try Self.slowBatch(path))
        let fast = CanonicalLoginBatchReader(try CSVRecordReader(path: path, displayName: "f.csv", kind: .logins), counter: nil)
        var fastRows: [String] = []
        while let b = try fast.next(size: 1000, maxBytes: 1) {
            #expect(b.count == 1)
            fastRows += Self.rows(b)
        }
        let reader = try CSVRecordReader(path: path, displayName: "f.csv", kind: .logins)
        let mapper = CanonicalLoginMapper()
        var slowRows: [String] = []
        while let b = try LoginBatch.read(size: 1000, maxBytes: 1, from: { try reader.next().map(mapper.map) }) {
            #expect(b.count == 1)
            slowRows += Self.rows(b)
        }
        #expect(whole.count == 6)
        #expect(fastRows == whole && slowRows == whole)
    }

    @Test func rawRecordsEqualStringRecords() throws {
        let path = try Self.write(Self.tricky, bom: true, crlf: true)
        let strings = try CSVFileReader(path: path), raw = try CSVFileReader(path: path)
        var record = CSVRawRecord()
        while let fields = try strings.next() {
            #expect(try raw.next(into: &record))
            #expect(record.strings == fields)
            #expect(raw.recordLine == strings.recordLine)
        }
        #expect(try !raw.next(into: &record))
    }

    /// Each bad row fails the same way on both paths: file, line, field and message.
    @Test(arguments: [
        "e1,vpn,2026-13-02T07:14:00Z,a@x.example,81.2.69.142,GB,,success,,,,,",       // bad date
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.300,GB,,success,,,,,",       // bad IP
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,Atlantis,,success,,,,,", // bad country
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,,maybe,,,,,",         // bad outcome
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,,success,,,perhaps,,", // bad boolean
        "  ,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,,success,,,,,",       // blank event id
        "e1,vpn,2026-03-02T07:14:00Z,,81.2.69.142,GB,,success,,,,,",                  // empty account
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,,success,,,,",        // field count
        "e1,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,\"open,success,,,,,", // unclosed quote
    ])
    func badRowsFailTheSameWay(bad: String) throws {
        let path = try Self.write([Self.tricky[0], bad, Self.tricky[5]])
        var slowError = "", fastError = ""
        do { _ = try Self.slowBatch(path) } catch { slowError = "\(error)" }
        do { _ = try Self.fastBatch(path) } catch { fastError = "\(error)" }
        #expect(!slowError.isEmpty)
        #expect(fastError == slowError)
    }

    @Test func invalidUTF8FailsTheSameWay() throws {
        let path = try Self.write([Self.tricky[0]])
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.append(contentsOf: Array("e9,vpn,2026-03-02T07:14:00Z,a@x.example,81.2.69.142,GB,".utf8) + [0xC3, 0x28]
            + Array(",success,,,,,\n".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        var slowError = "", fastError = ""
        do { _ = try Self.slowBatch(path) } catch { slowError = "\(error)" }
        do { _ = try Self.fastBatch(path) } catch { fastError = "\(error)" }
        #expect(slowError.contains("line 3") && slowError.contains("invalid UTF-8"))
        #expect(fastError == slowError)
    }

    /// The whole import: the fast path (no error budget) and the record path (an error budget) store
    /// the same events and summaries.
    @Test func importStoresTheSameRows() throws {
        let path = try Self.write(Self.tricky, bom: true, crlf: true)
        let fast = try ImportHarness(), slow = try ImportHarness()
        for h in [fast, slow] { try h.load("candidates.csv") }
        let a = try fast.importer.importFile(path: path, kind: nil)
        let b = try slow.importer.importFile(path: path, kind: nil,
                                             options: ImportOptions(maxErrors: 3, rejectsPath: fast.dir + "/rejects.csv"))
        #expect(a.inserted == 6 && b.inserted == 6)
        let tables = ["login_event", "ip_info"] + ImportLoginTests.summaryTables
        #expect(try fast.snapshot(tables) == slow.snapshot(tables))
        #expect(try fast.count("login_event", "candidate_id IS NOT NULL") == 5)
    }
}
