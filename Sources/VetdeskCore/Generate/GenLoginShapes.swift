import Foundation

/// Every export shape of the three identity providers that Vetdesk imports (docs/import-formats.md),
/// so that the demo set holds one file of each. Each vendor's events go mostly to its API shape;
/// the rest are spread, by a stable hash of the event, over the other shapes.
enum GenLoginShape: String, CaseIterable {
    case oktaAPI, oktaHooks, oktaDownload, oktaSIEM
    case entraGraph, entraBeta, entraRecords, entraLines, entraLogAnalytics, entraLogAnalyticsNonInteractive
    case entraAdmin, entraAdminNonInteractive
    case googleReports, googleReportsLines, googleCloudLogging, googleAdmin
    case csv

    var fileName: String {
        switch self {
        case .oktaAPI: "okta-system-log.json"
        case .oktaHooks: "okta-event-hooks.ndjson"
        case .oktaDownload: "okta-system-log-download.csv"
        case .oktaSIEM: "okta-siem-flattened.ndjson"
        case .entraGraph: "entra-signins.json"
        case .entraBeta: "entra-signins-beta.json"
        case .entraRecords: "entra-diagnostic-records.json"
        case .entraLines: "entra-diagnostic.jsonl"
        case .entraLogAnalytics: "entra-log-analytics-SigninLogs.csv"
        case .entraLogAnalyticsNonInteractive: "entra-log-analytics-AADNonInteractiveUserSignInLogs.csv"
        case .entraAdmin: "InteractiveSignIns_2026-01-01_2026-03-01.csv"
        case .entraAdminNonInteractive: "NonInteractiveSignIns_2026-01-01_2026-03-01.csv"
        case .googleReports: "google-login-audit.json"
        case .googleReportsLines: "google-login-audit-siem.ndjson"
        case .googleCloudLogging: "google-cloud-logging-login.json"
        case .googleAdmin: "google-user-log-events.csv"
        case .csv: "logins.csv"
        }
    }

    var format: String {
        switch self {
        case .oktaAPI: "Okta System Log (JSON array)"
        case .oktaHooks: "Okta Event Hook deliveries, one per line"
        case .oktaDownload: "Okta System Log Download CSV"
        case .oktaSIEM: "Okta events as a SIEM re-exports them (flattened keys)"
        case .entraGraph: "Microsoft Entra sign-ins (Graph `value`)"
        case .entraBeta: "Microsoft Entra sign-ins (Graph beta `value`)"
        case .entraRecords: "Entra diagnostic settings records (`records`)"
        case .entraLines: "Entra diagnostic settings, JSON lines"
        case .entraLogAnalytics: "Log Analytics export to CSV of SigninLogs"
        case .entraLogAnalyticsNonInteractive: "Log Analytics export to CSV of AADNonInteractiveUserSignInLogs"
        case .entraAdmin: "Entra admin center Download CSV (interactive)"
        case .entraAdminNonInteractive: "Entra admin center Download CSV (non-interactive)"
        case .googleReports: "Google Workspace login audit (`items`)"
        case .googleReportsLines: "Google login audit as a SIEM stores it (`events` one object)"
        case .googleCloudLogging: "Google login audit in Cloud Logging"
        case .googleAdmin: "Google admin console User log events Download CSV"
        case .csv: "generic login CSV (VPN gateway)"
        }
    }

    static func primary(_ source: GenLoginSource) -> GenLoginShape {
        switch source {
        case .okta: .oktaAPI
        case .entra: .entraGraph
        case .google: .googleReports
        case .csv: .csv
        }
    }

