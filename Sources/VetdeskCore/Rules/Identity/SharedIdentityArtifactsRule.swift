/// The candidate's email, phone, postal address, laptop ship-to, resume, headshot or login device
/// also belongs to other candidates. Addresses are compared normalised (`AddressKey`). Two or three
/// people declaring one home is a household and does not count; many people at one address does,
/// and so does a ship-to address other candidates also use or live at (a forwarder, a farm).
public struct SharedIdentityArtifactsRule: Rule {
    public init() {}
    public let id = "shared_identity_artifacts"
    public let title = "Identity artifacts shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.4
    public let source = Sources.cite(Sources.fbiMay2024, Sources.microsoft2025, Sources.gtig2025)
    /// Up to this many people declaring one home address are a household.
    public let thresholds: [String: Double] = ["household_max": 3]

    static let kinds: [SharedValue.Kind: String] = [
        .email: "email", .phone: "phone", .address: "address", .resume: "resume", .photo: "headshot", .device: "login device",
        .shipTo: "ship-to address",
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let shared = ctx.shared.filter { v in
            guard Self.kinds[v.kind] != nil else { return false }
            if v.kind == .address { return Double(v.others.count + 1) > s["household_max"] }
            return true
        }
        guard !shared.isEmpty else { return nil }
        var evidence = SharedEvidence()
        for v in shared {
            let label = Self.kinds[v.kind]!
            // A shared login device points at the device; other artifacts at the candidate field.
            let item: Evidence
            switch v.kind {
            case .device: item = Evidence(kind: .device, ref: v.value, detail: "\(label) \(v.label)")
            case .address: item = Evidence(kind: .field, ref: "address", detail: "\(label) \(v.label): \(v.others.count + 1) people declare it (more than a household)")
            case .shipTo:
                let shippers = v.sharers.filter(\.shipsHere).count
                item = Evidence(kind: .field, ref: "ship_to_address", detail: "\(label) \(v.label): \(shippers) ship a laptop here, \(v.sharers.count - shippers) live here")
            default: item = Evidence(kind: .field, ref: v.kind.rawValue, detail: "\(label) \(v.label)")
            }
            evidence.add(item, others: v.others) { "also \(label) of \(EvidenceText.candidate($0))" }
        }
        let what = Array(Set(shared.map { Self.kinds[$0.kind]! })).sorted().joined(separator: ", ")
        return flag(ctx, s, "Shares \(what) with \(evidence.otherNames)", evidence.items)
    }
}
