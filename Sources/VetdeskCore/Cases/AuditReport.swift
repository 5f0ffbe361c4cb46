/// The result of recomputing the history chain. `problem` names the first entry found bad.
public struct AuditReport: Sendable, Equatable, Codable {
    public enum ProblemKind: String, Sendable, Codable {
        /// An entry's content no longer hashes to its stored hash (edited, or moved to another seq).
        case altered
        /// An entry's prev_hash is not the hash of the entry before it (a neighbour was removed, replaced or reordered).
        case brokenLink = "broken_link"
        /// A seq number is missing: the entry was deleted.
        case missing
        /// The chain head records more entries than exist: the tail was truncated.
        case truncated
        /// The chain head was deleted or does not match the last entry.
        case headMismatch = "head_mismatch"
        /// A case's status differs from what its last history entry says (case_file edited directly).
        case caseStateMismatch = "case_state_mismatch"
    }

    public struct Problem: Sendable, Equatable, Codable {
        public var kind: ProblemKind
        /// The first bad entry's seq (for `caseStateMismatch`, the case's last entry).
        public var seq: Int64?
        public var candidateId: String?
        public var message: String
    }

    public var entriesChecked: Int
    public var headSeq: Int64?
    public var headHash: String?
    public var problem: Problem?
    public var isIntact: Bool { problem == nil }
    /// Entries whose note an erasure emptied: they verify through their commitment, not their text.
    public var redactions: [Redaction] = []
    /// When the chain was re-hashed into format v2 (migration v6), and what the v1 chain said then.
    public var rechained: [Rechain] = []

    public struct Redaction: Sendable, Equatable, Codable {
        public var erasure: Int64
        public var entries: Int
    }

    public struct Rechain: Sendable, Equatable, Codable {
        public var at: Int64
        public var entries: Int
        public var v1HeadSeq: Int64?
        public var v1HeadHash: String?
        /// Non-nil when the v1 chain did not verify before re-hashing: the fault is kept on record.
        public var v1Problem: String?
        enum CodingKeys: String, CodingKey {
            case at, entries, v1HeadSeq = "v1_head_seq", v1HeadHash = "v1_head_hash", v1Problem = "v1_problem"
        }
    }

    /// "3 entries redacted by erasure #1; 1 by erasure #2"
    public var redactionSummary: String? {
        guard !redactions.isEmpty else { return nil }
        return redactions.enumerated().map { i, r in
            (i == 0 ? "\(r.entries) entr\(r.entries == 1 ? "y" : "ies") redacted by erasure #\(r.erasure)"
                    : "\(r.entries) by erasure #\(r.erasure)")
        }.joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey {
        case entriesChecked = "entries_checked", headSeq = "head_seq", headHash = "head_hash", problem, isIntact = "intact"
        case redactions, rechained
    }

    public init(entriesChecked: Int, headSeq: Int64?, headHash: String?, problem: Problem?) {
        self.entriesChecked = entriesChecked; self.headSeq = headSeq; self.headHash = headHash; self.problem = problem
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entriesChecked = try c.decode(Int.self, forKey: .entriesChecked)
        headSeq = try c.decodeIfPresent(Int64.self, forKey: .headSeq)
        headHash = try c.decodeIfPresent(String.self, forKey: .headHash)
        problem = try c.decodeIfPresent(Problem.self, forKey: .problem)
        redactions = try c.decodeIfPresent([Redaction].self, forKey: .redactions) ?? []
        rechained = try c.decodeIfPresent([Rechain].self, forKey: .rechained) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(isIntact, forKey: .isIntact)
        try c.encode(entriesChecked, forKey: .entriesChecked)
        try c.encode(headSeq, forKey: .headSeq)
        try c.encode(headHash, forKey: .headHash)
        try c.encode(problem, forKey: .problem)
        try c.encode(redactions, forKey: .redactions)
        try c.encode(rechained, forKey: .rechained)
    }
}

extension AuditReport.Problem {
    enum CodingKeys: String, CodingKey { case kind, seq, candidateId = "candidate_id", message }
}
