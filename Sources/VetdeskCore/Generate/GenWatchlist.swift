/// Watchlist rows: identifiers a team would load from shared intelligence. A few point at planted
/// rings; the rest match nobody (as most entries of a real list do).
enum GenWatchlist {
    static let listName = "shared-intel-2026-02"

    static func entries(for persona: GenPersona, kind: GenRingKind, member: Int) -> [GenWatchlistEntry] {
        switch (kind, member) {
        case (.dprkPair, 0):
            return persona.payments.filter { $0.account.accountType == "wallet" }.prefix(1).map {
                GenWatchlistEntry(listName: listName, kind: "wallet", value: $0.account.identifier,
                                  note: "wallet seen receiving IT-worker salaries (partner report)")
            }
        case (.vpnPayoutRing, 0):
            return (persona.plan?.sites.prefix(1) ?? []).map {
                GenWatchlistEntry(listName: listName, kind: "ip", value: $0.0.ip,
                                  note: "VPN exit used by a remote-worker ring (ISAC share)")
            }
        default:
            return []
        }
    }

    static func noise(seed: UInt64) -> [GenWatchlistEntry] {
        var rng = SplitMix64(seed: seed, stream: 0x3A7C_4115)
        var out: [GenWatchlistEntry] = []
        for k in 0..<4 {
            out.append(GenWatchlistEntry(listName: listName, kind: "email",
                                         value: "dev.\(rng.hex(6))\(k)@proton.me", note: "applicant e-mail from a closed case"))
        }
        for _ in 0..<3 {
            out.append(GenWatchlistEntry(listName: listName, kind: "wallet", value: "0x" + rng.hex(40),
                                         note: "wallet from a public advisory"))
        }
        out.append(GenWatchlistEntry(listName: listName, kind: "handle", value: "github:fullstack-\(rng.hex(5))",
                                     note: "code-hosting handle from a closed case"))
        out.append(GenWatchlistEntry(listName: listName, kind: "phone", value: "+1628" + rng.digits(7),
                                     note: "VoIP number from a closed case"))
        return out
    }
}
