/// What a rescoring run did.
public struct RescoreReport: Codable, Sendable, Equatable {
    /// Candidates whose flags and score were recomputed.
    public var candidates: Int = 0
    /// Of those, how many were in dirty_candidate (the rest were linked to them).
    public var dirty: Int = 0
    public var linked: Int = 0
    public var flags: Int = 0
    /// Candidates per band after the run, e.g. ["critical": 3, "none": 950].
    public var bands: [String: Int] = [:]
    /// Flags per rule id.
    public var flagsByRule: [String: Int] = [:]
    public var seconds: Double = 0
    /// Seconds per phase (load.*, links, evaluate, write), to see where a slow run goes.
    public var phases: [String: Double] = [:]
    /// True when another connection committed while the run computed: its dirty marks were kept, so
    /// the next rescore settles what changed meanwhile.
    public var keptDirty: Bool = false
    /// True when a dirty run was done as a full run, its queue holding a large share of the candidates
    /// (Rescorer.fullRunShare); nil otherwise.
    public var asFullRun: Bool?
    /// The ring refresh that followed (RingService.refresh), or why it failed.
    public var rings: RingService.RefreshReport?
    public var ringsError: String?
    public init() {}
}
