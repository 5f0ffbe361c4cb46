import Foundation
import GRDB
import VetdeskCore
@testable import VetdeskTUI

/// A real store in a temporary directory, filled with SQL, for console tests.
struct TestStore {
    let store: Store
    let dir: String

    struct Person {
        var id: String, name: String, country: String = "US", platform: String = "upwork"
        var status: String = "new", assignee: String? = nil, score: Int = 10, band: String = "low"
        var flags: String = "", openedAt: Int64 = 1_700_000_000, email: String? = nil
    }

    init(_ people: [Person] = TestStore.sample) throws {
        dir = NSTemporaryDirectory() + "vetdesk-tui-\(UUID().uuidString)"
        store = try Store(path: dir + "/store.sqlite")
        try add(people)
    }

    func add(_ people: [Person]) throws {
        try store.pool.write { db in
            for p in people {
                try db.execute(sql: """
                    INSERT INTO candidate(id, full_name, email, declared_country, platform, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [p.id, p.name, p.email, p.country, p.platform, p.openedAt])
                try db.execute(sql: """
                    INSERT INTO case_file(candidate_id, status, assignee, risk_score, risk_band, top_flags, opened_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [p.id, p.status, p.assignee, p.score, p.band, p.flags, p.openedAt, p.openedAt])
            }
        }
    }

    static let sample: [Person] = [
        Person(id: "C-001", name: "Kim Chol", country: "US", status: "new", score: 92, band: "critical",
               flags: "dprk_ip_space,shared_payment_account"),
        Person(id: "C-002", name: "Anna Schmidt", country: "DE", status: "in_review", assignee: "t1", score: 61,
               band: "high", flags: "vpn_login"),
        Person(id: "C-003", name: "Jane Doe", country: "GB", status: "cleared", score: 12, band: "low"),
        Person(id: "C-004", name: "Li Wei", country: "CA", status: "escalated", assignee: "t2", score: 70, band: "high",
               flags: "video_avoidance"),
    ]

    /// The queue rows as the console would page them.
    func rows(_ q: QueueQuery = QueueQuery()) throws -> [QueueRow] { try store.queue(q) }
}

/// A console state with the queue loaded from `rows`, as after the first page arrives.
func loadedState(_ rows: [QueueRow], width: Int = 80, height: Int = 24, now: Double = 1_700_086_400,
                 reducer: Reducer = Reducer(panels: DetailPanels.all)) -> AppState {
    var s = AppState(width: width, height: height, storeName: "test.sqlite", analyst: "t1")
    _ = reducer.update(&s, .start(now: now))
    _ = reducer.update(&s, .queueLoaded(rows: rows, offset: 0, total: rows.count, refresh: false))
    _ = reducer.update(&s, .countsLoaded(StatusCountsFixture.make(rows)))
    return s
}

enum StatusCountsFixture {
    static func make(_ rows: [QueueRow]) -> StatusCounts {
        // StatusCounts has no public initialiser: count through a real store query instead.
        let t = try! TestStore([])
        try! t.add(rows.map { TestStore.Person(id: $0.candidateId, name: $0.fullName, status: $0.status.rawValue) })
        return try! t.store.statusCounts()
    }
}
