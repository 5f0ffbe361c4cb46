import GRDB
import Testing
@testable import VetdeskCore

@Suite struct ScoreTests {
    func flag(_ rule: String, _ w: Double, _ sev: Severity = .high) -> Flag {
        Flag(candidateId: "X", ruleId: rule, severity: sev, weight: w, summary: "", evidence: [], computedAt: 0)
    }

    @Test func noisyOrStaysWithinBoundsAndIsMonotone() {
        #expect(RiskScorer.score([]).score == 0)
        #expect(RiskScorer.score([]).band == .none)
        #expect(RiskScorer.score([flag("a", 0.35)]).score == 35)
        let two = RiskScorer.score([flag("a", 0.5), flag("b", 0.5)])
        #expect(two.score == 75 && two.band == .high)
        let many = RiskScorer.score((0..<40).map { flag("r\($0)", 0.9) })
        #expect(many.score == 100)
        let silly = RiskScorer.score([flag("a", 7), flag("b", -3)])
        #expect(silly.score == 100)
        var flags: [Flag] = []
        var last = 0
        for i in 0..<10 {
            flags.append(flag("r\(i)", 0.1))
            let s = RiskScorer.score(flags).score
            #expect(s >= last && s <= 100)
            last = s
        }
    }

    @Test func decisiveForcesCritical() {
        let r = RiskScorer.score([flag("low_rate", 0.05, .low), flag("dprk_ip_space", 0.0, .decisive)])
        #expect(r.score == 100 && r.band == .critical && r.decisive)
        #expect(r.topFlags == ["low_rate", "dprk_ip_space"])
    }

    @Test func topFlagsHighestWeightFirst() {
        let r = RiskScorer.score([flag("b", 0.2), flag("a", 0.2), flag("c", 0.4)])
        #expect(r.topFlags == ["c", "a", "b"])
    }

    @Test func caseFileKeepsWorkflowFieldsAndScoreIsExplainedByFlags() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["phone_type": "voip", "byod_requested": true, "prepayment_requests": 3])
        try fx.sql("""
            INSERT INTO case_file (candidate_id, status, assignee, opened_at, updated_at, version)
            VALUES ('A', 'in_review', 'alice', 5, 6, 7)
            """)
        try fx.rescoreAll()
        let cf = try #require(try fx.caseFile("A"))
        #expect(cf.status == .inReview && cf.assignee == "alice" && cf.version == 7 && cf.openedAt == 5)
        let flags = try fx.flags("A")
        #expect(Set(flags.map(\.ruleId)) == ["voip_phone", "byod_request", "prepayment_pressure"])
        #expect(cf.riskScore == RiskScorer.score(flags).score)
        #expect(cf.riskScore == 35) // 100 * (1 - 0.85 * 0.85 * 0.9) = 34.975
        #expect(cf.riskBand == .medium)
        #expect(cf.topFlags == "byod_request,voip_phone,prepayment_pressure")
    }

    @Test func disabledRuleAndWeightOverrideChangeTheScore() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["phone_type": "voip", "byod_requested": true])
        var config = RuleConfig.defaults
        config.set("byod_request", enabled: false)
        config.set("voip_phone", weight: 0.6)
        try fx.rescoreAll(config)
        #expect(try fx.flags("A").map(\.ruleId) == ["voip_phone"])
        #expect(try fx.caseFile("A")?.riskScore == 60)
    }

    @Test func rescoreDirtyReflagsLinkedCandidate() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell")
        try fx.candidate("B", "Tom Hale")
        try fx.candidate("Z", "Unrelated Person")
        try fx.payment("A", "p1", identifier: "DE89370400440532013000", holder: "Jon Bell")
        let rescorer = fx.rescorer()
        try rescorer.rescoreAll()
        #expect(try fx.flag("A", "shared_payment_account") == nil)
        let zScored = try #require(try fx.caseFile("Z")?.scoredAt)

        // The importer adds a payment of B into A's account and marks only B dirty.
        try fx.payment("B", "p2", identifier: "DE89370400440532013000", holder: "Jon Bell")
        try fx.sql("INSERT INTO dirty_candidate (candidate_id) VALUES ('B')")
        var later = fx.rescorer()
        later.clock = { RuleFixture.t0 + 86400 * 61 }
        let report = try later.rescoreDirty()
        #expect(report.candidates == 2 && report.dirty == 1 && report.linked == 1)
        let a = try #require(try fx.flag("A", "shared_payment_account"))
        #expect(a.evidence.contains { $0.kind == .candidate && $0.ref == "B" && $0.detail.hasSuffix("B Tom Hale") })
        #expect(try fx.flag("B", "third_party_payee") != nil)
        #expect(try fx.caseFile("A")?.riskScore == 45)
        let dirtyLeft = try fx.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dirty_candidate") }
        #expect(dirtyLeft == 0)
        // Z is not linked: untouched.
        #expect(try fx.caseFile("Z")?.scoredAt == zScored)

        // The link disappears (B's payment removed): A is rescored through its stored flag naming B.
        try fx.sql("DELETE FROM payment WHERE id = 'p2'")
        try fx.sql("INSERT INTO dirty_candidate (candidate_id) VALUES ('B')")
        try later.rescoreDirty()
        #expect(try fx.flag("A", "shared_payment_account") == nil)
    }

    @Test func rescoreGivenIdsOnlyTouchesThem() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["byod_requested": true])
        try fx.candidate("B", "Tom Hale", ["byod_requested": true])
        let report = try fx.rescorer().rescore(candidateIds: ["A"])
        #expect(report.candidates == 1)
        #expect(try fx.flag("A", "byod_request") != nil)
        #expect(try fx.flag("B", "byod_request") == nil)
        #expect(try fx.caseFile("B") == nil)
    }

    @Test func unchangedFlagsAreKeptAndChangedOnesReplaced() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["phone_type": "voip", "payout_changes_90d": 2])
        try fx.rescoreAll()
        var later = fx.rescorer()
        later.clock = { RuleFixture.t0 + 86400 * 90 }
        try later.rescoreAll()
        // Nothing changed: the stored flags are left as they were.
        #expect(try fx.flags("A").allSatisfy { $0.computedAt == RuleFixture.t0 + 86400 * 60 })
        try fx.update("A", "payout_changes_90d", 5)
        try later.rescoreAll()
        let flags = try fx.flags("A")
        #expect(flags.first { $0.ruleId == "voip_phone" }?.summary == "Phone is VoIP")
        #expect(flags.first { $0.ruleId == "payout_churn" }?.summary == "Payout account or method changed 5 times in 90 days")
        #expect(flags.first { $0.ruleId == "payout_churn" }?.computedAt == RuleFixture.t0 + 86400 * 90)
        #expect(try fx.caseFile("A")?.scoredAt == RuleFixture.t0 + 86400 * 90)
        try fx.update("A", "phone_type", "mobile")
        try later.rescoreAll()
        #expect(try fx.flags("A").map(\.ruleId) == ["payout_churn"])
    }
}
