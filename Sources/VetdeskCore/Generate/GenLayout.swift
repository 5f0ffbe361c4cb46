/// Which role each candidate index plays: a member of a planted ring, or a benign person with
/// at most one weak-signal trait. Built once per data set (a few bytes per candidate).
public enum GenRingKind: String, CaseIterable, Sendable, Codable {
    /// Five personas, two shared third-party payout accounts, shared hosting/VPN exits, one
    /// forwarder ship-to abroad, UTC+9 working day, video avoidance.
    case vpnPayoutRing = "vpn-payout-ring"
    /// Four personas behind one residential IP, IP-KVM and AnyDesk, a referral chain.
    case laptopFarm = "laptop-farm"
    /// Two personas with logins from DPRK address space, a shared crypto wallet, payout churn.
    case dprkPair = "dprk-pair"
    /// One persona with a borrowed identity: failed/manipulated ID check, foreign document,
    /// fresh accounts, a backdated code-hosting profile.
    case borrowedIdentity = "borrowed-identity"

    public var size: Int {
        switch self {
        case .vpnPayoutRing: 5
        case .laptopFarm: 4
        case .dprkPair: 2
        case .borrowedIdentity: 1
        }
    }
}

enum GenBenignTrait: CaseIterable {
    case plain, applicantOnly, traveller, privacyVPN, platformPayee, nightOwl, rescheduler, lowRateJunior, expat,
         approvedRemoteTool,
         // Groups real teams see, each with one weak (or no) signal: see GenBenignGroups.swift.
         household, couple, carrierNAT, coworking, corporateEgress, relocated,
         // Near misses of the derived byod_request and prepayment_pressure (GenTraits.swift).
         newStarter, milestoneAdvance

    /// People per group for traits that come in groups (one household, one coworking space...), else 1.
    var groupSize: Int {
        switch self {
        case .household, .couple: 2
        case .coworking, .corporateEgress: 4
        default: 1
        }
    }

    /// How many of each per 300 candidates (the demo's proportions).
    var per300: Int {
        switch self {
        case .plain: 0          // whatever is left
        case .applicantOnly: 70
        case .traveller: 10
        case .privacyVPN: 8
        case .platformPayee: 20
        case .nightOwl: 6
        case .rescheduler: 1
        case .lowRateJunior: 8
        case .expat: 3
        case .approvedRemoteTool: 2
        case .household: 12
        case .couple: 6
        case .carrierNAT: 12
        case .coworking: 8
        case .corporateEgress: 8
        case .relocated: 4
        case .newStarter: 5
        case .milestoneAdvance: 6
        }
    }
}

enum GenRole: Equatable {
    case benign(GenBenignTrait)
    case ring(GenRingKind, instance: Int, member: Int)
}

struct GenLayout {
    let roles: [GenRole]
    /// ring kind -> instances -> candidate indices, member order.
    let rings: [GenRingKind: [[Int]]]
    let loginCounts: [Int32]
    /// Benign groups (households, coworking spaces...): candidate index -> (group number, member).
    let groups: [Int: (group: Int, member: Int)]

    init(candidates n: Int, logins: Int, ringsPerKind: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed, stream: 0x1A70)
        var roles = [GenRole](repeating: .benign(.plain), count: n)
        var order = Array(0..<n)
        // Fisher-Yates shuffle: ring members and traits land at scattered indices.
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        var cursor = 0
        var rings: [GenRingKind: [[Int]]] = [:]
        for kind in GenRingKind.allCases {
            for instance in 0..<ringsPerKind where cursor + kind.size <= n {
                let members = order[cursor..<(cursor + kind.size)].sorted()
                for (m, index) in members.enumerated() { roles[index] = .ring(kind, instance: instance, member: m) }
                rings[kind, default: []].append(members)
                cursor += kind.size
            }
        }
        var groups: [Int: (group: Int, member: Int)] = [:]
        var groupNumber = 0
        for trait in GenBenignTrait.allCases where trait != .plain {
            let count = max(trait.per300 > 0 && n >= 300 ? 1 : 0, (n * trait.per300 + 150) / 300)
            let size = trait.groupSize
            // Groups are placed whole: a household of one would be a plain person.
            for k in 0..<(count / size * size) where cursor < n {
                if size > 1 && k % size == 0 && cursor + size > n { break }
                roles[order[cursor]] = .benign(trait)
                if size > 1 {
                    if k % size == 0 { groupNumber += 1 }
                    groups[order[cursor]] = (groupNumber, k % size)
                }
                cursor += 1
            }
        }
        self.groups = groups
        self.roles = roles
        self.rings = rings

        // Logins: each hired candidate gets a share proportional to a random weight, rounded
        // cumulatively so the total is exactly `logins`.
        var weights = [Double](repeating: 0, count: n)
        var total = 0.0
        for i in 0..<n where roles[i] != .benign(.applicantOnly) {
            weights[i] = 0.6 + 0.8 * rng.unit()
            total += weights[i]
        }
        var counts = [Int32](repeating: 0, count: n)
        var acc = 0.0
        var emitted = 0
        if total > 0 {
            for i in 0..<n where weights[i] > 0 {
                acc += weights[i]
                let upTo = Int((acc / total * Double(logins)).rounded())
                counts[i] = Int32(min(upTo, logins) - emitted)
                emitted += Int(counts[i])
            }
        }
        loginCounts = counts
    }

    static func candidateId(_ index: Int) -> String {
        let digits = String(index + 1)
        return "C-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
