/// A synthetic analyst for load and crash testing (`vetdesk audit stress`, the concurrency tests):
/// reads a case, picks an action valid for the state it saw and applies it with that version, so every
/// attempt either commits once or is refused with a conflict — never anything else.
public enum DecisionWorkload {
    public enum Outcome: Sendable, Equatable {
        case committed(version: Int)
        case conflict
        case refused(String)
    }

    public static func action(for c: CaseFile, analyst: String, roll: UInt64) -> CaseAction {
        switch c.status {
        case .new: return roll % 5 == 0 ? .note : .take
        case .inReview:
            if let holder = c.assignee, holder != analyst { return .release }
            switch roll % 4 {
            case 0: return .clear
            case 1: return .escalate(reason: "other")
            case 2: return .note
            default: return .release
            }
        case .escalated: return roll % 2 == 0 ? .refer(to: "legal") : .reopen
        case .cleared, .referred: return .reopen
        }
    }

    /// One read-decide-apply round on `candidateId`.
    public static func step(_ service: CaseService, candidateId: String, analyst: String, roll: UInt64,
                            note: String) throws -> Outcome {
        guard let seen = try service.caseFile(candidateId) else {
            throw VetdeskError.notFound("no case \(candidateId)")
        }
        do {
            let updated = try service.apply(action(for: seen, analyst: analyst, roll: roll), to: candidateId,
                                            analyst: analyst, note: note, expectedVersion: seen.version)
            return .committed(version: updated.version)
        } catch VetdeskError.conflict {
            return .conflict
        } catch let VetdeskError.invalidTransition(message) {
            return .refused(message)
        }
    }
}
