/// payment_request (migration "v12-triage-invoices"): invoices and payment requests as the
/// accounts-payable or contractor platform records them, with the period or milestone each one is
/// for. `prepayment_pressure` compares when money was asked for with when the work was due.
enum PaymentRequestSchema {
    static let sql = """
    CREATE TABLE payment_request (
        id TEXT PRIMARY KEY NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        requested_at INTEGER NOT NULL,
        kind TEXT,                    -- invoice | advance
        amount TEXT,                  -- decimal string, as written
        currency TEXT,
        period_start INTEGER,         -- the work period billed
        period_end INTEGER,
        milestone TEXT,               -- or the milestone billed
        milestone_due_at INTEGER,
        due_at INTEGER,               -- when the requester wants to be paid
        status TEXT                   -- submitted | approved | paid | rejected | cancelled
    );
    CREATE INDEX payment_request_candidate ON payment_request(candidate_id, requested_at);
    """
}
