import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Attribution comes from analysts, never from the export format: threat-actor objects, `impersonates`,
/// opinions and MISP galaxy tags appear only for cases an analyst escalated or referred with an attribution.
/// Runs the real validators (stix2-validator --strict, PyMISP via tools/validate/misp_check.py).
@Suite struct ExportAttributionTests {
    typealias V = ExportValidatorTests

    func fixture() throws -> (CaseFixture, CaseService, Exporter) {
        let f = try CaseFixture()
        try f.store.pool.write { db in
            try db.execute(sql: "UPDATE candidate SET phone = '+15550101234', address = '1 Main St, Springfield' WHERE id IN ('C-1', 'C-2')")
        }
        let s = CaseService(store: f.store, clock: { CaseFixture.t0 + 3600 })
        return (f, s, Exporter(store: f.store, organisation: "Example Corp", clock: { CaseFixture.t0 + 7200 }))
    }

    func stixObjects(_ text: String) throws -> [[String: Any]] {
        let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return root["objects"] as! [[String: Any]]
    }

    func validateSTIX(_ f: CaseFixture, _ text: String) throws {
        guard V.venvPresent else { return }
        let path = f.dir + "/x.stix.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let out = try CaseBinary.run(V.venv + "/bin/stix2_validator", ["--strict", "--version", "2.1", path])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    }

    func validateMISP(_ f: CaseFixture, _ text: String, tags: [String]) throws {
        guard V.venvPresent else { return }
        let path = f.dir + "/x.misp.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let out = try CaseBinary.run(V.venv + "/bin/python",
                                     [V.repoRoot + "/tools/validate/misp_check.py", path] + tags.flatMap { ["--require-tag", $0] })
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    }

    @Test func aClearedCaseCarriesNoThreatActorAndSaysSo() throws {
        let (f, s, e) = try fixture()
        defer { f.remove() }
        try s.apply(.clear, to: "C-1", analyst: "alice", note: "Verified in person; VPN is the employer's", expectedVersion: nil)
        let cases = try e.load(.cases(["C-1"]))
        #expect(cases[0].attribution == nil)

        let stix = try e.render(.stix, cases)
        let objects = try stixObjects(stix)
        #expect(!objects.contains { $0["type"] as? String == "threat-actor" })
        #expect(!objects.contains { $0["type"] as? String == "intrusion-set" })
        #expect(!objects.contains { $0["type"] as? String == "opinion" })
        #expect(!objects.contains { ["impersonates", "attributed-to", "indicates"].contains($0["relationship_type"] as? String ?? "") })
        let note = objects.first { $0["type"] as? String == "note" }
        #expect((note?["abstract"] as? String ?? "").contains("cleared, no concern found, exported for completeness, no attribution"))
        try validateSTIX(f, stix)

        let misp = try e.render(.misp, cases)
        #expect(!misp.contains("misp-galaxy"))
        #expect(misp.contains("cleared, no concern found"))
        try validateMISP(f, misp, tags: ["tlp:amber+strict"])

        let md = try e.render(.markdown, cases)
        #expect(md.contains("**Cleared:** an analyst found no concern. Exported for completeness; no attribution."))
        #expect(md.contains("TLP:AMBER+STRICT"))
    }

    @Test func anEscalationWithoutAnAttributingReasonAttributesNothing() throws {
        let (f, s, e) = try fixture()
        defer { f.remove() }
        try s.apply(.escalate(reason: "identity_fraud"), to: "C-1", analyst: "alice", note: "Document manipulated",
                    expectedVersion: nil)
        let cases = try e.load(.cases(["C-1"]))
        #expect(cases[0].attribution == nil)
        let objects = try stixObjects(try e.render(.stix, cases))
        #expect(!objects.contains { $0["type"] as? String == "threat-actor" })
        // The infrastructure is still shared as an indicator, without an actor.
        let indicator = objects.first { $0["type"] as? String == "indicator" }
        #expect(indicator?["indicator_types"] as? [String] == ["anonymization"])
        #expect(!(try e.render(.misp, cases)).contains("misp-galaxy"))
    }

