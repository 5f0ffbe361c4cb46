import Foundation
import Testing
@testable import VetdeskCore

/// The committed demo-data/ set: it is what the generator writes, and once imported and scored
/// every planted ring member outranks every benign candidate, with the right flags and evidence.
@Suite(.serialized) struct DemoRankingTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let demo = repo.appendingPathComponent("demo-data")
    /// Flags whose evidence must name another member of the same ring.
    static let linkFlags: Set<String> = ["shared_payment_account", "shared_login_ip", "referral_chain"]

    @Test func committedDemoDataIsWhatTheGeneratorWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vetdesk-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try DataGenerator(options: .demo).write(to: dir)
        // Files in subfolders too (after-hire/ holds the transfer logs).
        let names = try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted().filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir) && !isDir.boolValue
        }
        #expect(names.contains("okta-system-log.json") && names.contains("entra-signins.json")
                && names.contains("google-login-audit.json") && names.contains("logins.csv"))
        for name in names {
            let fresh = try Data(contentsOf: dir.appendingPathComponent(name))
            let committed = try? Data(contentsOf: Self.demo.appendingPathComponent(name))
            #expect(committed == fresh, "demo-data/\(name) is stale: run `vetdesk generate --demo --out demo-data`")
        }
    }

    /// Bundled providers with demo-data/providers.yaml (the demo team's observed exits) over them,
    /// as `make demo` imports.
    static func demoProviders() throws -> ProviderList {
        try ProviderList.bundled().merged(with: ProviderList.load(path: demo.appendingPathComponent("providers.yaml").path))
    }

    /// Imports every data file of demo-data/ (candidates first) and rescores all.
    static func importDemo(providers: ProviderList? = nil) throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vetdesk-rank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir.appendingPathComponent("store.sqlite").path)
        let now: Int64 = 1_772_409_600 // 2026-03-02, the day after the demo's last login
        let intel = IPIntelligence(databasePath: nil, providers: try providers ?? demoProviders(), clock: { now })
        let importer = Importer(store: store, intel: intel, clock: { now })
        let files = try FileManager.default.contentsOfDirectory(atPath: demo.path)
            .filter { name in [".csv", ".json", ".ndjson", ".jsonl"].contains { name.hasSuffix($0) } }
            .sorted { ($0 == "candidates.csv" ? 0 : 1, $0) < ($1 == "candidates.csv" ? 0 : 1, $1) }
        #expect(files.count == 24) // 7 kinds of HR/payment/device data, one file per sign-in export shape (GenLoginShape)
        for f in files { _ = try importer.importFile(path: demo.appendingPathComponent(f).path, kind: nil) }
        // After-hire audit logs (GitHub, GitLab, Drive, M365), read by the real importers as `make demo` does.
        let afterHire = demo.appendingPathComponent("after-hire")
        let transfers = try FileManager.default.contentsOfDirectory(atPath: afterHire.path).filter { $0 != "README.md" }.sorted()
        #expect(transfers.count == 4)
        for f in transfers { _ = try importer.importFile(path: afterHire.appendingPathComponent(f).path, kind: nil) }
        _ = try Rescorer(store: store, config: RuleConfig()).rescoreAll()
        return (store, dir)
    }

    @Test func ringsOutrankBenignNoiseWithTheirFlagsAndEvidence() throws {
        let (store, dir) = try Self.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try DataGenerator(options: .demo)
        let rings = generator.plantedRings
        let ringMembers = Set(rings.flatMap(\.members))
        let queue = try store.queue(QueueQuery(limit: 10_000))
        #expect(queue.count == 300)
        let benign = queue.filter { !ringMembers.contains($0.candidateId) }
        let ring = queue.filter { ringMembers.contains($0.candidateId) }
        #expect(ring.count == ringMembers.count)
        let worstRing = try #require(ring.min { $0.riskScore < $1.riskScore })
        let bestBenign = try #require(benign.max { $0.riskScore < $1.riskScore })
        #expect(worstRing.riskScore > bestBenign.riskScore,
                "ring member \(worstRing.candidateId) (\(worstRing.riskScore)) does not outrank benign \(bestBenign.candidateId) (\(bestBenign.riskScore): \(bestBenign.topFlags))")
        // In queue order, the ring members are exactly the first rows.
        #expect(Set(queue.prefix(ringMembers.count).map(\.candidateId)) == ringMembers)

        for planted in rings {
            // Rings are not uniform: some flags only some members carry, but each is carried by someone.
            for partial in GenAnswerKey.partialFlags[planted.kind] ?? [] {
                let carriers = try planted.members.filter { try store.candidateDetail($0)?.flags.contains { $0.ruleId == partial } == true }
                #expect(!carriers.isEmpty, "no \(planted.kind.rawValue) member carries \(partial)")
                if planted.members.count > 1 { #expect(carriers.count < planted.members.count, "every member carries \(partial)") }
            }
            for member in planted.members {
                let detail = try #require(try store.candidateDetail(member))
                let fired = Dictionary(detail.flags.map { ($0.ruleId, $0) }, uniquingKeysWith: { a, _ in a })
                for expected in GenAnswerKey.expectedFlags[planted.kind]! {
                    #expect(fired[expected] != nil, "\(planted.kind.rawValue) member \(member) lacks \(expected); has \(fired.keys.sorted())")
                }
                let peers = Set(planted.members).subtracting([member])
                for flag in detail.flags where Self.linkFlags.contains(flag.ruleId) {
                    let named = flag.evidence.contains { e in peers.contains(e.ref) || peers.contains { e.detail.contains($0) } }
                    #expect(named, "\(member) \(flag.ruleId) evidence names no ring peer: \(flag.evidence.map(\.detail))")
                }
            }
        }
    }

    /// Ring (a) logs in partly through the exits the demo providers file records as Astrill:
    /// known_dprk_vpn fires with those IPs as evidence; privacy-VPN users (Mullvad, M247, Datacamp
    /// exits in their own country) do not get it, and the exits keep their hosting AS.
    @Test func observedAstrillExitsFireKnownDPRKVPNForRingAOnly() throws {
        let (store, dir) = try Self.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try DataGenerator(options: .demo)
        let exits = Set(generator.observedAstrillExits)
        #expect(exits.count == 2)
        let ringA = try #require(generator.plantedRings.first { $0.kind == .vpnPayoutRing })
        for member in ringA.members {
            let detail = try #require(try store.candidateDetail(member))
            let flag = try #require(detail.flags.first { $0.ruleId == "known_dprk_vpn" },
                                    "\(member) lacks known_dprk_vpn; has \(detail.flags.map(\.ruleId))")
            #expect(flag.summary.contains("Astrill"), "\(member): \(flag.summary)")
            let cited = Set(flag.evidence.map(\.ref))
            #expect(!cited.isEmpty && cited.isSubset(of: exits), "\(member) evidence \(cited) is not the Astrill exits \(exits)")
        }
        let intel = IPIntelligence(databasePath: nil, providers: try Self.demoProviders())
        for ip in exits {
            let info = intel.lookup(ip)
            #expect(info.providerDprkNamed && (info.provider ?? "").contains("Astrill"), "\(ip): \(info)")
            #expect([9009, 60068].contains(info.asn ?? 0), "\(ip) is no longer on M247/Datacamp in libloc: AS\(info.asn ?? 0)")
        }
        let privacy = try #require(generator.benignByTrait["privacyVPN"])
        #expect(!privacy.isEmpty)
        for id in privacy {
            let detail = try #require(try store.candidateDetail(id))
            #expect(!detail.flags.contains { $0.ruleId == "known_dprk_vpn" }, "privacy-VPN user \(id) got known_dprk_vpn")
        }
        // Without the team's file, Astrill is known only by an ASN that announces nothing: silent.
        let bundled = IPIntelligence(databasePath: nil, providers: try ProviderList.bundled())
        for ip in exits { #expect(!bundled.lookup(ip).providerDprkNamed) }
    }

    /// The team records the exits after the logs were imported: `rescore --providers` re-applies
    /// the list to stored IPs, and only the candidates using them are rescored into the flag.
    @Test func providersAddedAfterImportApplyOnRematch() throws {
        let (store, dir) = try Self.importDemo(providers: try ProviderList.bundled())
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try DataGenerator(options: .demo)
        let ringA = try #require(generator.plantedRings.first { $0.kind == .vpnPayoutRing })
        let before = try #require(try store.candidateDetail(ringA.members[0]))
        #expect(!before.flags.contains { $0.ruleId == "known_dprk_vpn" })
        // The file also lists the agency office egress of the corporate-egress groups.
        #expect(try store.rematchProviders(Self.demoProviders()) == generator.observedAstrillExits.count + generator.corporateGroups.count)
        let report = try Rescorer(store: store, config: RuleConfig()).rescoreDirty()
        let agency = generator.benignByTrait["corporateEgress"] ?? []
        #expect(!agency.isEmpty)
        #expect(report.dirty == ringA.members.count + agency.count, "only ring (a) and the agency contractors used the re-matched IPs")
        for member in ringA.members {
            let after = try #require(try store.candidateDetail(member))
            #expect(after.flags.contains { $0.ruleId == "known_dprk_vpn" }, "\(member) lacks known_dprk_vpn after rematch")
        }
        #expect(try store.rematchProviders(Self.demoProviders()) == 0, "a second rematch changes nothing")
    }

    @Test func benignNoiseStaysAtMostMedium() throws {
        let (store, dir) = try Self.importDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generator = try DataGenerator(options: .demo)
        let ringMembers = Set(generator.plantedRings.flatMap(\.members))
        let queue = try store.queue(QueueQuery(limit: 10_000))
        for row in queue where !ringMembers.contains(row.candidateId) {
            #expect(row.riskBand <= .medium, "benign \(row.candidateId) is \(row.riskBand) (\(row.riskScore)): \(row.topFlags)")
        }
        // The noise really is there: traits built to trip one weak signal do trip something.
        let traits = generator.benignByTrait
        for trait in ["platformPayee", "lowRateJunior", "expat"] {
            let ids = Set(traits[trait] ?? [])
            #expect(!ids.isEmpty)
            #expect(queue.contains { ids.contains($0.candidateId) && $0.riskScore > 0 }, "no \(trait) trips any signal")
        }
    }
}
