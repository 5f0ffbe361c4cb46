import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The demo's after-hire activity: the vendor files carry the generator's events, and once those
/// events are stored (through TransferEventWriter until the importers land) the planted
/// exfiltration ranks at the top while the benign look-alikes stay quiet.
@Suite(.serialized) struct DemoTransferTests {
    static let afterHire = DemoRankingTests.demo.appendingPathComponent("after-hire")

    @Test func vendorFilesHoldEveryGeneratedEvent() throws {
        let generator = try DataGenerator(options: .demo)
        let records = generator.transferRecords()
        func count(_ s: TransferSource) -> Int { records.filter { $0.source == s }.count }
        let github = try String(contentsOf: Self.afterHire.appendingPathComponent("github-audit-stream.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(github.count == count(.github))
        for line in github.prefix(50) {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["@timestamp"] is Int && o["actor"] is String && o["action"] is String && o["repo"] is String)
            #expect(o["user"] == nil, "git events name the actor, not a `user`")
        }
        let gitlab = try String(contentsOf: Self.afterHire.appendingPathComponent("gitlab-audit-stream.ndjson"), encoding: .utf8)
            .split(separator: "\n")
        #expect(gitlab.count == count(.gitlab))
        let firstLine = try #require(gitlab.first)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])
        #expect(first["event_type"] as? String == "repository_git_operation")
        let drive = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.afterHire.appendingPathComponent("google-drive-audit.json"))) as? [String: Any])
        #expect((drive["items"] as? [Any])?.count == count(.googleDrive))
        let m365 = try String(contentsOf: Self.afterHire.appendingPathComponent("m365-purview-audit-export.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(m365.first == "CreationDate,UserIds,Operations,AuditData")
        #expect(m365.count - 1 == count(.m365))
        #expect(count(.github) > 0 && count(.gitlab) > 0 && count(.googleDrive) > 0 && count(.m365) > 0 && count(.git) > 0)
    }

    @Test func plantedExfiltrationRanksFirstAndLookAlikesStayQuiet() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try DataGenerator(options: .demo)
        let people = generator.transferPeople()
        try TransferEventWriter.insertAll(store, generator.transferRecords())
        try TransferEventWriter.lookUpIPs(store, intel: IPIntelligence(databasePath: nil, providers: try DemoRankingTests.demoProviders()))
        _ = try Rescorer(store: store, config: RuleConfig()).rescoreAll()

        let exfil = try #require(people["exfiltrator"]?.first)
        let ringA = try #require(generator.plantedRings.first { $0.kind == .vpnPayoutRing })
        #expect(ringA.members.contains(exfil))
        let detail = try #require(try store.candidateDetail(exfil))
        let fired = Set(detail.flags.map(\.ruleId))
        for rule in ["bulk_transfer", "transfer_from_anonymiser", "access_outside_role", "commit_timezone_mismatch"] {
            #expect(fired.contains(rule), "exfiltrator \(exfil) lacks \(rule); has \(fired.sorted())")
        }
        let bulk = try #require(detail.flags.first { $0.ruleId == "bulk_transfer" })
        #expect(bulk.evidence.contains { $0.kind == .ip && $0.ref == GenTransferPlan.vps.ip && $0.detail.contains("never in sign-ins") })

        let queue = try store.queue(QueueQuery(limit: 10_000))
        let top = try #require(queue.first)
        #expect(top.candidateId == exfil || top.riskScore == detail.caseFile?.riskScore, "top is \(top.candidateId) \(top.riskScore)")
        // The rings still outrank every benign person, look-alikes included.
        let members = Set(generator.plantedRings.flatMap(\.members))
        let worstRing = try #require(queue.filter { members.contains($0.candidateId) }.map(\.riskScore).min())
        let bestBenign = try #require(queue.filter { !members.contains($0.candidateId) }.max { $0.riskScore < $1.riskScore })
        #expect(worstRing > bestBenign.riskScore, "benign \(bestBenign.candidateId) \(bestBenign.riskScore): \(bestBenign.topFlags)")

        let transferRules: Set<String> = ["bulk_transfer", "transfer_from_anonymiser", "access_outside_role",
                                          "commit_timezone_mismatch", "activity_before_exit"]
        for kind in ["new-starter", "release-engineer", "traveller"] {
            let ids = try #require(people[kind], "no \(kind) in the demo")
            for id in ids {
                let flags = try #require(try store.candidateDetail(id)).flags.map(\.ruleId)
                #expect(Set(flags).isDisjoint(with: transferRules), "\(kind) \(id) got \(flags)")
                #expect(try store.candidateDetail(id)?.activity != nil)
            }
        }
    }
}
