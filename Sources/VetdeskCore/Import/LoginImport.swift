import GRDB

/// The login hot path: each event is mapped to its candidate through the store (AccountLookup, a
/// bounded cache in front), its IP resolved once per file (and persisted in ip_info), then events are inserted in
/// batches sorted by their dedupe key (LoginEventInserter); the events that were new and mapped
/// are added to the in-memory summaries, which are added to the summary tables whenever they hold
/// `summaryRowsInMemory` rows and at the end of the file. Only candidates that received a new
/// event are queued for rescoring. `writer.checkpoint` is called before every row written: there the
/// import session commits a chunk once it has held the write lock for 50 ms (ImportSession).
///
/// Measured on the 2-core dev machine (shared with other engineers, load average 1-2), release build,
/// first 1M rows of the 100k-candidate bench file (319 MB), into a store holding the candidates:
/// - before (TEXT UNIQUE(source, source_id), GRDB arguments, one thread, 256 MB cache):
///   26.5 s wall, 21.5 s CPU, 509 MB max RSS;
/// - now (INTEGER event_key fed in sorted batches, C-API binding, parsing on a second thread,
///   summaries flushed every 200k rows, 64 MB cache): 11.8-16 s wall, 12.7-17 s CPU, 227 MB;
/// - `sqlite3 .import` of the same CSV into a fresh bare table: 2.9-4.6 s wall, 2.9-4.1 s CPU.
/// What remains is mostly SQLite itself: every event also feeds ~2.5 summary rows (a session per
/// login in real exports), three B-trees per event, and the WAL written twice (log, checkpoint).
/// 2026-11-30, first 500k rows, same run (load 13-15): 11.1-11.6 s CPU and 225 MB before records were
/// moved and summaries written in key order with 64k rows held, 10.6-11.4 s and 191 MB after; sqlite3
/// .import 2.3-2.5 s. SQLite + kernel alone are 5.8 s there, so ~0.45x is the ceiling with these
/// tables (docs/performance.md, "Import throughput").
/// 2026-11-30, session 5 (v15-logindata: dedupe key inside login_candidate_time, batches in its order,
/// hours packed in login_week), same slice side by side at load 6-7: 12.9-13.0 s CPU before, 10.8-11.1 s
/// after, sqlite3 .import 2.6-3.0 s (0.24-0.27x); first 1M rows 23.6 -> 18.5 s CPU (0.22 -> 0.28x),
/// 50.8 -> 34.3 s wall. What remains is mostly per-row Swift work (docs/performance.md, "session 5").
struct LoginImport {
    let writer: ImportWriter
    let intel: IPIntelligence

    /// Events per insert batch: large enough that sorting by key gives the index locality,
    /// small enough to keep memory flat (~10 MB of events).
    static let batchSize = 32_768
    /// Summary rows held in memory before they are written (about 100 bytes each, twice that with
    /// the dictionaries' spare capacity). 64k rather than 200k: ~25 MB less at the peak, and no more
    /// upserts on files grouped by user (a user's rows meet in one window either way).
    static let summaryRowsInMemory = 65_536
    /// Distinct IPs cached (with their interned index) before the cache starts again.
    static let ipsInMemory = 32_768
    /// Interned candidates held before they are forgotten (with the account cache and the touched
    /// set, which refer to them), and accounts cached. Session 5: the whole account map, every
    /// interned candidate and the touched set grew with the store; at 1M candidates / 20M sign-ins
    /// the import peaked at 1,577 MB (issue 13's aim: 200 MB). Files are grouped by user, so the
    /// previous-row shortcut catches most rows and a small cache loses little. Measured (debug, 1.2M
    /// generated sign-ins): 300k candidates 311 -> 161 MB, 30k 155 -> 145 MB (docs/performance.md).
    static let candidatesInMemory = 32_768
    static let accountsInMemory = 65_536

    private struct Pending {
        var candidate: Int?
        var ip: Int
        var country: String
        var at: Int64
    }

