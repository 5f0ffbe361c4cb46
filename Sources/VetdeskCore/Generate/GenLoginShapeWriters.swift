import Foundation

/// Record writers of the shapes beyond each vendor's API (GenLoginShape), all from the same
/// GenLoginEvent so that every shape imports to the same stored sign-in.
extension GenLoginFiles {
    // MARK: Okta

    /// Event Hook deliveries, one POST body a line, each with one to three events.
    func writeOktaHook(_ e: GenLoginEvent, _ w: GenWriter) {
        if openDelivery == nil {
            w.write("{\"eventType\":\"com.okta.event_hook\",\"eventTypeVersion\":\"1.0\",\"cloudEventsVersion\":\"0.1\",")
            w.write("\"source\":\"https://demo.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3\",\"eventId\":\"")
            w.write(Self.guid(Self.stableHex(e.eventId))); w.write("\",\"contentType\":\"application/json\",\"data\":{\"events\":[")
            openDelivery = (Int((UInt64(bitPattern: e.qualifier) >> 8) % 3), e.at, e.millis)
        } else {
            w.write(",")
            openDelivery!.remaining -= 1
            openDelivery!.lastAt = e.at
            openDelivery!.millis = e.millis
        }
        writeOkta(e, w)
        if openDelivery!.remaining <= 0 { closeDelivery(w) }
    }

    func closeDelivery(_ w: GenWriter) {
        guard let d = openDelivery else { return }
        w.write("]},\"eventTime\":\""); w.timestamp(d.lastAt, millis: d.millis); w.write("\"}\n")
        openDelivery = nil
    }

    /// Admin console System Log "Download CSV": one column per dotted field.
    func writeOktaDownload(_ e: GenLoginEvent, _ w: GenWriter) {
        let cells: [String?] = [
            e.eventId, nil, "user.session.start", "0", "INFO",
            e.success ? "core.user_auth.login_success" : "core.user_auth.login_failed", "User login to Okta",
            "00u" + Self.stableHex(e.account).prefix(17), "User", e.account, e.displayName, e.device.agent.raw,
            e.device.agent.os, e.device.agent.browser, "null", "Computer", nil, e.site.ip, e.site.city, nil,
            Country.name(e.site.network.country) ?? e.site.network.country, nil, e.success ? "SUCCESS" : "FAILURE",
            e.success ? nil : "INVALID_CREDENTIALS", "WEB", String(e.eventId.prefix(8)), "/api/v1/authn", e.fromDPRKSpace ? "true" : "false", "0",
            "102" + e.sessionId, String(e.site.network.asn), e.site.network.asName.lowercased(),
            e.site.network.asName.lowercased(), "false", nil,
        ]
        for (i, cell) in cells.enumerated() {
            if i > 0 { w.byte(44) }
            if i == 1 { w.timestamp(e.at, millis: e.millis) } else { w.csv(cell) }
        }
        w.byte(10)
    }

    /// A SIEM's re-export: the event's fields flattened to dotted keys, one object a line.
    func writeOktaFlattened(_ e: GenLoginEvent, _ w: GenWriter) {
        w.write("{\"uuid\":\""); w.write(e.eventId)
        w.write("\",\"published\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"eventType\":\"user.session.start\",\"actor.type\":\"User\",\"actor.alternateId\":"); w.json(e.account)
        w.write(",\"actor.displayName\":"); w.json(e.displayName)
        w.write(",\"client.ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"client.userAgent.rawUserAgent\":"); w.json(e.device.agent.raw)
        w.write(",\"client.geographicalContext.city\":"); w.json(e.site.city)
        w.write(",\"client.geographicalContext.country\":"); w.json(Country.name(e.site.network.country) ?? e.site.network.country)
        w.write(",\"outcome.result\":\""); w.write(e.success ? "SUCCESS" : "FAILURE")
        w.write("\",\"authenticationContext.externalSessionId\":\"102"); w.write(e.sessionId)
        w.write("\",\"securityContext.asNumber\":"); w.int(e.site.network.asn)
        w.write(",\"securityContext.isProxy\":false,\"debugContext.debugData.threatSuspected\":\"")
        w.write(e.fromDPRKSpace ? "true" : "false"); w.write("\"}\n")
    }

    // MARK: Entra

    /// A diagnostic settings record: the Graph sign-in in `properties`.
    func writeEntraRecord(_ e: GenLoginEvent, _ w: GenWriter, category: String) {
        w.write("{\"time\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"resourceId\":\"/tenants/\(Self.tenant)/providers/Microsoft.aadiam\",\"operationName\":\"Sign-in activity\",")
        w.write("\"operationVersion\":\"1.0\",\"category\":\""); w.write(category)
        w.write("\",\"tenantId\":\"\(Self.tenant)\",\"resultType\":\""); w.write(e.success ? "0" : "50126")
        w.write("\",\"resultSignature\":\"None\",\"durationMs\":0,\"callerIpAddress\":\""); w.write(e.site.ip)
        w.write("\",\"correlationId\":\""); w.write(Self.guid(e.sessionId))
        w.write("\",\"identity\":"); w.json(e.displayName)
        w.write(",\"Level\":4,\"location\":\""); w.write(e.site.network.country)
        w.write("\",\"properties\":")
        writeEntra(e, w)
        w.write("}")
    }

