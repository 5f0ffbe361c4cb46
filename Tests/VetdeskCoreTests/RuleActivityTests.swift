import GRDB
import Testing
@testable import VetdeskCore

extension RuleFixture {
    /// Writes `count` data-moving events for `cid` on day `day` (from t0) starting at `hour` UTC,
    /// one object each from `objects` (cycled), through TransferEventWriter (transfer_day kept in step).
    func clones(_ cid: String, day: Int64, count: Int, hour: Int64 = 10, objects: [String], ip: String? = "192.0.2.10",
                action: TransferAction = .clone) throws {
        var events: [TransferEventRecord] = []
        for k in 0..<count {
            let at = Self.t0 + day * 86400 + hour * 3600 + Int64(k) * 20
            events.append(TransferEventRecord(source: .github, candidateId: cid, actor: cid.lowercased(), occurredAt: at, ip: ip,
                                              action: action, vendorAction: action == .clone ? "git.clone" : "git.fetch",
                                              object: objects[k % objects.count], objectKind: "repository"))
        }
        try TransferEventWriter.insertAll(store, events)
    }

    func commits(_ cid: String, fromDay: Int64, days: Int64, perDay: Int, offset: Int) throws {
        var events: [TransferEventRecord] = []
        for d in 0..<days {
            for k in 0..<perDay {
                events.append(TransferEventRecord(source: .git, candidateId: cid, actor: cid + "@example.com",
                                                  occurredAt: Self.t0 + (fromDay + d) * 86400 + 3600 + Int64(k) * 600,
                                                  utcOffsetMinutes: offset, action: .commit, vendorAction: "commit",
                                                  object: "acme/app", objectKind: "commit"))
            }
        }
        try TransferEventWriter.insertAll(store, events)
    }
}

@Suite struct RuleActivityTests {
    let t0 = RuleFixture.t0
    static let roleRepos = (0..<40).map { "acme/svc-\($0)" }

    /// Four backend peers hired long ago, each cloning their quarter of the role's 40 repositories.
    func peers(_ fx: RuleFixture) throws {
        for p in 0..<4 {
            try fx.candidate("P\(p)", "Peer \(p)", ["declared_country": "DE", "role": "Backend Engineer", "hired_at": t0 - 400 * 86400])
            let mine = Array(Self.roleRepos[(p * 10)..<(p * 10 + 10)])
            // Each day starts further along the list, so over the weeks every repository is touched.
            for d in stride(from: Int64(0), to: 40, by: 3) {
                let k = Int(d) % mine.count
                try fx.clones("P\(p)", day: d, count: 6 + p, objects: Array(mine[k...] + mine[..<k]))
            }
        }
    }

