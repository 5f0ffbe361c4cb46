import Foundation

/// Writes login events in the shapes the real exports have: Okta System Log (JSON array),
/// Microsoft Entra sign-ins (Graph `{"value":[...]}`), Google Workspace login audit
/// (Reports API `{"items":[...]}`) and the generic login CSV. Each file is opened on first use.
final class GenLoginFiles {
    static let csvHeader = ["event_id", "source", "occurred_at", "account", "ip", "country", "city", "outcome",
                            "user_agent", "device_id", "device_managed", "locale", "session_id"]
    private let directory: URL
    private var writers: [GenLoginSource: GenWriter] = [:]
    private var firstRecord: Set<GenLoginSource> = []
    private(set) var counts: [GenLoginSource: Int] = [:]
    let csvSourceName: String

    init(directory: URL, csvSourceName: String) {
        self.directory = directory
        self.csvSourceName = csvSourceName
    }

    static func fileName(_ source: GenLoginSource) -> String {
        switch source {
        case .okta: "okta-system-log.json"
        case .entra: "entra-signins.json"
        case .google: "google-login-audit.json"
        case .csv: "logins.csv"
        }
    }

    func write(_ e: GenLoginEvent, as source: GenLoginSource) throws {
        let w = try writer(source)
        counts[source, default: 0] += 1
        switch source {
        case .csv: writeCSV(e, w)
        case .okta: separator(source, w); writeOkta(e, w)
        case .entra: separator(source, w); writeEntra(e, w)
        case .google: separator(source, w); writeGoogle(e, w)
        }
    }

