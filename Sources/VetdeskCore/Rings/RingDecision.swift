/// Deciding a ring as one: the same action, reason and note for every member, in one transaction with a
/// savepoint per member (CaseService.applyBulk). Each member's history entry names the ring, so the hash
/// chain covers the ring decision; members someone else already decided are reported, not overwritten.
public struct RingDecision: Sendable {
    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Time.now() }) {
        self.store = store
        self.clock = clock
    }

    public func apply(_ action: CaseAction, ring id: String, analyst: String, note: String,
                      attribution: Attribution? = nil) throws -> [BulkResult] {
        let ring = try RingService(store: store, clock: clock).ring(id)
        guard !ring.members.isEmpty else {
            throw VetdeskError.invalidArgument("ring \(Sanitize.forDisplay(id)) has no members any more")
        }
        return try CaseService(store: store, clock: clock).applyBulk(
            action, to: ring.members.map(\.candidateId).sorted(), analyst: analyst, note: "[ring \(ring.id)] " + note,
            attribution: attribution)
    }
}