    func run(next: () throws -> LoginRecord?, counts: inout ImportCounts) throws {
        let db = writer.db
        let summaryStore = LoginSummaryStore(db: db)
        let accounts = try AccountLookup(db: db)
        let touchedStore = try TouchedCandidates(db: db)
        let inserter = try LoginEventInserter(db: db)
        try inserter.fillMissingKeys()
        var summaries = LoginSummaries()
        /// Account as written -> (candidate id, interned index); nil when it maps to nobody.
        var accountCache: [String: (id: String, index: Int)?] = [:]
        /// IP -> (interned index, resolved country).
        var ipCache: [String: (index: Int, country: String?)] = [:]
        /// Interned candidates that received a new event: they are queued for rescoring (written to
        /// `touchedStore` before the interned candidates are forgotten).
        var touched = Set<Int>()
        var batch: [LoginEvent] = []
        var pending: [Pending] = []
        batch.reserveCapacity(Self.batchSize)
        pending.reserveCapacity(Self.batchSize)

        // The file's account and IP repeat from one row to the next (exports are grouped by user or
        // by session): comparing with the previous row's skips hashing the strings for the caches.
        var lastAccount = "", lastCandidate: (id: String, index: Int)? = nil
        var lastIP = "", lastResolved: (index: Int, country: String?) = (0, nil)

        func flush() throws {
            // In login_candidate_time's order (candidate id, then time): one sweep of that index per batch.
            let rank = summaries.candidateRanks()
            var keys = [(rank: Int, at: Int64)]()
            keys.reserveCapacity(batch.count)
            for i in batch.indices { keys.append((pending[i].candidate.map { rank[$0] } ?? -1, pending[i].at)) }
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let inserted = try inserter.insert(batch, order: order, checkpoint: writer.checkpoint)
            for (i, new) in inserted.enumerated() {
                guard new else { counts.skippedDuplicates += 1; continue }
                counts.inserted += 1
                if let c = pending[i].candidate {
                    touched.insert(c)
                    summaries.add(batch[i], candidate: c, ip: pending[i].ip, country: pending[i].country)
                }
            }
            batch.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            if summaries.pendingRows >= Self.summaryRowsInMemory {
                let rank = summaries.candidateRanks()
                try summaryStore.add(summaries, rank: rank, checkpoint: writer.checkpoint)
                summaries.clearCounts()
                if summaries.candidates.count >= Self.candidatesInMemory { // bounded, like the IPs below
                    try touchedStore.add(touched.map { summaries.candidates[$0] })
                    touched.removeAll(keepingCapacity: true)
                    summaries.forgetCandidates()
                    accountCache.removeAll(keepingCapacity: true)
                    lastAccount = ""
                }
                if summaries.ips.count >= Self.ipsInMemory { // bounded: IP cache and interned IPs go together
                    summaries.forgetIPs()
                    ipCache.removeAll(keepingCapacity: true)
                    lastIP = ""
                }
            }
        }

        try PrefetchingReader.runOwned(batchSize: 4096, produce: next) { (records: inout [LoginRecord]) in
            records.reverse() // popLast then moves each record out, in file order, without a copy
            while let record = records.popLast() {
                try writer.checkpoint() // IP lookups and ip_info writes hold the lock too
                counts.records += 1
                guard case .event(var event) = record else {
                    if case .skipped(let reason) = record { counts.skipped[reason, default: 0] += 1 }
                    continue
                }
                if event.account != lastAccount || lastAccount.isEmpty {
                    if let hit = accountCache[event.account] {
                        lastCandidate = hit
                    } else {
                        lastCandidate = try accounts.candidate(for: event.account).map { ($0, summaries.intern(candidate: $0)) }
                        if accountCache.count >= Self.accountsInMemory { accountCache.removeAll(keepingCapacity: true) }
                        accountCache[event.account] = lastCandidate
                    }
                    lastAccount = event.account
                }
                let candidate = lastCandidate
                event.candidateId = candidate?.id

                if event.ip != lastIP || lastIP.isEmpty {
                    if let hit = ipCache[event.ip] {
                        lastResolved = hit
                    } else {
                        let info = intel.lookup(event.ip)
                        try writeIPInfo(info)
                        lastResolved = (summaries.intern(ip: event.ip), info.country)
                        ipCache[event.ip] = lastResolved
                    }
                    lastIP = event.ip
                }
                let ip = lastResolved
                pending.append(Pending(candidate: candidate?.index, ip: ip.index,
                                       country: ip.country ?? event.reportedCountry ?? "", at: event.occurredAt))
                batch.append(event)
                if batch.count == Self.batchSize { try flush() }
            }
        }
        try flush()
        let rank = summaries.candidateRanks()
        try summaryStore.add(summaries, rank: rank, checkpoint: writer.checkpoint)
        try touchedStore.add(touched.map { summaries.candidates[$0] })
        // In slices, so the publish step stays short even when 100k candidates got events.
        try touchedStore.forEachSlice(of: 1024) { slice in
            try writer.checkpoint()
            try writer.markDirty(slice)
        }
        try touchedStore.drop()
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
