/// Other candidates log in from the same IP (laptop farm, shared operator). How the IP is shared
/// decides whether it counts (`SharedIPContext`): people who declare one home (a household), one
/// city (an office, coworking space, carrier NAT) or who share only a single VPN/hosting exit (a
/// commercial VPN's customers) are not a farm. What counts is a line that people declaring
/// different homes all use as a main line, or a set of 2+ exits that the same people share.
/// Corporate egress and IPs shared by very many candidates are excluded when the groups are built.
public struct SharedLoginIPRule: Rule {
    public init() {}
    public let id = "shared_login_ip"
    public let title = "Login IP shared with other candidates"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.gtig2025)
    public let thresholds: [String: Double] = [
        // IPs used by more candidates than this are treated as public infrastructure, not a farm.
        "max_candidates_per_ip": 25,
        // A line is someone's main line when at least this share of their logins come from it.
        "main_share": 0.25,
        // VPN/hosting exits count only when the same people share at least this many of them.
        "min_shared_exits": 2,
        // A farm line that this many people use as their main line, declaring homes in at least
        // `farm_countries` countries, is the laptop-farm signature itself: weighed `farm_factor` times.
        "farm_people": 3,
        "farm_countries": 2,
        "farm_factor": 1.7,
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let me = ctx.candidate.id
        let shared = ctx.shared.filter { $0.kind == .ip && Double($0.others.count + 1) <= s["max_candidates_per_ip"] }
        guard !shared.isEmpty else { return nil }
        var counted: [(SharedValue, SharedIPContext.Reading, [LinkedCandidate])] = []
        var exits: [SharedValue] = []
        for v in shared {
            let reading = SharedIPContext.read(v, me: me, mainShare: s["main_share"])
            switch reading.kind {
            case .exit:
                // A consumer privacy VPN's exits (provider kind vpn, not named in DPRK reporting) are
                // shared by its customers by design, several at a time: never a set of one operator's.
                if v.network?.providerKind == "vpn" && v.network?.dprkNamed != true { continue }
                exits.append(v)
            case .farmLine: counted.append((v, reading, v.others))
            case .household, .sameCity, .occasional: continue
            }
        }
        // Exits: only peers met on several of them (one operator's set of exits, not one VPN server).
        var met: [String: Int] = [:]
        for v in exits { for o in v.others { met[o.id, default: 0] += 1 } }
        let peers = Set(met.filter { Double($0.value) >= s["min_shared_exits"] }.keys)
        if !peers.isEmpty {
            for v in exits {
                let others = v.others.filter { peers.contains($0.id) }
                if !others.isEmpty { counted.append((v, SharedIPContext.Reading(kind: .exit, note: "exit shared with the same people on \(Int(s["min_shared_exits"]))+ exits"), others)) }
            }
        }
        guard !counted.isEmpty else { return nil }
        var evidence = SharedEvidence()
        for (v, reading, others) in counted {
            evidence.add(Evidence(kind: .ip, ref: v.value, detail: "\(v.label) — \(reading.note)"), others: others) {
                "\(v.value) also used by \(EvidenceText.candidate($0))"
            }
        }
        let ips = counted.prefix(2).map(\.0.value).joined(separator: ", ") + (counted.count > 2 ? " +\(counted.count - 2)" : "")
        let what = Set(counted.map(\.1.kind)).contains(.farmLine) ? "one line used by people declaring different homes" : "a set of exits used by the same people"
        var result = flag(ctx, s, "Shares login IP \(ips) with \(evidence.otherNames): \(what)", evidence.items)
        let farm = counted.contains { $0.1.kind == .farmLine && Double($0.1.people) >= s["farm_people"]
                                      && Double($0.1.countries) >= s["farm_countries"] }
        if farm {
            result.weight = min(0.95, s.weight * s["farm_factor"])
            result.summary += " in several countries"
        }
        return result
    }
}

/// How a shared IP is shared, from its network and from what its users declare.
public enum SharedIPContext {
    public enum Kind: String, Sendable {
        /// Everyone declares the same home address: a household.
        case household
        /// Everyone declares the same city but different homes: an office, coworking space or carrier NAT.
        case sameCity = "same_city"
        /// A VPN/hosting/anonymiser exit: its users are the provider's customers.
        case exit
        /// A main line for people who declare different homes: the laptop-farm pattern.
        case farmLine = "farm_line"
        /// A line that is only an occasional one for the others (carrier NAT, café, hotel).
        case occasional
    }

    public struct Reading: Sendable, Equatable {
        public var kind: Kind
        public var note: String
        /// For a farm line: how many people use it as their main line, and in how many declared countries.
        public var people = 0
        public var countries = 0
    }

    public static func read(_ v: SharedValue, me: String, mainShare: Double) -> Reading {
        if v.network?.isExit == true {
            return Reading(kind: .exit, note: "VPN/hosting exit (\(v.network?.provider ?? v.network?.providerKind ?? "anonymiser"))")
        }
        guard let mine = v.sharers.first(where: { $0.id == me }) else { return Reading(kind: .occasional, note: "shared") }
        let others = v.sharers.filter { $0.id != me }
        if !mine.address.isEmpty && others.allSatisfy({ $0.address == mine.address }) {
            return Reading(kind: .household, note: "household: all declare the same address")
        }
        if !mine.city.isEmpty && others.allSatisfy({ $0.city == mine.city && $0.declaredCountry == mine.declaredCountry }) {
            return Reading(kind: .sameCity, note: "all declare \(mine.city): office, coworking or carrier NAT")
        }
        let mainOthers = others.filter { $0.share >= mainShare && ($0.address != mine.address || mine.address.isEmpty) }
        if mine.share >= mainShare && !mainOthers.isEmpty {
            let countries = Set(([mine] + mainOthers).map(\.declaredCountry).filter { !$0.isEmpty }).sorted()
            let place = countries.count > 1 ? "declaring homes in \(countries.joined(separator: ", "))" : "declaring different homes"
            return Reading(kind: .farmLine, note: "main line of \(mainOthers.count + 1) people \(place)",
                           people: mainOthers.count + 1, countries: countries.count)
        }
        return Reading(kind: .occasional, note: "occasional shared egress (carrier NAT, café, hotel)")
    }
}
