import GRDB

/// The login hot path: each event is mapped to its candidate through an in-memory account
/// map, inserted with one prepared statement, its IP resolved once per file (and persisted in
/// ip_info), and, when new and mapped, added to the in-memory summaries that are written at
/// the end of the file.
struct LoginImport {
    let writer: ImportWriter
    let intel: IPIntelligence

    func run(next: () throws -> LoginRecord?, counts: inout ImportCounts) throws {
        let db = writer.db
        let summaryStore = LoginSummaryStore(db: db)
        let accounts = try summaryStore.accountMap()
        let inserter = try LoginEventInserter(db: db)
        var accountCache: [String: String?] = [:]
        var ipCountry: [String: String?] = [:]
        var summaries = LoginSummaries()
        var dirty = Set<String>()

        while let record = try next() {
            counts.records += 1
            guard case .event(var event) = record else { counts.ignored += 1; continue }
            let candidate: String?
            if let hit = accountCache[event.account] {
                candidate = hit
            } else {
                candidate = accounts[event.account.lowercased()]
                accountCache[event.account] = candidate
            }
            event.candidateId = candidate

            let resolved: String?
            if let hit = ipCountry[event.ip] {
                resolved = hit
            } else {
                let info = intel.lookup(event.ip)
                try writeIPInfo(info)
                resolved = info.country
                ipCountry[event.ip] = info.country
            }

            if try inserter.insert(event) {
                counts.inserted += 1
                if let candidate {
                    summaries.add(event, candidate: candidate, country: resolved ?? event.reportedCountry ?? "")
                    dirty.insert(candidate)
                }
            } else {
                counts.skippedDuplicates += 1
            }
        }
        try summaryStore.add(summaries)
        try writer.markDirty(dirty.sorted())
    }

    /// Stores what is known about an IP; rewritten only when the answer changed (a newer
    /// database or provider list), so re-imports change nothing.
    private func writeIPInfo(_ info: IPInfo) throws {
        try writer.upsert(table: "ip_info", key: ["ip"], row: [
            ("ip", info.ip), ("country", info.country), ("asn", info.asn), ("as_name", info.asName),
            ("anonymous_proxy", info.anonymousProxy), ("provider", info.provider), ("provider_kind", info.providerKind),
            ("provider_dprk_named", info.providerDprkNamed),
        ], touch: [("looked_up_at", info.lookedUpAt)])
    }
}
