/// The candidate's email, phone, postal address, resume, headshot or login device also belongs to other candidates.
public struct SharedIdentityArtifactsRule: Rule {
    public init() {}
    public let id = "shared_identity_artifacts"
    public let title = "Identity artifacts shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.4
    public let source = Sources.cite(Sources.fbiMay2024, Sources.microsoft2025, Sources.gtig2025)

    static let kinds: [SharedValue.Kind: String] = [
        .email: "email", .phone: "phone", .address: "address", .resume: "resume", .photo: "headshot", .device: "login device",
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let shared = ctx.shared.filter { Self.kinds[$0.kind] != nil }
        guard !shared.isEmpty else { return nil }
        var evidence = SharedEvidence()
        for v in shared {
            let label = Self.kinds[v.kind]!
            // A shared login device points at the device; other artifacts at the candidate field.
            let item = v.kind == .device
                ? Evidence(kind: .device, ref: v.value, detail: "\(label) \(v.label)")
                : Evidence(kind: .field, ref: v.kind.rawValue, detail: "\(label) \(v.label)")
            evidence.add(item, others: v.others) { "also \(label) of \(EvidenceText.candidate($0))" }
        }
        let what = Array(Set(shared.map { Self.kinds[$0.kind]! })).sorted().joined(separator: ", ")
        return flag(ctx, s, "Shares \(what) with \(evidence.otherNames)", evidence.items)
    }
}