    @Test func writerKeepsTransferDayInStepAndIgnoresRepeats() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Ann")
        try fx.clones("A", day: 1, count: 3, objects: ["acme/x"])
        try fx.clones("A", day: 1, count: 3, objects: ["acme/x"]) // the same events again
        let rows = try fx.store.pool.read { try Row.fetchAll($0, sql: "SELECT day, action, events FROM transfer_day") }
        #expect(rows.count == 1)
        #expect(rows.first?["events"] as Int? == 3)
        #expect(rows.first?["day"] as Int64? == RuleFixture.day0 + 1)
    }

    @Test func bulkTransferAgainstOwnAndPeerBaseline() throws {
        let fx = try RuleFixture()
        try peers(fx)
        try fx.candidate("F", "Exfil", ["declared_country": "US", "role": "backend engineer", "hired_at": t0 - 200 * 86400])
        for d in stride(from: Int64(0), to: 40, by: 2) { try fx.clones("F", day: d, count: 4, objects: ["acme/svc-1", "acme/svc-2"]) }
        let everything = Self.roleRepos + (0..<100).map { "acme/secret-\($0)" }
        try fx.clones("F", day: 41, count: 140, hour: 3, objects: everything, ip: "45.84.1.7")
        try fx.ip("45.84.1.7", country: "NL", asn: 9009, asName: "M247", kind: "hosting")
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "bulk_transfer"))
        #expect(f.summary == "140 clones or downloads of 140 objects on 2026-04-12, own median 4 a day")
        #expect(f.evidence.contains { $0.ref == "transfer_baseline" && $0.detail.contains("role peers (4) median busiest day 7.5") })
        #expect(f.evidence.contains { $0.kind == .ip && $0.ref == "45.84.1.7" && $0.detail.contains("never in sign-ins") })
        #expect(f.evidence.contains { $0.detail == "object: acme/svc-0" })
        #expect(f.evidence.contains { $0.detail.contains("busiest hour 2026-04-12 03:00Z (140)") })
        for p in 0..<4 { #expect(try fx.flag("P\(p)", "bulk_transfer") == nil) }
    }

    @Test func peersAboveTheSpikeKeepItQuiet() throws {
        let fx = try RuleFixture()
        try peers(fx)
        // A 40-clone day is 10x this person's own median but not 3x the peers' busiest day once
        // the peers themselves clone in bulk every day.
        for p in 0..<4 { try fx.clones("P\(p)", day: 50, count: 30, objects: Self.roleRepos) }
        try fx.candidate("N", "Normal", ["declared_country": "DE", "role": "Backend Engineer", "hired_at": t0 - 300 * 86400])
        for d in stride(from: Int64(0), to: 40, by: 2) { try fx.clones("N", day: d, count: 4, objects: ["acme/svc-1"]) }
        try fx.clones("N", day: 41, count: 40, objects: Self.roleRepos)
        try fx.rescoreAll()
        #expect(try fx.flag("N", "bulk_transfer") == nil)
    }

    /// Near miss: a new starter cloning the role's repositories in their first days. The same
    /// volume long after hire fires.
    @Test func newStarterFirstWeekCloneIsNotBulk() throws {
        for (hired, fires) in [(t0 + 40 * 86400, false), (t0 - 300 * 86400, true)] {
            let fx = try RuleFixture()
            try peers(fx)
            try fx.candidate("N", "New Starter", ["declared_country": "DE", "role": "Backend Engineer", "hired_at": hired])
            try fx.clones("N", day: 41, count: 40, objects: Self.roleRepos)
            try fx.clones("N", day: 45, count: 3, objects: ["acme/svc-3"])
            try fx.rescoreAll()
            #expect((try fx.flag("N", "bulk_transfer") != nil) == fires, "hired \(hired)")
        }
    }

    @Test func transferFromAnonymiserOrUnseenIP() throws {
        let fx = try RuleFixture()
        try fx.ip("45.84.1.7", country: "US", asn: 9009, asName: "M247", kind: "hosting")
        try fx.ip("203.0.113.5", country: "DE", asn: 3320, asName: "Deutsche Telekom")
        try fx.ip("198.51.100.9", country: "DE", asn: 3209, asName: "Vodafone")
        try fx.ip("193.27.14.2", country: "DE", asn: 39351, asName: "31173 Services AB", provider: "Mullvad", kind: "vpn")
        try fx.candidate("P", "Privacy", ["declared_country": "DE"])
        try fx.ipUse("P", "193.27.14.2", events: 30)
        try fx.clones("P", day: 3, count: 20, objects: ["acme/a"], ip: "193.27.14.2") // near miss: own VPN at home
        for cid in ["F", "N", "U"] {
            try fx.candidate(cid, cid, ["declared_country": "DE"])
            try fx.ipUse(cid, "203.0.113.5", events: 30)
        }
        try fx.clones("F", day: 3, count: 5, objects: ["acme/a"], ip: "45.84.1.7")
        try fx.clones("N", day: 3, count: 50, objects: ["acme/a"], ip: "203.0.113.5") // home, also in sign-ins
        try fx.clones("U", day: 3, count: 12, objects: ["acme/a"], ip: "198.51.100.9") // never signed in from it
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "transfer_from_anonymiser"))
        #expect(f.summary == "5 transfers through 1 exit (hosting)")
        #expect(f.evidence.first?.detail.hasPrefix("45.84.1.7 US AS9009 M247 [hosting], 5 transfers") == true)
        #expect(try fx.flag("N", "transfer_from_anonymiser") == nil)
        #expect(try fx.flag("P", "transfer_from_anonymiser") == nil)
        let u = try #require(try fx.flag("U", "transfer_from_anonymiser"))
        #expect(u.summary == "12 transfers from 1 IP never seen in sign-ins")
    }

    @Test func fetchesAreNotTransfers() throws {
        // A release engineer's nightly fetches from a CI host: neither bulk nor an anonymiser transfer.
        let fx = try RuleFixture()
        try peers(fx)
        try fx.ip("45.84.1.8", country: "DE", asn: 9009, asName: "M247", kind: "hosting")
        try fx.candidate("R", "Release", ["declared_country": "DE", "role": "Backend Engineer", "hired_at": t0 - 300 * 86400])
        for d in Int64(0)..<40 { try fx.clones("R", day: d, count: 80, hour: 2, objects: Self.roleRepos, ip: "45.84.1.8", action: .fetch) }
        try fx.rescoreAll()
        #expect(try fx.flag("R", "bulk_transfer") == nil)
        #expect(try fx.flag("R", "transfer_from_anonymiser") == nil)
    }

    @Test func accessOutsideRole() throws {
        let fx = try RuleFixture()
        try peers(fx)
        try fx.candidate("F", "Wide", ["declared_country": "DE", "role": "Backend Engineer"])
        try fx.candidate("N", "Narrow", ["declared_country": "DE", "role": "Backend Engineer"])
        try fx.clones("F", day: 5, count: 11, objects: ["acme/svc-1", "acme/svc-2", "acme/svc-3"] + (0..<8).map { "finance/ledger-\($0)" })
        try fx.clones("N", day: 5, count: 11, objects: Array(Self.roleRepos[0..<11]))
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "access_outside_role"))
        #expect(f.summary == "8 of 11 objects touched are outside what Backend Engineer peers use")
        #expect(f.evidence.contains { $0.detail.hasPrefix("object: finance/ledger-") && $0.detail.hasSuffix("0 of 5 peers touch it") })
        #expect(try fx.flag("N", "access_outside_role") == nil)
    }

    /// Near miss: a traveller's week at +09:00 among months at home.
    @Test func commitTimezoneMismatchButNotATraveller() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Offset", ["declared_country": "DE"])
        try fx.candidate("T", "Traveller", ["declared_country": "DE"])
        try fx.candidate("W", "Trip only", ["declared_country": "DE"])
        try fx.commits("F", fromDay: 0, days: 30, perDay: 2, offset: 540)
        try fx.commits("T", fromDay: 0, days: 50, perDay: 2, offset: 60)
        try fx.commits("T", fromDay: 50, days: 7, perDay: 2, offset: 540)
        try fx.commits("W", fromDay: 10, days: 7, perDay: 3, offset: 540)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "commit_timezone_mismatch"))
        #expect(f.summary == "100 % of 60 commits carry UTC+09:00 while declared in DE")
        #expect(f.severity == .low)
        #expect(try fx.flag("T", "commit_timezone_mismatch") == nil)
        #expect(try fx.flag("W", "commit_timezone_mismatch") == nil)
    }

    @Test func activityBeforeSignInsStop() throws {
        let fx = try RuleFixture()
        // now = t0 + 60 days (RuleFixture.rescoreAll)
        for cid in ["F", "N"] {
            try fx.candidate(cid, cid, ["declared_country": "DE"])
            for d in stride(from: Int64(0), to: 30, by: 2) { try fx.clones(cid, day: d, count: 5, objects: ["acme/a"]) }
            try fx.clones(cid, day: 31, count: 60, objects: (0..<60).map { "acme/r\($0)" })
        }
        try fx.ipUse("F", "203.0.113.5", first: t0, last: t0 + 34 * 86400) // last sign-in 3 days after the spike
        try fx.ipUse("N", "203.0.113.6", first: t0, last: t0 + 59 * 86400)
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "activity_before_exit"))
        #expect(f.summary == "60 clones or downloads on 2026-04-02, 3 days before sign-ins stopped")
        #expect(try fx.flag("N", "activity_before_exit") == nil)
    }

    @Test func transferRulesSitInTheirGroups() {
        #expect(RuleGroups.group(of: "transfer_from_anonymiser")?.id == "network_exit")
        #expect(RuleGroups.group(of: "bulk_transfer")?.id == RuleGroups.group(of: "activity_before_exit")?.id)
        #expect(RuleGroups.group(of: "commit_timezone_mismatch")?.id == RuleGroups.group(of: "off_hours_pattern")?.id)
    }
}

