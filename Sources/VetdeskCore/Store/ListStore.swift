import Foundation
import GRDB

/// Sanctions lists and intel feeds as published (list, version, each record's own id, names,
/// identifiers), and the hits screening found, with the version they came from.
public struct ListStore: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    static let schemaSQL = """
    CREATE TABLE list_source (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        authority TEXT NOT NULL,
        format TEXT NOT NULL,
        published_at TEXT,            -- as the list states it, ISO date when readable
        version TEXT NOT NULL,
        previous_version TEXT,        -- the version this import replaced
        imported_at INTEGER NOT NULL,
        records INTEGER NOT NULL
    );
    CREATE TABLE list_record (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES list_source(id) ON DELETE CASCADE,
        record_id TEXT NOT NULL,      -- the record's own id on its list
        kind TEXT NOT NULL,           -- person | entity | vessel | indicator
        birth_dates TEXT,             -- '|'-separated YYYY[-MM[-DD]]
        nationalities TEXT,           -- '|'-separated
        programs TEXT,
        remarks TEXT,
        UNIQUE(list_id, record_id)
    );
    CREATE TABLE list_name (
        record_rowid INTEGER NOT NULL REFERENCES list_record(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        strength TEXT NOT NULL        -- primary | strong | weak
    );
    CREATE INDEX list_name_record ON list_name(record_rowid);
    CREATE TABLE list_identifier (
        record_rowid INTEGER NOT NULL REFERENCES list_record(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,           -- email | phone | wallet | iban | handle | ip | website
        value TEXT NOT NULL,          -- as published
        currency TEXT,
        match_key TEXT                -- normal form screened against
    );
    CREATE INDEX list_identifier_record ON list_identifier(record_rowid);
    CREATE INDEX list_identifier_key ON list_identifier(match_key);
    CREATE TABLE list_hit (
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        list_name TEXT NOT NULL,
        version TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,          -- email, phone, payment_account, full_name, payee_name...
        matched TEXT NOT NULL,        -- the identifier or listed name
        level TEXT NOT NULL,          -- identifier | strong | possible
        score REAL NOT NULL,
        explanation TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        PRIMARY KEY (candidate_id, list_name, version, record_id, field, matched)
    ) WITHOUT ROWID;
    CREATE INDEX list_hit_list ON list_hit(list_name, version);
    """

    public struct SaveResult: Sendable, Codable, Equatable {
        public var list: String
        public var format: String
        public var version: String
        public var publishedAt: String?
        public var replacedVersion: String?
        public var records: Int
        public var names: Int
        public var identifiers: Int
        public var skipped: [String: Int]
    }

    /// Replaces any earlier version of the same list in one transaction, and marks every
    /// candidate for rescoring (a new list can touch anyone).
    public func save(_ doc: ListDocument, now: Int64 = Time.now()) throws -> SaveResult {
        try store.pool.write { db in
            let previous = try String.fetchOne(db, sql: "SELECT version FROM list_source WHERE name = ?", arguments: [doc.name])
            if let old = try Int64.fetchOne(db, sql: "SELECT id FROM list_source WHERE name = ?", arguments: [doc.name]) {
                try db.execute(sql: "DELETE FROM list_identifier WHERE record_rowid IN (SELECT id FROM list_record WHERE list_id = ?)", arguments: [old])
                try db.execute(sql: "DELETE FROM list_name WHERE record_rowid IN (SELECT id FROM list_record WHERE list_id = ?)", arguments: [old])
                try db.execute(sql: "DELETE FROM list_record WHERE list_id = ?", arguments: [old])
                try db.execute(sql: "DELETE FROM list_source WHERE id = ?", arguments: [old])
            }
            try db.execute(sql: """
                INSERT INTO list_source (name, authority, format, published_at, version, previous_version, imported_at, records)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [doc.name, doc.authority, doc.format, doc.publishedAt, doc.version, previous, now, doc.records.count])
            let listId = db.lastInsertedRowID
            let rec = try db.makeStatement(sql: """
                INSERT INTO list_record (list_id, record_id, kind, birth_dates, nationalities, programs, remarks) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let name = try db.makeStatement(sql: "INSERT INTO list_name (record_rowid, name, strength) VALUES (?, ?, ?)")
            let ident = try db.makeStatement(sql: "INSERT INTO list_identifier (record_rowid, kind, value, currency, match_key) VALUES (?, ?, ?, ?, ?)")
            var names = 0, idents = 0
            var seen = Set<String>()
            for r in doc.records {
                guard seen.insert(r.recordId).inserted else {
                    throw ListFormatError(doc.name, record: r.recordId, field: "record id", "appears twice in version \(doc.version)")
                }
                try rec.execute(arguments: [listId, r.recordId, r.kind.rawValue, join(r.birthDates), join(r.nationalities), join(r.programs), r.remarks])
                let rowid = db.lastInsertedRowID
                for n in r.names { try name.execute(arguments: [rowid, n.name, n.strength.rawValue]); names += 1 }
                for i in r.identifiers {
                    try ident.execute(arguments: [rowid, i.kind.rawValue, i.value, i.currency, ListIdentifierKeys.key(i.kind, i.value)]); idents += 1
                }
            }
            try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate (candidate_id) SELECT id FROM candidate")
            return SaveResult(list: doc.name, format: doc.format, version: doc.version, publishedAt: doc.publishedAt, replacedVersion: previous,
                              records: doc.records.count, names: names, identifiers: idents, skipped: doc.skipped)
        }
    }

    private func join(_ a: [String]) -> String? { a.isEmpty ? nil : a.joined(separator: "|") }

    /// Every loaded list, indexed for screening.
    public func index() throws -> ListIndex { try store.pool.read { try Self.index(db: $0) } }

    static func index(db: Database) throws -> ListIndex {
        var index = ListIndex()
        var records: [Int64: (list: String, version: String, record: ListRecord)] = [:]
        var order: [Int64] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, s.name, s.version, r.record_id, r.kind, r.birth_dates, r.nationalities
            FROM list_record r JOIN list_source s ON s.id = r.list_id ORDER BY r.id
            """)
        while let row = try rows.next() {
            let rowid: Int64 = row[0], list: String = row[1], version: String = row[2], recordId: String = row[3], kind: String = row[4]
            var r = ListRecord(recordId: recordId, kind: ListRecord.Kind(rawValue: kind) ?? .entity)
            r.birthDates = (row[5] as String?)?.split(separator: "|").map(String.init) ?? []
            r.nationalities = (row[6] as String?)?.split(separator: "|").map(String.init) ?? []
            records[rowid] = (list, version, r); order.append(rowid)
        }
        let names = try Row.fetchCursor(db, sql: "SELECT record_rowid, name, strength FROM list_name ORDER BY rowid")
        while let row = try names.next() {
            let id: Int64 = row[0], name: String = row[1], strength: String = row[2]
            records[id]?.record.names.append(ListName(name: name, strength: ListName.Strength(rawValue: strength) ?? .strong))
        }
        let idents = try Row.fetchCursor(db, sql: "SELECT record_rowid, kind, value, currency FROM list_identifier ORDER BY rowid")
        while let row = try idents.next() {
            let id: Int64 = row[0], kind: String = row[1], value: String = row[2], currency: String? = row[3]
            guard let k = ListIdentifier.Kind(rawValue: kind) else { continue }
            records[id]?.record.identifiers.append(ListIdentifier(kind: k, value: value, currency: currency))
        }
        for id in order { if let e = records[id] { index.add(listName: e.list, version: e.version, record: e.record) } }
        return index
    }

    public struct ListSummary: Sendable, Codable, Equatable {
        public var name: String
        public var authority: String
        public var format: String
        public var publishedAt: String?
        public var version: String
        public var previousVersion: String?
        public var importedAt: Int64
        public var records: Int
        public var candidatesHit: Int
        public var hitsThisVersion: Int
    }

    public func summaries() throws -> [ListSummary] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, s.authority, s.format, s.published_at, s.version, s.previous_version, s.imported_at, s.records,
                       (SELECT count(DISTINCT candidate_id) FROM list_hit h WHERE h.list_name = s.name AND h.version = s.version),
                       (SELECT count(*) FROM list_hit h WHERE h.list_name = s.name AND h.version = s.version)
                FROM list_source s ORDER BY s.name
                """).map {
                ListSummary(name: $0[0], authority: $0[1], format: $0[2], publishedAt: $0[3], version: $0[4], previousVersion: $0[5],
                            importedAt: $0[6], records: $0[7], candidatesHit: $0[8], hitsThisVersion: $0[9])
            }
        }
    }
}
