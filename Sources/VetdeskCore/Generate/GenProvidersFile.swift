/// providers.yaml next to the generated data: the team's own provider list, as a security team
/// keeps one. It records, as /32 ranges, the ring (a) exits that "the team's intel" names as
/// Astrill VPN exits. This is synthetic demo intel, not a public list: no stable public list of
/// Astrill's exit ranges exists, and the bundled list therefore names Astrill only by its ASN.
/// The addresses are real hosting addresses per libloc, so enrichment still shows the hosting AS.
enum GenProvidersFile {
    static let fileName = "providers.yaml"
    static let providerName = "Astrill VPN (demo intel)"

    /// The ring (a) exits listed as Astrill, over every instance of the ring.
    static func astrillExits(ringInstances: Int) -> [GenSite] {
        (0..<ringInstances).flatMap { instance in
            GenRingFactory.vpnRingExits(instance: instance).filter(\.observedAstrill).map(\.site)
        }
    }

    /// The YAML text (ProviderList's format), or nil when there is nothing to list.
    /// `corporateGroups`: the benign agency groups whose office egress the team records as corporate.
    static func yaml(ringInstances: Int, corporateGroups: [Int] = []) -> String? {
        let exits = astrillExits(ringInstances: ringInstances)
        guard !exits.isEmpty || !corporateGroups.isEmpty else { return nil }
        var s = """
        # The demo security team's provider list (same format as Vetdesk's bundled providers.yaml).
        # Written by `vetdesk generate`; do not edit by hand, regenerate.
        #
        # SYNTHETIC DEMO INTEL, NOT A PUBLIC LIST. It stands for exits a team records from its own logs
        # or partner intelligence: the addresses below are exits used by this demo's planted ring, and
        # they are labelled Astrill here only for the demo. They are real hosting addresses (libloc
        # places them on M247 / Datacamp), so enrichment still shows the hosting network's AS.
        #
        # Load with `vetdesk import --providers demo-data/providers.yaml ...` (or VETDESK_PROVIDERS).

        providers:

        """
        if !exits.isEmpty {
            s += "  - name: \"\(providerName)\"\n    kind: vpn\n    dprk_named: true\n    cidrs:\n"
            for site in exits {
                s += "      - \(site.ip)/32  # \(site.network.asName) (AS\(site.network.asn)), \(site.city)\n"
            }
            s += "    note: exits recorded by the team as Astrill VPN (synthetic demo intel)\n"
        }
        if !corporateGroups.isEmpty {
            // Contractor agencies' office egress the team knows (synthetic): corporate, not a farm.
            s += "  - name: \"Contractor agency egress (demo)\"\n    kind: corporate\n    cidrs:\n"
            for g in corporateGroups { s += "      - \(GenPersonaFactory.corporateEgress(g))/32\n" }
            s += "    note: office egress of contractor agencies whose people work through it (synthetic demo intel)\n"
        }
        return s
    }
}
