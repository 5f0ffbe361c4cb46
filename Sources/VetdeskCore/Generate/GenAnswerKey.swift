import Foundation

/// demo-data/README.md: what is in the set and which planted rings should be found, with the
/// flags each member should carry. It is the testers' answer key, so it hides nothing.
enum GenAnswerKey {
    static let truthFileName = "answer-key.tsv"

    /// Flags every member of the ring carries.
    static let expectedFlags: [GenRingKind: [String]] = [
        .vpnPayoutRing: ["shared_payment_account", "third_party_payee", "shared_login_ip", "anonymizer_geo_mismatch",
                         "persistent_geo_mismatch", "off_hours_pattern", "video_avoidance",
                         "payment_country_mismatch", "known_dprk_vpn"],
        .laptopFarm: ["shared_login_ip", "remote_access_tools", "referral_chain", "continuous_session",
                      "shared_identity_artifacts"],
        .dprkPair: ["crypto_payment", "payout_churn", "shared_payment_account", "prepayment_pressure",
                    "anonymizer_geo_mismatch", "persistent_geo_mismatch"],
        .borrowedIdentity: ["id_check_failed", "id_country_mismatch", "fresh_accounts", "code_profile_backdated",
                            "voip_phone", "byod_request", "prepayment_pressure", "anonymizer_geo_mismatch"],
    ]

    /// Flags only some members carry: rings are not uniform (not every member carries every signal).
    static let partialFlags: [GenRingKind: [String]] = [
        .vpnPayoutRing: ["shipping_address_mismatch", "shared_identity_artifacts"],
        .laptopFarm: ["ip_kvm_device", "shipping_address_mismatch"],
        .dprkPair: ["dprk_ip_space"],
        .borrowedIdentity: [],
    ]

    static let stories: [GenRingKind: String] = [
        .vpnPayoutRing: """
            Five personas (declared GB, DE, PT, RS, PL; different names) paid into two accounts held by one \
            third party (a Revolut LT IBAN for three of them, a Wise BE IBAN for two). All log in only through the \
            same six hosting exits (M247 Los Angeles, Datacamp Tokyo and Singapore) during a UTC+9 working day \
            (00:00-09:00 UTC), four laptops re-routed a few days after hire to one parcel forwarder in Rotterdam \
            (the fifth stays at the declared home; one member uses only four of the exits); one \
            refused video, one rescheduled twice then phone, one "camera broken", two kept the camera off; two \
            share a resume hash; VoIP phones; one exit IP is on the watchlist; two of the exits (one in Los \
            Angeles, one in Tokyo) are Astrill VPN exits on the team's record in `providers.yaml` (synthetic \
            demo intel), so `known_dprk_vpn` fires when that file is loaded.
            """,
        .laptopFarm: """
            Four personas (declared PL, DE, CZ, AT) whose company laptops all log in from one residential \
            Orange Polska address, round the clock in sessions of several days; the first declares the Warsaw farm \
            address as home, the other three had their laptops re-routed there after hire; PiKVM/TinyPilot (USB \
            1d6b:0104) or a Raspberry Pi HID on three laptops, unapproved AnyDesk on all four; each referred by the \
            previous one (referral chain). They passed video interviews and ID checks.
            """,
        .dprkPair: """
            Two personas (declared RO, HR) working through a DigitalOcean Singapore relay and a Datacamp \
            Singapore exit in a UTC+9 day; the first logged three days straight from North Korean address space \
            (175.45.176.0/22, AS131279), the second never did. Payouts moved from an own IBAN to Wise to one shared USDT wallet \
            (payout changes 3 and 2, crypto payments); the wallet is on the watchlist; phone interview / camera off; \
            each asked twice for advances (before the start date, and weeks before a milestone).
            """,
        .borrowedIdentity: """
            One persona declared in DE whose ID check failed (face mismatch, manipulation flagged) on a GB \
            passport; e-mail and profile created 1-2 months before applying; GitHub account created 3 months \
            before applying with commits dated six years earlier; VoIP phone changed twice; signs in only from an \
            unmanaged own computer (no company laptop or endpoint agent ever seen) and asked twice for advances \
            (before the start date, and weeks before a milestone); logs in from a DigitalOcean Amsterdam box and a \
            US hosting exit.
            """,
    ]

