import Foundation

/// Writes login events in the shapes the real exports have: Okta System Log (JSON array),
/// Microsoft Entra sign-ins (Graph `{"value":[...]}`), Google Workspace login audit
/// (Reports API `{"items":[...]}`) and the generic login CSV; for the demo set also every other
/// export shape of each vendor (GenLoginShapes.swift). Each file is opened on first use.
final class GenLoginFiles {
    static let csvHeader = ["event_id", "source", "occurred_at", "account", "ip", "country", "city", "outcome",
                            "user_agent", "device_id", "device_managed", "locale", "session_id"]
    private let directory: URL
    private var writers: [GenLoginShape: GenWriter] = [:]
    private var firstRecord: Set<GenLoginShape> = []
    /// File name -> login records written.
    private(set) var counts: [String: Int] = [:]
    let csvSourceName: String
    /// Spread each source's events over every export shape of that vendor (the demo set), instead
    /// of one file per source.
    let allShapes: Bool
    /// The Event Hook delivery being written: events still to add, time of the last one.
    var openDelivery: (remaining: Int, lastAt: Int64, millis: Int)?

    init(directory: URL, csvSourceName: String, allShapes: Bool = false) {
        self.directory = directory
        self.csvSourceName = csvSourceName
        self.allShapes = allShapes
    }

    static func fileName(_ source: GenLoginSource) -> String { GenLoginShape.primary(source).fileName }

    func write(_ e: GenLoginEvent, as source: GenLoginSource) throws {
        let shape = allShapes ? GenLoginShape.pick(source, e) : GenLoginShape.primary(source)
        let w = try writer(shape)
        counts[shape.fileName, default: 0] += 1
        switch shape {
        case .csv: writeCSV(e, w)
        case .oktaAPI: separator(shape, w); writeOkta(e, w)
        case .entraGraph: separator(shape, w); writeEntra(e, w)
        case .googleReports: separator(shape, w); writeGoogle(e, w)
        default: writeOther(shape, e, w)
        }
    }

    func close() throws {
        for (shape, w) in writers.sorted(by: { $0.key.fileName < $1.key.fileName }) {
            finish(shape, w)
            try w.close()
        }
        writers = [:]
    }

    private func writer(_ shape: GenLoginShape) throws -> GenWriter {
        if let w = writers[shape] { return w }
        let w = try GenWriter(url: directory.appendingPathComponent(shape.fileName))
        start(shape, w)
        writers[shape] = w
        firstRecord.insert(shape)
        return w
    }

    func separator(_ shape: GenLoginShape, _ w: GenWriter) {
        if firstRecord.remove(shape) == nil { w.write(",\n") }
    }

    func writeCSV(_ e: GenLoginEvent, _ w: GenWriter) {
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

    func writeOkta(_ e: GenLoginEvent, _ w: GenWriter) {
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
        w.write(",\"domain\":null,\"isProxy\":false},\"debugContext\":{\"debugData\":{\"requestUri\":\"/api/v1/authn\",")
        w.write("\"threatSuspected\":\""); w.write(e.fromDPRKSpace ? "true" : "false")
        w.write("\"}},\"request\":{\"ipChain\":[{\"ip\":\""); w.write(e.site.ip)
        w.write("\",\"geographicalContext\":{\"city\":"); w.json(e.site.city)
        w.write(",\"country\":"); w.json(countryName)
        w.write("},\"version\":\"V4\",\"source\":null}]},\"transaction\":{\"type\":\"WEB\",\"id\":\"")
        w.write(String(e.eventId.prefix(8))); w.write("\",\"detail\":{}},\"target\":null}")
    }

    func writeEntra(_ e: GenLoginEvent, _ w: GenWriter, extra: String = "") {
        w.write("{\"id\":\""); w.write(e.eventId)
        w.write("\",\"createdDateTime\":\""); w.timestamp(e.at)
        w.write("\",\"userDisplayName\":"); w.json(e.displayName)
        w.write(",\"userPrincipalName\":"); w.json(e.account)
        w.write(",\"userId\":\""); w.write(Self.guid(Self.stableHex(e.account)))
        w.write("\",\"appId\":\"00000002-0000-0ff1-ce00-000000000000\",\"appDisplayName\":\"Office 365 Exchange Online\",")
        w.write("\"ipAddress\":\""); w.write(e.site.ip)
        w.write("\",\"clientAppUsed\":\"Browser\",\"correlationId\":\""); w.write(Self.guid(e.sessionId))
        w.write("\",\"conditionalAccessStatus\":\"notApplied\",\"isInteractive\":true,\"riskDetail\":\"none\",")
        // ID Protection flags sign-ins from DPRK address space (the demo's vendor verdicts).
        w.write(e.fromDPRKSpace
                ? "\"riskLevelAggregated\":\"high\",\"riskLevelDuringSignIn\":\"high\",\"riskState\":\"atRisk\",\"riskEventTypes_v2\":[\"unfamiliarFeatures\"],"
                : "\"riskLevelAggregated\":\"none\",\"riskLevelDuringSignIn\":\"none\",\"riskState\":\"none\",\"riskEventTypes_v2\":[],")
        w.write("\"resourceDisplayName\":\"Office 365 Exchange Online\",")
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
        w.write("\"appliedConditionalAccessPolicies\":[]"); w.write(extra); w.write("}")
    }

    func writeGoogle(_ e: GenLoginEvent, _ w: GenWriter) {
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
    static func guid(_ hex: String) -> String {
        let c = Array((hex + "00000000000000000000000000000000").utf8.prefix(32))
        func part(_ r: Range<Int>) -> String { String(decoding: c[r], as: UTF8.self) }
        return part(0..<8) + "-" + part(8..<12) + "-" + part(12..<16) + "-" + part(16..<20) + "-" + part(20..<32)
    }
}

extension GenLoginEvent {
    /// The identity providers' own threat detection flags these (ThreatInsight, ID Protection).
    var fromDPRKSpace: Bool { site.network.kind == .dprk }
}
