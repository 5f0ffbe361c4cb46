/// The identifiers a ring's members share, one per value, for the intel exports (RingSTIX, MISP ring event).
struct RingShared: Equatable {
    var kind: RingEdge.Kind
    var shown: String           // as on the edge: "iban GB82…", "device D-1", "line 81.2.3.4", "ship-to …"
    var raw: String             // the bare value: GB82…, D-1, 81.2.3.4, the address, the phone
    var accountType: String?    // payment accounts: iban, bank_account, wallet, platform
    var members: [String]       // sorted

    /// Home addresses and phones travel only with --include-personal-data (ExportOptions).
    var isPersonal: Bool { kind == .phone || kind == .shipTo }

    /// The shared values (strongest kind first), and the referral ties, which share no value.
    static func of(_ ring: Ring) -> (shared: [RingShared], referrals: [(String, String)]) {
        var byValue: [String: RingShared] = [:]
        var referrals: [(String, String)] = []
        for e in ring.edges {
            if e.kind == .referral { referrals.append((e.a, e.b)); continue }
            let key = e.kind.rawValue + "\u{0}" + e.value
            var s = byValue[key] ?? parse(e.kind, e.value)
            s.members = Array(Set(s.members + [e.a, e.b])).sorted()
            byValue[key] = s
        }
        let shared = byValue.values.sorted { ($0.kind.strength, $1.kind.rawValue, $1.shown) > ($1.kind.strength, $0.kind.rawValue, $0.shown) }
        return (shared, referrals.sorted { ($0.0, $0.1) < ($1.0, $1.1) })
    }

    static func parse(_ kind: RingEdge.Kind, _ value: String) -> RingShared {
        func drop(_ prefix: String) -> String { value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value }
        switch kind {
        case .paymentAccount:
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            return RingShared(kind: kind, shown: value, raw: parts.count == 2 ? parts[1] : value,
                              accountType: parts.count == 2 ? parts[0] : nil, members: [])
        case .device: return RingShared(kind: kind, shown: value, raw: drop("device "), members: [])
        case .residentialLine: return RingShared(kind: kind, shown: value, raw: drop("line "), members: [])
        case .shipTo: return RingShared(kind: kind, shown: value, raw: drop(RingGroup.shipToPrefix), members: [])
        default: return RingShared(kind: kind, shown: value, raw: value, members: [])
        }
    }

    /// A hex SHA-256, which STIX and MISP can carry as a file hash.
    var isSHA256: Bool { raw.count == 64 && raw.allSatisfy(\.isHexDigit) }

    static let withheld = "withheld (personal data; export with --include-personal-data)"
}

extension RingShared {
    /// The MISP attribute for the value (type/category pairs valid in describeTypes, as the case attributes).
    var misp: (type: String, category: String, value: String, toIds: Bool)? {
        switch kind {
        case .paymentAccount:
            switch accountType {
            case "iban": return ("iban", "Financial fraud", raw, true)
            case "wallet": return MISPEventBuilder.looksLikeBitcoin(raw) ? ("btc", "Financial fraud", raw, true) : ("text", "Financial fraud", raw, false)
            default: return ("bank-account-nr", "Financial fraud", raw, true)
            }
        case .device: return ("text", "Other", shown, false)
        case .phone: return ("phone-number", "Person", raw, false)
        case .email: return ("email-src", "Social network", raw, true)
        case .resume, .photo: return isSHA256 ? ("sha256", "Payload delivery", raw.lowercased(), false) : ("text", "Other", shown, false)
        case .shipTo: return ("text", "Person", raw, false)
        case .residentialLine: return ("ip-src", "Network activity", raw, false)
        case .referral: return nil
        }
    }
}
