import Foundation
import GRDB
import Testing
@testable import VetdeskCore

@Suite struct QueueTests {
    /// 40 candidates with many equal scores (ties make paging order matter), a few flagged.
    static func store() throws -> Store {
        let store = try DetailFixture.tempStore()
        try store.pool.write { db in
            for i in 0..<40 {
                let id = String(format: "Q%02d", i)
                try DetailFixture.candidate(id, "Person \(39 - i)") { $0.declaredCountry = i % 2 == 0 ? "DE" : "PL"
                    $0.email = "p\(i)@example.com" }.insert(db)
                let status: CaseStatus = i < 5 ? .escalated : i < 10 ? .cleared : .new
                try DetailFixture.openCase(db, id, risk: (i % 4) * 30, status: status,
                                           flags: i % 4 == 3 ? "shared_payment_account,voip_phone" : "")
            }
            // A flag that is not among the top flags: the filter still finds it through the flag table.
            try Flag(candidateId: "Q01", ruleId: "ipkvm_device", severity: .high, weight: 0.5, summary: "KVM",
                     evidence: [], computedAt: 0).insert(db)
        }
        return store
    }

    @Test func filtersByFlagIdIncludingFlagsOutsideTheTopList() throws {
        let s = try Self.store()
        let top = try s.queue(QueueQuery(text: "shared_payment_account", limit: 100))
        #expect(top.count == 10)
        #expect(top.allSatisfy { $0.topFlags.contains("shared_payment_account") })
        #expect(try s.queue(QueueQuery(text: "ipkvm_device")).map(\.candidateId) == ["Q01"])
        #expect(try s.queueCount(QueueQuery(text: "shared_payment_account")) == 10)
    }

    @Test func filtersByStatusAndMinimumRisk() throws {
        let s = try Self.store()
        let escalated = try s.queue(QueueQuery(statuses: [.escalated], limit: 100))
        #expect(Set(escalated.map(\.candidateId)) == ["Q00", "Q01", "Q02", "Q03", "Q04"])
        let two = try s.queue(QueueQuery(statuses: [.escalated, .cleared], limit: 100))
        #expect(two.count == 10)
        let risky = try s.queue(QueueQuery(minRisk: 60, limit: 100))
        #expect(risky.count == 20 && risky.allSatisfy { $0.riskScore >= 60 })
        #expect(try s.queueCount(QueueQuery(statuses: [.new], minRisk: 90)) == 8) // Q11, Q15 ... Q39
        // Text matches the status word and the country too.
        #expect(try s.queueCount(QueueQuery(text: "cleared")) == 5)
        #expect(try s.queueCount(QueueQuery(text: "de")) == 20)
    }

    @Test func pagingIsStableAcrossTies() throws {
        let s = try Self.store()
        for sort in QueueSort.allCases {
            let all = try s.queue(QueueQuery(sort: sort, limit: 100)).map(\.candidateId)
            var paged: [String] = []
            for offset in stride(from: 0, to: 40, by: 7) {
                paged += try s.queue(QueueQuery(sort: sort, limit: 7, offset: offset)).map(\.candidateId)
            }
            #expect(paged == all, "sort \(sort)")
            #expect(Set(paged).count == 40)
        }
        let byRisk = try s.queue(QueueQuery(limit: 100))
        #expect(zip(byRisk, byRisk.dropFirst()).allSatisfy { $0.riskScore >= $1.riskScore })
        let byName = try s.queue(QueueQuery(sort: .name, descending: false, limit: 3)).map(\.fullName)
        #expect(byName == ["Person 0", "Person 1", "Person 10"])
    }

    @Test func filterTextIsLiteralNotAPattern() throws {
        let s = try Self.store()
        #expect(try s.queueCount(QueueQuery(text: "%")) == 0)
        #expect(try s.queueCount(QueueQuery(text: "_")) == 10) // only the ids in top_flags contain "_"
        #expect(try s.queueCount(QueueQuery(text: "' OR 1=1 --")) == 0)
    }
}
