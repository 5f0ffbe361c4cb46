import GRDB

/// v5-shapes-idp-risk: login_event keeps what the identity provider concluded about a sign-in
/// (IdPRiskVerdict). The partial index lets the rule context read a candidate's flagged sign-ins
/// without scanning their other events; most events carry no verdict, so it stays small.
enum SignInRiskSchema {
    static func addIdPRisk(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE login_event ADD COLUMN idp_risk_level TEXT;   -- low | medium | high; NULL: nothing flagged
            ALTER TABLE login_event ADD COLUMN idp_risk TEXT;         -- the vendor's fields, quoted
            CREATE INDEX login_idp_risk ON login_event(candidate_id, occurred_at) WHERE idp_risk_level IS NOT NULL;
            """)
    }
}
