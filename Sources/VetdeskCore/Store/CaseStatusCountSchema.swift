/// Case counts by status, kept by triggers (issue 13: flat first frame). The console's header and
/// its queue total read them before every queue refresh and at start. `GROUP BY status` over the
/// covering case_status index reads every case: 8-15 ms at 100k cases on the bench store (python
/// sqlite3, warm and cold, 2026-11-30, loaded machine), ten times that at 1M; this table holds one
/// row per status whatever the store's size.
///
/// The triggers see every way a case changes: INSERT (imports, scoring of a new candidate), UPDATE
/// OF status (decisions), DELETE (erasure, a candidate's ON DELETE CASCADE). An UPSERT whose row
/// exists fires only the UPDATE trigger. No statement uses INSERT OR REPLACE on case_file, whose
/// implicit delete fires no trigger (CaseStatusCountTests holds the counts against GROUP BY).
enum CaseStatusCountSchema {
    static let sql = """
        CREATE TABLE case_status_count (
            status TEXT PRIMARY KEY NOT NULL,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO case_status_count (status, n) SELECT status, count(*) FROM case_file GROUP BY status;
        CREATE TRIGGER case_status_count_insert AFTER INSERT ON case_file BEGIN
            INSERT INTO case_status_count (status, n) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER case_status_count_delete AFTER DELETE ON case_file BEGIN
            UPDATE case_status_count SET n = n - 1 WHERE status = OLD.status;
        END;
        CREATE TRIGGER case_status_count_update AFTER UPDATE OF status ON case_file
            WHEN OLD.status IS NOT NEW.status BEGIN
            UPDATE case_status_count SET n = n - 1 WHERE status = OLD.status;
            INSERT INTO case_status_count (status, n) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END;
        """
}
