import GRDB

/// Keyset pages over a text key, in SQLite's (BINARY) order: the next `limit` keys after the last one
/// a caller was given, each page one seek in the key's index, so no step holds every key and no page
/// rereads the ones before it (RescorePages, the rescore's second pass, a sign-in import's touched
/// candidates). One statement for both cases (`WHERE ?1 IS NULL OR key > ?1`) cannot seek: SQLite
/// plans it as a full scan, and every page rescanned the table from its start (KeysetPageTests).
enum KeysetPage {
    /// The next `limit` values of `column` in `table` (with `filter`, fixed SQL, never data) after
    /// `after` (nil: from the first), in order.
    static func next(_ db: Database, _ column: String, from table: String, where filter: String? = nil,
                     after: String?, limit: Int) throws -> [String] {
        let arguments: StatementArguments = after.map { [$0, limit] } ?? [limit]
        return try String.fetchAll(db, sql: sql(column, from: table, where: filter, after: after != nil), arguments: arguments)
    }

    /// The statement `next` runs: `after` adds the bound lower limit (first argument; the limit is last).
    static func sql(_ column: String, from table: String, where filter: String?, after: Bool) -> String {
        let conditions: [String] = (filter.map { ["(\($0))"] } ?? []) + (after ? ["\(column) > ?"] : [])
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "SELECT \(column) FROM \(table)\(clause) ORDER BY \(column) LIMIT ?"
    }
}
