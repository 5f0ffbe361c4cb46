/// Indexes the console's queue page needs (issue 13). The page shows "+N more" from a count of the
/// candidate's flags; through flag's primary key that count walks the flag rows themselves, whose
/// evidence JSON spreads a high-risk candidate over several pages: 308 page reads for the first 60
/// rows of the 100k-candidate bench store, against 72 through this narrow (candidate_id, rule_id)
/// index (sqlite3 .stats, a cold connection).
enum QueueIndexSchema {
    static let sql = "CREATE INDEX IF NOT EXISTS flag_candidate ON flag(candidate_id);"
}
