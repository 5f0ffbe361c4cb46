import GRDB

/// The login hot path: each event is mapped to its candidate through the store (AccountLookup, a
/// bounded cache in front), its IP resolved through a bounded cache (and persisted in ip_info), then events are
/// inserted in batches sorted by their dedupe key (LoginEventInserter); the events that were new and mapped
/// are counted in the in-memory summaries (LoginSummaryWorker), which are added to the summary tables whenever they hold
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
/// 2026-11-30, session 6 (LoginBatch: one byte buffer per batch, bound with SQLITE_STATIC, no String per
/// CSV field), same slices side by side at load 13-19: 500k 8.41 -> 6.07 s CPU, 23.4 -> 14.5 s wall
/// (0.27 -> 0.44x sqlite3 .import by wall); 1M 16.5 -> 12.8 s CPU, 0.29 -> 0.39x. The writing thread is
/// 85 % of the samples, SQLite and the kernel half of them (docs/performance.md, "session 6").
/// 2026-11-30, session 7 (summaries counted on LoginSummaryWorker's thread, the file hashed beside the
/// import), quiet machine, 3 rounds side by side: 500k 4.27-4.46 -> 4.07-4.36 s wall (0.45-0.48 -> 0.47-0.50x
/// sqlite3 .import); whole 5M file 49.8 -> 47.7 s (sqlite3 20.4 s: 0.41 -> 0.43x). SQLite is now 75 % of the
/// writing thread: 1.3x the whole of sqlite3 .import (docs/performance.md, "Import throughput (session 7)").
/// 2026-12-01, session 10 (login_day packed per candidate, country and 32-day block, v17): 5M file 27.4-28.1
/// -> 26.0-26.2 s wall side by side, 3.05M day upserts -> 166k (docs/performance.md, "Login days packed in blocks").
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

    func run(next: () throws -> LoginRecord?, counts: inout ImportCounts) throws {
        try run(batches: { try LoginBatch.read(size: $0, from: next) }, counts: &counts)
    }

    /// `batches(n)`: the next batch of up to n events, nil at the end (called on the reading thread).
    func run(batches: (Int) throws -> LoginBatch?, counts: inout ImportCounts) throws {
        let db = writer.db
        let summaryStore = LoginSummaryStore(db: db)
        let accounts = try AccountLookup(db: db)
        let touchedStore = try TouchedCandidates(db: db)
        let inserter = try LoginEventInserter(db: db)
        try inserter.fillMissingKeys()
        /// Interned candidates and IPs (names only: the counts are kept by `worker`).
        var summaries = LoginSummaries()
        let worker = LoginSummaryWorker()
        defer { worker.stop() }
        /// Account as written -> (candidate id, interned index); nil when it maps to nobody.
        var accountCache: [String: (id: String, index: Int)?] = [:]
        /// IP -> (interned index, resolved country).
        var ipCache: [String: (index: Int, country: String?)] = [:]
        // Per event of the batch being written: interned candidate (-1: unmapped), interned IP, country.
        var candidate: [Int] = [], ipIndex: [Int] = [], country: [String] = []

        // The file's account and IP repeat from one row to the next (exports are grouped by user or
        // by session): comparing the bytes with the previous row's skips making a String and hashing it.
        var lastAccount: [UInt8] = [], lastCandidate: (id: String, index: Int)? = nil
        var lastIP: [UInt8] = [], lastResolved: (index: Int, country: String?) = (0, nil)

        /// Writes the counted summaries and clears them. Only while the worker is idle (`whenIdle`).
        func writeSummaries(_ tallies: inout LoginSummaries) throws {
            let rank = summaries.candidateRanks()
            try summaryStore.add(summaries.withCounts(of: tallies), rank: rank, checkpoint: writer.checkpoint)
            tallies.clearCounts()
        }
        /// New events of the batch the worker holds (maybe not yet in `pendingRowsSoFar`).
        var newInWorker = 0

        func write(_ batch: LoginBatch) throws {
            counts.records += batch.records
            for (reason, n) in batch.skipped { counts.skipped[reason, default: 0] += n }
            let n = batch.count
            candidate.removeAll(keepingCapacity: true); ipIndex.removeAll(keepingCapacity: true)
            country.removeAll(keepingCapacity: true)
            for i in 0..<n {
                try writer.checkpoint() // IP lookups and ip_info writes hold the lock too
                if lastAccount.isEmpty || !batch.equals(i, .account, lastAccount) {
                    let account = batch.text(i, .account) ?? ""
                    if let hit = accountCache[account] {
                        lastCandidate = hit
                    } else {
                        lastCandidate = try accounts.candidate(for: account).map { ($0, summaries.intern(candidate: $0)) }
                        if accountCache.count >= Self.accountsInMemory { accountCache.removeAll(keepingCapacity: true) }
                        accountCache[account] = lastCandidate
                    }
                    lastAccount = batch.copy(i, .account)
                }
                candidate.append(lastCandidate?.index ?? -1)

                if lastIP.isEmpty || !batch.equals(i, .ip, lastIP) {
                    let ip = batch.text(i, .ip) ?? ""
                    if let hit = ipCache[ip] {
                        lastResolved = hit
                    } else {
                        let info = intel.lookup(ip)
                        try writeIPInfo(info)
                        lastResolved = (summaries.intern(ip: ip), info.country)
                        ipCache[ip] = lastResolved
                    }
                    lastIP = batch.copy(i, .ip)
                }
                ipIndex.append(lastResolved.index)
                country.append(lastResolved.country ?? batch.text(i, .reportedCountry) ?? "")
            }

            // In login_candidate_time's order (candidate id, then time): one sweep of that index per batch.
            let rank = summaries.candidateRanks()
            var keys = [(rank: Int, at: Int64)]()
            keys.reserveCapacity(n)
            for i in 0..<n { keys.append((candidate[i] < 0 ? -1 : rank[candidate[i]], batch.occurredAt[i])) }
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let inserted = try inserter.insert(batch, candidate: candidate,
                                               names: (summaries.candidateBytes, summaries.candidateSpans),
                                               order: order, checkpoint: writer.checkpoint)
            var new = 0
            for stored in inserted where stored { new += 1 }
            counts.inserted += new
            counts.skippedDuplicates += n - new
            // Summary rows run about one per new event (5M events: ~6M rows): a flush is due when the
            // rows counted, the worker's batch and this one could pass the bound. The worker is idle by
            // then (counting a batch takes a fraction of inserting the next), so nothing waits.
            if worker.pendingRowsSoFar + newInWorker + new >= Self.summaryRowsInMemory {
                try worker.whenIdle { tallies, _ in try writeSummaries(&tallies) }
            }
            worker.add(.init(batch: batch, candidate: candidate, ipIndex: ipIndex, country: country, inserted: inserted))
            newInWorker = new
            // Bounded, like the IPs below: interned names are forgotten once nothing refers to them, i.e.
            // after this batch is counted and written (the worker is waited for: once per ~32k candidates).
            let tooManyCandidates = summaries.candidates.count >= Self.candidatesInMemory
            if tooManyCandidates || summaries.ips.count >= Self.ipsInMemory {
                try worker.whenIdle { tallies, touched in
                    try writeSummaries(&tallies)
                    // The counts name candidates and IPs by interned index: none may be left when they go.
                    precondition(tallies.pendingRows == 0, "names forgotten while counts refer to them")
                    if tooManyCandidates {
                        try touchedStore.add(touched.map { summaries.candidates[$0] })
                        touched.removeAll(keepingCapacity: true)
                        summaries.forgetCandidates()
                        accountCache.removeAll(keepingCapacity: true)
                        lastAccount = []
                    }
                    if summaries.ips.count >= Self.ipsInMemory { // IP cache and interned IPs go together
                        summaries.forgetIPs()
                        ipCache.removeAll(keepingCapacity: true)
                        lastIP = []
                    }
                }
            }
        }

        // The reading thread parses, maps and packs whole batches (LoginBatch); this thread maps
        // accounts and IPs and inserts; LoginSummaryWorker's thread counts the summaries meanwhile.
        try PrefetchingReader.runOwned(batchSize: 1, depth: 2, produce: { try batches(Self.batchSize) }) {
            (queued: inout [LoginBatch]) in
            for batch in queued { try write(batch) }
        }
        try worker.whenIdle { tallies, touched in
            try writeSummaries(&tallies)
            try touchedStore.add(touched.map { summaries.candidates[$0] })
        }
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