    static let traitNotes: [(String, String)] = [
        ("traveller", "logins from another European country for a few consecutive days (never two countries on one day)"),
        ("privacyVPN", "half the logins through a popular commercial VPN exit other customers share, abroad for about a third of them"),
        ("platformPayee", "paid through Payoneer (US) or a Wise BE IBAN in their own name"),
        ("nightOwl", "works 21:00-02:00 local time, weekends included"),
        ("rescheduler", "moved the first interview once, then held it on camera"),
        ("lowRateJunior", "rate at 45 % of the market band for the role"),
        ("expat", "ID document from another EU country than the declared residence"),
        ("approvedRemoteTool", "TeamViewer on the laptop, approved by IT"),
        ("applicantOnly", "applied, not hired: no logins, payments or endpoint data"),
        ("household", "flatmates in pairs: one home address (each spells it their own way), one home line"),
        ("couple", "couples: one home and line, both paid into one partner's account in that partner's name"),
        ("carrierNAT", "phone tethering now and then: a few carrier-NAT addresses shared with every mobile user of the country"),
        ("coworking", "groups of four with homes in one city, working from one coworking line most days"),
        ("corporateEgress", "groups of four agency contractors in several cities, most logins through the agency's office egress (listed as corporate in providers.yaml)"),
        ("relocated", "moved from another country: the first weeks' logins from the old home, laptop ship-to updated after hire"),
        ("newStarter", "hired a few days before the data ends, laptop not delivered yet: every sign-in so far from an own, unmanaged computer"),
        ("milestoneAdvance", "paid monthly in arrears, asked once for an advance on a milestone payment before delivery"),
    ]

    static func markdown(summary: DataGenerator.Summary, generator: DataGenerator) -> String {
        let o = generator.options
        var s = """
        # Demo data (synthetic)

        Generated by `vetdesk generate --demo --out demo-data` (seed \(o.seed)); do not edit by hand, regenerate.
        Every person, address, phone number, e-mail, IBAN and wallet here is invented: names are common given
        names and surnames of each country combined at random. IBANs pass the ISO 13616 check with each
        country's length. Login IPs come from ranges that libloc really places in the stated country and network
        (checked with `location lookup`), so enrichment sees residential ISPs, hosting/VPN exits and DPRK space.

        \(summary.candidates) candidates, \(summary.logins) login events.

        | file | records | format |
        |---|---|---|

        """
        var formats = [
            "candidates.csv": "candidates", "identity_checks.csv": "identity checks", "interviews.csv": "interviews",
            "payments.csv": "payments", "endpoint.csv": "endpoint observations", "watchlist.csv": "watchlist",
            "invoices.csv": "invoices and payment requests",
        ]
        for shape in GenLoginShape.allCases { formats[shape.fileName] = shape.format }
        formats.merge(GenTransferFiles.formats) { $1 }
        for name in summary.files.keys.sorted() {
            s += "| `\(name)` | \(summary.files[name]!) | \(formats[name] ?? "") |\n"
        }
        s += "\nLoad it with `vetdesk import --providers demo-data/providers.yaml demo-data/*.csv demo-data/*.json "
        s += "demo-data/*.ndjson demo-data/*.jsonl` "
        s += "(or `make demo`).\n"
        let exits = generator.observedAstrillExits
        if !exits.isEmpty {
            s += """

            ## providers.yaml: the team's observed VPN exits (synthetic demo intel)

            Vetdesk's bundled provider list names Astrill VPN (named in several vendors' public reporting on
            DPRK IT workers) only by its AS58546, which announces no networks: Astrill's exits sit on rented hosting
            space, and no public list of its exit ranges exists. A security team therefore records the exits it
            has observed, from its own logs or partner intelligence, in its own providers file. `providers.yaml`
            here stands for that team-observed intel: it lists \(exits.map { "`\($0)`" }.joined(separator: ", "))
            as Astrill exits. **This is synthetic demo intel, not a public list**: they are exits of the planted
            ring below, labelled Astrill for the demo. They are real hosting addresses per libloc (M247 and
            Datacamp), so enrichment still shows the hosting network. Pass the file with `--providers` (or
            `VETDESK_PROVIDERS`) at import time, where IPs are enriched; without it `known_dprk_vpn` stays silent
            (`vetdesk rescore --providers` re-applies a list to IPs already imported).

            """
        }
        s += "\n## Planted rings (the answer key)\n\nEvery member should rank above every benign candidate.\n"
        for ring in summary.rings {
            s += "\n### \(ring.kind.rawValue): \(ring.members.joined(separator: ", "))\n\n"
            s += stories[ring.kind]! + "\n\n"
            s += "Expected flags: " + expectedFlags[ring.kind]!.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
            if let partial = partialFlags[ring.kind], !partial.isEmpty {
                s += "Carried by some members only: " + partial.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
            }
        }
        s += "\n`answer-key.tsv` lists every candidate as `fraud` (ring kind) or `benign` (trait): `vetdesk eval --truth demo-data/answer-key.tsv`.\n"
        s += "\n## Benign noise (at most weak flags, band low/medium)\n\n"
        let traits = generator.benignByTrait
        for (trait, note) in traitNotes {
            let ids = traits[trait] ?? []
            let shown = trait == "applicantOnly" ? "\(ids.count) candidates" : ids.joined(separator: ", ")
            s += "- **\(trait)** (\(note)): \(shown)\n"
        }
        s += "\nEveryone else is plain: own-name IBAN in the declared country, home ISP logins in office hours, "
        s += "video interview with camera on, passed ID check, approved software only.\n"
        return s
    }
}
