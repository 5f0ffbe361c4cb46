import Foundation

/// Microsoft Entra ID sign-ins, in every shape they are exported:
/// - Graph `auditLogs/signIns` pages (v1.0, beta) and the admin center's "Download JSON";
/// - Diagnostic settings records (`time, category, properties{...}`, in `{"records":[...]}` or
///   JSON lines), unwrapped here; ServicePrincipal and ManagedIdentity categories are skipped;
/// - Log Analytics / Sentinel "Export to CSV" of SigninLogs and AADNonInteractiveUserSignInLogs
///   (PascalCase columns, JSON in cells, `TimeGenerated [UTC]` = "9/19/2023, 1:45:17.287 PM");
/// - the admin center's "Download CSV" (InteractiveSignIns_*.csv, NonInteractiveSignIns_*.csv).
/// status.errorCode 0 is a success, any other code a failure (Graph's signInStatus).
struct EntraSignInMapper {
    private var countries: [String: String] = [:]
    private var ips: [String: String] = [:]

    mutating func map(_ record: SignInRecord) throws -> LoginRecord {
        var r = record
        // Diagnostic settings record: the sign-in is `properties`; the category says whose it is.
        if let properties = record.object["properties"] as? [String: Any], record.object["category"] != nil {
            r = SignInRecord(object: properties, file: record.file, location: record.location, folds: record.folds)
        }
        if let skip = try Self.notAUser(category: try record.text("category", "Category", "Type"), r) { return .skipped(skip) }
        let code = try Self.errorCode(r)
        let os = try r.text("deviceDetail.operatingSystem", "Operating System")
        let browser = try r.text("deviceDetail.browser", "Browser")
        let agent = try r.text("userAgent", "User agent") ?? [browser, os].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
        let place = try Self.place(r, countries: &countries)
        var event = LoginEvent(
            source: "entra", sourceId: try r.required("id", "Request ID", "originalRequestId"),
            // The UPN; else what the user typed, else the object id (kept, mapped to nobody until an
            // account lists it), so that a sign-in without a UPN is never dropped.
            account: try r.required("userPrincipalName", "Username", "User principal name", "signInIdentifier",
                                    "Sign-in identifier", "alternateSignInName", "userId", "User ID"),
            occurredAt: try r.timestamp("createdDateTime", "CreatedDateTime [UTC]", "Date (UTC)", "Date",
                                        "TimeGenerated [UTC]", "TimeGenerated", "time"),
            ip: try r.ip("ipAddress", "IP address", "callerIpAddress", "IPAddressFromResourceProvider", memo: &ips),
            reportedCountry: place.country, city: place.city, outcome: code == 0 ? "success" : "failure",
            userAgent: agent, deviceId: try r.text("deviceDetail.deviceId", "Device ID"),
            deviceManaged: try r.bool("deviceDetail.isManaged", "Managed"), locale: nil,
            sessionId: try r.text("sessionId", "Session ID", "correlationId", "Correlation ID"))
        event.setRisk(try Self.risk(r))
        return .event(event)
    }

    /// Service principals and managed identities are not people: skipped and counted.
    static func notAUser(category: String?, _ r: SignInRecord) throws -> SkipReason? {
        switch category?.lowercased() {
        case "serviceprincipalsigninlogs", "microsoftserviceprincipalsigninlogs", "aadserviceprincipalsigninlogs":
            return .servicePrincipal
        case "managedidentitysigninlogs", "aadmanagedidentitysigninlogs":
            return .managedIdentity
        default: break
        }
        // Graph beta: signInEventTypes ["servicePrincipal"] / ["managedIdentity"].
        if let types = r.array("signInEventTypes") as? [String] {
            if types.contains("managedIdentity") { return .managedIdentity }
            if types.contains("servicePrincipal") { return .servicePrincipal }
        }
        if try r.text("userPrincipalName", "Username", "User principal name", "signInIdentifier", "Sign-in identifier") == nil,
           try r.text("servicePrincipalId", "Service principal ID", "servicePrincipalName") != nil {
            return try r.text("managedIdentityType", "Managed Identity type").map { _ in .managedIdentity } ?? .servicePrincipal
        }
        return nil
    }

