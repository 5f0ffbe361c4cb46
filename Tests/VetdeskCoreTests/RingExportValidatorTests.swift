import Foundation
import Testing
@testable import VetdeskCore

/// A ring exported as one STIX bundle and one MISP event, checked by the real validators (as ExportValidatorTests).
@Suite struct RingExportValidatorTests {
    static let venvPresent = ExportValidatorTests.venvPresent

    /// CaseFixture's ring (C-1, C-2 on one IBAN) widened: C-3 shares C-1's device and a resume, and C-2's phone.
    func ring(includePersonalData: Bool = false) throws -> (CaseFixture, Exporter, String) {
        let f = try CaseFixture()
        _ = try CaseService(store: f.store, clock: { CaseFixture.t0 + 3600 })
            .applyBulk(.escalate(reason: "dprk_it_worker"), to: ["C-1", "C-2"], analyst: "alice", note: "One IBAN, one laptop")
        try f.store.pool.write { db in
            try db.execute(sql: """
                UPDATE candidate SET address = '1 Main St, Austin', city = 'Austin' WHERE id = 'C-1';
                UPDATE candidate SET address = '9 Elm Ave, Boston', city = 'Boston', phone = '+15550101234' WHERE id = 'C-2';
                UPDATE candidate SET address = '4 Oak Rd, Denver', city = 'Denver', phone = '+15550101234' WHERE id = 'C-3';
                UPDATE candidate SET resume_hash = '\(String(repeating: "ab12", count: 16))' WHERE id IN ('C-1', 'C-3');
                INSERT INTO login_device VALUES ('C-3', 'dev-A', 0, \(CaseFixture.t0), \(CaseFixture.t0 + 20), 2);
                """)
        }
        let service = RingService(store: f.store, clock: { CaseFixture.t0 + 5000 })
        try service.refresh()
        let id = try #require(try service.rings().first { $0.members.contains { $0.candidateId == "C-1" } }?.id)
        let exporter = Exporter(store: f.store, organisation: "Example Corp",
                                options: ExportOptions(includePersonalData: includePersonalData), clock: { CaseFixture.t0 + 7200 })
        return (f, exporter, id)
    }

    @Test func theRingIsOneRingWithoutTheOutsider() throws {
        let (f, _, id) = try ring()
        defer { f.remove() }
        let r = try RingService(store: f.store).ring(id)
        #expect(r.members.map(\.candidateId).sorted() == ["C-1", "C-2", "C-3"])
        #expect(Set(r.edges.map(\.kind)) == [.paymentAccount, .device, .phone, .resume])
    }

    @Test(.enabled(if: venvPresent, "no venv: run `make test` or set VETDESK_VENV"))
    func ringBundlePassesTheOASISValidatorStrict() throws {
        let (f, e, id) = try ring()
        defer { f.remove() }
        let path = f.dir + "/ring.stix.json"
        let result = try e.exportRing(id, format: .stix, to: path)
        let out = try CaseBinary.run(ExportValidatorTests.venv + "/bin/stix2_validator", ["--strict", "--version", "2.1", path])
        print("stix2_validator --strict:\n" + out.stdout + out.stderr)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objects = try #require(bundle["objects"] as? [[String: Any]])
        let ringGroup = try #require(objects.first { $0["type"] as? String == "grouping" && $0["name"] as? String == "Vetdesk ring \(id)" })
        #expect(ringGroup["context"] as? String == "suspicious-activity")
        // The grouping holds every other object of the bundle (but the marking definition).
        let refs = Set(ringGroup["object_refs"] as? [String] ?? [])
        let ids = objects.compactMap { $0["id"] as? String }.filter { !$0.hasPrefix("marking-definition--") && $0 != ringGroup["id"] as? String }
        #expect(Set(ids).isSubset(of: refs) && refs.count == ids.count)
        // Each shared identifier once, and each member's persona related to it.
        let shared = objects.filter { $0["type"] as? String == STIXBundle.sharedIdentifierType }
        #expect(shared.filter { $0["kind"] as? String == "payment_account" && $0["value"] as? String == "GB82WEST12345698765432" }.count == 1)
        #expect(shared.contains { $0["kind"] as? String == "device" && $0["value"] as? String == "dev-A" })
        #expect(objects.contains { $0["type"] as? String == "file" })
        let related = objects.filter { $0["type"] as? String == "relationship" && $0["relationship_type"] as? String == "related-to" }
        // IBAN: C-1, C-2; device: C-1, C-3; phone: C-2, C-3; resume: C-1, C-3.
        #expect(related.count == 8)
        // The phone is personal data: withheld by default, in neither the value nor the id.
        #expect(!text.contains("+15550101234"))
        #expect(shared.contains { $0["kind"] as? String == "phone" && $0["value"] as? String == RingShared.withheld })
        // Attribution stays per case: C-3, which nobody escalated, is impersonated by no actor.
        #expect(!objects.contains { $0["relationship_type"] as? String == "impersonates"
            && ($0["target_ref"] as? String)?.hasSuffix(NameUUID.v4Derived("identity|case|C-3|persona").lowercased) == true })
        #expect(result.members.sorted() == ["C-1", "C-2", "C-3"])
        // Deterministic.
        #expect(try e.exportRing(id, format: .stix, to: nil).text == text)
    }

    @Test func personalDataTravelsOnlyWhenAsked() throws {
        let (f, e, id) = try ring(includePersonalData: true)
        defer { f.remove() }
        #expect(try e.exportRing(id, format: .stix, to: nil).text.contains("+15550101234"))
        #expect(try e.exportRing(id, format: .misp, to: nil).text.contains("+15550101234"))
    }

    @Test(.enabled(if: venvPresent, "no venv: run `make test` or set VETDESK_VENV"))
    func ringEventLoadsInPyMISPWithCorrelatedSharedIdentifiers() throws {
        let (f, e, id) = try ring()
        defer { f.remove() }
        let path = f.dir + "/ring.misp.json"
        try e.exportRing(id, format: .misp, to: path)
        let check = try CaseBinary.run(ExportValidatorTests.venv + "/bin/python",
                                       [ExportValidatorTests.repoRoot + "/tools/validate/misp_check.py", path, "--require-tag", "tlp:amber+strict"])
        print("misp_check.py:\n" + check.stdout + check.stderr)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // PyMISP sees the references between members' objects and the shared attributes.
        let refs = try CaseBinary.run(ExportValidatorTests.venv + "/bin/python", ["-c", """
            import sys
            from pymisp import MISPEvent
            e = MISPEvent(); e.load_file(sys.argv[1])
            uuids = {a.uuid for a in e.attributes} | {o.uuid for o in e.objects}
            refs = [r for o in e.objects for r in o.references]
            missing = [r.referenced_uuid for r in refs if r.referenced_uuid not in uuids]
            print(len(refs), len(missing))
            """, path])
        #expect(refs.status == 0, "\(refs.stderr)")
        // IBAN, device, resume (phone withheld) x two sharers each.
        #expect(refs.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "6 0", "\(refs.stdout)\(refs.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let event = try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["Event"] as? [String: Any])
        let attributes = event["Attribute"] as? [[String: Any]] ?? []
        #expect(attributes.filter { $0["value"] as? String == "GB82WEST12345698765432" }.count == 1)
        #expect(attributes.contains { $0["type"] as? String == "sha256" })
        #expect((event["info"] as? String)?.hasPrefix("Vetdesk ring \(id)") == true)
        #expect(!text.contains("+15550101234"))
    }
}
