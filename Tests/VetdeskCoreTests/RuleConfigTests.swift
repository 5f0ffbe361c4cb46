import Foundation
import Testing
@testable import VetdeskCore

@Suite struct RuleConfigTests {
    @Test func catalogHasUniqueIdsSourcesAndSaneWeights() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(ids.count >= 22)
        #expect(Set(ids).count == ids.count)
        for id in ["shared_payment_account", "shared_login_ip", "shared_identity_artifacts", "referral_chain", "video_avoidance",
                   "third_party_payee", "known_dprk_vpn", "anonymizer_geo_mismatch", "dprk_ip_space"] {
            #expect(ids.contains(id), "missing \(id)")
        }
        for r in RuleCatalog.all {
            #expect(!r.source.isEmpty && !r.title.isEmpty)
            #expect((0...1).contains(r.weight))
        }
    }

    @Test func yamlOverridesWeightsThresholdsAndLists() throws {
        let yaml = """
        rules:
          off_hours_pattern:
            weight: 0.1
            share: 0.8
          byod_request:
            enabled: false
          remote_access_tools:
            tools: [anydesk, "my tool"]
        """
        let c = try RuleConfig.parse(yaml: yaml, file: "rules.yaml")
        #expect(c.settings(for: "off_hours_pattern").weight == 0.1)
        #expect(c.settings(for: "off_hours_pattern")["share"] == 0.8)
        #expect(c.settings(for: "off_hours_pattern")["min_events"] == 20)
        #expect(!c.enabledRules.contains { $0.id == "byod_request" })
        #expect(c.settings(for: "remote_access_tools").list("tools") == ["anydesk", "my tool"])
        #expect(c.settings(for: "low_rate")["ratio"] == 0.6)
    }

    @Test func badConfigNamesFileLineAndKey() {
        func message(_ yaml: String) -> String {
            do { _ = try RuleConfig.parse(yaml: yaml, file: "/etc/rules.yaml"); return "no error" } catch { return "\(error)" }
        }
        #expect(message("rules:\n  low_rate:\n    ratio: lots\n") == "/etc/rules.yaml: line 3: field 'rules.low_rate.ratio': expected a non-negative number, got 'lots'")
        #expect(message("rules:\n  low_rate:\n    ration: 0.5\n").hasPrefix("/etc/rules.yaml: line 3: field 'rules.low_rate.ration': unknown setting; known for low_rate: enabled, weight, ratio"))
        #expect(message("rules:\n  no_such_rule: {}\n").contains("field 'rules.no_such_rule': unknown rule"))
        #expect(message("rules:\n  voip_phone:\n    weight: 1.5\n").contains("'rules.voip_phone.weight': expected a number from 0 to 1"))
        #expect(message("rulez: {}\n").contains("unknown top-level key"))
        #expect(message("rules: [\n").hasPrefix("/etc/rules.yaml: YAML:"))
    }

    @Test func missingFileMeansDefaults() throws {
        let c = try RuleConfig.load(path: "/nonexistent/vetdesk/rules.yaml")
        #expect(c.file == nil)
        #expect(c.settings(for: "continuous_session")["hours"] == 24)
    }
}
