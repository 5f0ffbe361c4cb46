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
        var evidence: [Evidence] = []
        var others = Set<LinkedCandidate>()
        for v in shared {
            // A shared login device points at the device; other artifacts at the candidate field.
            evidence.append(v.kind == .device
                ? Evidence(kind: .device, ref: v.value, detail: "\(Self.kinds[v.kind]!) \(v.label)")
                : Evidence(kind: .field, ref: v.kind.rawValue, detail: "\(Self.kinds[v.kind]!) \(v.label)"))
            for o in v.others {
                others.insert(o)
                evidence.append(Evidence(kind: .candidate, ref: o.id, detail: "also \(Self.kinds[v.kind]!) of \(EvidenceText.candidate(o))"))
            }
        }
        let what = Array(Set(shared.map { Self.kinds[$0.kind]! })).sorted().joined(separator: ", ")
        let names = others.sorted { $0.id < $1.id }.prefix(3).map(EvidenceText.candidate).joined(separator: ", ")
        let more = others.count > 3 ? " and \(others.count - 3) more" : ""
        return flag(ctx, s, "Shares \(what) with \(names)\(more)", evidence)
    }
}
