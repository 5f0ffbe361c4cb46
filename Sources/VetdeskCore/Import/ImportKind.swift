/// The kinds of file `vetdesk import` understands (see docs/import-formats.md).
public enum ImportKind: String, CaseIterable, Sendable, Codable {
    case candidates
    case identityChecks = "identity-checks"
    case interviews, payments, endpoint, watchlist
    /// Invoices and payment requests with the period or milestone they bill.
    case invoices
    /// Generic login CSV/NDJSON in Vetdesk's own columns.
    case logins
    /// Identity-provider exports.
    case okta, entra, google
    /// After-hire audit logs (Import/Transfers/) and git commits (`vetdesk import-git`).
    case githubAudit = "github-audit", gitlabAudit = "gitlab-audit", googleDrive = "google-drive"
    case m365Audit = "m365-audit", gitCommits = "git-commits"

    public var isTransfer: Bool { TransferShape.kinds.contains(self) || self == .gitCommits }

    public var isLogin: Bool {
        switch self {
        case .logins, .okta, .entra, .google: true
        default: false
        }
    }

    /// Kinds whose records are flat rows of named columns (CSV or NDJSON).
    var schema: ColumnSchema? { ColumnSchema.forKind(self) }

    /// The kind whose key column appears among `columns` (a CSV header or an NDJSON record's keys).
    static func detect(columns: Set<String>) -> ImportKind? {
        for kind in [ImportKind.candidates, .identityChecks, .interviews, .payments, .invoices, .endpoint, .watchlist, .logins] {
            if let schema = kind.schema, columns.contains(schema.detectBy) { return kind }
        }
        return nil
    }
}

/// The columns of a flat kind: which must be there, which may, and which one names the kind.
struct ColumnSchema: Sendable {
    var required: [String]
    var optional: [String]
    /// A column only this kind has, used to detect it.
    var detectBy: String

    var all: [String] { required + optional }

    static func forKind(_ kind: ImportKind) -> ColumnSchema? {
        switch kind {
        case .candidates:
            return ColumnSchema(required: ["candidate_id", "full_name"], optional: [
                "email", "phone", "phone_type", "phone_changes", "declared_country", "city", "address",
                "ship_to_address", "ship_to_country", "ship_to_changed_at", "ship_to_is_forwarder", "platform", "role",
                "rate_hourly", "rate_currency", "market_rate_hourly", "referrer_id", "applied_at", "hired_at",
                "email_created_at", "profile_url", "profile_name", "profile_location", "profile_created_at",
                "github_username", "github_created_at", "github_first_commit_at", "resume_hash", "photo_hash", "locale",
                "byod_requested", "prepayment_requests", "payout_changes_90d", "accounts",
            ], detectBy: "full_name")
        case .identityChecks:
            return ColumnSchema(required: ["check_id", "candidate_id", "checked_at", "result"], optional: [
                "provider", "document_type", "document_country", "face_match", "manipulation_flagged", "name_on_document",
            ], detectBy: "check_id")
        case .interviews:
            return ColumnSchema(required: ["interview_id", "candidate_id", "scheduled_at", "outcome"], optional: [
                "kind", "camera", "interviewer", "notes",
            ], detectBy: "interview_id")
        case .payments:
            return ColumnSchema(required: ["record_id", "source", "paid_at", "contractor_id", "account_type", "amount",
                                           "currency"], optional: [
                "payee_name", "account_holder_name", "account_identifier", "iban", "bic", "bank_name", "bank_country",
                "method",
            ], detectBy: "record_id")
        case .endpoint:
            return ColumnSchema(required: ["observation_id", "candidate_id", "observed_at", "kind", "name"], optional: [
                "device_id", "vendor_id", "product_id", "approved",
            ], detectBy: "observation_id")
        case .watchlist:
            return ColumnSchema(required: ["list_name", "kind", "value"], optional: ["note"], detectBy: "list_name")
        case .invoices:
            return ColumnSchema(required: ["request_id", "candidate_id", "requested_at"], optional: [
                "kind", "amount", "currency", "period_start", "period_end", "milestone", "milestone_due_at", "due_at", "status",
            ], detectBy: "request_id")
        case .logins:
            return ColumnSchema(required: ["event_id", "occurred_at", "account", "ip", "outcome"], optional: [
                "source", "country", "city", "user_agent", "device_id", "device_managed", "locale", "session_id",
            ], detectBy: "event_id")
        case .okta, .entra, .google, .githubAudit, .gitlabAudit, .googleDrive, .m365Audit, .gitCommits:
            return nil
        }
    }
}
