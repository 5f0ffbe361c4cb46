import Foundation

/// Google Workspace login audit, in every shape it is exported:
/// - Admin SDK Reports API `activities` (application "login"), `events` an array or one object;
/// - the audit log shared to Google Cloud Logging (`protoPayload.metadata.event[]`,
///   `requestMetadata.callerIp`, `metadata.activityId`);
/// - the admin console's audit and investigation "Download CSV" (User log events).
/// Each login_success / login_failure event in an activity is one sign-in; its identity is
/// (time, uniqueQualifier, event name): Google documents uniqueQualifier as unique only among
/// events of the same time.
struct GoogleSignInMapper {
    private var countries: [String: String] = [:]
    private var ips: [String: String] = [:]

    mutating func map(_ r: SignInRecord) throws -> [LoginRecord] {
        if r.value("protoPayload") != nil { return try cloudLogging(r) }
        if r.value("id.uniqueQualifier", "id.applicationName") != nil || r.value("events") is [Any]
            || r.value("events") is [String: Any] {
            return try reports(r)
        }
        return [try consoleCSV(r)]
    }

    private mutating func reports(_ r: SignInRecord) throws -> [LoginRecord] {
        let events: [[String: Any]]
        switch r.value("events") {
        case let a as [Any]: events = a.compactMap { $0 as? [String: Any] }
        case let o as [String: Any]: events = [o]
        default: throw r.fail("events", "required array is missing")
        }
        return try Self.signIns(r, events: events, nameKey: "name", parameterKey: "parameters") { name in
            LoginEvent(source: "google", sourceId: "", account: try r.required("actor.email"),
                       occurredAt: try r.timestamp("id.time"), ip: try r.ip("ipAddress", memo: &ips),
                       reportedCountry: try r.country("networkInfo.regionCode", memo: &countries), outcome: "")
        } id: { event, name in
            // A SIEM that dropped uniqueQualifier: (time, user, IP, event) like the console CSV.
            guard let qualifier = try r.text("id.uniqueQualifier") else {
                return "csv|\(Time.iso(event.occurredAt))|\(event.account.lowercased())|\(event.ip)|\(name)"
            }
            return "\(Time.iso(event.occurredAt))|\(qualifier)|\(name)"
        }
    }

    private mutating func cloudLogging(_ r: SignInRecord) throws -> [LoginRecord] {
        let events: [[String: Any]]
        switch r.value("protoPayload.metadata.event") {
        case let a as [Any]: events = a.compactMap { $0 as? [String: Any] }
        case let o as [String: Any]: events = [o]
        default: throw r.fail("protoPayload.metadata.event", "required array is missing")
        }
        return try Self.signIns(r, events: events, nameKey: "eventName",
                           parameterKey: "parameter") { _ in
            LoginEvent(source: "google", sourceId: "", account: try r.required("protoPayload.authenticationInfo.principalEmail"),
                       occurredAt: try r.timestamp("protoPayload.metadata.activityId.timeUsec", "timestamp"),
                       ip: try r.ip("protoPayload.requestMetadata.callerIp", memo: &ips), outcome: "")
        } id: { event, name in
            // Keyed like the Reports API's activity (time to the second, uniqueQualifier, event name),
            // so that both exports of one sign-in are one event.
            "\(Time.iso(event.occurredAt))|\(try r.required("protoPayload.metadata.activityId.uniqQualifier"))|\(name)"
        }
    }

    /// Admin console "Download CSV" of User log events: one row per event, times with an offset.
    private mutating func consoleCSV(_ r: SignInRecord) throws -> LoginRecord {
        let name = try r.required("Event", "Event name")
        guard let outcome = Self.outcome(name) else {
            return .skipped(Self.isLogout(name) ? .logout : .notASignIn)
        }
        let when = try r.timestamp("Date", "Time", "Date (UTC)")
        let account = try r.required("User", "Actor", "Email")
        let ip = try r.ip("IP address", "IP Address", memo: &ips)
        var event = LoginEvent(source: "google", sourceId: "csv|\(Time.iso(when))|\(account.lowercased())|\(ip)|\(name.lowercased())",
                               account: account, occurredAt: when, ip: ip, outcome: outcome)
        var v = IdPRiskVerdict()
        if try r.bool("Is suspicious") == true { v.add(.medium, "Google is_suspicious=true") }
        event.setRisk(v)
        return .event(event)
    }

    private static func signIns(_ r: SignInRecord, events: [[String: Any]], nameKey: String, parameterKey: String,
                         base: (String) throws -> LoginEvent, id: (LoginEvent, String) throws -> String) throws -> [LoginRecord] {
        var out: [LoginRecord] = []
        var skip: SkipReason = .notASignIn
        for e in events {
            let name = e[nameKey] as? String ?? ""
            guard let outcome = Self.outcome(name) else {
                if Self.isLogout(name) { skip = .logout }
                continue
            }
            var event = try base(name)
            event.sourceId = try id(event, name)
            event.outcome = outcome
            var v = IdPRiskVerdict()
            for case let p as [String: Any] in e[parameterKey] as? [Any] ?? [] where p["name"] as? String == "is_suspicious" {
                // A boolean, or "true" as text where a SIEM stringified it.
                if (p["boolValue"] as? Bool) == true || (p["boolValue"] as? String)?.lowercased() == "true"
                    || (p["value"] as? String)?.lowercased() == "true" {
                    v.add(.medium, "Google is_suspicious=true")
                }
            }
            event.setRisk(v)
            out.append(.event(event))
        }
        return out.isEmpty ? [.skipped(skip)] : out
    }

    static func outcome(_ name: String) -> String? {
        switch name.lowercased() {
        case "login_success", "successful login", "login success": "success"
        case "login_failure", "failed login", "login failure": "failure"
        default: nil
        }
    }

    static func isLogout(_ name: String) -> Bool { name.lowercased() == "logout" }
}
