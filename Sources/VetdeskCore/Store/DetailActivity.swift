import GRDB

/// The Activity panel's read: the candidate's transfers without the role-peer scans (those are
/// for the rules), objects bounded like the other detail lists.
enum DetailActivity {
    static let topObjects = 12
    static let topIPs = 12

    static func load(_ db: Database, candidateId id: String) throws -> TransferActivity? {
        guard var a = try TransferQueries.forCandidate(db, id).load()[id] else { return nil }
        a.objects = Array(a.objects.prefix(topObjects))
        a.ips = Array(a.ips.prefix(topIPs))
        return a
    }
}