    /// The shape of one event of `source`, from its random uniqueQualifier (stable per event).
    static func pick(_ source: GenLoginSource, _ e: GenLoginEvent) -> GenLoginShape {
        let slot = Int(UInt64(bitPattern: e.qualifier) % 20)
        switch source {
        case .okta:
            return slot < 10 ? .oktaAPI : slot < 14 ? .oktaHooks : slot < 17 ? .oktaDownload : .oktaSIEM
        case .entra:
            let shapes: [GenLoginShape] = [.entraBeta, .entraBeta, .entraRecords, .entraRecords, .entraLines, .entraLines,
                                           .entraLogAnalytics, .entraLogAnalytics, .entraLogAnalyticsNonInteractive,
                                           .entraAdmin, .entraAdmin, .entraAdminNonInteractive]
            return slot < 8 ? .entraGraph : shapes[slot - 8]
        case .google:
            return slot < 10 ? .googleReports : slot < 13 ? .googleReportsLines : slot < 17 ? .googleCloudLogging : .googleAdmin
        case .csv:
            return .csv
        }
    }

    /// Log Analytics' export header (SigninLogs; AADNonInteractiveUserSignInLogs has the same columns).
    static let logAnalyticsHeader = [
        "TenantId", "SourceSystem", "TimeGenerated [UTC]", "ResourceId", "OperationName", "OperationVersion", "Category",
        "ResultType", "ResultSignature", "ResultDescription", "DurationMs", "CorrelationId", "Resource", "ResourceGroup",
        "ResourceProvider", "Identity", "Level", "Location", "AlternateSignInName", "AppDisplayName", "AppId",
        "AuthenticationContextClassReferences", "AuthenticationDetails", "AppliedEventListeners", "AuthenticationMethodsUsed",
        "AuthenticationProcessingDetails", "AuthenticationRequirement", "AuthenticationRequirementPolicies", "ClientAppUsed",
        "ConditionalAccessPolicies", "ConditionalAccessStatus", "CreatedDateTime [UTC]", "DeviceDetail", "IsInteractive", "Id",
        "IPAddress", "IsRisky", "LocationDetails", "MfaDetail", "NetworkLocationDetails", "OriginalRequestId",
        "ProcessingTimeInMilliseconds", "RiskDetail", "RiskEventTypes", "RiskEventTypes_V2", "RiskLevelAggregated",
        "RiskLevelDuringSignIn", "RiskState", "ResourceDisplayName", "ResourceIdentity", "ResourceServicePrincipalId",
        "ServicePrincipalId", "ServicePrincipalName", "Status", "TokenIssuerName", "TokenIssuerType", "UserAgent",
        "UserDisplayName", "UserId", "UserPrincipalName", "AADTenantId", "UserType", "FlaggedForReview",
        "IPAddressFromResourceProvider", "SignInIdentifier", "SignInIdentifierType", "ResourceTenantId", "HomeTenantId",
        "UniqueTokenIdentifier", "SessionLifetimePolicies", "AutonomousSystemNumber", "AuthenticationProtocol",
        "CrossTenantAccessType", "AppliedConditionalAccessPolicies", "RiskLevel", "Type",
    ]
    static let adminCenterHeader = [
        "Date (UTC)", "Request ID", "User agent", "Correlation ID", "User ID", "User", "Username", "User type",
        "Cross tenant access type", "Incoming token type", "Authentication Protocol", "Unique token identifier",
        "Client credential type", "Application", "Application ID", "Resource", "Resource ID", "Resource tenant ID",
        "Home tenant ID", "IP address", "Location", "Status", "Sign-in error code", "Failure reason", "Client app",
        "Device ID", "Browser", "Operating System", "Compliant", "Managed", "Join Type",
        "Multifactor authentication result", "Multifactor authentication auth method",
        "Multifactor authentication auth detail", "Authentication requirement", "Sign-in identifier", "Session ID",
        "IP address (seen by resource)", "Autonomous system  number", "Flagged for review", "Token issuer type",
        "Token issuer name", "Latency", "Conditional Access",
    ]
    static let oktaDownloadHeader = [
        "uuid", "published", "eventType", "version", "severity", "legacyEventType", "displayMessage", "actor.id", "actor.type",
        "actor.alternateId", "actor.displayName", "client.userAgent.rawUserAgent", "client.userAgent.os",
        "client.userAgent.browser", "client.zone", "client.device", "client.id", "client.ipAddress",
        "client.geographicalContext.city", "client.geographicalContext.state", "client.geographicalContext.country",
        "client.geographicalContext.postalCode", "outcome.result", "outcome.reason", "transaction.type", "transaction.id",
        "debugContext.debugData.requestUri", "debugContext.debugData.threatSuspected",
        "authenticationContext.authenticationStep", "authenticationContext.externalSessionId", "securityContext.asNumber",
        "securityContext.asOrg", "securityContext.isp", "securityContext.isProxy", "target",
    ]
    static let googleAdminHeader = ["Date", "Event", "Description", "User", "IP address", "Login type",
                                    "Login challenge method", "Is suspicious"]
}

