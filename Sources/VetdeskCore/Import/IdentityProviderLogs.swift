import Foundation

/// A JSON record read by dotted path, with errors that name the file, record and field.
struct JSONRecordView {
    let object: [String: Any]
    let file: String
    let location: String

    func fail(_ field: String, _ message: String) -> VetdeskError {
        .malformed(file: file, location: location, field: field, message: message)
    }

    func text(_ path: String) throws -> String? {
        do {
            return try JSONField.text(JSONField.at(object, path))?.trimmedBlanks.nilIfEmpty
        } catch let e as JSONField.JSONShapeError {
            throw fail(path, e.message)
        }
    }

    func required(_ path: String) throws -> String {
        guard let v = try text(path) else { throw fail(path, "required value is missing") }
        return v
    }

    func timestamp(_ path: String) throws -> Int64 {
        let v = try required(path)
        guard let t = Time.parse(v) else { throw fail(path, "'\(FlatRecord.quoted(v))' is not an ISO 8601 date-time") }
        return t
    }

    func bool(_ path: String) throws -> Bool? {
        guard let v = try text(path) else { return nil }
        guard let b = FlatRecord.parseBool(v) else { throw fail(path, "'\(FlatRecord.quoted(v))' is not a boolean") }
        return b
    }

    func country(_ path: String, memo: inout [String: String]) throws -> String? {
        guard let v = try text(path) else { return nil }
        if let hit = memo[v] { return hit }
        guard let cc = Country.alpha2(v) else {
            throw fail(path, "'\(FlatRecord.quoted(v))' is not an ISO 3166 country code or English country name")
        }
        memo[v] = cc
        return cc
    }

    func ip(_ path: String, check: inout IPTextCheck) throws -> String {
        let v = try required(path)
        guard check.isValid(v) else { throw fail(path, "'\(FlatRecord.quoted(v))' is not an IP address") }
        return v
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Okta System Log events (GET /api/v1/logs). Sign-ins are `user.session.start` and
/// `user.authentication.*`; other event types are ignored. The country is a NAME.
struct OktaLogMapper {
    var countries: [String: String] = [:]
    var ips = IPTextCheck()

    mutating func map(_ r: JSONRecordView) throws -> LoginRecord {
        let type = try r.required("eventType")
        guard type == "user.session.start" || type.hasPrefix("user.authentication.") else { return .skipped(.notASignIn) }
        let outcome: String
        switch try r.required("outcome.result").uppercased() {
        case "SUCCESS", "ALLOW": outcome = "success"
        case "FAILURE", "DENY", "REJECTED": outcome = "failure"
        default: return .skipped(.notAnOutcome) // CHALLENGE, UNKNOWN, SKIPPED...: not the end of a sign-in
        }
        return .event(LoginEvent(
            source: "okta", sourceId: try r.required("uuid"), account: try r.required("actor.alternateId"),
            occurredAt: try r.timestamp("published"), ip: try r.ip("client.ipAddress", check: &ips),
            reportedCountry: try r.country("client.geographicalContext.country", memo: &countries),
            city: try r.text("client.geographicalContext.city"), outcome: outcome,
            userAgent: try r.text("client.userAgent.rawUserAgent"), deviceId: try r.text("device.id"),
            deviceManaged: try r.bool("device.managed"), locale: nil,
            sessionId: try r.text("authenticationContext.externalSessionId")))
    }
}

/// Microsoft Entra sign-in logs (Graph auditLogs/signIns). status.errorCode 0 is a success.
struct EntraLogMapper {
    var countries: [String: String] = [:]
    var ips = IPTextCheck()

    mutating func map(_ r: JSONRecordView) throws -> LoginRecord {
        let code = try r.required("status.errorCode")
        guard Int(code) != nil else { throw r.fail("status.errorCode", "'\(FlatRecord.quoted(code))' is not a number") }
        let os = try r.text("deviceDetail.operatingSystem")
        let browser = try r.text("deviceDetail.browser")
        let agent = try r.text("userAgent") ?? [browser, os].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
        return .event(LoginEvent(
            source: "entra", sourceId: try r.required("id"), account: try r.required("userPrincipalName"),
            occurredAt: try r.timestamp("createdDateTime"), ip: try r.ip("ipAddress", check: &ips),
            reportedCountry: try r.country("location.countryOrRegion", memo: &countries),
            city: try r.text("location.city"), outcome: code == "0" ? "success" : "failure", userAgent: agent,
            deviceId: try r.text("deviceDetail.deviceId"), deviceManaged: try r.bool("deviceDetail.isManaged"),
            locale: nil, sessionId: try r.text("correlationId")))
    }
}

/// Google Workspace login audit (Admin SDK Reports, application "login"). Only
/// login_success and login_failure events are sign-ins.
struct GoogleLogMapper {
    var countries: [String: String] = [:]
    var ips = IPTextCheck()

    mutating func map(_ r: JSONRecordView) throws -> LoginRecord {
        guard let events = JSONField.at(r.object, "events") as? [Any] else {
            throw r.fail("events", "required array is missing")
        }
        var outcome: String? = nil
        for case let event as [String: Any] in events {
            switch event["name"] as? String {
            case "login_success": outcome = "success"
            case "login_failure": outcome = "failure"
            default: continue
            }
            break
        }
        guard let outcome else { return .skipped(.notASignIn) }
        return .event(LoginEvent(
            source: "google", sourceId: try r.required("id.uniqueQualifier"), account: try r.required("actor.email"),
            occurredAt: try r.timestamp("id.time"), ip: try r.ip("ipAddress", check: &ips),
            reportedCountry: try r.country("networkInfo.regionCode", memo: &countries), city: nil, outcome: outcome))
    }
}
