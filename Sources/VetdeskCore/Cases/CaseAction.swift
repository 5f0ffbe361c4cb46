/// What an analyst can do to a case. Decisions (`clear`, `escalate`, `refer`, `reopen`) change its status;
/// `take`/`release` change who holds it; `note` only adds to the history.
public enum CaseAction: Sendable, Equatable {
    case take, release, note, clear, escalate(reason: String), refer(to: String), reopen

    /// The word stored in `history.action`.
    public var name: String {
        switch self {
        case .take: "take"
        case .release: "release"
        case .note: "note"
        case .clear: "clear"
        case .escalate: "escalate"
        case .refer: "refer"
        case .reopen: "reopen"
        }
    }

    /// The escalation reason code or referral target, stored in `history.reason_code`.
    public var reasonCode: String? {
        switch self {
        case let .escalate(reason): reason
        case let .refer(to): to
        default: nil
        }
    }

    /// True for actions that end or restart a review (they consume the analyst's draft note too).
    public var isDecision: Bool {
        switch self {
        case .clear, .escalate, .refer, .reopen: true
        default: false
        }
    }
}
