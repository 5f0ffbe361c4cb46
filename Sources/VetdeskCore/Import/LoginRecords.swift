import Foundation

/// Why a record was not stored: shown in the import report and `--json` as `skipped_by_reason`.
/// Reasons are short stable snake_case words, e.g. "not_a_sign_in", "service_principal", "logout".
public struct SkipReason: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// An event type that is not a sign-in (password change, MFA enrolment, admin action...).
    public static let notASignIn: SkipReason = "not_a_sign_in"
    /// A step that does not end a sign-in (Okta CHALLENGE, UNKNOWN, SKIPPED...).
    public static let notAnOutcome: SkipReason = "no_sign_in_outcome"
}

/// What one source record means for the login pipeline.
enum LoginRecord: Sendable {
    case event(LoginEvent)
    /// Not a user sign-in (an Okta password change, a Google logout, a service principal...):
    /// counted by reason (`SkipReason`), not stored.
    case skipped(SkipReason)
}

/// logins (Vetdesk's own columns, CSV or NDJSON) -> LoginEvent. Column positions are looked
/// up once per header, not per row: this is the hot path of 5M-row files.
final class CanonicalLoginMapper {
    private var columns: ColumnIndex?
    private var at: [Int?] = []
    private var countryMemo: [String: String] = [:]
    private var ipCheck = IPTextCheck()

    static let names = ["event_id", "source", "occurred_at", "account", "ip", "country", "city", "outcome",
                                "user_agent", "device_id", "device_managed", "locale", "session_id"]

    func map(_ r: FlatRecord) throws -> LoginRecord {
        if columns !== r.columns {
            columns = r.columns
            at = Self.names.map { r.columns.index[$0] }
        }
        func text(_ k: Int) -> String? {
            guard let i = at[k], i < r.values.count else { return nil }
            let v = r.values[i]
            return v.isEmpty ? nil : v
        }
        func required(_ k: Int) throws -> String {
            guard let v = text(k)?.trimmedBlanks, !v.isEmpty else {
                throw r.fail(Self.names[k], "required value is empty")
            }
            return v
        }
        let when = try required(2)
        guard let occurredAt = Time.parse(when) else {
            throw r.fail("occurred_at", "'\(FlatRecord.quoted(when))' is not an ISO 8601 date-time")
        }
        let ip = try required(4)
        guard ipCheck.isValid(ip) else { throw r.fail("ip", "'\(FlatRecord.quoted(ip))' is not an IP address") }
        let outcome = try required(7)
        let normalisedOutcome: String
        switch outcome {
        case "success", "failure": normalisedOutcome = outcome
        default:
            switch outcome.lowercased() {
            case "success", "succeeded", "ok": normalisedOutcome = "success"
            case "failure", "failed", "fail": normalisedOutcome = "failure"
            default: throw r.fail("outcome", "'\(FlatRecord.quoted(outcome))' is not success or failure")
            }
        }
        var country: String? = nil
        if let raw = text(5) {
            if let hit = countryMemo[raw] {
                country = hit
            } else {
                guard let cc = Country.alpha2(raw) else {
                    throw r.fail("country", "'\(FlatRecord.quoted(raw))' is not an ISO 3166 country code or English country name")
                }
                countryMemo[raw] = cc
                country = cc
            }
        }
        var managed: Bool? = nil
        if let m = text(10) {
            guard let b = FlatRecord.parseBool(m) else {
                throw r.fail("device_managed", "'\(FlatRecord.quoted(m))' is not a boolean (true/false, yes/no, 1/0)")
            }
            managed = b
        }
        return .event(LoginEvent(source: text(1) ?? "csv", sourceId: try required(0), account: try required(3),
                                 occurredAt: occurredAt, ip: ip, reportedCountry: country, city: text(6),
                                 outcome: normalisedOutcome, userAgent: text(8), deviceId: text(9),
                                 deviceManaged: managed, locale: text(11), sessionId: text(12)))
    }
}

/// Validates IP text once per distinct value (files repeat the same few IPs millions of times),
/// remembering at most 32k of them so memory stays flat on files with many distinct IPs.
struct IPTextCheck {
    private var valid = Set<String>()

    mutating func isValid(_ ip: String) -> Bool {
        if valid.contains(ip) { return true }
        guard IPAddress(ip) != nil else { return false }
        if valid.count >= 32_768 { valid.removeAll(keepingCapacity: true) }
        valid.insert(ip)
        return true
    }
}

/// A streamed record that is either stored or skipped for a counted reason (dry runs count both).
protocol SkippableRecord {
    var skipReason: SkipReason? { get }
}

extension LoginRecord: SkippableRecord {
    var skipReason: SkipReason? { if case .skipped(let r) = self { r } else { nil } }
}
