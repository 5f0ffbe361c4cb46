import GRDB

/// Loads `RuleContext`s for every candidate in a scope with one set-based query per table
/// (not one per candidate), so a full run over 100k candidates stays fast. Login data comes
/// only from the importer's summary tables (login_ip_use, login_day, login_week, login_session,
/// login_device) joined with ip_info; login_event is read by its (candidate_id, occurred_at, event_key)
/// index only for candidates whose login_day rows show a possible multi-country burst.
struct RuleContextLoader {
    let db: Database
    let scope: RuleScope
    let config: RuleConfig
    let now: Int64

    // Internal, not private: RuleContextDerivedQueries.swift fills the derived signals.
    var contexts: [RuleContext] = []
    var index: [String: Int] = [:]
    /// `peerManagedShare(db)` when the caller computed it once for many chunks (RescorePlan); nil: computed here.
    var peerManagedShare: Double?? = nil
    /// `watchlistHits(db, scope)` of the whole run, when the caller found them once; nil: found here for this scope.
    var watchlistOfRun: [String: [WatchlistHit]]? = nil

    init(db: Database, scope: RuleScope, config: RuleConfig, now: Int64) {
        self.db = db; self.scope = scope; self.config = config; self.now = now
    }

    /// Seconds spent per table, for `RescoreReport.phases`.
    private(set) var phases: [String: Double] = [:]

    mutating func load() throws -> [RuleContext] {
        try timed("load.candidates") { try $0.loadCandidates() }
        try timed("load.checks") { try $0.loadChecks() }
        try timed("load.interviews") { try $0.loadInterviews() }
        try timed("load.payments") { try $0.loadAccounts() }
        try timed("load.network_ips") { try $0.loadNetworkIPs() }
        try timed("load.login_hours") { try $0.loadHours() }
        try timed("load.sessions") { try $0.loadSessions() }
        try timed("load.devices") { try $0.loadDevices() }
        try timed("load.locales") { try $0.loadLocales() }
        // Before the days: whether burst sign-ins are read depends on the IdP verdicts (`burstCanMatter`).
        try timed("load.idp_risk") { try $0.loadIdPRisk() }
        try timed("load.login_days") { try $0.loadDays() }
        try timed("load.endpoints") { try $0.loadEndpoints() }
        try timed("load.watchlist") { try $0.loadWatchlist() }
        try timed("load.forwarders") { try $0.loadForwarders() }
        try timed("load.device_posture") { try $0.loadDevicePosture() }
        try timed("load.payment_requests") { try $0.loadEarlyPaymentRequests() }
        try timed("load.transfers") { l in
            let byId = try TransferQueries.forScope(l.db, l.scope).load()
            for (id, a) in byId { if let i = l.index[id] { l.contexts[i].activity = a } }
        }
        return contexts
    }

    private mutating func timed(_ name: String, _ body: (inout RuleContextLoader) throws -> Void) throws {
        let t = PhaseClock()
        try body(&self)
        phases[name] = t.seconds
    }

