/// An analyst's attribution of a case to a threat actor. It is never inferred from scores or from the
/// export format: it exists only when an analyst escalated or referred the case with a reason code that
/// carries it (`dprk_it_worker`) or with an explicit `--attribute`, and it is recorded in the hash-chained
/// history entry of that decision (columns `attribution`, `attribution_confidence`).
public struct Attribution: Sendable, Equatable, Codable {
    /// A `ThreatActor.id`.
    public var actor: String
    /// The analyst's confidence, 0–100 (STIX 2.1 §3.2 confidence scale).
    public var confidence: Int

    public init(actor: String, confidence: Int) {
        self.actor = actor
        self.confidence = confidence
    }

    /// Confidence used when an attributing reason code is chosen without `--confidence`: "moderate"
    /// on the STIX 2.1 Appendix A admiralty/none-low-med-high mappings (Med = 50).
    public static let defaultConfidence = 50
}

/// Threat actors an analyst can attribute a case to, with the names partners' platforms know them by.
public struct ThreatActor: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var aliases: [String]
    /// The intrusion set STIX exports attribute to this actor.
    public var intrusionSet: (name: String, aliases: [String])?
    /// MISP galaxy cluster tags (misp-galaxy threat-actor and microsoft-activity-group clusters).
    public var mispGalaxyTags: [String]

    public static func == (a: ThreatActor, b: ThreatActor) -> Bool { a.id == b.id }

    public static let dprkITWorkers = ThreatActor(
        id: "dprk_it_workers",
        name: "DPRK remote IT worker operation",
        description: "North Korean IT workers obtaining remote jobs under false or borrowed identities to earn "
            + "revenue for the DPRK.",
        aliases: ["WageMole", "Famous Chollima", "Jasper Sleet", "UNC5267", "Nickel Tapestry"],
        intrusionSet: ("Famous Chollima", ["Jasper Sleet", "UNC5267"]),
        mispGalaxyTags: ["misp-galaxy:threat-actor=\"WageMole\"",
                         "misp-galaxy:microsoft-activity-group=\"Jasper Sleet\""])

    public static let catalog: [ThreatActor] = [dprkITWorkers]

    public static func named(_ id: String) -> ThreatActor? { catalog.first { $0.id == id } }

    /// Escalation reason codes that carry an attribution by themselves.
    public static let attributingReasons: [String: String] = ["dprk_it_worker": dprkITWorkers.id]
}

/// The attribution a case carries now, with who made it: from the latest escalate/refer entry of the
/// current decision cycle. A reopen or a clear ends it; a referral keeps the escalation's attribution
/// unless it states its own.
public struct CaseAttribution: Sendable, Equatable, Encodable {
    public var actor: String
    public var actorName: String
    public var confidence: Int
    public var analyst: String
    public var at: Int64
    public var note: String
    public var historySeq: Int64?

    public static func current(_ history: [HistoryEntry]) -> CaseAttribution? {
        var found: CaseAttribution?
        for e in history {
            switch e.action {
            case "clear", "reopen":
                found = nil
            case "escalate", "refer":
                if let actor = e.attribution, let known = ThreatActor.named(actor) {
                    found = CaseAttribution(actor: actor, actorName: known.name,
                                            confidence: e.attributionConfidence ?? Attribution.defaultConfidence,
                                            analyst: e.analyst, at: e.at, note: e.note, historySeq: e.seq)
                } else if e.action == "escalate" {
                    found = nil
                }
            default:
                break
            }
        }
        return found
    }
}
