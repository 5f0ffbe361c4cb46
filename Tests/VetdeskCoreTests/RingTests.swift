import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Rings: components of strong shared identifiers, stable ids, and the weak links that must not join.
@Suite struct RingTests {
    @Test func componentsJoinThroughAnyStrongEdge() {
        let edges = [RingEdge("C-2", "C-1", kind: .paymentAccount, value: "iban X"),
                     RingEdge("C-2", "C-3", kind: .device, value: "device D"),
                     RingEdge("C-8", "C-9", kind: .phone, value: "+1")]
        let c = RingFinder.components(edges)
        #expect(c.map(\.members) == [["C-1", "C-2", "C-3"], ["C-8", "C-9"]])
        #expect(c[0].edges.count == 2)
    }

    @Test func idsStayWhenAMemberJoinsOrLeaves() {
        let stored: [String: Set<String>] = ["R-000001": ["C-1", "C-2", "C-3"], "R-000002": ["C-8", "C-9"]]
        let grown = RingFinder.Component(members: ["C-1", "C-2", "C-3", "C-4"], edges: [])
        let shrunk = RingFinder.Component(members: ["C-8", "C-10"], edges: [])
        let fresh = RingFinder.Component(members: ["C-20", "C-21"], edges: [])
        #expect(RingFinder.assignIds([grown, shrunk, fresh], stored: stored) == ["R-000001", "R-000002", nil])
        // A split keeps the id on the larger part.
        let big = RingFinder.Component(members: ["C-1", "C-2"], edges: [])
        let small = RingFinder.Component(members: ["C-3"] + ["C-30"], edges: [])
        #expect(RingFinder.assignIds([small, big], stored: stored) == [nil, "R-000001"])
    }

    @Test func addressesCompareNormalised() {
        #expect(AddressKey.of("Hauptstraße 5, 10115 Berlin") == AddressKey.of("hauptstrasse 5 10115 BERLIN"))
        #expect(AddressKey.of("12 Baker St.") == AddressKey.of("12 baker street"))
        #expect(AddressKey.of("12 Baker St.") != AddressKey.of("14 Baker St."))
    }

