import GRDB

extension Store {
    /// Row counts of the main tables, for `vetdesk info`.
    public func tableCounts() throws -> [(table: String, rows: Int)] {
        let tables = ["candidate", "identity_check", "interview", "payment_account", "payment", "login_event",
                      "ip_info", "endpoint_observation", "watchlist_entry", "flag", "case_file", "history", "import_log"]
        return try pool.read { db in
            try tables.map { t in (t, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") ?? 0) }
        }
    }
}
