/// The workflow's state machine: which action is allowed from which status, and what it leads to.
///
///     new ──take──▶ in_review ──clear──▶ cleared
///      │               │  └──escalate──▶ escalated ──refer──▶ referred
///      └─clear/escalate┘ (a decision on a new case takes it implicitly)
///     cleared | escalated | referred ──reopen──▶ in_review
///     in_review ──release──▶ new          note: any status, no change
///
/// A case in review held by another analyst can only be noted or released: deciding it needs the holder
/// to release it (or to be asked), so two analysts never decide one case in parallel unknowingly.
enum CaseTransition {
    struct Outcome {
        var status: CaseStatus
        var assignee: String?
        var referredTo: String?
    }

    static func resolve(_ action: CaseAction, case current: CaseFile, analyst: String,
                        lastChange: () throws -> String) throws -> Outcome {
        let id = current.candidateId
        func refuse(_ why: String) throws -> Never {
            throw VetdeskError.invalidTransition("cannot \(action.name) case \(id): \(why) (\(try lastChange()))")
        }
        func requireNotHeldByOther() throws {
            if current.status == .inReview, let holder = current.assignee, holder != analyst {
                try refuse("it is held by \(holder); ask them to release it")
            }
        }
        var out = Outcome(status: current.status, assignee: current.assignee, referredTo: current.referredTo)
        switch action {
        case .note:
            break
        case .take:
            switch current.status {
            case .new: break
            case .inReview:
                if current.assignee == analyst { try refuse("you already hold it") }
                try requireNotHeldByOther()
            default: try refuse("it is closed as \(current.status.rawValue); reopen it instead")
            }
            out.status = .inReview
            out.assignee = analyst
        case .release:
            guard current.status == .inReview else { try refuse("only a case in review can be released") }
            out.status = .new
            out.assignee = nil
        case .clear, .escalate:
            guard current.status == .new || current.status == .inReview else {
                try refuse("it is already \(current.status.rawValue); reopen it first")
            }
            try requireNotHeldByOther()
            if case .clear = action { out.status = .cleared } else { out.status = .escalated }
            out.assignee = analyst
        case let .refer(target):
            guard current.status == .escalated else {
                try refuse("only an escalated case can be referred, this one is \(current.status.rawValue)")
            }
            out.status = .referred
            out.assignee = analyst
            out.referredTo = target
        case .reopen:
            guard current.status.isClosed else { try refuse("only a closed case can be reopened, this one is \(current.status.rawValue)") }
            out.status = .inReview
            out.assignee = analyst
            out.referredTo = nil
        }
        return out
    }
}
