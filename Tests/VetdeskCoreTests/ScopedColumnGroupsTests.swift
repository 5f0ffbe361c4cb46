import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A scoped run finds a shared email, phone or hash only when another candidate holds it (the EXISTS
/// probe in RuleLinkQueries.candidateColumnGroups), with every holder, also outside the scope; values
/// nobody else holds give no group. The full run's GROUP BY gives the same groups.
@Suite struct ScopedColumnGroupsTests {
    static func store() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vetdesk-colgroups-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir.appendingPathComponent("store.sqlite").path)
        try store.pool.write { db in
            for (id, email, phone) in [("C-1", "Ana@Example.com", "+100"), ("C-2", "ana@example.COM", "+200"),
                                       ("C-3", "solo@example.com", "+100"), ("C-4", "other@example.com", "+400")] {
                try db.execute(sql: "INSERT INTO candidate (id, full_name, email, phone, updated_at) VALUES (?, ?, ?, ?, 0)",
                               arguments: [id, "Name \(id)", email, phone])
            }
        }
        return (store, dir)
    }

    static func groups(_ store: Store, _ scope: RuleScope) throws -> [String] {
        try store.pool.read { db in
            try RuleLinkQueries(db: db, scope: scope, maxCandidatesPerIP: 25).groups()
                .filter { $0.kind == .email || $0.kind == .phone }
                .map { "\($0.kind.rawValue) \($0.value.lowercased()) \($0.members.joined(separator: ","))" }.sorted()
        }
    }

    @Test func scopedGroupsNeedASecondHolderAndNameEveryHolder() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        // C-1 alone in scope: its email (case-insensitive) and phone are held by others outside the scope.
        #expect(try Self.groups(store, .range(first: "C-1", last: "C-1")) == ["email ana@example.com C-1,C-2", "phone +100 C-1,C-3"])
        // C-4 holds nothing anyone else holds: no group (the near miss).
        #expect(try Self.groups(store, .range(first: "C-4", last: "C-4")).isEmpty)
        // The full run's GROUP BY finds the same groups.
        #expect(try Self.groups(store, .all) == Self.groups(store, .range(first: "C-1", last: "C-4")))
    }
}
