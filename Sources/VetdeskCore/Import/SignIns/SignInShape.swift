/// Which identity provider a sign-in file comes from, by the fields only that provider writes:
/// the first JSON record (after unwrapping deliveries and `records` blobs), or the CSV header.
/// Names are compared folded (case, spaces and punctuation ignored), so SIEM re-exports with
/// flattened or lower-cased keys are recognised like the vendor's own.
enum SignInShape {
    static let identityKinds: Set<ImportKind> = [.okta, .entra, .google]

    static func detect(object: [String: Any]) -> ImportKind? {
        var object = object
        if let inner = try? SignInSource.unwrap(object, location: "", file: ""), let first = inner.first {
            object = first.object
        }
        if let proto = object["protoPayload"] as? [String: Any] {
            let service = proto["serviceName"] as? String
            let method = proto["methodName"] as? String ?? ""
            return service == "login.googleapis.com" || method.hasPrefix("google.login.") ? .google : nil
        }
        if let id = object["id"] as? [String: Any], id["uniqueQualifier"] != nil || id["applicationName"] != nil {
            return .google
        }
        if let category = object["category"] as? String, object["properties"] is [String: Any],
           category.hasSuffix("SignInLogs") {
            return .entra
        }
        return detect(keys: flatKeys(object))
    }

    static func detect(csvHeader: [String]) -> ImportKind? {
        let keys = Set(csvHeader.map(SignInRecord.foldKey))
        if let kind = detect(keys: keys) { return kind }
        // Google admin console "Download CSV" of User log events.
        if keys.contains("event"), keys.contains("ipaddress"), keys.contains("date"),
           keys.contains("user") || keys.contains("actor") {
            return .google
        }
        return nil
    }

    /// Folded key sets of each vendor, nested keys joined ("actor.alternateId" -> "actoralternateid").
    private static func detect(keys: Set<String>) -> ImportKind? {
        if keys.contains("eventtype"), keys.contains("published") { return .okta }
        if keys.contains("iduniquequalifier"), keys.contains("idtime") { return .google }
        let entraTime = ["createddatetime", "createddatetimeutc", "dateutc", "timegeneratedutc", "timegenerated"]
        let entraUser = ["userprincipalname", "username"]
        let entraId = ["id", "requestid", "correlationid"]
        if entraTime.contains(where: keys.contains), entraUser.contains(where: keys.contains),
           entraId.contains(where: keys.contains), keys.contains("ipaddress") || keys.contains("status") {
            return .entra
        }
        return nil
    }

    private static func flatKeys(_ object: [String: Any]) -> Set<String> {
        var out = Set<String>()
        func walk(_ prefix: String, _ value: Any, depth: Int) {
            out.insert(prefix)
            if let d = value as? [String: Any], depth < 4 {
                for (k, v) in d { walk(prefix + SignInRecord.foldKey(k), v, depth: depth + 1) }
            }
        }
        for (k, v) in object { walk(SignInRecord.foldKey(k), v, depth: 0) }
        return out
    }
}
