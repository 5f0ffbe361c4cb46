/// The records one synthetic candidate contributes to each file, before formatting.
/// Field names follow docs/import-formats.md; times are unix seconds (UTC).
struct GenCandidate {
    var id: String
    var fullName: String
    var email: String
    var phone: String
    var phoneType = "mobile"
    var phoneChanges = 0
    var declaredCountry: String
    var city: String
    var address: String
    var shipToAddress: String?
    var shipToCountry: String?
    var shipToChangedAt: Int64?
    var shipToIsForwarder = false
    var platform: String
    var role: String
    var rateHourly: Int
    var rateCurrency: String
    var marketRateHourly: Int
    var referrerId: String?
    var appliedAt: Int64
    var hiredAt: Int64?
    var emailCreatedAt: Int64
    var profileUrl: String
    var profileName: String
    var profileLocation: String
    var profileCreatedAt: Int64
    var githubUsername: String?
    var githubCreatedAt: Int64?
    var githubFirstCommitAt: Int64?
    var resumeHash: String
    var photoHash: String
    var locale: String
    var payoutChanges90d = 0
    /// Extra login identities (the corporate account); `;`-separated in the CSV.
    var accounts: [String] = []

    static let header = [
        "candidate_id", "full_name", "email", "phone", "phone_type", "phone_changes", "declared_country", "city",
        "address", "ship_to_address", "ship_to_country", "ship_to_changed_at", "ship_to_is_forwarder", "platform",
        "role", "rate_hourly", "rate_currency", "market_rate_hourly", "referrer_id", "applied_at", "hired_at",
        "email_created_at", "profile_url", "profile_name", "profile_location", "profile_created_at",
        "github_username", "github_created_at", "github_first_commit_at", "resume_hash", "photo_hash", "locale",
        "payout_changes_90d", "accounts",
    ]

    var cells: [String?] {
        [id, fullName, email, phone, phoneType, String(phoneChanges), declaredCountry, city,
         address, shipToAddress, shipToCountry, shipToChangedAt.map(GenCalendar.iso), shipToIsForwarder ? "true" : "false",
         platform, role, String(rateHourly), rateCurrency, String(marketRateHourly), referrerId,
         GenCalendar.iso(appliedAt), hiredAt.map(GenCalendar.iso), GenCalendar.isoDate(emailCreatedAt), profileUrl,
         profileName, profileLocation, GenCalendar.isoDate(profileCreatedAt), githubUsername,
         githubCreatedAt.map(GenCalendar.isoDate), githubFirstCommitAt.map(GenCalendar.isoDate), resumeHash, photoHash,
         locale, String(payoutChanges90d),
         accounts.joined(separator: ";")]
    }
}

struct GenIdentityCheck {
    var id: String
    var checkedAt: Int64
    var provider: String
    var documentType: String
    var documentCountry: String
    var result: String
    var faceMatch: Bool
    var manipulationFlagged: Bool
    var nameOnDocument: String

    static let header = ["check_id", "candidate_id", "checked_at", "provider", "document_type", "document_country",
                         "result", "face_match", "manipulation_flagged", "name_on_document"]
    func cells(_ candidate: String) -> [String?] {
        [id, candidate, GenCalendar.iso(checkedAt), provider, documentType, documentCountry, result,
         faceMatch ? "true" : "false", manipulationFlagged ? "true" : "false", nameOnDocument]
    }
}

struct GenInterview {
    var id: String
    var scheduledAt: Int64
    var kind: String
    var outcome: String
    var camera: String?
    var interviewer: String
    var notes: String?

    static let header = ["interview_id", "candidate_id", "scheduled_at", "kind", "outcome", "camera", "interviewer", "notes"]
    func cells(_ candidate: String) -> [String?] {
        [id, candidate, GenCalendar.iso(scheduledAt), kind, outcome, camera, interviewer, notes]
    }
}

/// A payout account as the payment export describes it.
struct GenPayAccount {
    var holderName: String
    var accountType: String          // iban | bank_account | wallet | platform
    var identifier: String
    var iban: String?
    var bic: String?
    var bankName: String?
    var bankCountry: String?
    var method: String               // bank | crypto | platform
}

struct GenPayment {
    var id: String
    var source: String
    var paidAt: Int64
    var account: GenPayAccount
    var amount: String
    var currency: String

    static let header = ["record_id", "source", "paid_at", "contractor_id", "payee_name", "account_holder_name",
                         "account_type", "account_identifier", "iban", "bic", "bank_name", "bank_country", "amount",
                         "currency", "method"]
    func cells(candidate: String, payee: String) -> [String?] {
        [id, source, GenCalendar.iso(paidAt), candidate, payee, account.holderName, account.accountType,
         account.identifier, account.iban, account.bic, account.bankName, account.bankCountry, amount, currency,
         account.method]
    }
}

struct GenObservation {
    var id: String
    var observedAt: Int64
    var deviceId: String
    var kind: String                 // software | usb
    var name: String
    var vendorId: String?
    var productId: String?
    var approved: Bool

    static let header = ["observation_id", "candidate_id", "observed_at", "device_id", "kind", "name", "vendor_id",
                         "product_id", "approved"]
    func cells(_ candidate: String) -> [String?] {
        [id, candidate, GenCalendar.iso(observedAt), deviceId, kind, name, vendorId, productId, approved ? "true" : "false"]
    }
}

struct GenWatchlistEntry {
    var listName: String
    var kind: String
    var value: String
    var note: String

    static let header = ["list_name", "kind", "value", "note"]
    var cells: [String?] { [listName, kind, value, note] }
}
