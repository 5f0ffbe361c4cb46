/// Evidence for the rules built on values shared with other candidates (IPs, payment accounts,
/// identity artifacts): an item for each shared value followed by one per other candidate,
/// and the "C-1 A, C-2 B, C-3 C and 2 more" phrase their summaries end with.
struct SharedEvidence {
    private(set) var items: [Evidence] = []
    private var others = Set<LinkedCandidate>()

    mutating func add(_ value: Evidence, others linked: [LinkedCandidate], detail: (LinkedCandidate) -> String) {
        items.append(value)
        for o in linked {
            others.insert(o)
            items.append(Evidence(kind: .candidate, ref: o.id, detail: detail(o)))
        }
    }

    /// The first three other candidates by id, then how many more.
    var otherNames: String {
        let names = others.sorted { $0.id < $1.id }.prefix(3).map(EvidenceText.candidate).joined(separator: ", ")
        return others.count > 3 ? "\(names) and \(others.count - 3) more" : names
    }
}