    /// A store with a ring (shared IBAN + device + forwarder ship-to) beside the benign look-alikes: a household
    /// on one home line with one ship-to, privacy-VPN users on one exit, and a big pooled platform account.
    func fieldStore() throws -> (Store, String) {
        let dir = NSTemporaryDirectory() + "vetdesk-rings-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir + "/t.sqlite")
        try store.pool.write { db in
            func person(_ id: String, address: String, country: String, shipTo: String? = nil) throws {
                try db.execute(sql: """
                    INSERT INTO candidate(id, full_name, address, declared_country, ship_to_address, updated_at) VALUES (?, ?, ?, ?, ?, 0)
                    """, arguments: [id, "Person \(id)", address, country, shipTo])
            }
            // The ring: three people, three countries, one IBAN, one device, one forwarder.
            try person("R-a", address: "1 High St, Leeds", country: "GB", shipTo: "c/o ParcelBridge, Industrieweg 41, Rotterdam")
            try person("R-b", address: "Hauptstr. 9, Köln", country: "DE", shipTo: "c/o ParcelBridge, Industrieweg 41, Rotterdam")
            try person("R-c", address: "Rua Augusta 3, Lisboa", country: "PT")
            try db.execute(sql: """
                INSERT INTO payment_account(id, account_type, identifier) VALUES (1, 'iban', 'LT453250012345678901');
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES
                  ('p1', 'wise', 10, 'R-a', 1, '1', 'EUR'), ('p2', 'wise', 20, 'R-b', 1, '1', 'EUR');
                INSERT INTO login_device VALUES ('R-b', 'dev-7', 0, 5, 50, 3), ('R-c', 'dev-7', 0, 6, 60, 3);
                """)
            // A household: same declared home, same home line, same ship-to (their home).
            try person("H-1", address: "Flat 2, 5 Elm Road, Bristol", country: "GB", shipTo: "Flat 2, 5 Elm Road, Bristol")
            try person("H-2", address: "flat 2 5 elm road bristol", country: "GB", shipTo: "Flat 2, 5 Elm Rd, Bristol")
            try db.execute(sql: """
                INSERT INTO ip_info(ip, country, looked_up_at) VALUES ('81.2.69.160', 'GB', 0);
                INSERT INTO login_ip_use VALUES ('H-1', '81.2.69.160', 0, 9, 30), ('H-2', '81.2.69.160', 0, 9, 25);
                """)
            // Coworking members who have their laptops sent to the space's front desk, in their own city.
            func member(_ id: String, _ address: String) throws {
                try db.execute(sql: """
                    INSERT INTO candidate(id, full_name, address, city, declared_country, ship_to_address, ship_to_country, updated_at)
                    VALUES (?, ?, ?, 'Amsterdam', 'NL', 'Kerkstraat 4, 1012 Amsterdam', 'NL', 0)
                    """, arguments: [id, "Person \(id)", address])
            }
            try member("W-1", "Prinsengracht 120, 1015 Amsterdam")
            try member("W-2", "Molenweg 8, 1012 Amsterdam")
            try member("W-3", "Dorpsstraat 77, 1012 Amsterdam")
            // Privacy-VPN users on one Mullvad exit, declaring different homes.
            try person("V-1", address: "Via Roma 1, Milano", country: "IT")
            try person("V-2", address: "Calle Mayor 2, Madrid", country: "ES")
            try db.execute(sql: """
                INSERT INTO ip_info(ip, country, provider, provider_kind, looked_up_at) VALUES ('185.65.135.1', 'SE', 'Mullvad', 'vpn', 0);
                INSERT INTO login_ip_use VALUES ('V-1', '185.65.135.1', 0, 9, 5), ('V-2', '185.65.135.1', 0, 9, 5);
                """)
            // A platform's pooled payout account used by 40 people.
            try db.execute(sql: "INSERT INTO payment_account(id, account_type, identifier) VALUES (2, 'platform', 'deel-pool')")
            for i in 0..<40 {
                try person("P-\(i)", address: "\(i) Some Street", country: "NL")
                try db.execute(sql: "INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES (?, 'deel', 0, ?, 2, '1', 'EUR')",
                               arguments: ["pp\(i)", "P-\(i)"])
            }
        }
        return (store, dir)
    }

    /// Near miss from the field population: a household's line that a third person (a lodger who kept an
    /// old address, a stranger behind a fixed-line NAT) also uses is two homes in one country, not a farm;
    /// a third declared home, or a second country, makes it the farm shape.
    @Test func twoHomesInOneCountryOnALineAreNoRing() throws {
        for (third, expectRing) in [("Calle Mayor 2, 28001 Madrid", false), ("Via Roma 9, 20121 Milano", true)] {
            let dir = NSTemporaryDirectory() + "vetdesk-rings-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let store = try Store(path: dir + "/t.sqlite")
            try store.pool.write { db in
                let people = [("A", "Calle Mayor 2, 28001 Madrid", "Madrid", "ES"), ("B", "calle mayor 2 28001 madrid", "Madrid", "ES"),
                              ("C", "Gran Vía 40, 08001 Barcelona", "Barcelona", "ES"),
                              ("D", third, third.hasSuffix("Milano") ? "Milano" : "Madrid", third.hasSuffix("Milano") ? "IT" : "ES")]
                for (id, address, city, country) in people where id != "D" || expectRing {
                    try db.execute(sql: "INSERT INTO candidate(id, full_name, address, city, declared_country, updated_at) VALUES (?, ?, ?, ?, ?, 0)",
                                   arguments: [id, "Person \(id)", address, city, country])
                    try db.execute(sql: "INSERT INTO login_ip_use VALUES (?, '83.36.110.26', 0, 9, 40)", arguments: [id])
                }
                try db.execute(sql: "INSERT INTO ip_info(ip, country, asn, looked_up_at) VALUES ('83.36.110.26', 'ES', 3352, 0)")
            }
            let report = try RingService(store: store, clock: { 1000 }).refresh()
            let rings = try RingService(store: store, clock: { 1000 }).rings()
            if expectRing {
                #expect(rings.count == 1 && rings.first?.members.count == 4)
            } else {
                #expect(rings.isEmpty)
                #expect(report.skipped["residential_line of two homes in one country"] == 1)
            }
        }
    }