    /// status.errorCode (Graph, diagnostics; a JSON cell in Log Analytics), ResultType, the admin
    /// center's "Sign-in error code", else its Status word.
    static func errorCode(_ r: SignInRecord) throws -> Int {
        if let (path, raw) = r.value(["status.errorCode", "ResultType", "Sign-in error code"]) {
            let text = try JSONField.text(raw)?.trimmedBlanks ?? ""
            guard let code = Int(text) else { throw r.fail(path, "'\(FlatRecord.quoted(text))' is not a number") }
            return code
        }
        switch try r.text("Status")?.lowercased() {
        case "success": return 0
        case "failure", "interrupted": return -1
        case let other?: throw r.fail("Status", "'\(FlatRecord.quoted(other))' is not Success, Failure or Interrupted")
        case nil: throw r.fail("status.errorCode", "required value is missing")
        }
    }

    /// Country and city: location{} (Graph, diagnostics), LocationDetails (Log Analytics), or the
    /// admin center's "Location" column ("London, England, GB").
    static func place(_ r: SignInRecord, countries: inout [String: String]) throws -> (country: String?, city: String?) {
        if let country = try r.country("location.countryOrRegion", "LocationDetails.countryOrRegion", memo: &countries) {
            return (country, try r.text("location.city", "LocationDetails.city"))
        }
        // Graph's `location` object folds to the same key: only a text cell is the admin center's column.
        guard let text = (r.value("Location") as? String)?.trimmedBlanks.nilIfEmpty else { return (nil, nil) }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = parts.last, !last.isEmpty, !SignInRecord.unknownCountry.contains(last.uppercased()) else {
            return (nil, parts.count > 1 ? parts[0].nilIfEmpty : nil)
        }
        guard let cc = Country.alpha2(last) else {
            throw r.fail("Location", "'\(FlatRecord.quoted(last))' is not an ISO 3166 country code or English country name")
        }
        return (cc, parts.count > 1 ? parts[0].nilIfEmpty : nil)
    }

    /// ID Protection's verdict: riskLevelDuringSignIn, riskState, riskEventTypes_v2.
    static func risk(_ r: SignInRecord) throws -> IdPRiskVerdict {
        var v = IdPRiskVerdict()
        if let level = try r.text("riskLevelDuringSignIn", "Risk level during sign-in", "Risk level (sign-in)"),
           let l = IdPRiskVerdict.Level(vendor: level) {
            v.add(l, "Entra riskLevelDuringSignIn=\(level)")
        }
        var types: [String] = []
        if let (_, raw) = r.value(["riskEventTypes_v2", "Risk event types", "riskEventTypes"]) {
            if let a = raw as? [Any] {
                types = a.compactMap { $0 as? String }
            } else if let s = raw as? String {
                types = (r.array("riskEventTypes_v2") ?? r.array("riskEventTypes"))?.compactMap { $0 as? String }
                    ?? s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        types = types.filter { !$0.isEmpty && $0 != "none" }
        if !types.isEmpty { v.add(.low, "riskEventTypes_v2=[\(types.joined(separator: ","))]") }
        if let state = try r.text("riskState", "Risk state"), state.lowercased() != "none" {
            switch state.lowercased() {
            case "confirmedcompromised": v.add(.high, "riskState=\(state)")
            case "atrisk": v.add(v.level == nil ? .medium : nil, "riskState=\(state)")
            case "dismissed", "confirmedsafe", "remediated":
                if v.level != nil { v.add(nil, "riskState=\(state)"); v.cap(.low) }
            default: if v.level != nil { v.add(nil, "riskState=\(state)") }
            }
        }
        return v
    }
}