    /// A row of Log Analytics' "Export to CSV": nested columns are JSON text, times US-style.
    func writeLogAnalytics(_ e: GenLoginEvent, _ w: GenWriter, type: String, category: String) {
        var row: [String: String] = [
            "TenantId": Self.tenant, "SourceSystem": "Azure AD", "TimeGenerated [UTC]": Self.usTime(e.at + 2, millis: e.millis),
            "ResourceId": "/tenants/\(Self.tenant)/providers/Microsoft.aadiam", "OperationName": "Sign-in activity",
            "OperationVersion": "1.0", "Category": category, "ResultType": e.success ? "0" : "50126", "ResultSignature": "None",
            "DurationMs": "0", "CorrelationId": Self.guid(e.sessionId), "Resource": "Microsoft.aadiam",
            "ResourceProvider": "Microsoft.aadiam", "Identity": e.displayName, "Level": "4", "Location": e.site.network.country,
            "AppDisplayName": "Office 365 Exchange Online", "AppId": "00000002-0000-0ff1-ce00-000000000000",
            "ClientAppUsed": "Browser", "ConditionalAccessStatus": "notApplied",
            "CreatedDateTime [UTC]": Self.usTime(e.at, millis: e.millis),
            "IsInteractive": type == "SigninLogs" ? "TRUE" : "FALSE", "Id": e.eventId, "IPAddress": e.site.ip,
            "OriginalRequestId": e.eventId, "RiskDetail": "none",
            "RiskEventTypes": e.fromDPRKSpace ? "[\"unfamiliarFeatures\"]" : "[]",
            "RiskEventTypes_V2": e.fromDPRKSpace ? "[\"unfamiliarFeatures\"]" : "[]",
            "RiskLevelAggregated": e.fromDPRKSpace ? "high" : "none", "RiskLevelDuringSignIn": e.fromDPRKSpace ? "high" : "none",
            "RiskState": e.fromDPRKSpace ? "atRisk" : "none",
            "ResourceDisplayName": "Office 365 Exchange Online", "TokenIssuerType": "AzureAD", "UserAgent": e.device.agent.raw,
            "UserDisplayName": e.displayName, "UserId": Self.guid(Self.stableHex(e.account)), "UserPrincipalName": e.account,
            "UserType": "Member", "AADTenantId": Self.tenant, "Type": type,
        ]
        var device = "{\"deviceId\":"
        JSONText.quote(e.device.managed ? e.device.id : "", into: &device)
        device += ",\"operatingSystem\":"; JSONText.quote(e.device.agent.entraOS, into: &device)
        device += ",\"browser\":"; JSONText.quote(e.device.agent.entraBrowser, into: &device)
        device += ",\"isCompliant\":\(e.device.managed),\"isManaged\":\(e.device.managed)}"
        row["DeviceDetail"] = device
        var location = "{\"city\":"
        JSONText.quote(e.site.city, into: &location)
        location += ",\"state\":\"\",\"countryOrRegion\":\"\(e.site.network.country)\"}"
        row["LocationDetails"] = location
        row["Status"] = e.success ? "{\"errorCode\":0}"
            : "{\"errorCode\":50126,\"failureReason\":\"Error validating credentials due to invalid username or password.\"}"
        if !e.success { row["ResultDescription"] = "Error validating credentials due to invalid username or password." }
        w.csvRow(GenLoginShape.logAnalyticsHeader.map { row[$0] })
    }

    /// A row of the Entra admin center's "Download CSV".
    func writeAdminCenter(_ e: GenLoginEvent, _ w: GenWriter) {
        let row: [String: String] = [
            "Date (UTC)": GenCalendar.iso(e.at), "Request ID": e.eventId, "User agent": e.device.agent.raw,
            "Correlation ID": Self.guid(e.sessionId), "User ID": Self.guid(Self.stableHex(e.account)), "User": e.displayName,
            "Username": e.account, "User type": "Member", "Cross tenant access type": "None", "Authentication Protocol": "None",
            "Application": "Office 365 Exchange Online", "Application ID": "00000002-0000-0ff1-ce00-000000000000",
            "Resource": "Office 365 Exchange Online", "IP address": e.site.ip,
            "Location": e.site.city + ", " + e.site.network.country, "Status": e.success ? "Success" : "Failure",
            "Sign-in error code": e.success ? "0" : "50126",
            "Failure reason": e.success ? "" : "Error validating credentials due to invalid username or password.",
            "Client app": "Browser", "Device ID": e.device.managed ? e.device.id : "", "Browser": e.device.agent.entraBrowser,
            "Operating System": e.device.agent.entraOS, "Compliant": e.device.managed ? "Yes" : "No",
            "Managed": e.device.managed ? "Yes" : "No", "Join Type": e.device.managed ? "Azure AD joined" : "",
            "Sign-in identifier": e.account, "Session ID": Self.guid(e.sessionId), "Flagged for review": "No",
            "Token issuer type": "AzureAD", "Conditional Access": "Not Applied",
        ]
        w.csvRow(GenLoginShape.adminCenterHeader.map { row[$0] })
    }

