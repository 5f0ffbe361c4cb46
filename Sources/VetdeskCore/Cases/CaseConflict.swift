import GRDB

extension CaseService {
    /// The conflict a decision made on `expectedVersion` would meet now, worded exactly as `apply`
    /// words it, with the case's current version; nil when the case has not changed. The console
    /// shows a restored draft's conflict with it before the analyst sends anything.
    public func conflict(candidateId: String, expectedVersion: Int) throws -> (message: String, version: Int)? {
        try store.pool.read { db in
            guard let current = try CaseStore.fetch(db, candidateId: candidateId),
                  current.version != expectedVersion else { return nil }
            return (Self.conflictMessage(candidateId, expected: expectedVersion, current: current.version,
                                         lastChange: try lastChangeDescription(db, current)), current.version)
        }
    }

    static func conflictMessage(_ candidateId: String, expected: Int, current: Int, lastChange: String) -> String {
        "case \(candidateId) changed since you opened it (version \(expected), now \(current)): " + lastChange
    }
}
