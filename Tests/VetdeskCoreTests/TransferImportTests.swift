import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// One stored transfer event, the fields the maintainers' bar names: user, time (ms), IP, action, object.
struct StoredTransfer: Equatable, CustomStringConvertible {
    var actor: String
    var ms: Int64
    var ip: String?
    var action: String
    var vendorAction: String
    var object: String?
    var candidate: String? = nil
    var description: String { "\(actor) \(ms) \(ip ?? "-") \(action)/\(vendorAction) \(object ?? "-") c=\(candidate ?? "-")" }
}

extension ImportHarness {
    @discardableResult
    func loadTransfers(_ name: String, kind: ImportKind? = nil, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importer.importFile(path: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/transfers/\(name)").path,
                                kind: kind, options: options)
    }

    /// The events matching `condition`, ordered by time.
    func transfers(_ condition: String) throws -> [StoredTransfer] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT actor, occurred_at * 1000 + coalesce(occurred_ms, 0), ip, action, vendor_action, object, candidate_id
                FROM transfer_event WHERE \(condition) ORDER BY occurred_at, occurred_ms, id
                """).map { r in
                StoredTransfer(actor: r[0], ms: r[1], ip: r[2], action: r[3], vendorAction: r[4], object: r[5], candidate: r[6])
            }
        }
    }
}

@Suite("Transfers: vendor shapes, field by field")
struct TransferShapeTests {
    @Test func githubAPIPage() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let r = try h.loadTransfers("github-api.json")
        #expect(r.kind == .githubAudit && r.records == 8 && r.inserted == 8)
        #expect(r.transfers?.otherActions == 1)
        #expect(r.transfers?.unmappedActors == 4) // octocat, monalisa, jdoe-dev, acme-admin
        #expect(try h.transfers("source_id = 'gXc1-clone-0001'") == [StoredTransfer(
            actor: "jdoe-dev", ms: 1_767_318_000_123, ip: "203.0.113.45", action: "clone", vendorAction: "git.clone",
            object: "acme/payments-core")])
        // No IP on the event: stored without one, not rejected.
        #expect(try h.transfers("source_id = 'gXc1-zip-0003'") == [StoredTransfer(
            actor: "jdoe-dev", ms: 1_767_318_100_789, ip: nil, action: "download", vendorAction: "repo.download_zip",
            object: "acme/infra-secrets")])
        // `user` is the member added, not who acted.
        #expect(try h.transfers("source_id = 'gXc1-add-0004'").map(\.actor) == ["acme-admin"])
        #expect(try h.value("SELECT json_extract(detail, '$.user') FROM transfer_event WHERE source_id = 'gXc1-add-0004'") == "jdoe-dev")
        #expect(try h.value("SELECT token_hash FROM transfer_event WHERE source_id = 'gXc1-clone-0001'") == "SHA256:dV9jbGlja2VkX3Rva2VuX2hhc2g=")
        #expect(try h.value("SELECT programmatic_access FROM transfer_event WHERE source_id = 'gXc1-clone-0001'")
                == "Personal access token (classic)")
        #expect(try h.transfers("source_id = 'gXc1-cp-0005'").map(\.action) == ["other"])
        #expect(try h.transfers("source_id = 'xJJFlFOhQ6b-5vaAFy9Rjw'") == [StoredTransfer(
            actor: "octocat", ms: 1_606_929_874_512, ip: nil, action: "admin", vendorAction: "team.add_member", object: "octo-corp/example-team")])
        let again = try h.loadTransfers("github-api.json")
        #expect(again.inserted == 0 && again.skippedDuplicates == 8)
    }

    @Test func githubStreamAndCSVExport() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let stream = try h.loadTransfers("github-stream.ndjson")
        #expect(stream.kind == .githubAudit && stream.inserted == 5)
        #expect(try h.transfers("vendor_action = 'repo.create'") == [StoredTransfer(
            actor: "github-actor", ms: 1_583_763_373_109, ip: nil, action: "admin", vendorAction: "repo.create", object: "Example-Org/repo-abc")])
        #expect(try h.transfers("source_id = 'st-fetch-0001'").map(\.ip) == ["2001:db8::1"])
        #expect(try h.transfers("source_id = 'st-push-0002'") == [StoredTransfer(
            actor: "mdaniels", ms: 1_767_404_401_999, ip: "81.2.69.142", action: "push", vendorAction: "git.push",
            object: "acme/web-frontend", candidate: "C-1002")])
        #expect(try h.transfers("source_id = 'st-access-0003'").map(\.action) == ["access_change"])
        let csv = try h.loadTransfers("github-export.csv")
        #expect(csv.kind == .githubAudit && csv.inserted == 3)
        #expect(try h.transfers("source_id = 'exp-clone-0001'") == [StoredTransfer(
            actor: "akeller", ms: 1_767_490_800_500, ip: "192.0.2.10", action: "clone", vendorAction: "git.clone",
            object: "acme/payments-core", candidate: "C-1001")])
        #expect(try h.transfers("source_id = 'exp-zip-0002'").map(\.ip) == [nil])
        // Per-day totals of the mapped candidate, and the candidate queued for rescoring.
        let day = Time.dayNumber(1_767_490_800)
        #expect(try h.value("SELECT events FROM transfer_day WHERE candidate_id = 'C-1001' AND day = ? AND action = 'clone'", [day]) == 1)
        #expect(try h.count("dirty_candidate", "candidate_id = 'C-1001'") == 1)
    }

    @Test func gitlabStreamKeepsEventsThatShareAnId() throws {
        let h = try ImportHarness()
        let r = try h.loadTransfers("gitlab-stream.ndjson")
        #expect(r.kind == .gitlabAudit && r.records == 4 && r.inserted == 4)
        #expect(try h.transfers("vendor_action = 'repository_git_operation'") == [
            StoredTransfer(actor: "Administrator", ms: 1_653_461_355_213, ip: "127.0.0.1", action: "clone",
                           vendorAction: "repository_git_operation", object: "flightjs/Flight"),
            StoredTransfer(actor: "jane.doe@example.com", ms: 1_653_461_355_870, ip: "203.0.113.77", action: "clone",
                           vendorAction: "repository_git_operation", object: "flightjs/Flight"),
        ])
        #expect(try h.transfers("vendor_action = 'repository_download_operation'").map(\.action) == ["download"])
        #expect(try h.transfers("vendor_action = 'member_created'").map(\.action) == ["admin"])
        #expect(try h.loadTransfers("gitlab-stream.ndjson").inserted == 0)
    }

    @Test func googleDriveActivityHoldsSeveralEvents() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let r = try h.loadTransfers("google-drive-activities.json")
        #expect(r.kind == .googleDrive && r.records == 5 && r.inserted == 4 && r.skippedByReason == ["not_a_transfer_event": 1])
        #expect(try h.transfers("vendor_action = 'download'") == [StoredTransfer(
            actor: "anna.keller@example.com", ms: 1_767_579_247_512, ip: "203.0.113.9", action: "download", vendorAction: "download",
            object: "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", candidate: "C-1001")])
        #expect(try h.transfers("vendor_action = 'view'").count == 1)
        #expect(try h.value("SELECT object_title FROM transfer_event WHERE vendor_action = 'download'") == "Payroll 2026")
        #expect(try h.transfers("vendor_action = 'change_user_access'") == [StoredTransfer(
            actor: "anna.keller@example.com", ms: 1_767_579_300_000, ip: nil, action: "access_change",
            vendorAction: "change_user_access", object: "1ZyXwVuT", candidate: "C-1001")])
        #expect(try h.value("SELECT json_extract(detail, '$.target_user') FROM transfer_event WHERE vendor_action = 'change_user_access'")
                == "outside.person@gmail.com")
        #expect(try h.transfers("vendor_action = 'copy'").map(\.action) == ["copy"])
        #expect(try h.loadTransfers("google-drive-activities.json").inserted == 0)
    }

    @Test func googleDriveSIEMLinesReusingOneId() throws {
        let h = try ImportHarness()
        let r = try h.loadTransfers("google-drive-elastic.ndjson")
        #expect(r.inserted == 3) // same id, two deletes that differ only in deletion_reason, one download
        #expect(try h.transfers("vendor_action = 'download'") == [StoredTransfer(
            actor: "foo@bar.com", ms: 1_601_650_800_000, ip: "67.43.156.13", action: "download", vendorAction: "download", object: "1234")])
        #expect(try h.loadTransfers("google-drive-elastic.ndjson").inserted == 0)
    }

    @Test func m365ManagementAPIAndPurviewCSV() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let r = try h.loadTransfers("m365-management-api.json")
        #expect(r.kind == .m365Audit && r.records == 6 && r.inserted == 5 && r.skippedByReason == ["not_a_transfer_event": 1])
        #expect(try h.transfers("source_id = '80c76bd2-9d81-4c57-a97a-accfc3443dca'") == [StoredTransfer(
            actor: "mark.d@contractor.example", ms: 1_767_662_553_000, ip: "198.51.100.23", action: "download",
            vendorAction: "FileDownloaded",
            object: "https://contoso-my.sharepoint.com/personal/mdaniels_contoso_com/Documents/Specs/design.docx", candidate: "C-1002")])
        #expect(try h.transfers("vendor_action = 'FileSyncDownloadedFull'") == [StoredTransfer(
            actor: "mark.d@contractor.example", ms: 1_767_662_561_500, ip: "2001:db8::7", action: "download",
            vendorAction: "FileSyncDownloadedFull", object: "https://contoso.sharepoint.com/sites/Finance/Shared Documents/Q4.xlsx",
            candidate: "C-1002")])
        #expect(try h.transfers("vendor_action = 'FileAccessed'").map(\.action) == ["view"])
        #expect(try h.transfers("vendor_action = 'FileCopied'").map(\.action) == ["copy"])
        #expect(try h.transfers("vendor_action = 'ListViewed'").map(\.action) == ["other"])
        // occurred_ms is NULL where the source had no sub-second part.
        #expect(try h.count("transfer_event", "vendor_action = 'FileDownloaded' AND occurred_ms IS NULL") == 1)
        let csv = try h.loadTransfers("m365-purview-export.csv")
        #expect(csv.kind == .m365Audit && csv.inserted == 2)
        #expect(try h.transfers("source_id = '5b5c3c3e-1111-4b2b-9c9c-000000000001'") == [StoredTransfer(
            actor: "anna.keller@example.com", ms: 1_767_777_011_000, ip: "192.0.2.55", action: "download", vendorAction: "FileDownloaded",
            object: "https://contoso.sharepoint.com/sites/Eng/Shared Documents/arch.pdf", candidate: "C-1001")])
        #expect(try h.transfers("vendor_action = 'AnonymousLinkCreated'").map(\.action) == ["access_change"])
    }
}

@Suite("Transfers: bad input, mapping, erasure")
struct TransferPipelineTests {
    @Test func badRecordNamesFileRecordAndFieldAndWritesNothing() throws {
        let h = try ImportHarness()
        let path = try h.write("gh.ndjson", """
            {"@timestamp":1767318000123,"action":"git.clone","actor":"a","repo":"acme/x"}
            {"@timestamp":"yesterday","action":"git.clone","actor":"b","repo":"acme/y"}
            """)
        do {
            _ = try h.importer.importFile(path: path, kind: nil)
            Issue.record("a bad time must reject the file")
        } catch let e as VetdeskError {
            #expect(e.location == "line 2" && e.field == "@timestamp")
            #expect("\(e)".contains("gh.ndjson"))
        }
        #expect(try h.count("transfer_event") == 0)
        // Within --max-errors the good record is stored and the bad one rejected.
        let r = try h.importer.importFile(path: path, kind: nil, options: ImportOptions(maxErrors: 1, rejectsPath: h.dir + "/rej.ndjson"))
        #expect(r.inserted == 1 && r.rejected == 1)
        let rejects = try String(contentsOfFile: h.dir + "/rej.ndjson", encoding: .utf8)
        #expect(rejects.contains("\"field\":\"@timestamp\"") && rejects.contains("\"location\":\"line 2\""))
    }

    @Test func badIPIsRejectedNotDropped() throws {
        let h = try ImportHarness()
        let path = try h.write("m365.json", """
            [{"CreationTime":"2026-01-06T01:22:33","Id":"x1","Operation":"FileDownloaded","Workload":"SharePoint","ClientIP":"not-an-ip","UserId":"u@example.com","ObjectId":"f"}]
            """)
        do {
            _ = try h.importer.importFile(path: path, kind: nil)
            Issue.record("an invalid IP must reject the record")
        } catch let e as VetdeskError {
            #expect(e.field == "ClientIP" && e.location == "record 1")
        }
    }

    @Test func chunkedImportThatFailsLeavesNothing() throws {
        struct Stop: Error {}
        let h = try ImportHarness()
        try h.load("candidates.csv")
        var chunks = 0, committedMidFile = 0
        var importer = h.importer
        // One row per chunk (ip_info rows first, then events); after four chunks the import is aborted.
        importer.pacing = ImportPacing(yieldSeconds: 0, rowsPerChunk: 1, betweenChunks: { n in
            chunks = n
            if n == 4 {
                // What another connection sees mid-file: the committed chunks.
                committedMidFile = try DatabaseQueue(path: h.dir + "/t.sqlite").read {
                    try Int.fetchOne($0, sql: "SELECT count(*) FROM transfer_event") ?? 0
                }
                throw Stop()
            }
        })
        #expect(throws: Stop.self) {
            try importer.importFile(path: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/transfers/github-export.csv").path,
                                    kind: nil)
        }
        #expect(chunks == 4 && committedMidFile > 0)
        #expect(try h.count("transfer_event") == 0)
        #expect(try h.count("transfer_day") == 0)
        #expect(try h.count("import_transfer_chunk") == 0)
        #expect(try h.count("import_run") == 0)
    }

    @Test func dryRunWritesNothing() throws {
        let h = try ImportHarness()
        let r = try h.loadTransfers("github-api.json", options: ImportOptions(dryRun: true))
        #expect(r.dryRun && r.inserted == 8 && (r.sample?.first?["action"]) == "admin")
        #expect(try h.count("transfer_event") == 0)
    }

    @Test func eventsMapWhenTheirCandidateArrivesLater() throws {
        let h = try ImportHarness()
        try h.loadTransfers("github-export.csv")
        #expect(try h.count("transfer_event", "candidate_id IS NULL") == 3)
        try h.load("candidates.csv")
        #expect(try h.count("transfer_event", "candidate_id = 'C-1001'") == 2)
        #expect(try h.count("transfer_day", "candidate_id = 'C-1001'") == 2)
    }

    @Test func subjectExportListsTransferEvents() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.loadTransfers("github-export.csv")
        let written = try SubjectAccess(store: h.store, clock: { ImportHarness.now }).write(candidateId: "C-1001", to: h.dir + "/dsr")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written.json))) as? [String: Any]
        let events = json?["transfer_events"] as? [[String: Any]]
        #expect(events?.count == 2)
        #expect(events?.first?["vendor_action"] as? String == "git.clone" && events?.first?["ip"] as? String == "192.0.2.10")
        let md = try String(contentsOfFile: written.markdown, encoding: .utf8)
        #expect(md.contains("Activity after hire") && md.contains("git.clone") && md.contains("192.0.2.10"))
    }

    @Test func erasureRemovesMappedAndUnmappedEvents() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        try h.loadTransfers("github-export.csv")
        try h.loadTransfers("m365-purview-export.csv")
        #expect(try h.count("transfer_event", "candidate_id = 'C-1001'") == 4)
        // An event by one of C-1001's accounts that arrived unmapped (written outside the importer).
        try h.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO transfer_event (source, event_key, actor, occurred_at, action, vendor_action)
                VALUES ('github', 42, 'AKeller', 1767490800, 'clone', 'git.clone')
                """)
        }
        _ = try Erasure(store: h.store).erase(candidateId: "C-1001", analyst: "ana", reason: "art. 17 request")
        #expect(try h.count("transfer_event", "candidate_id = 'C-1001' OR actor = 'AKeller' OR actor = 'akeller'") == 0)
        #expect(try h.count("transfer_day", "candidate_id = 'C-1001'") == 0)
        #expect(try h.count("transfer_event") == 1) // acme-admin's event stays
    }
}