extension GenLoginFiles {
    static let tenant = "4b2462a4-bbee-495a-a0e1-f23ae524cc9c"

    func start(_ shape: GenLoginShape, _ w: GenWriter) {
        switch shape {
        case .csv: w.csvRow(Self.csvHeader)
        case .oktaAPI, .googleCloudLogging: w.write("[\n")
        case .entraGraph: w.write("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\"value\":[\n")
        case .entraBeta: w.write("{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns\",\"value\":[\n")
        case .entraRecords: w.write("{\"records\":[\n")
        case .googleReports: w.write("{\"kind\":\"admin#reports#activities\",\"items\":[\n")
        case .entraLogAnalytics, .entraLogAnalyticsNonInteractive:
            w.write("\u{FEFF}"); w.csvRow(GenLoginShape.logAnalyticsHeader)
        case .entraAdmin, .entraAdminNonInteractive:
            w.write("\u{FEFF}"); w.csvRow(GenLoginShape.adminCenterHeader)
        case .oktaDownload: w.csvRow(GenLoginShape.oktaDownloadHeader)
        case .googleAdmin: w.csvRow(GenLoginShape.googleAdminHeader)
        case .oktaHooks, .oktaSIEM, .entraLines, .googleReportsLines: break
        }
    }

    func finish(_ shape: GenLoginShape, _ w: GenWriter) {
        switch shape {
        case .oktaAPI, .googleCloudLogging: w.write("\n]\n")
        case .entraGraph, .entraBeta, .entraRecords, .googleReports: w.write("\n]}\n")
        case .oktaHooks: closeDelivery(w)
        default: break
        }
    }

    func writeOther(_ shape: GenLoginShape, _ e: GenLoginEvent, _ w: GenWriter) {
        switch shape {
        case .oktaHooks: writeOktaHook(e, w)
        case .oktaDownload: writeOktaDownload(e, w)
        case .oktaSIEM: writeOktaFlattened(e, w)
        case .entraBeta:
            separator(shape, w)
            writeEntra(e, w, extra: ",\"sessionId\":\"\(Self.guid(e.sessionId))\",\"signInEventTypes\":[\"interactiveUser\"]")
        case .entraRecords: separator(shape, w); writeEntraRecord(e, w, category: "SignInLogs")
        case .entraLines:
            let nonInteractive = (UInt64(bitPattern: e.qualifier) >> 12) % 3 == 0
            writeEntraRecord(e, w, category: nonInteractive ? "NonInteractiveUserSignInLogs" : "SignInLogs"); w.byte(10)
        case .entraLogAnalytics: writeLogAnalytics(e, w, type: "SigninLogs", category: "SignInLogs")
        case .entraLogAnalyticsNonInteractive:
            writeLogAnalytics(e, w, type: "AADNonInteractiveUserSignInLogs", category: "NonInteractiveUserSignInLogs")
        case .entraAdmin, .entraAdminNonInteractive: writeAdminCenter(e, w)
        case .googleReportsLines: writeGoogleLine(e, w)
        case .googleCloudLogging: separator(shape, w); writeCloudLogging(e, w)
        case .googleAdmin: writeGoogleAdmin(e, w)
        default: break
        }
    }
}