    func close() throws {
        for (source, w) in writers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            switch source {
            case .okta: w.write("\n]\n")
            case .entra, .google: w.write("\n]}\n")
            case .csv: break
            }
            try w.close()
        }
        writers = [:]
    }

    private func writer(_ source: GenLoginSource) throws -> GenWriter {
        if let w = writers[source] { return w }
        let w = try GenWriter(url: directory.appendingPathComponent(Self.fileName(source)))
        switch source {
        case .csv: w.csvRow(Self.csvHeader)
        case .okta: w.write("[\n")
        case .entra: w.write("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\"value\":[\n")
        case .google: w.write("{\"kind\":\"admin#reports#activities\",\"items\":[\n")
        }
        writers[source] = w
        firstRecord.insert(source)
        return w
    }

    private func separator(_ source: GenLoginSource, _ w: GenWriter) {
        if firstRecord.remove(source) == nil { w.write(",\n") }
    }

    private func writeCSV(_ e: GenLoginEvent, _ w: GenWriter) {
        w.csv(e.eventId); w.byte(44)
        w.write(csvSourceName); w.byte(44)
        w.timestamp(e.at); w.byte(44)
        w.csv(e.account); w.byte(44)
        w.write(e.site.ip); w.byte(44)
        w.write(e.site.network.country); w.byte(44)
        w.csv(e.site.city); w.byte(44)
        w.write(e.success ? "success" : "failure"); w.byte(44)
        w.csv(e.device.agent.raw); w.byte(44)
        w.write(e.device.id); w.byte(44)
        w.write(e.device.managed ? "true" : "false"); w.byte(44)
        w.write(e.locale); w.byte(44)
        w.write(e.sessionId); w.byte(10)
    }

    private func writeOkta(_ e: GenLoginEvent, _ w: GenWriter) {
        let countryName = Country.name(e.site.network.country) ?? e.site.network.country
        w.write("{\"uuid\":\""); w.write(e.eventId)
        w.write("\",\"published\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"eventType\":\"user.session.start\",\"version\":\"0\",\"severity\":\"INFO\",")
        w.write("\"legacyEventType\":\""); w.write(e.success ? "core.user_auth.login_success" : "core.user_auth.login_failed")
        w.write("\",\"displayMessage\":\"User login to Okta\",\"actor\":{\"id\":\"00u"); w.write(String(Self.stableHex(e.account).prefix(17)))
        w.write("\",\"type\":\"User\",\"alternateId\":"); w.json(e.account)
        w.write(",\"displayName\":"); w.json(e.displayName)
        w.write(",\"detailEntry\":null},\"client\":{\"userAgent\":{\"rawUserAgent\":"); w.json(e.device.agent.raw)
        w.write(",\"os\":"); w.json(e.device.agent.os); w.write(",\"browser\":"); w.json(e.device.agent.browser)
        w.write("},\"zone\":\"null\",\"device\":\"Computer\",\"id\":null,\"ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"geographicalContext\":{\"city\":"); w.json(e.site.city)
        w.write(",\"state\":null,\"country\":"); w.json(countryName)
        w.write(",\"postalCode\":null,\"geolocation\":null}},\"device\":null,")
        w.write("\"authenticationContext\":{\"authenticationProvider\":null,\"credentialProvider\":null,")
        w.write("\"credentialType\":null,\"issuer\":null,\"interface\":null,\"authenticationStep\":0,")
        w.write("\"externalSessionId\":\"102"); w.write(e.sessionId)
        w.write("\"},\"outcome\":{\"result\":\""); w.write(e.success ? "SUCCESS" : "FAILURE")
        w.write("\",\"reason\":"); w.write(e.success ? "null" : "\"INVALID_CREDENTIALS\"")
        w.write("},\"securityContext\":{\"asNumber\":"); w.int(e.site.network.asn)
        w.write(",\"asOrg\":"); w.json(e.site.network.asName.lowercased())
        w.write(",\"isp\":"); w.json(e.site.network.asName.lowercased())
        w.write(",\"domain\":null,\"isProxy\":false},\"request\":{\"ipChain\":[{\"ip\":\""); w.write(e.site.ip)
        w.write("\",\"geographicalContext\":{\"city\":"); w.json(e.site.city)
        w.write(",\"country\":"); w.json(countryName)
        w.write("},\"version\":\"V4\",\"source\":null}]},\"transaction\":{\"type\":\"WEB\",\"id\":\"")
        w.write(String(e.eventId.prefix(8))); w.write("\",\"detail\":{}},\"target\":null}")
    }

    private func writeEntra(_ e: GenLoginEvent, _ w: GenWriter) {
        w.write("{\"id\":\""); w.write(e.eventId)
        w.write("\",\"createdDateTime\":\""); w.timestamp(e.at)
        w.write("\",\"userDisplayName\":"); w.json(e.displayName)
        w.write(",\"userPrincipalName\":"); w.json(e.account)
        w.write(",\"userId\":\""); w.write(Self.guid(Self.stableHex(e.account)))
        w.write("\",\"appId\":\"00000002-0000-0ff1-ce00-000000000000\",\"appDisplayName\":\"Office 365 Exchange Online\",")
        w.write("\"ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"clientAppUsed\":\"Browser\",\"correlationId\":\""); w.write(Self.guid(e.sessionId))
        w.write("\",\"conditionalAccessStatus\":\"notApplied\",\"isInteractive\":true,\"riskDetail\":\"none\",")
        w.write("\"riskLevelAggregated\":\"none\",\"riskLevelDuringSignIn\":\"none\",\"riskState\":\"none\",")
        w.write("\"riskEventTypes_v2\":[],\"resourceDisplayName\":\"Office 365 Exchange Online\",")
        w.write("\"resourceId\":\"00000002-0000-0ff1-ce00-000000000000\",\"status\":{\"errorCode\":")
        w.write(e.success ? "0,\"failureReason\":\"Other.\",\"additionalDetails\":null}"
                          : "50126,\"failureReason\":\"Error validating credentials due to invalid username or password.\",\"additionalDetails\":null}")
        w.write(",\"deviceDetail\":{\"deviceId\":"); w.json(e.device.managed ? e.device.id : "")
        w.write(",\"displayName\":"); w.json(e.device.managed ? "LT-" + e.device.id.prefix(6).uppercased() : "")
        w.write(",\"operatingSystem\":"); w.json(e.device.agent.entraOS)
        w.write(",\"browser\":"); w.json(e.device.agent.entraBrowser)
        w.write(",\"isCompliant\":"); w.write(e.device.managed ? "true" : "false")
        w.write(",\"isManaged\":"); w.write(e.device.managed ? "true" : "false")
        w.write(",\"trustType\":"); w.write(e.device.managed ? "\"Azure AD joined\"" : "\"\"")
        w.write("},\"location\":{\"city\":"); w.json(e.site.city)
        w.write(",\"state\":null,\"countryOrRegion\":\""); w.write(e.site.network.country)
        w.write("\",\"geoCoordinates\":{\"altitude\":null,\"latitude\":null,\"longitude\":null}},")
        w.write("\"appliedConditionalAccessPolicies\":[]}")
    }

    private func writeGoogle(_ e: GenLoginEvent, _ w: GenWriter) {
        w.write("{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\""); w.timestamp(e.at, millis: e.millis)
        w.write("\",\"uniqueQualifier\":\""); w.write(String(e.qualifier))
        w.write("\",\"applicationName\":\"login\",\"customerId\":\"C03az79cb\"},\"etag\":\"\\\"")
        w.write(String(e.eventId.prefix(13))); w.write("\\\"\",\"actor\":{\"email\":"); w.json(e.account)
        w.write(",\"profileId\":\"1"); w.write(String(UInt64(bitPattern: e.qualifier) % 100_000_000_000_000_000))
        w.write("\"},\"ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"networkInfo\":{\"ipAsn\":["); w.int(e.site.network.asn)
        w.write("],\"regionCode\":\""); w.write(e.site.network.country)
        w.write("\"},\"events\":[{\"type\":\"login\",\"name\":\""); w.write(e.success ? "login_success" : "login_failure")
        w.write("\",\"parameters\":[{\"name\":\"login_type\",\"value\":\"google_password\"},")
        w.write("{\"name\":\"login_challenge_method\",\"multiValue\":[\"password\"]},")
        w.write("{\"name\":\"is_suspicious\",\"boolValue\":false}]}]}")
    }

    /// 32 hex digits that depend only on `text` (FNV-1a twice), for ids stable per user.
    static func stableHex(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 7
        }
        var rng = SplitMix64(seed: a ^ b)
        return rng.hex(32)
    }

    /// A GUID-shaped id derived from a hex session id (Entra correlation ids are GUIDs).
    private static func guid(_ hex: String) -> String {
        let c = Array((hex + "00000000000000000000000000000000").utf8.prefix(32))
        func part(_ r: Range<Int>) -> String { String(decoding: c[r], as: UTF8.self) }
        return part(0..<8) + "-" + part(8..<12) + "-" + part(12..<16) + "-" + part(16..<20) + "-" + part(20..<32)
    }
}
