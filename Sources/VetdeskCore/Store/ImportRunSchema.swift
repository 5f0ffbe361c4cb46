import GRDB

/// Bookkeeping of login imports that commit in short chunks (docs/imports-and-locking.md).
/// A row in `import_run` exists only while an import is unpublished: the publish step deletes it in
/// the transaction that writes the import_log row. A run whose owner died is rolled back by
/// ImportRollback from its chunks (login_event id ranges) at the next start-up.
enum ImportRunSchema {
    static let sql = """
        CREATE TABLE import_run (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            owner TEXT NOT NULL           -- token of the lock file the importing process holds
        );
        -- One row per committed chunk: the login_event ids it inserted (contiguous: nobody else
        -- writes inside the chunk's transaction, and SQLite gives new rows max(id) + 1).
        CREATE TABLE import_chunk (
            import_id INTEGER NOT NULL,
            first_event_id INTEGER NOT NULL,
            last_event_id INTEGER NOT NULL
        );
        CREATE INDEX import_chunk_run ON import_chunk(import_id);
        -- Candidates whose login summaries must be rebuilt while a run is rolled back.
        CREATE TABLE import_rebuild (
            import_id INTEGER NOT NULL,
            candidate_id TEXT NOT NULL,
            PRIMARY KEY(import_id, candidate_id)
        ) WITHOUT ROWID;
        """
}
