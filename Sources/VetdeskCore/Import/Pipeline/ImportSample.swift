/// The first rows of a dry run, as they would be stored: login events after mapping (UTC time,
/// canonical outcome, country code), flat records as read (column -> trimmed value).
final class ImportSample {
    let limit: Int
    private(set) var rows: [[String: String]] = []

    init(limit: Int) { self.limit = limit }

    func add(_ r: FlatRecord) {
        guard rows.count < limit else { return }
        var row: [String: String] = [:]
        for name in r.columns.names { if let v = r.text(name) { row[name] = v } }
        rows.append(row)
    }

    func add(row: [String: String]) {
        if rows.count < limit { rows.append(row) }
    }

    func add(_ e: LoginEvent) {
        guard rows.count < limit else { return }
        var row: [String: String] = ["source": e.source, "source_id": e.sourceId, "account": e.account,
                                     "occurred_at": Time.iso(e.occurredAt), "ip": e.ip, "outcome": e.outcome]
        row["country"] = e.reportedCountry
        row["city"] = e.city
        row["user_agent"] = e.userAgent
        row["device_id"] = e.deviceId
        row["device_managed"] = e.deviceManaged.map { $0 ? "true" : "false" }
        row["locale"] = e.locale
        row["session_id"] = e.sessionId
        rows.append(row)
    }
}
