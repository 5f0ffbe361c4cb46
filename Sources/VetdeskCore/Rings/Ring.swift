/// A ring: candidates joined by strong shared identifiers (docs/rings.md).
public struct Ring: Sendable, Equatable, Encodable {
    public var id: String                 // "R-000001", stable while members come and go
    public var members: [RingMember]      // highest risk first
    public var edges: [RingEdge]
    public var score: Int                 // 0-100, see RingScore
    public var firstSeen: Int64?
    public var lastSeen: Int64?
    public var events: [RingEvent]        // membership changes, oldest first

    public var size: Int { members.count }
    /// Edge kinds, strongest first, with how many edges of each.
    public var strongestKinds: [(kind: RingEdge.Kind, count: Int)] {
        var counts: [RingEdge.Kind: Int] = [:]
        for e in edges { counts[e.kind, default: 0] += 1 }
        return counts.sorted { ($0.key.strength, $0.value) > ($1.key.strength, $1.value) }.map { ($0.key, $0.value) }
    }
    /// "escalated 3, new 2"
    public var statusSummary: String {
        var counts: [String: Int] = [:]
        for m in members { counts[m.status, default: 0] += 1 }
        return counts.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    public static func == (a: Ring, b: Ring) -> Bool { a.id == b.id && a.members == b.members && a.edges == b.edges }
}

public struct RingMember: Sendable, Equatable, Encodable {
    public var candidateId: String
    public var name: String
    public var risk: Int
    public var band: String
    public var status: String
    public var joinedAt: Int64
}

/// Two candidates sharing one strong identifier, with the span it was seen in.
public struct RingEdge: Sendable, Equatable, Hashable, Encodable {
    public enum Kind: String, Sendable, Encodable, CaseIterable {
        case paymentAccount = "payment_account", device, shipTo = "ship_to", phone, email, resume, photo
        case residentialLine = "residential_line", referral

        /// Order for "strongest shared identifiers": money and hardware first.
        public var strength: Int {
            switch self {
            case .paymentAccount: 9
            case .device: 8
            case .shipTo: 7
            case .residentialLine: 6
            case .phone, .email: 5
            case .resume, .photo: 4
            case .referral: 3
            }
        }
    }

    public var a: String                  // a < b
    public var b: String
    public var kind: Kind
    public var value: String              // the shared value as shown (IBAN, device id, address...)
    public var firstSeen: Int64?
    public var lastSeen: Int64?

    public init(_ x: String, _ y: String, kind: Kind, value: String, firstSeen: Int64? = nil, lastSeen: Int64? = nil) {
        (a, b) = x < y ? (x, y) : (y, x)
        self.kind = kind
        self.value = value
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// "C-000231 joined via iban LT45… on 2026-03-02"
public struct RingEvent: Sendable, Equatable, Encodable {
    public var at: Int64
    public var candidateId: String
    public var change: String             // joined | left
    public var via: String
}
