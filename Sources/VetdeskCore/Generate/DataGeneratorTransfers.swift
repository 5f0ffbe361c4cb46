/// The generator's after-hire events (issue 10), rebuilt from the same personas `write` makes.
/// Until the transfer importers land, tests load these through `TransferEventWriter`; the vendor
/// files `write` puts under after-hire/ carry the same events.
extension DataGenerator {
    /// The persona of one candidate index, exactly as `write` makes it.
    func persona(_ index: Int) -> (GenRole, GenPersona) {
        let factory = GenPersonaFactory(seed: options.seed, split: options.loginFormat == .split)
        var rng = SplitMix64(seed: options.seed, stream: UInt64(index) + 1)
        let role = layout.roles[index]
        switch role {
        case let .benign(trait):
            if let g = layout.groups[index] {
                return (role, factory.grouped(index: index, trait: trait, group: g.group, member: g.member, rng: &rng))
            }
            return (role, factory.benign(index: index, trait: trait, rng: &rng))
        case let .ring(kind, instance, member):
            return (role, GenRingFactory(base: factory, layout: layout).make(index: index, kind: kind, instance: instance,
                                                                             member: member, rng: &rng))
        }
    }

    /// Every after-hire event with the behaviour of its person, in candidate order.
    func transferPlan() -> (events: [GenTransferPlan.Event], kinds: [String: GenTransferPlan.Kind]) {
        let people = (0..<options.candidates).map { i -> (index: Int, role: GenRole, persona: GenPersona) in
            let made = self.persona(i)
            return (i, made.0, made.1)
        }
        let kinds = GenTransferPlan.kinds(people)
        let plan = GenTransferPlan(seed: options.seed)
        var events: [GenTransferPlan.Event] = []
        var byId: [String: GenTransferPlan.Kind] = [:]
        for p in people {
            guard let kind = kinds[p.index] else { continue }
            byId[p.persona.candidate.id] = kind
            events += plan.events(index: p.index, persona: p.persona, kind: kind)
        }
        return (events, byId)
    }

    /// The records to store, for tests and the demo load.
    public func transferRecords() -> [TransferEventRecord] { transferPlan().events.map(\.record) }

    /// Candidate ids by after-hire behaviour ("exfiltrator", "new-starter", "release-engineer", "traveller").
    public func transferPeople() -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (id, kind) in transferPlan().kinds where kind != .regular { out[kind.rawValue, default: []].append(id) }
        return out.mapValues { $0.sorted() }
    }
}
