/// Okta System Log events, in every shape they reach a security team: the System Log API
/// (GET /api/v1/logs), Event Hook deliveries (unwrapped by SignInSource), the admin console's
/// System Log "Download CSV", and SIEM re-exports with flattened or lower-cased keys (SignInRecord
/// reads them all by the API's dotted paths). docs/import-formats.md lists what is kept.
struct OktaSignInMapper {
    private var countries: [String: String] = [:]
    private var ips: [String: String] = [:]

    mutating func map(_ r: SignInRecord) throws -> LoginRecord {
        let type = try r.required("eventType")
        if type == "user.session.end" { return .skipped(.logout) }
        guard type == "user.session.start" || type.hasPrefix("user.authentication.") else { return .skipped(.notASignIn) }
        let outcome: String
        switch try r.required("outcome.result").uppercased() {
        case "SUCCESS", "ALLOW": outcome = "success"
        case "FAILURE", "DENY", "REJECTED": outcome = "failure"
        default: return .skipped(.notAnOutcome) // CHALLENGE, UNKNOWN, SKIPPED...: not the end of a sign-in
        }
        guard let account = try Self.user(r) else { return .skipped(.noUser) }
        var session = try r.text("authenticationContext.externalSessionId")
        if session?.lowercased() == "unknown" { session = nil } // Okta's placeholder when there is no session
        var event = LoginEvent(
            source: "okta", sourceId: try r.required("uuid"), account: account,
            occurredAt: try r.timestamp("published"), ip: try r.ip("client.ipAddress", "request.ipChain.0.ip", memo: &ips),
            reportedCountry: try r.country("client.geographicalContext.country", memo: &countries),
            city: try r.text("client.geographicalContext.city"), outcome: outcome,
            userAgent: try r.text("client.userAgent.rawUserAgent"), deviceId: try r.text("device.id"),
            deviceManaged: try r.bool("device.managed"), locale: nil, sessionId: session)
        event.setRisk(try Self.risk(r))
        return .event(event)
    }

    /// The user who signed in: the actor, unless the actor is Okta itself ("Okta System",
    /// system@okta.com: inbound federation such as auth_via_IDP), then the target of type User.
    static func user(_ r: SignInRecord) throws -> String? {
        let actor = try r.text("actor.alternateId")
        let actorName = try r.text("actor.displayName")
        let isSystem = actor?.lowercased() == "system@okta.com" || actorName == "Okta System"
        if let actor, !isSystem, actor.lowercased() != "unknown" { return actor }
        if let targets = r.array("target") {
            for case let t as [String: Any] in targets where (t["type"] as? String)?.lowercased() == "user" {
                if let id = (t["alternateId"] as? String)?.trimmedBlanks.nilIfEmpty { return id }
            }
        }
        for i in 0..<5 where try r.text("target.\(i).type")?.lowercased() == "user" {
            if let id = try r.text("target.\(i).alternateId") { return id }
        }
        return nil
    }

    /// securityContext.isProxy, debugData.threatSuspected, and the behaviour/risk evaluation
    /// (debugData.risk / behaviors, or their newer home debugData.logOnlySecurityData).
    static func risk(_ r: SignInRecord) throws -> IdPRiskVerdict {
        var v = IdPRiskVerdict()
        if try r.bool("securityContext.isProxy") == true { v.add(.medium, "Okta securityContext.isProxy=true") }
        if try r.text("debugContext.debugData.threatSuspected")?.lowercased() == "true" {
            v.add(.high, "Okta debugData.threatSuspected=true")
        }
        if let level = try r.text("debugContext.debugData.logOnlySecurityData.risk.level") {
            let reasons = try r.text("debugContext.debugData.logOnlySecurityData.risk.reasons")
            v.add(IdPRiskVerdict.Level(vendor: level), "Okta risk level=\(level)" + (reasons.map { " (\($0))" } ?? ""))
        } else if let risk = try r.text("debugContext.debugData.risk") {
            // "{reasons=Anomalous Location, level=HIGH}"
            let level = risk.range(of: "level=").map { risk[$0.upperBound...].prefix { $0.isLetter } }.map(String.init)
            v.add(level.flatMap { IdPRiskVerdict.Level(vendor: $0) }, "Okta debugData.risk=\(risk)")
        }
        let positives: [String]
        if let behaviors = r.value("debugContext.debugData.logOnlySecurityData.behaviors") as? [String: Any] {
            positives = behaviors.filter { ($0.value as? String)?.uppercased() == "POSITIVE" }.map(\.key).sorted()
        } else if let text = try r.text("debugContext.debugData.behaviors") {
            // "{New Geo-Location=NEGATIVE, New Device=POSITIVE, ...}"
            positives = text.trimmingCharacters(in: ["{", "}"]).split(separator: ",").compactMap { pair in
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return kv.count == 2 && kv[1].uppercased() == "POSITIVE" ? kv[0] : nil
            }
        } else {
            positives = []
        }
        if !positives.isEmpty { v.add(.low, "Okta behaviors POSITIVE: \(positives.joined(separator: ", "))") }
        return v
    }
}