@Suite("Transfers: import-git")
struct GitImportTests {
    /// A repository with two commits by one author at +09:00 and a committer at another offset.
    static func makeRepo(_ dir: String) throws -> String {
        let repo = dir + "/payments-core"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        func git(_ args: [String], env: [String: String] = [:]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["-C", repo] + args
            var e = ProcessInfo.processInfo.environment
            e.merge(env) { $1 }
            e["GIT_CONFIG_GLOBAL"] = "/dev/null"
            p.environment = e
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        try git(["init", "-q"])
        try "a\nb\nc\n".write(toFile: repo + "/f.txt", atomically: true, encoding: .utf8)
        try git(["add", "f.txt"])
        let who = ["GIT_AUTHOR_NAME": "Anna Keller", "GIT_AUTHOR_EMAIL": "anna.keller@example.com",
                   "GIT_COMMITTER_NAME": "CI", "GIT_COMMITTER_EMAIL": "ci@example.com"]
        try git(["commit", "-q", "-m", "first"], env: who.merging(["GIT_AUTHOR_DATE": "2026-01-05T03:04:05+09:00",
                                                                    "GIT_COMMITTER_DATE": "2026-01-05T10:00:00-05:00"]) { $1 })
        try "a\nB\nc\nd\n".write(toFile: repo + "/f.txt", atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "second"], env: who.merging(["GIT_AUTHOR_DATE": "2026-01-06T23:30:00+09:00",
                                                                     "GIT_COMMITTER_DATE": "2026-01-06T23:30:00+09:00"]) { $1 })
        return repo
    }