    @Test func anExplicitAttributionCarriesTheAnalystsConfidenceAndNote() throws {
        let (f, s, e) = try fixture()
        defer { f.remove() }
        try s.apply(.escalate(reason: "payment_mule"), to: "C-1", analyst: "alice", note: "Same IBAN as two others",
                    expectedVersion: nil, attribution: Attribution(actor: "dprk_it_workers", confidence: 80))
        try s.apply(.clear, to: "C-2", analyst: "bob", note: "Family member of C-1's landlord", expectedVersion: nil)
        let cases = try e.load(.cases(["C-1", "C-2"]))
        #expect(cases[0].attribution?.confidence == 80 && cases[0].attribution?.analyst == "alice")
        #expect(cases[1].attribution == nil)

        let stix = try e.render(.stix, cases)
        let objects = try stixObjects(stix)
        let impersonates = objects.filter { $0["relationship_type"] as? String == "impersonates" }
        #expect(impersonates.count == 1)
        #expect(impersonates.first?["confidence"] as? Int == 80)
        let personaOfC1 = objects.first { $0["type"] as? String == "identity" && ($0["description"] as? String ?? "").contains("C-1") }
        #expect(impersonates.first?["target_ref"] as? String == personaOfC1?["id"] as? String)
        let opinion = objects.first { $0["type"] as? String == "opinion" }
        #expect((opinion?["explanation"] as? String ?? "").contains("Same IBAN as two others"))
        #expect(opinion?["authors"] as? [String] == ["alice"])
        try validateSTIX(f, stix)

        // Two cases, one attributed: galaxy tags go on the attributed persona only, not on the event.
        let misp = try e.render(.misp, cases)
        let event = (try JSONSerialization.jsonObject(with: Data(misp.utf8)) as! [String: Any])["Event"] as! [String: Any]
        let eventTags = (event["Tag"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(eventTags == ["tlp:amber+strict"])
        let tagged = (event["Attribute"] as! [[String: Any]]).filter { $0["Tag"] != nil }
        #expect(tagged.count == 1 && (tagged[0]["value"] as? String) == "Ring Member 1")
        try validateMISP(f, misp, tags: ["tlp:amber+strict"])
    }

    @Test func theAttributingReasonCodeAttributesAndAReopenEndsIt() throws {
        let (f, s, e) = try fixture()
        defer { f.remove() }
        try s.apply(.escalate(reason: "dprk_it_worker"), to: "C-1", analyst: "alice", note: "Ring", expectedVersion: nil)
        #expect(try e.load(.cases(["C-1"]))[0].attribution?.confidence == Attribution.defaultConfidence)
        try s.apply(.refer(to: "law_enforcement"), to: "C-1", analyst: "lead", note: "To the FBI", expectedVersion: nil)
        let afterReferral = try e.load(.cases(["C-1"]))[0].attribution
        #expect(afterReferral?.analyst == "alice", "a referral keeps the escalation's attribution")
        try s.apply(.reopen, to: "C-1", analyst: "lead", note: "New evidence", expectedVersion: nil)
        #expect(try e.load(.cases(["C-1"]))[0].attribution == nil)
        let objects = try stixObjects(try e.render(.stix, e.load(.cases(["C-1"]))))
        #expect(!objects.contains { $0["type"] as? String == "threat-actor" })
    }

    @Test func onlyEscalationsAndReferralsAttributeAndOnlyToKnownActors() throws {
        let (f, s, _) = try fixture()
        defer { f.remove() }
        #expect(throws: VetdeskError.self) {
            try s.apply(.clear, to: "C-1", analyst: "alice", note: "x", expectedVersion: nil,
                        attribution: Attribution(actor: "dprk_it_workers", confidence: 50))
        }
        #expect(throws: VetdeskError.self) {
            try s.apply(.escalate(reason: "other"), to: "C-1", analyst: "alice", note: "x", expectedVersion: nil,
                        attribution: Attribution(actor: "lazarus\u{1b}[2J", confidence: 50))
        }
        #expect(throws: VetdeskError.self) {
            try s.apply(.escalate(reason: "other"), to: "C-1", analyst: "alice", note: "x", expectedVersion: nil,
                        attribution: Attribution(actor: "dprk_it_workers", confidence: 101))
        }
    }

    @Test func theAttributionIsChainedSoAnEditIsDetected() throws {
        let (f, s, _) = try fixture()
        defer { f.remove() }
        try s.apply(.note, to: "C-2", analyst: "bob", note: "looked", expectedVersion: nil)
        try s.apply(.escalate(reason: "other"), to: "C-1", analyst: "alice", note: "x", expectedVersion: nil,
                    attribution: Attribution(actor: "dprk_it_workers", confidence: 40))
        #expect(try s.verifyChain().problem == nil)
        try f.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update; UPDATE history SET attribution_confidence = 95 WHERE seq = 2")
        }
        let report = try s.verifyChain()
        #expect(report.problem?.kind == .altered && report.problem?.seq == 2)
    }

    @Test func tlpAndPersonalDataOptionsGovernIntelExports() throws {
        let (f, s, _) = try fixture()
        defer { f.remove() }
        try s.apply(.escalate(reason: "dprk_it_worker"), to: "C-1", analyst: "alice", note: "Ring", expectedVersion: nil)
        let red = Exporter(store: f.store, organisation: "Example Corp", options: ExportOptions(tlp: .red),
                           clock: { CaseFixture.t0 + 7200 })
        let cases = try red.load(.cases(["C-1"]))
        let stix = try red.render(.stix, cases)
        #expect(stix.contains(TLPLevel.red.stixMarkingId) && !stix.contains(TLPLevel.amberStrict.stixMarkingId))
        #expect(!stix.contains("+15550101234") && !stix.contains("1 Main St"))
        try validateSTIX(f, stix)
        let misp = try red.render(.misp, cases)
        #expect(misp.contains("\"tlp:red\"") && !misp.contains("+15550101234") && !misp.contains("1 Main St"))
        try validateMISP(f, misp, tags: ["tlp:red"] + ThreatActor.dprkITWorkers.mispGalaxyTags)
        #expect(try red.render(.markdown, cases).contains("TLP:RED — for the named recipients only"))
        // Internal reports carry everything.
        #expect(try red.render(.json, cases).contains("+15550101234"))

        let full = Exporter(store: f.store, options: ExportOptions(includePersonalData: true), clock: { CaseFixture.t0 })
        let fullMISP = try full.render(.misp, cases)
        #expect(fullMISP.contains("+15550101234") && fullMISP.contains("1 Main St"))
        #expect(try full.render(.stix, cases).contains("+15550101234"))
    }

    @Test func tlpArgumentsParseAsFIRSTWritesThem() {
        #expect(TLPLevel(argument: "TLP:AMBER+STRICT") == .amberStrict)
        #expect(TLPLevel(argument: "clear") == .clear)
        #expect(TLPLevel(argument: "white") == nil)
        #expect(TLPLevel.amberStrict.label == "TLP:AMBER+STRICT")
    }
}
