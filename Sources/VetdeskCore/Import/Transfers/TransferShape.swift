/// Which vendor an audit file comes from, by the fields only that vendor writes (folded like
/// SignInShape: case, spaces and punctuation ignored, nested keys joined), from the first JSON record
/// or the CSV header. Checked before the sign-in shapes: a Google Drive activity has the same `id`
/// block as a Google login activity, and only `applicationName` tells them apart.
enum TransferShape {
    static let kinds: Set<ImportKind> = [.githubAudit, .gitlabAudit, .googleDrive, .m365Audit]

    static func detect(object: [String: Any]) -> ImportKind? {
        var object = object
        if let inner = try? SignInSource.unwrap(object, location: "", file: ""), let first = inner.first {
            object = first.object
        }
        if let id = object["id"] as? [String: Any], let app = id["applicationName"] as? String {
            return app.lowercased() == "drive" ? .googleDrive : nil
        }
        return detect(keys: flatKeys(object))
    }

    static func detect(csvHeader: [String]) -> ImportKind? {
        detect(keys: Set(csvHeader.map(SignInRecord.foldKey)))
    }

    private static func detect(keys: Set<String>) -> ImportKind? {
        if keys.contains("auditdata") && (keys.contains("operations") || keys.contains("operation")) { return .m365Audit }
        if keys.contains("operation") && keys.contains("creationtime") && (keys.contains("workload") || keys.contains("recordtype")) {
            return .m365Audit
        }
        if keys.contains("idapplicationname") && keys.contains("events") { return .googleDrive }
        if keys.contains("eventtype") && keys.contains("published") { return nil } // Okta System Log
        if keys.contains("authorid") && (keys.contains("entitypath") || keys.contains("entitytype") || keys.contains("eventtype")) {
            return .gitlabAudit
        }
        if keys.contains("action") && keys.contains("actor")
            && (keys.contains("timestamp") || keys.contains("createdat") || keys.contains("documentid")) {
            return .githubAudit
        }
        return nil
    }

    private static func flatKeys(_ object: [String: Any]) -> Set<String> {
        var out = Set<String>()
        func walk(_ prefix: String, _ value: Any, depth: Int) {
            out.insert(prefix)
            if let d = value as? [String: Any], depth < 3 {
                for (k, v) in d { walk(prefix + SignInRecord.foldKey(k), v, depth: depth + 1) }
            }
        }
        for (k, v) in object { walk(SignInRecord.foldKey(k), v, depth: 0) }
        return out
    }
}