    mutating func each(_ sql: String, _ args: StatementArguments = [], _ body: (inout RuleContext, Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
        while let row = try cursor.next() {
            let cid: String = row[0]
            guard let i = index[cid] else { continue }
            try body(&contexts[i], row)
        }
    }

    private mutating func loadCandidates() throws {
        let sql = """
        SELECT c.id, c.full_name, c.email, c.phone, c.phone_type, c.phone_changes, c.declared_country, c.city, c.address,
               c.ship_to_address, c.ship_to_country, c.ship_to_changed_at, c.ship_to_is_forwarder, c.platform, c.role,
               c.rate_hourly, c.rate_currency, c.market_rate_hourly, c.referrer_id, c.applied_at, c.hired_at,
               c.email_created_at, c.profile_url, c.profile_name, c.profile_location, c.profile_created_at,
               c.github_username, c.github_created_at, c.github_first_commit_at, c.resume_hash, c.photo_hash, c.locale,
               c.byod_requested, c.prepayment_requests, c.payout_changes_90d, c.updated_at, f.status
        FROM candidate c LEFT JOIN case_file f ON f.candidate_id = c.id
        WHERE \(scope.filter("c.id")) ORDER BY c.id
        """
        let statement = try db.makeStatement(sql: sql)
        let expected = try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE \(scope.filter("id"))") ?? 0
        contexts.reserveCapacity(expected)
        index.reserveCapacity(expected)
        try RawColumns.forEachRow(statement) { r in
            var c = Candidate(id: r.text(0) ?? "", fullName: r.text(1) ?? "", updatedAt: r.int64(35) ?? 0)
            c.email = r.text(2); c.phone = r.text(3); c.phoneType = r.text(4); c.phoneChanges = r.int(5)
            c.declaredCountry = r.text(6); c.city = r.text(7); c.address = r.text(8); c.shipToAddress = r.text(9)
            c.shipToCountry = r.text(10); c.shipToChangedAt = r.int64(11); c.shipToIsForwarder = r.bool(12)
            c.platform = r.text(13); c.role = r.text(14); c.rateHourly = r.double(15); c.rateCurrency = r.text(16)
            c.marketRateHourly = r.double(17); c.referrerId = r.text(18); c.appliedAt = r.int64(19); c.hiredAt = r.int64(20)
            c.emailCreatedAt = r.int64(21); c.profileUrl = r.text(22); c.profileName = r.text(23)
            c.profileLocation = r.text(24); c.profileCreatedAt = r.int64(25); c.githubUsername = r.text(26)
            c.githubCreatedAt = r.int64(27); c.githubFirstCommitAt = r.int64(28); c.resumeHash = r.text(29)
            c.photoHash = r.text(30); c.locale = r.text(31); c.byodRequested = r.bool(32); c.prepaymentRequests = r.int(33)
            c.payoutChanges90d = r.int(34)
            index[c.id] = contexts.count
            contexts.append(RuleContext(candidate: c, caseStatus: r.text(36).flatMap(CaseStatus.init(rawValue:)), now: now))
        }
    }

    private mutating func loadChecks() throws {
        try each("""
        SELECT candidate_id, id, checked_at, provider, document_type, document_country, result, face_match,
               manipulation_flagged, name_on_document
        FROM identity_check WHERE \(scope.filter("candidate_id"))
        """) { ctx, r in
            ctx.checks.append(IdentityCheck(id: r[1], candidateId: r[0], checkedAt: r[2], provider: r[3], documentType: r[4],
                                            documentCountry: r[5], result: r[6], faceMatch: r[7], manipulationFlagged: r[8],
                                            nameOnDocument: r[9]))
        }
    }

    private mutating func loadInterviews() throws {
        try each("""
        SELECT candidate_id, id, scheduled_at, kind, outcome, camera, interviewer, notes
        FROM interview WHERE \(scope.filter("candidate_id"))
        """) { ctx, r in
            ctx.interviews.append(Interview(id: r[1], candidateId: r[0], scheduledAt: r[2], kind: r[3], outcome: r[4],
                                            camera: r[5], interviewer: r[6], notes: r[7]))
        }
    }

    /// Payments per (candidate, account), folded here rather than with GROUP BY: the rows come from the
    /// payment_candidate index in (candidate, rowid) order, where SQLite sorted them for GROUP BY and kept
    /// two group_concat(DISTINCT) trees per group (9 % of a full run's CPU at 100k). The result is the
    /// query's: accounts by id, distinct methods and payee names in the order first paid, listed the way
    /// group_concat joined and the loader split them (`splitLikeConcat`); payments whose account row is
    /// missing count nowhere (the inner join). PaymentAccountLoadTests compares both.
    private mutating func loadAccounts() throws {
        var uses: [Int: [Int64: AccountUseCounts]] = [:]
        let rows = try db.makeStatement(sql: """
            SELECT candidate_id, account_id, paid_at, method, payee_name FROM payment WHERE \(scope.filter("candidate_id"))
            """)
        try RawColumns.forEachRow(rows) { r in
            guard let cid = r.text(0), let i = index[cid] else { return }
            let account = r.int64(1) ?? 0, at = r.int64(2) ?? 0
            // Updated in place: a copy taken out and stored back copied its method and payee arrays on append.
            Self.add(&uses[i, default: [:]][account, default: AccountUseCounts()], at: at, method: r.text(3), payee: r.text(4))
        }
        let accountRow = try db.cachedStatement(sql: """
            SELECT id, account_type, identifier, holder_name, iban, iban_valid, bic, bank_name, bank_country
            FROM payment_account WHERE id = CAST(?1 AS INTEGER)
            """) // RawColumns binds the id as text
        var accounts: [Int64: PaymentAccount?] = [:]
        for (i, byAccount) in uses.sorted(by: { $0.key < $1.key }) {
            for (id, u) in byAccount.sorted(by: { $0.key < $1.key }) {
                if accounts[id] == nil {
                    var found: PaymentAccount? = nil
                    try RawColumns.forEachRow(accountRow, binding: String(id)) { r in
                        found = PaymentAccount(id: r.int64(0), accountType: r.text(1) ?? "", identifier: r.text(2) ?? "",
                                               holderName: r.text(3), iban: r.text(4), ibanValid: r.int64(5).map { $0 != 0 },
                                               bic: r.text(6), bankName: r.text(7), bankCountry: r.text(8))
                    }
                    accounts[id] = .some(found)
                }
                guard let account = accounts[id] ?? nil else { continue }
                contexts[i].accounts.append(AccountUse(account: account, payments: u.payments, firstPaidAt: u.first,
                                                       lastPaidAt: u.last, cryptoPayments: u.crypto,
                                                       methods: Self.splitLikeConcat(u.methods).map(String.init),
                                                       payeeNames: Self.splitLikeConcat(u.payees).map {
                                                           $0.utf8.contains(0x1F) ? $0.replacingOccurrences(of: "\u{1F}", with: ",") : String($0)
                                                       }))
            }
        }
    }

    private struct AccountUseCounts { var payments = 0, first = Int64.max, last = Int64.min, crypto = 0; var methods: [String] = [], payees: [String] = [] }

    private static func add(_ u: inout AccountUseCounts, at: Int64, method: String?, payee: String?) {
        u.payments += 1; u.first = min(u.first, at); u.last = max(u.last, at)
        if let m = method {
            if m == "crypto" { u.crypto += 1 }
            appendDistinct(m, to: &u.methods)
        }
        // Commas inside a payee name travel as U+001F, as replace(payee_name, ',', char(31)) did.
        if let p = payee {
            appendDistinct(p.utf8.contains(0x2C) ? String(decoding: p.utf8.map { $0 == 0x2C ? 0x1F : $0 }, as: UTF8.self) : p,
                           to: &u.payees)
        }
    }

    /// group_concat(DISTINCT): compared by bytes (SQLite's BINARY), in the order first seen.
    private static func appendDistinct(_ value: String, to list: inout [String]) {
        if !list.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { list.append(value) }
    }

    /// The list as the grouped query gave it: group_concat joined the values with commas and the loader
    /// split the text on commas (Swift's Character split: empty parts dropped).
    private static func splitLikeConcat(_ values: [String]) -> [Substring] {
        values.isEmpty ? [] : values.joined(separator: ",").split(separator: ",")
    }

    /// Only IPs that some network rule can act on: DPRK space, named providers, proxies, VPN, hosting.
    private mutating func loadNetworkIPs() throws {
        let asns = config.settings(for: "dprk_ip_space").lists["asns"]?
            .compactMap { Int($0.uppercased().replacingOccurrences(of: "AS", with: "")) } ?? []
        let asnList = asns.isEmpty ? "NULL" : asns.map(String.init).joined(separator: ",")
        try each("""
        SELECT u.candidate_id, u.ip, u.first_at, u.last_at, u.events, i.country, i.asn, i.as_name, i.anonymous_proxy,
               i.provider, i.provider_kind, i.provider_dprk_named, i.looked_up_at
        FROM ip_info i JOIN login_ip_use u ON u.ip = i.ip
        WHERE (i.country = 'KP' OR i.asn IN (\(asnList)) OR i.provider_dprk_named = 1 OR i.anonymous_proxy = 1
               OR i.provider_kind IN ('vpn', 'hosting') OR (i.provider IS NOT NULL AND i.provider_kind IS NOT 'corporate'))
          AND \(scope.filter("u.candidate_id"))
        """) { ctx, r in
            let info = IPInfo(ip: r[1], country: r[5], asn: r[6], asName: r[7], anonymousProxy: r[8], provider: r[9],
                              providerKind: r[10], providerDprkNamed: r[11], lookedUpAt: r[12])
            ctx.networkIPs.append(IPUse(ip: r[1], firstAt: r[2], lastAt: r[3], events: r[4], info: info))
        }
    }

    /// Day-level geography, read only where it can matter. A cheap pass over login_ip_use ⨝ ip_info
    /// gives each candidate's login countries; only candidates with 2+ countries (possible burst),
    /// mostly-foreign logins (possible persistent mismatch) or KP get their login_day rows read
    /// by primary key, and only candidates with burst days get login_event rows, by index.
    /// A full scan of login_day (one row per candidate, day and country) would dominate a run.
    private mutating func loadDays() throws {
        let persistent = config.settings(for: "persistent_geo_mismatch")
        let minAwayShare = min(persistent.thresholds["away_share"] ?? 0.8, 0.5)
        var perCandidate: [Int: [(country: String, events: Int)]] = [:]
        // Summed per country here rather than with GROUP BY: login_ip_use comes in candidate order,
        // and SQLite's sort for GROUP BY candidate, country took 7x the scan (0.14 s vs 0.02 s).
        // The same pass finds who could show a hop multi_country_burst counts (`hopCountries`).
        var hops = HopCountries()
        let statement = try db.makeStatement(sql: """
            SELECT u.candidate_id, upper(i.country), u.events,
                   coalesce(i.anonymous_proxy = 1 OR i.provider_kind IN ('vpn', 'hosting', 'corporate'), 0)
            FROM login_ip_use u LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE \(scope.filter("u.candidate_id"))
            """)
        try RawColumns.forEachRow(statement) { r in
            guard let cid = r.text(0), let i = index[cid] else { return }
            guard let country = r.text(1), !country.isEmpty else { hops.unknown.insert(i); return }
            if !r.bool(3) { hops.add(i, country) }
            let events = r.int(2)
            if let k = perCandidate[i]?.firstIndex(where: { $0.country == country }) {
                perCandidate[i]![k].events += events
            } else {
                perCandidate[i, default: []].append((country, events))
            }
        }
        let dayRows = try db.cachedStatement(sql: """
            SELECT block, country, \(LoginDayBlockSchema.columns) FROM login_day_block
            WHERE candidate_id = ? AND country <> '' ORDER BY block, country
            """)
        let logins = try db.cachedStatement(sql: """
            SELECT l.id, l.occurred_at, l.ip, coalesce(nullif(i.country, ''), l.reported_country, ''), i.asn, i.as_name,
                   coalesce(i.anonymous_proxy = 1 OR i.provider_kind IN ('vpn', 'hosting', 'corporate'), 0)
            FROM login_event l LEFT JOIN ip_info i ON i.ip = l.ip
            WHERE l.candidate_id = ? AND l.occurred_at >= ? AND l.occurred_at < ? AND l.outcome = 'success'
            ORDER BY l.occurred_at
            """)
        for (i, countries) in perCandidate.sorted(by: { $0.key < $1.key }) {
            let declared = contexts[i].candidate.declaredCountry.countryCode ?? ""
            let total = countries.reduce(0) { $0 + $1.events }
            let away = countries.filter { $0.country != declared }.reduce(0) { $0 + $1.events }
            let kp = countries.contains { $0.country == "KP" }
            guard countries.count >= 2 || kp || (total > 0 && Double(away) / Double(total) >= minAwayShare) else { continue }
            try loadDayDetail(i, dayRows, logins, burstCanMatter: hops.mayHop(i) || !contexts[i].idpRiskLogins.isEmpty)
        }
    }

    /// Per candidate, the countries of the sign-in IPs that are not anonymising (the burst query's
    /// `anonymising`), and who has an IP without a country (its sign-ins take the reported one, unknown here).
    private struct HopCountries {
        var nonAnonymising: [Int: [String]] = [:]
        var unknown: Set<Int> = []

        mutating func add(_ i: Int, _ country: String) {
            if !(nonAnonymising[i]?.contains(country) ?? false) { nonAnonymising[i, default: []].append(country) }
        }

        /// multi_country_burst counts a hop only between two non-anonymising sign-ins in different known
        /// countries: with at most one such country and every IP's country known, there is none to find.
        func mayHop(_ i: Int) -> Bool { unknown.contains(i) || (nonAnonymising[i]?.count ?? 0) >= 2 }
    }

    /// Folds one candidate's login_day rows into day stats, per-country activity and burst days,
    /// then reads the logins around the burst days.
    /// `burstCanMatter`: false when no rule could use the burst sign-ins (HopCountries, and no IdP verdicts,
    /// which idp_risk_signal compares with them): they are not read. At 100k / 5M that skips 177k of the
    /// 201k sign-ins read for 8,042 candidates (mostly home -> VPN exit days: not travel).
    private mutating func loadDayDetail(_ i: Int, _ dayRows: Statement, _ logins: Statement, burstCanMatter: Bool) throws {
        let cid = contexts[i].candidate.id
        let declared = contexts[i].candidate.declaredCountry.countryCode ?? ""
        var byDay: [(day: Int64, countries: [String])] = []
        var perCountry: [String: CountryActivity] = [:]
        // One block's rows (in country order) are unpacked together, so days come in (day, country)
        // order as login_day's rows did.
        var block: Int64?
        var blockRows: [(country: String, counts: [Int])] = []
        func addDay(_ day: Int64, _ country: String, _ events: Int) {
            if byDay.last?.day == day { byDay[byDay.count - 1].countries.append(country) } else { byDay.append((day, [country])) }
            if var a = perCountry[country] {
                a.days += 1; a.events += events; a.firstDay = min(a.firstDay, day); a.lastDay = max(a.lastDay, day)
                perCountry[country] = a
            } else {
                perCountry[country] = CountryActivity(country: country, days: 1, events: events, firstDay: day, lastDay: day)
            }
        }
        func unpackBlock() {
            guard let b = block else { return }
            for slot in LoginDayBlockSchema.slots {
                for row in blockRows where row.counts[slot] > 0 {
                    addDay(b * LoginDayBlockSchema.width + Int64(slot), row.country, row.counts[slot])
                }
            }
            blockRows.removeAll(keepingCapacity: true)
        }
        try RawColumns.forEachRow(dayRows, binding: cid) { r in
            let b = r.int64(0) ?? 0
            if b != block { unpackBlock(); block = b }
            blockRows.append(((r.text(1) ?? "").uppercased(), LoginDayBlockSchema.slots.map { r.int(Int32($0 + 2)) }))
        }
        unpackBlock()
        guard let first = byDay.first, let last = byDay.last else { return }
        var burst: [Int64] = []
        for (k, d) in byDay.enumerated() {
            let prev = k > 0 ? byDay[k - 1] : nil
            if d.countries.count >= 2 || (prev != nil && prev!.day == d.day - 1 && prev!.countries != d.countries) { burst.append(d.day) }
        }
        let away = byDay.filter { !$0.countries.contains(declared) }.count
        contexts[i].days = LoginDayStats(knownDays: byDay.count, awayDays: away, firstDay: first.day, lastDay: last.day, burstDays: burst)
        contexts[i].countries = perCountry.values.sorted { ($0.days, $1.country) > ($1.days, $0.country) }
        guard !burst.isEmpty, burstCanMatter else { return }
        // The logins within a day of a burst day: one indexed range per run of consecutive wanted days
        // (burst days are in order), not one range from the first to the last, which read every login
        // of the months between two bursts and dropped them (loadDayDetail was 9 % of a full run).
        var runs: [(first: Int64, last: Int64)] = []
        for day in burst {
            if let last = runs.last?.last, day - 1 <= last + 1 { runs[runs.count - 1].last = day } else { runs.append((day - 1, day)) }
        }
        var found: [BurstLogin] = []
        for run in runs {
            // Read through RawColumns: GRDB Row decoding of these rows was ~5% of a full run's CPU.
            logins.setUncheckedArguments([cid, run.first * 86400, (run.last + 1) * 86400])
            try RawColumns.forEachRow(logins) { r in
                found.append(BurstLogin(id: r.int64(0) ?? 0, occurredAt: r.int64(1) ?? 0, ip: r.text(2) ?? "",
                                        country: (r.text(3) ?? "").uppercased(), asn: r.int64(4).map { Int($0) }, asName: r.text(5),
                                        anonymising: r.bool(6)))
            }
        }
        contexts[i].burstLogins = found
    }

    /// Sign-ins with the identity provider's verdict, through the partial index login_idp_risk: named, since
    /// without ANALYZE statistics SQLite prefers the UNIQUE login_candidate_time (v15-logindata) and walked
    /// every sign-in (5M store: this phase 0.02 s -> 14.3 s until the index was named).
    private mutating func loadIdPRisk() throws {
        try each("""
        SELECT le.candidate_id, le.id, le.occurred_at, le.ip, coalesce(ii.country, le.reported_country, ''), le.outcome,
               le.idp_risk_level, coalesce(le.idp_risk, '')
        FROM login_event le INDEXED BY login_idp_risk LEFT JOIN ip_info ii ON ii.ip = le.ip
        WHERE le.idp_risk_level IS NOT NULL AND le.candidate_id IS NOT NULL AND \(scope.filter("le.candidate_id"))
        ORDER BY le.candidate_id, le.occurred_at
        """) { ctx, r in
            ctx.idpRiskLogins.append(IdPRiskLogin(id: r[1], occurredAt: r[2], ip: r[3], country: (r[4] as String).uppercased(),
                                                  outcome: r[5], level: r[6], verdict: r[7]))
        }
    }

    private mutating func loadHours() throws {
        let s = config.settings(for: "off_hours_pattern")
        let start = Int(s.thresholds["start_hour"] ?? 0), end = Int(s.thresholds["end_hour"] ?? 9)
        // login_week: one row per candidate (168 counters, v15-logindata), not ~25 login_hour rows.
        // Summed here, each counter read once: SQL's two sums read most counters twice (4.6 % of a full run).
        let inWindow = (0..<24).map { hour in start <= end ? hour >= start && hour < end : hour >= start || hour < end }
        let statement = try db.makeStatement(sql: """
            SELECT candidate_id, \(LoginDataSchema.columns) FROM login_week WHERE \(scope.filter("candidate_id"))
            """)
        try RawColumns.forEachRow(statement) { r in
            guard let cid = r.text(0), let i = index[cid] else { return }
            var total = 0, window = 0
            for slot in LoginDataSchema.slots {
                let n = r.int(Int32(slot + 1))
                total += n
                if inWindow[slot % 24] { window += n }
            }
            guard total > 0 else { return } // as before: no row without sign-ins
            contexts[i].hours = HourStats(total: total, inWindow: window)
        }
    }

    private mutating func loadSessions() throws {
        let hours = config.settings(for: "continuous_session").thresholds["hours"] ?? 24
        try each("""
        SELECT candidate_id, session_id, started_at, ended_at, events FROM login_session
        WHERE ended_at - started_at >= ? AND \(scope.filter("candidate_id"))
        """, [Int64(hours * 3600)]) { ctx, r in
            ctx.longSessions.append(SessionSpan(sessionId: r[1], startedAt: r[2], endedAt: r[3], events: r[4]))
        }
    }

    private mutating func loadDevices() throws {
        try each("""
        SELECT candidate_id, device_id, managed, first_at, last_at, events FROM login_device
        WHERE managed = 0 AND \(scope.filter("candidate_id"))
        """) { ctx, r in
            ctx.unmanagedDevices.append(DeviceUse(deviceId: r[1], managed: r[2], firstAt: r[3], lastAt: r[4], events: r[5]))
        }
    }

    /// Client locales per candidate (login_locale: a few rows per candidate), most used first.
    private mutating func loadLocales() throws {
        try each("""
        SELECT candidate_id, locale, events FROM login_locale WHERE \(scope.filter("candidate_id"))
        ORDER BY candidate_id, events DESC, locale
        """) { ctx, r in
            ctx.locales.append(LocaleUse(locale: r[1], events: r[2]))
        }
    }

    /// Only observations the endpoint rules can match: remote tools (software) and IP-KVM hardware (usb).
    private mutating func loadEndpoints() throws {
        let tools = config.settings(for: "remote_access_tools").lists["tools"] ?? []
        let kvm = config.settings(for: "ip_kvm_device")
        let names = kvm.lists["names"] ?? []
        let usbIds = (kvm.lists["usb_ids"] ?? []).map { $0.lowercased() }
        var args: [DatabaseValueConvertible] = []
        func likes(_ words: [String]) -> String {
            guard !words.isEmpty else { return "0" }
            args.append(contentsOf: words.map { "%\($0.lowercased())%" })
            // LIKE is case-insensitive for ASCII already; lower() per pattern cost seconds on 500k rows.
            return "(" + words.map { _ in "name LIKE ?" }.joined(separator: " OR ") + ")"
        }
        let software = likes(tools)
        let usbNames = likes(names)
        let vendors = Set(usbIds.compactMap { $0.split(separator: ":").first.map(String.init) })
        args.append(contentsOf: vendors.sorted())
        let vendorClause = vendors.isEmpty ? "0" : "lower(vendor_id) IN (\(vendors.map { _ in "?" }.joined(separator: ",")))"
        try each("""
        SELECT candidate_id, id, observed_at, device_id, kind, name, vendor_id, product_id, approved
        FROM endpoint_observation
        WHERE ((kind = 'software' AND approved = 0 AND \(software)) OR (kind = 'usb' AND (\(usbNames) OR \(vendorClause))))
          AND \(scope.filter("candidate_id"))
        """, StatementArguments(args)) { ctx, r in
            ctx.endpoints.append(EndpointObservation(id: r[1], candidateId: r[0], observedAt: r[2], deviceId: r[3], kind: r[4],
                                                     name: r[5], vendorId: r[6], productId: r[7], approved: r[8]))
        }
    }

    /// Watchlist addresses (kind `address`: known forwarders) against each ship-to, by AddressKey.
    private mutating func loadForwarders() throws {
        var byKey: [String: [WatchlistEntry]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, list_name, kind, value, note FROM watchlist_entry WHERE kind = 'address'") {
            let e = WatchlistEntry(id: r[0], listName: r[1], kind: r[2], value: r[3], note: r[4])
            let key = AddressKey.of(e.value)
            if !key.isEmpty { byKey[key, default: []].append(e) }
        }
        guard !byKey.isEmpty else { return }
        for i in contexts.indices {
            let key = AddressKey.of(contexts[i].candidate.shipToAddress)
            if !key.isEmpty, let hits = byKey[key] { contexts[i].forwarderHits = hits }
        }
    }

    /// Watchlist hits: the run's own (`watchlistOfRun`, found once in the plan) or this scope's.
    private mutating func loadWatchlist() throws {
        let hits = try watchlistOfRun ?? Self.watchlistHits(db, scope)
        guard !hits.isEmpty else { return }
        for i in contexts.indices {
            if let h = hits[contexts[i].candidate.id] { contexts[i].watchlistHits = h }
        }
    }

    /// Watchlist hits per candidate of the scope, driven from the (small) watchlist through the
    /// identifier indexes. Per chunk of 5,000 the login_ip branch alone cost ~25 ms (each watchlist
    /// IP probed once per chunk candidate): a chunked run asks once for its whole scope.
    static func watchlistHits(_ db: Database, _ scope: RuleScope) throws -> [String: [WatchlistHit]] {
        let sql = """
        SELECT c.id, w.id, w.list_name, w.kind, w.value, w.note, 'email'
          FROM watchlist_entry w JOIN candidate c ON c.email = w.value COLLATE NOCASE
          WHERE w.kind = 'email' AND \(scope.filter("c.id"))
        UNION
        SELECT ca.candidate_id, w.id, w.list_name, w.kind, w.value, w.note, 'login_account'
          FROM watchlist_entry w JOIN candidate_account ca ON ca.account = w.value
          WHERE w.kind IN ('email', 'account', 'handle') AND \(scope.filter("ca.candidate_id"))
        UNION
        SELECT c.id, w.id, w.list_name, w.kind, w.value, w.note, 'phone'
          FROM watchlist_entry w JOIN candidate c ON c.phone = w.value
          WHERE w.kind = 'phone' AND \(scope.filter("c.id"))
        UNION
        SELECT c.id, w.id, w.list_name, w.kind, w.value, w.note, 'github_username'
          FROM candidate c JOIN watchlist_entry w ON w.kind = 'handle' AND w.value = lower(c.github_username)
          WHERE c.github_username IS NOT NULL AND \(scope.filter("c.id"))
        UNION
        SELECT p.candidate_id, w.id, w.list_name, w.kind, w.value, w.note, 'payment_account'
          FROM watchlist_entry w
          JOIN payment_account a ON a.account_type IN ('iban', 'bank_account', 'wallet', 'platform') AND a.identifier = w.value
          JOIN payment p ON p.account_id = a.id
          WHERE w.kind IN ('wallet', 'iban', 'account') AND \(scope.filter("p.candidate_id"))
        UNION
        SELECT u.candidate_id, w.id, w.list_name, w.kind, w.value, w.note, 'login_ip'
          FROM watchlist_entry w JOIN login_ip_use u ON u.ip = w.value
          WHERE w.kind = 'ip' AND \(scope.filter("u.candidate_id"))
        """
        var out: [String: [WatchlistHit]] = [:]
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let r = try cursor.next() {
            let entry = WatchlistEntry(id: r[1], listName: r[2], kind: r[3], value: r[4], note: r[5])
            let id: String = r[0]
            // The same entry can match the email and the login account: keep it once.
            if !(out[id]?.contains(where: { $0.entry.id == entry.id }) ?? false) {
                out[id, default: []].append(WatchlistHit(entry: entry, field: r[6]))
            }
        }
        return out
    }
}
