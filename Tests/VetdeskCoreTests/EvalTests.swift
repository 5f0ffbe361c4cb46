import Foundation
import Testing
@testable import VetdeskCore

/// `vetdesk eval` and `rules backtest`: the answer key's format, the ranking measures, and a
/// backtest that never touches the store it reads.
@Suite struct EvalTests {
    @Test func truthFileReadsLabelsAndNamesBadRecords() throws {
        let key = try TruthFile.parse("candidate_id\tlabel\tgroup\nC-1\tfraud\tlaptop-farm\nC-2\tbenign\thousehold\nC-3\tcleared\t\n", file: "k.tsv")
        #expect(key.entries.map(\.label) == [.fraud, .benign, .benign])
        #expect(key.entries[1].group == "household")
        let csv = try TruthFile.parse("label,candidate_id\nescalated,X\n", file: "k.csv")
        #expect(csv.entries == [TruthFile.Entry(candidateId: "X", label: .fraud, group: "")])
        #expect(throws: VetdeskError.malformed(file: "k.csv", location: "line 3", field: "label",
                                               message: "expected fraud/confirmed/escalated/referred or benign/cleared, got 'maybe'")) {
            try TruthFile.parse("candidate_id,label\nA,fraud\nB,maybe\n", file: "k.csv")
        }
        #expect(throws: VetdeskError.self) { try TruthFile.parse("id,label\nA,fraud\n", file: "k.csv") }
        #expect(throws: VetdeskError.self) { try TruthFile.parse("candidate_id,label\nA,fraud\nA,benign\n", file: "k.csv") }
    }

    @Test func rankingEvalIsPessimisticOnTiesAndCountsBenignWithSignal() {
        // 40 candidates: fraud F1 scores 90, fraud F2 ties with a benign at 60; the rest 0.
        var rows: [(id: String, score: Int, band: RiskBand)] = [("F1", 90, .critical), ("F2", 60, .high), ("B1", 60, .high)]
        for i in 0..<37 { rows.append(("P\(i)", 0, .none)) }
        let key = TruthFile(entries: [
            .init(candidateId: "F1", label: .fraud, group: "ring"), .init(candidateId: "F2", label: .fraud, group: "ring"),
            .init(candidateId: "B1", label: .benign, group: "household"), .init(candidateId: "P0", label: .benign, group: "plain"),
            .init(candidateId: "GONE", label: .benign, group: ""),
        ])
        let r = RankingEval.compute(truth: key, rows: rows, flags: [("F1", "shared_login_ip"), ("B1", "shared_login_ip")])
        #expect(r.queueSize == 40 && r.fraud == 2 && r.benign == 2)
        #expect(r.fraudInTop5 == 1, "F2 ties with B1 at rank 3 of 40 (7.5 %): outside the top 5 %")
        #expect(r.fraudInTop10 == 2)
        #expect(r.missed.map(\.candidateId) == ["F2"])
        #expect(r.benignWithSignal == 1 && r.benignWithSignalHighOrCritical == 1 && !r.meetsBar)
        #expect(r.unknownIds == ["GONE"])
        #expect(r.rules.first?.ruleId == "shared_login_ip" && r.rules.first?.benign == 1 && r.rules.first?.fraud == 1)
        #expect(r.table().contains("NOT met"))
    }

    @Test func backtestReplaysRulesOnACopyAndComparesConfigs() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US", "phone_type": "voip"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "US"])
        try fx.ip("175.45.176.9", country: "KP", asn: 131279, asName: "Star Joint Venture Co. Ltd.")
        try fx.ipUse("F", "175.45.176.9", events: 2)
        _ = try fx.rescoreAll()
        try fx.sql("UPDATE case_file SET status = 'escalated' WHERE candidate_id = 'F'")
        try fx.sql("UPDATE case_file SET status = 'cleared' WHERE candidate_id = 'N'")
        let before = try fx.flags("F")
        let current = try Backtest.run(store: fx.store, config: .defaults, now: RuleFixture.t0)
        #expect(current.fraud == 1 && current.benign == 1 && current.worstFraud?.rank == 1)
        var proposed = RuleConfig.defaults
        proposed.set("dprk_ip_space", enabled: false)
        proposed.set("voip_phone", enabled: false)
        let off = try Backtest.run(store: fx.store, config: proposed, now: RuleFixture.t0)
        #expect(!off.rules.contains { $0.ruleId == "dprk_ip_space" })
        #expect(current.rules.contains { $0.ruleId == "dprk_ip_space" && $0.fraud == 1 })
        #expect(try fx.flags("F") == before, "the store itself is untouched")
    }
}