    @Test func commitsWithTheirOffsetAndSize() throws {
        let h = try ImportHarness()
        try h.load("candidates.csv")
        let repo = try Self.makeRepo(h.dir)
        let r = try h.importer.importGit(path: repo, since: nil)
        #expect(r.kind == .gitCommits && r.records == 2 && r.inserted == 2)
        #expect(try h.transfers("source = 'git'") == [
            StoredTransfer(actor: "anna.keller@example.com", ms: 1_767_549_845_000, ip: nil, action: "commit", vendorAction: "commit",
                           object: "payments-core", candidate: "C-1001"),
            StoredTransfer(actor: "anna.keller@example.com", ms: 1_767_709_800_000, ip: nil, action: "commit", vendorAction: "commit",
                           object: "payments-core", candidate: "C-1001"),
        ])
        #expect(try h.count("transfer_event", "source = 'git' AND utc_offset_minutes = 540") == 2)
        #expect(try h.value("SELECT group_concat(lines_changed) FROM (SELECT lines_changed FROM transfer_event ORDER BY occurred_at)") == "3,3")
        #expect(try h.value("SELECT json_extract(detail, '$.committer_utc_offset_minutes') FROM transfer_event ORDER BY occurred_at LIMIT 1") == -300)
        #expect(try h.count("transfer_event", "length(source_id) = 40 AND object_kind = 'commit'") == 2)
        #expect(try h.importer.importGit(path: repo, since: nil).inserted == 0)
        #expect(try h.importer.importGit(path: repo, since: "2026-01-06").records == 1)
    }

    @Test func notARepositoryFails() throws {
        let h = try ImportHarness()
        #expect(throws: VetdeskError.self) { try h.importer.importGit(path: h.dir, since: nil) }
        #expect(throws: VetdeskError.self) { try h.importer.importGit(path: h.dir, since: "--exec=evil") }
    }
}
