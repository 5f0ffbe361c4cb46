import GRDB

/// Which exports included which people: answered in an access request ("exports that included them").
enum ExportLogStore {
    static let schemaSQL = """
        CREATE TABLE export_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            analyst TEXT NOT NULL,
            format TEXT NOT NULL,
            path TEXT NOT NULL,
            tlp TEXT NOT NULL,
            personal_data INTEGER NOT NULL,
            cases INTEGER NOT NULL
        );
        CREATE TABLE export_log_case (
            export_id INTEGER NOT NULL REFERENCES export_log(id),
            candidate_id TEXT NOT NULL,
            PRIMARY KEY (candidate_id, export_id)
        ) WITHOUT ROWID;
        """

    static func record(_ db: Database, at: Int64, analyst: String, format: String, path: String, tlp: String,
                       personalData: Bool, candidateIds: [String]) throws {
        try db.execute(sql: """
            INSERT INTO export_log(at, analyst, format, path, tlp, personal_data, cases) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, analyst, format, path, tlp, personalData, candidateIds.count])
        let id = db.lastInsertedRowID
        for candidate in Set(candidateIds) {
            try db.execute(sql: "INSERT INTO export_log_case(export_id, candidate_id) VALUES (?, ?)", arguments: [id, candidate])
        }
    }

    public struct Entry: Sendable, Equatable, Encodable {
        public var at: Int64
        public var analyst: String
        public var format: String
        public var path: String
        public var tlp: String
        public var personalData: Bool
        public var cases: Int
    }

    static func entries(_ db: Database, candidateId: String) throws -> [Entry] {
        try Row.fetchAll(db, sql: """
            SELECT e.* FROM export_log e JOIN export_log_case c ON c.export_id = e.id
            WHERE c.candidate_id = ? ORDER BY e.at, e.id
            """, arguments: [candidateId]).map { row in
            Entry(at: row["at"], analyst: row["analyst"], format: row["format"], path: row["path"], tlp: row["tlp"],
                  personalData: row["personal_data"], cases: row["cases"])
        }
    }
}
