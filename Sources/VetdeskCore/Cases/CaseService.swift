import Foundation
import GRDB

/// The outcome of one candidate in a bulk action: the updated case, or why it was refused.
public struct BulkResult: Sendable, Equatable {
    public var candidateId: String
    public var caseFile: CaseFile?
    public var error: VetdeskError?
    public var succeeded: Bool { caseFile != nil }
    public init(candidateId: String, caseFile: CaseFile?, error: VetdeskError?) {
        self.candidateId = candidateId; self.caseFile = caseFile; self.error = error
    }
}

/// Case workflow: applies analysts' actions as single write transactions that update `case_file`,
/// append one hash-chained `history` entry, advance the chain head and drop the analyst's draft note.
public struct CaseService: Sendable {
    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store) {
        self.init(store: store, clock: { Time.now() })
    }

    /// `clock` lets tests pin timestamps.
    public init(store: Store, clock: @escaping @Sendable () -> Int64) {
        self.store = store
        self.clock = clock
    }

    public static let escalationReasons: [(code: String, label: String)] = [
        ("dprk_it_worker", "Suspected DPRK IT worker"),
        ("identity_fraud", "Stolen, borrowed or synthetic identity"),
        ("laptop_farm", "Laptop farm or facilitator shipping address"),
        ("payment_mule", "Payments to mule, shared or sanctioned accounts"),
        ("shared_infrastructure", "Accounts, devices or IPs shared with other candidates"),
        ("location_concealment", "VPN/proxy or remote access hiding the real location"),
        ("other", "Other (explain in the note)"),
    ]

    public static let referralTargets: [String] = ["legal", "hr", "law_enforcement", "partner_cert"]

    /// Applies one action; `expectedVersion` (case_file.version the analyst saw) makes concurrent decisions safe:
    /// if it differs, throws VetdeskError.conflict("… now <status> by <analyst> at <time>") and writes nothing.
    @discardableResult
    public func apply(_ action: CaseAction, to candidateId: String, analyst: String, note: String,
                      expectedVersion: Int?, attribution: Attribution? = nil) throws -> CaseFile {
        let request = try validated(action, analyst: analyst, note: note, attribution: attribution)
        return try store.pool.writeWithoutTransaction { db in
            var updated: CaseFile?
            // IMMEDIATE: take the write lock before reading, so the version check and the write are atomic
            // and a busy writer is waited for (busy timeout) instead of failing with a stale snapshot.
            try db.inTransaction(.immediate) {
                updated = try applyLocked(db, request, candidateId: candidateId, expectedVersion: expectedVersion)
                return .commit
            }
            return updated!
        }
    }

    /// Applies the same action and note to each candidate, in one transaction with one savepoint per
    /// candidate: a refusal for one (invalid transition, unknown id) does not stop the others.
    public func applyBulk(_ action: CaseAction, to candidateIds: [String], analyst: String,
                          note: String, attribution: Attribution? = nil) throws -> [BulkResult] {
        let request = try validated(action, analyst: analyst, note: note, attribution: attribution)
        return try store.pool.writeWithoutTransaction { db in
            var results: [BulkResult] = []
            try db.inTransaction(.immediate) {
                for id in candidateIds {
                    do {
                        var updated: CaseFile?
                        try db.inSavepoint {
                            updated = try applyLocked(db, request, candidateId: id, expectedVersion: nil)
                            return .commit
                        }
                        results.append(BulkResult(candidateId: id, caseFile: updated, error: nil))
                    } catch let error as VetdeskError {
                        results.append(BulkResult(candidateId: id, caseFile: nil, error: error))
                    }
                }
                return .commit
            }
            return results
        }
    }

    /// The case's history, oldest first.
    public func history(_ candidateId: String) throws -> [HistoryEntry] {
        try store.pool.read { db in try HistoryStore.entries(db, candidateId: candidateId) }
    }

    /// The case as stored now, or nil if the candidate has no case yet.
    public func caseFile(_ candidateId: String) throws -> CaseFile? {
        try store.pool.read { db in try CaseStore.fetch(db, candidateId: candidateId) }
    }

    /// Recomputes the whole chain and names the first entry altered, removed or reordered.
    public func verifyChain() throws -> AuditReport {
        try store.pool.read { db in try HistoryChain.verify(db) }
    }

    /// Checks an externally recorded anchor (a head hash noted down at `seq`) against the current chain:
    /// catches a chain rewritten end to end, which the stored head alone cannot.
    public func checkAnchor(_ report: AuditReport, seq: Int64, hash: String) throws -> AuditReport {
        let stored = try store.pool.read { db in try HistoryStore.hash(db, seq: seq) }
        guard stored != hash.lowercased() else { return report }
        // An anchor taken before the re-hash into format v2 matches the v1 head that migration recorded
        // after verifying it (and keeping any fault it found).
        if report.rechained.contains(where: { $0.v1HeadSeq == seq && $0.v1HeadHash == hash.lowercased() && $0.v1Problem == nil }) {
            return report
        }
        var out = report
        out.problem = .init(kind: .headMismatch, seq: seq, candidateId: nil,
                            message: stored == nil
                                ? "history entry \(seq), recorded externally with hash \(hash.prefix(12))…, no longer exists"
                                : "history entry \(seq) hashes to \(stored!.prefix(12))… but was recorded externally as "
                                  + "\(hash.prefix(12))…: the chain was rewritten")
        return out
    }

    // MARK: - Internals

    struct Request {
        var action: CaseAction
        var analyst: String
        var note: String
        var attribution: Attribution? = nil
    }

    func validated(_ action: CaseAction, analyst: String, note: String,
                   attribution explicit: Attribution? = nil) throws -> Request {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        // Every way in (CLI, console, library) goes through here: the name lands in the audit chain.
        let analyst = try AnalystName.validated(analyst)
        guard !note.isEmpty else {
            throw VetdeskError.invalidArgument("a note is required for '\(action.name)' (it is empty)")
        }
        switch action {
        case let .escalate(reason):
            guard Self.escalationReasons.contains(where: { $0.code == reason }) else {
                let codes = Self.escalationReasons.map(\.code).joined(separator: ", ")
                throw VetdeskError.invalidArgument(reason.isEmpty
                    ? "escalation requires a reason code (one of: \(codes))"
                    : "unknown escalation reason '\(reason)' (one of: \(codes))")
            }
        case let .refer(to):
            guard Self.referralTargets.contains(to) else {
                throw VetdeskError.invalidArgument(
                    "unknown referral target '\(to)' (one of: \(Self.referralTargets.joined(separator: ", ")))")
            }
        default: break
        }
        return Request(action: action, analyst: analyst, note: note,
                       attribution: try Self.attribution(for: action, explicit: explicit))
    }

    /// The attribution a decision records: the explicit one, else the one its reason code carries.
    /// Only escalations and referrals attribute; anything else asking for one is refused.
    static func attribution(for action: CaseAction, explicit: Attribution?) throws -> Attribution? {
        if let explicit {
            switch action {
            case .escalate, .refer: break
            default:
                throw VetdeskError.invalidArgument("only an escalation or a referral can attribute a case, not '\(action.name)'")
            }
            guard ThreatActor.named(explicit.actor) != nil else {
                throw VetdeskError.invalidArgument("unknown threat actor '\(Sanitize.forDisplay(explicit.actor))' (one of: "
                    + ThreatActor.catalog.map(\.id).joined(separator: ", ") + ")")
            }
            guard (0...100).contains(explicit.confidence) else {
                throw VetdeskError.invalidArgument("confidence must be 0–100, not \(explicit.confidence)")
            }
            return explicit
        }
        if case let .escalate(reason) = action, let actor = ThreatActor.attributingReasons[reason] {
            return Attribution(actor: actor, confidence: Attribution.defaultConfidence)
        }
        return nil
    }

    /// Runs inside a write transaction that already holds the write lock.
    func applyLocked(_ db: Database, _ request: Request, candidateId: String, expectedVersion: Int?) throws -> CaseFile {
        let now = clock()
        guard var current = try CaseStore.fetchOrOpen(db, candidateId: candidateId, now: now) else {
            throw VetdeskError.notFound("no candidate with id '\(candidateId)'")
        }
        if let expectedVersion, expectedVersion != current.version {
            throw VetdeskError.conflict(Self.conflictMessage(candidateId, expected: expectedVersion, current: current.version,
                                                             lastChange: try lastChangeDescription(db, current)))
        }
        let from = current.status
        let transition = try CaseTransition.resolve(request.action, case: current, analyst: request.analyst,
                                                     lastChange: { try lastChangeDescription(db, current) })
        current.status = transition.status
        current.assignee = transition.assignee
        current.referredTo = transition.referredTo
        current.version += 1
        current.updatedAt = max(now, current.updatedAt)
        try CaseStore.update(db, current)
        var entry = HistoryEntry(seq: nil, candidateId: candidateId, at: now, analyst: request.analyst,
                                 action: request.action.name, fromStatus: from.rawValue,
                                 toStatus: current.status.rawValue, reasonCode: request.action.reasonCode,
                                 note: request.note, prevHash: "", hash: "",
                                 attribution: request.attribution?.actor,
                                 attributionConfidence: request.attribution?.confidence)
        try HistoryChain.append(db, &entry)
        try CaseStore.dropDraft(db, analyst: request.analyst, candidateId: candidateId)
        if from != current.status { try CaseStore.markDirty(db, candidateId: candidateId) }
        return current
    }

    /// "now escalated by alice at 2026-03-02T07:14:00Z" from the case's latest history entry.
    func lastChangeDescription(_ db: Database, _ caseFile: CaseFile) throws -> String {
        if let last = try HistoryStore.latest(db, candidateId: caseFile.candidateId) {
            return "now \(caseFile.status.rawValue) by \(last.analyst) at \(Time.iso(last.at))"
                + (caseFile.assignee.map { " (held by \($0))" } ?? "")
        }
        return "now \(caseFile.status.rawValue) at \(Time.iso(caseFile.updatedAt))"
    }
}
