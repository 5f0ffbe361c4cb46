import GRDB

/// The logins part of the detail. Totals, countries, networks and the heatmap come from the
/// importer's summaries (login_week, login_day_block, login_ip_use); only the most recent events
/// are read from login_event, through login_candidate_time.
enum DetailLogins {
    static func summary(_ db: Database, candidateId id: String, limits: DetailLimits) throws -> LoginSummary {
        var s = LoginSummary()
        s.heatmap = try LoginDataSchema.heatmap(db, candidateId: id)
        s.totalEvents = s.heatmap.joined().reduce(0, +)
        s.countries = try LoginDayBlockSchema.countries(db, candidateId: id).map { CountryCount(country: $0.country, events: $0.events) }
        if let span = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS ips, MIN(first_at) AS first_at, MAX(last_at) AS last_at
            FROM login_ip_use WHERE candidate_id = ?
            """, arguments: [id]) {
            s.distinctIPs = span["ips"]; s.firstAt = span["first_at"]; s.lastAt = span["last_at"]
        }
        s.networks = try Row.fetchAll(db, sql: """
            SELECT i.asn, i.as_name, i.provider, i.provider_kind, MIN(i.country) AS country,
                   MAX(COALESCE(i.anonymous_proxy, 0)) AS proxy, MAX(COALESCE(i.provider_dprk_named, 0)) AS dprk,
                   COUNT(*) AS ips, SUM(u.events) AS n
            FROM login_ip_use u LEFT JOIN ip_info i ON i.ip = u.ip
            WHERE u.candidate_id = ?
            GROUP BY i.asn, i.as_name, i.provider, i.provider_kind
            ORDER BY n DESC, i.asn LIMIT ?
            """, arguments: [id, limits.networks]).map { row in
            NetworkCount(asn: row["asn"], asName: row["as_name"], provider: row["provider"],
                         providerKind: row["provider_kind"], country: row["country"],
                         anonymousProxy: row["proxy"] as Bool, dprkNamed: row["dprk"] as Bool,
                         ips: row["ips"], events: row["n"])
        }
        let events = try LoginEvent.fetchAll(db, sql: """
            SELECT * FROM login_event WHERE candidate_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?
            """, arguments: [id, limits.recentLogins])
        let ips = Array(Set(events.map(\.ip)))
        var infos: [String: IPInfo] = [:]
        for info in try IPInfo.fetchAll(db, keys: ips) { infos[info.ip] = info }
        s.recent = events.map { EnrichedLogin(event: $0, ip: infos[$0.ip]) }
        return s
    }
}
