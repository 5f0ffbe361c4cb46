import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// `vetdesk import` as an operator runs it: a file that stores nothing fails, rejects are written
/// where documented, a dry run leaves the store untouched, and progress shows only on a terminal.
@Suite("Import CLI: nothing stored, rejects, dry run, progress")
struct ImportCLITests {
    let binary: String?
    let dir: String

    init() throws {
        binary = CaseBinary.vetdesk()
        dir = NSTemporaryDirectory() + "vetdesk-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func okta(_ events: [String]) -> String { "[\n" + events.joined(separator: ",\n") + "\n]\n" }

    @Test func fileThatStoresNothingExitsOne() throws {
        let binary = try #require(binary, CaseBinary.missingMessage)
        let path = try write("pw.json", okta([ImportRejectsTests.okta("p1", type: "user.account.update_password")]))
        let out = try CaseBinary.run(binary, ["import", "--store", dir + "/s.sqlite", "--no-rescore", path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("stored nothing: 1 record(s) read, 1 skipped (not_a_sign_in 1)"), "\(out.stderr)")
    }

    @Test func rejectsGoToTheStateDirWithMode0600() throws {
        let binary = try #require(binary, CaseBinary.missingMessage)
        let path = try write("okta.json", okta([ImportRejectsTests.okta("a1"), ImportRejectsTests.okta("a2", country: "Atlantis")]))
        let out = try CaseBinary.run(binary, ["import", "--store", dir + "/s.sqlite", "--no-rescore", "--max-errors", "1", "--json", path],
                                     environment: ["XDG_STATE_HOME": dir + "/state"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let report = try #require((json["imported"] as? [[String: Any]])?.first)
        #expect(report["rejected"] as? Int == 1)
        let rejects = try #require(report["rejects_file"] as? String)
        #expect(rejects.hasPrefix(dir + "/state/vetdesk/rejects/okta.json-"))
        #expect(try FileManager.default.attributesOfItem(atPath: rejects)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: dir + "/state/vetdesk/rejects")[.posixPermissions] as? Int == 0o700)
    }

    @Test func dryRunLeavesTheStoreUntouched() throws {
        let binary = try #require(binary, CaseBinary.missingMessage)
        let store = dir + "/s.sqlite"
        let first = try write("a.json", okta([ImportRejectsTests.okta("a1")]))
        #expect(try CaseBinary.run(binary, ["import", "--store", store, "--no-rescore", first]).status == 0)
        let path = try write("b.json", okta([ImportRejectsTests.okta("b1", minute: 2), ImportRejectsTests.okta("b2", country: "Atlantis")]))
        let out = try CaseBinary.run(binary, ["import", "--store", store, "--dry-run", path])
        #expect(out.stdout.contains("dry run: nothing was written"), "\(out.stdout)")
        #expect(out.stdout.contains("row 1: account=x@example.com"))
        #expect(out.stdout.contains("problem: " + path + ": record 2: field 'client.geographicalContext.country'"))
        let s = try Store(path: store)
        #expect(try s.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM login_event") } == 1)
        #expect(try s.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_log") } == 1)
    }

    @Test func noProgressWithoutATerminal() throws {
        let binary = try #require(binary, CaseBinary.missingMessage)
        let path = try write("a.json", okta([ImportRejectsTests.okta("a1")]))
        let out = try CaseBinary.run(binary, ["import", "--store", dir + "/s.sqlite", "--no-rescore", path])
        #expect(out.status == 0)
        #expect(!out.stderr.contains("\u{1B}[K"))
    }

    /// Under a pseudo-terminal (util-linux `script`), the progress line is drawn, with the file name
    /// sanitised; `--quiet` draws none.
    @Test func progressOnATerminalOnlyAndSanitised() throws {
        let binary = try #require(binary, CaseBinary.missingMessage)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let path = try write("evil\u{1B}]0;pwned\u{07}.json", okta([ImportRejectsTests.okta("a1")]))
        func underPTY(_ extra: [String]) throws -> String {
            let command = ([binary, "import", "--store", dir + "/s.sqlite", "--no-rescore"] + extra + [path])
                .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            return try CaseBinary.run("/usr/bin/script", ["-qec", command, "/dev/null"]).stdout
        }
        let shown = try underPTY([])
        #expect(shown.contains("\r\u{1B}[K"), "\(shown.debugDescription)")
        #expect(shown.contains("evil.json: "), "\(shown.debugDescription)")
        #expect(!shown.contains("\u{1B}]0;"))
        let quiet = try underPTY(["--quiet"])
        #expect(!quiet.contains("\u{1B}[K"), "\(quiet.debugDescription)")
    }
}