    @Test func theRingIsFoundAndTheLookAlikesAreNot() throws {
        let (store, dir) = try fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let service = RingService(store: store, clock: { 1000 })
        let report = try service.refresh()
        let rings = try service.rings()
        #expect(rings.count == 1)
        #expect(Set(rings.first?.members.map(\.candidateId) ?? []) == ["R-a", "R-b", "R-c"])
        #expect(Set(rings.first?.edges.map(\.kind) ?? []) == [.paymentAccount, .device, .shipTo])
        #expect(report.skipped["payment_account shared by more than \(RingStore.maxGroup)"] == 1)
        #expect(report.skipped["ship_to shared by a household (same declared home)"] == 1)
        #expect(report.skipped["residential_line shared by a household"] == 1)
        #expect(report.skipped["ship_to in the sharers' own city (office, coworking)"] == 1)
        let joined = rings.first?.events.filter { $0.change == "joined" }.map(\.candidateId).sorted()
        #expect(joined == ["R-a", "R-b", "R-c"])
    }

    @Test func aNewMemberJoinsTheSameRingAndTheHistorySaysHow() throws {
        let (store, dir) = try fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let service = RingService(store: store, clock: { 1000 })
        try service.refresh()
        let id = try #require(try service.rings().first?.id)
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO candidate(id, full_name, declared_country, updated_at) VALUES ('R-d', 'Person R-d', 'PL', 0);
                INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES ('p4', 'wise', 30, 'R-d', 1, '1', 'EUR');
                """)
        }
        try RingService(store: store, clock: { 2000 }).refresh()
        let ring = try service.ring(id)
        #expect(ring.size == 4)
        let event = ring.events.last
        #expect(event?.candidateId == "R-d" && event?.change == "joined" && event?.via.hasPrefix("payment_account iban LT45") == true)
    }

    @Test func ringDecisionsReachEveryMemberAndReportOthersDecisions() throws {
        let (store, dir) = try fieldStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let service = RingService(store: store, clock: { 1000 })
        try service.refresh()
        let ring = try #require(try service.rings().first)
        let cases = CaseService(store: store, clock: { 1100 })
        try cases.apply(.clear, to: "R-c", analyst: "bob", note: "Bob cleared this one", expectedVersion: nil)
        let results = try RingDecision(store: store, clock: { 1200 })
            .apply(.escalate(reason: "shared_infrastructure"), ring: ring.id, analyst: "alice", note: "One IBAN, one device")
        #expect(results.filter(\.succeeded).map(\.candidateId).sorted() == ["R-a", "R-b"])
        let refused = results.first { $0.candidateId == "R-c" }
        #expect(refused?.succeeded == false && "\(refused!.error!)".contains("cleared"))
        let note = try cases.history("R-a").last?.note
        #expect(note == "[ring \(ring.id)] One IBAN, one device")
        #expect(try cases.verifyChain().isIntact)
    }

    /// The demo's planted rings come out as exactly one ring each, with no benign candidate in any ring.
    @Test func theDemoRingsAreFoundExactly() throws {
        let (store, dir) = try DemoRankingTests.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        try RingService(store: store).refresh()
        let found = try RingService(store: store).rings().map { Set($0.members.map(\.candidateId)) }
        let planted = try DataGenerator(options: .demo).plantedRings.map { Set($0.members) }.filter { $0.count >= 2 }
        let plantedMembers = planted.reduce(Set<String>()) { $0.union($1) }
        for truth in planted {
            let best = found.map { Double($0.intersection(truth).count) / Double($0.union(truth).count) }.max() ?? 0
            #expect(best >= 0.8, "planted ring \(truth.sorted()) best Jaccard \(best)")
        }
        let benignInRings = found.flatMap { $0 }.filter { !plantedMembers.contains($0) }
        #expect(benignInRings.isEmpty, "benign candidates in rings: \(benignInRings)")
    }
}
