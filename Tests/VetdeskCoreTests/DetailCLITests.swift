import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// `vetdesk show` and `vetdesk queue` run as the real binary (built next to the test bundle by `swift test`).
@Suite struct DetailCLITests {
    static func binary() throws -> String {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var dir = (exe as NSString).deletingLastPathComponent
        if dir.hasSuffix(".xctest") { dir = (dir as NSString).deletingLastPathComponent }
        let path = dir + "/vetdesk"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw VetdeskError.notFound("vetdesk binary not built at \(path); run `swift test` (it builds every product)")
        }
        return path
    }

    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary())
        p.arguments = args
        p.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func fixture() throws -> String {
        let store = try DetailFixture.tempStore()
        try DetailFixture.populate(store)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE candidate SET full_name = ? WHERE id = 'B'",
                           arguments: ["Bob \u{1B}]0;pwned\u{07}\u{202E}evil"])
        }
        return store.path
    }

    @Test func showPrintsEveryPanelAndUnknownIdExitsOne() throws {
        let path = try Self.fixture()
        let shown = try Self.run(["show", "A", "--store", path, "--width", "90"])
        #expect(shown.status == 0)
        for text in ["── Indicators", "◆ DECISIVE", "shared_payment_account", "Kim Chol ≠ declared: Jan Novak",
                     "Activity by weekday and hour (UTC)", "at UTC+9", "→ B", "ESCALATE", "── History"] {
            #expect(shown.out.contains(text), "missing \(text)")
        }
        #expect(!shown.out.contains("\u{1B}") && !shown.out.contains("pwned"))
        let missing = try Self.run(["show", "nobody", "--store", path])
        #expect(missing.status == 1)
        #expect(missing.err.contains("no candidate nobody"))
        #expect(missing.out.isEmpty)
    }

    @Test func showJSONIsParseable() throws {
        let path = try Self.fixture()
        let r = try Self.run(["show", "A", "--store", path, "--json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect((json["candidate"] as? [String: Any])?["full_name"] as? String == "Jan Novak")
        #expect((json["flags"] as? [[String: Any]])?.first?["rule_id"] as? String == "shared_payment_account")
        #expect((json["links"] as? [[String: Any]])?.count == 10)
        #expect((json["logins"] as? [String: Any])?["total_events"] as? Int == 225)
    }

    @Test func queueFiltersAndSanitises() throws {
        let path = try Self.fixture()
        let table = try Self.run(["queue", "--store", path, "--status", "escalated", "in_review"])
        #expect(table.status == 0)
        let rows = table.out.split(separator: "\n")
        #expect(rows.count == 4) // header, A, B, footer
        #expect(rows[1].contains("A") && rows[1].contains("Jan Novak") && rows[1].contains("critical"))
        #expect(rows[2].contains("Bob") && !rows[2].contains("pwned") && !rows[2].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let json = try Self.run(["queue", "--store", path, "--min-risk", "50", "--json"])
        let page = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(page["total"] as? Int == 2)
        #expect((page["rows"] as? [[String: Any]])?.map { $0["candidate_id"] as? String } == ["A", "B"])
        let bad = try Self.run(["queue", "--store", path, "--status", "bogus"])
        #expect(bad.status != 0)
    }
}