    /// "1/5/2026, 8:14:03.120 AM" (UTC), as Log Analytics exports times.
    static func usTime(_ t: Int64, millis: Int) -> String {
        let (y, m, d) = GenCalendar.civil(day: Int(t / 86400))
        let secs = Int(t % 86400)
        let h24 = secs / 3600
        let h12 = h24 % 12 == 0 ? 12 : h24 % 12
        func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
        let ms = millis < 10 ? "00" + String(millis) : millis < 100 ? "0" + String(millis) : String(millis)
        return "\(m)/\(d)/\(y), \(h12):\(two(secs / 60 % 60)):\(two(secs % 60)).\(ms) \(h24 < 12 ? "AM" : "PM")"
    }

    // MARK: Google

    /// A Reports API activity as SIEMs store it: one a line, `events` one object.
    func writeGoogleLine(_ e: GenLoginEvent, _ w: GenWriter) {
        w.write("{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"uniqueQualifier\":\""); w.write(String(e.qualifier))
        w.write("\",\"applicationName\":\"login\",\"customerId\":\"C03az79cb\"},\"actor\":{\"email\":"); w.json(e.account)
        w.write("},\"ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"networkInfo\":{\"regionCode\":\""); w.write(e.site.network.country)
        w.write("\"},\"events\":{\"type\":\"login\",\"name\":\""); w.write(e.success ? "login_success" : "login_failure")
        w.write("\",\"parameters\":[{\"name\":\"login_type\",\"value\":\"google_password\"},")
        w.write("{\"name\":\"is_suspicious\",\"boolValue\":false}]}}\n")
    }

    /// The login audit shared to Google Cloud Logging: a LogEntry whose protoPayload is the AuditLog.
    func writeCloudLogging(_ e: GenLoginEvent, _ w: GenWriter) {
        let method = e.success ? "google.login.LoginService.loginSuccess" : "google.login.LoginService.loginFailure"
        w.write("{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",")
        w.write("\"authenticationInfo\":{\"principalEmail\":"); w.json(e.account)
        w.write("},\"requestMetadata\":{\"callerIp\":\""); w.write(e.site.ip)
        w.write("\",\"requestAttributes\":{},\"destinationAttributes\":{}},\"serviceName\":\"login.googleapis.com\",")
        w.write("\"methodName\":\"\(method)\",\"resourceName\":\"organizations/614830067722\",")
        w.write("\"metadata\":{\"activityId\":{\"timeUsec\":\""); w.write(String(e.at * 1_000_000 + Int64(e.millis) * 1000))
        w.write("\",\"uniqQualifier\":\""); w.write(String(e.qualifier))
        w.write("\"},\"@type\":\"type.googleapis.com/ccc_hosted_reporting.ActivityProto\",\"event\":[{\"eventName\":\"")
        w.write(e.success ? "login_success" : "login_failure")
        w.write("\",\"eventType\":\"login\",\"parameter\":[{\"type\":\"TYPE_STRING\",\"label\":\"LABEL_OPTIONAL\",")
        w.write("\"name\":\"login_type\",\"value\":\"google_password\"},{\"name\":\"is_suspicious\",\"type\":\"TYPE_BOOL\",")
        w.write("\"boolValue\":false,\"label\":\"LABEL_OPTIONAL\"}]}]}},\"insertId\":\""); w.write(String(e.eventId.prefix(12)))
        w.write("\",\"resource\":{\"type\":\"audited_resource\",\"labels\":{\"service\":\"login.googleapis.com\",\"method\":\"")
        w.write(method); w.write("\"}},\"timestamp\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"severity\":\"NOTICE\",\"logName\":\"organizations/614830067722/logs/cloudaudit.googleapis.com%2Fdata_access\"}")
    }

    /// A row of the admin console's User log events "Download CSV".
    func writeGoogleAdmin(_ e: GenLoginEvent, _ w: GenWriter) {
        w.csvRow([GenCalendar.iso(e.at), e.success ? "Successful login" : "Failed login",
                  e.account + (e.success ? " logged in" : " failed to log in"), e.account, e.site.ip, "Google password",
                  "Password", "False"])
    }
}
