import GRDB

/// The values shared by 2+ candidates that touch one chunk of a rescoring run (RuleLinkQueries.groups,
/// scoped to the chunk: set-based GROUP BY ... HAVING over the indexes), with all their sharers, so
/// that the chunk builds its candidates' `SharedValue`s in memory. Session 5 built one index for the
/// whole run in the plan; at 1M candidates (a third of whom share an IP in the generated set) that
/// index was a large part of `rescore --all`'s 541 MB, so each chunk now finds its own
/// (docs/performance.md, "Rescore memory at 1M (session 6)"). Only groups of 2+ are kept.
struct RuleLinkIndex: Sendable {
    struct Entry: Sendable {
        var kind: SharedValue.Kind
        var value: String
        var label: String
        var members: [String]
        /// Everyone holding the value, in member order (the same array is shared by every member's value).
        var sharers: [Sharer]
        var network: SharedNetwork?
    }

    private(set) var entries: [Entry] = []
    /// Candidate id -> its entries, in entry order (one index per occurrence among the members).
    private var byCandidate: [String: [Int32]] = [:]
    /// Names of every member, for `LinkedCandidate`.
    private var names: [String: String] = [:]

    init() {}

    init(_ db: Database, scope: RuleScope, maxCandidatesPerIP: Int, groupsOfRun: RuleLinkQueries.RunGroups) throws {
        var queries = RuleLinkQueries(db: db, scope: scope, maxCandidatesPerIP: maxCandidatesPerIP)
        queries.groupsOfRun = groupsOfRun
        let groups = try queries.groups()
        var everyone = Set<String>()
        var ipMembers = Set<String>()
        for g in groups {
            everyone.formUnion(g.members)
            if g.kind == .ip { ipMembers.formUnion(g.members) }
        }
        let people = try RuleLinkQueries.people(db, ids: everyone)
        let totals = try RuleLinkQueries.loginTotals(db, ids: ipMembers)
        names.reserveCapacity(everyone.count)
        for id in everyone { names[id] = people[id]?.name ?? "?" }
        entries.reserveCapacity(groups.count)
        for g in groups {
            let sharers = g.members.map { m -> Sharer in
                let p = people[m]
                return Sharer(id: m, declaredCountry: p?.country ?? "", city: p?.city ?? "", address: p?.address ?? "",
                              events: g.events[m] ?? 0, totalEvents: totals[m] ?? 0, shipsHere: g.shipsHere.contains(m))
            }
            let k = Int32(entries.count)
            for m in g.members { byCandidate[m, default: []].append(k) }
            entries.append(Entry(kind: g.kind, value: g.value, label: g.label, members: g.members, sharers: sharers, network: g.network))
        }
    }

    /// The candidate's shared values, as one scoped run of RuleLinkQueries gave them.
    func sharedValues(of id: String) -> [SharedValue] {
        guard let ks = byCandidate[id] else { return [] }
        return ks.map { k in
            let e = entries[Int(k)]
            let others = e.members.filter { $0 != id }.map { LinkedCandidate(id: $0, name: names[$0] ?? "?") }
            return SharedValue(kind: e.kind, value: e.value, label: e.label, others: others, sharers: e.sharers, network: e.network)
        }
    }

    /// Groups and member slots, for the run's report.
    var memberSlots: Int { byCandidate.values.reduce(0) { $0 + $1.count } }
}
