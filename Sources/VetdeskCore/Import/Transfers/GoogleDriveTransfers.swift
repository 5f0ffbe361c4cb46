import Foundation

/// Google Workspace Drive audit in the Admin SDK Reports API shape (developers.google.com,
/// "Activities: list" and "Drive Audit Activity Events"): one activity (`id{time, uniqueQualifier,
/// applicationName, customerId}`, `actor.email`, `ipAddress`) holds one or more `events[]`, each with
/// a `name` (download, copy, view, change_user_access...) and `parameters[]` (doc_id, doc_title,
/// doc_type, owner, visibility, target_user...). Each event is one row.
///
/// Identity: Google documents `uniqueQualifier` as unique only together with `time` ("the time and
/// unique qualifier"), and SIEM exports split an activity's events into records that repeat the same
/// id (Elastic's Drive fixtures reuse `uniqueQualifier` 1 throughout), so the key is time, qualifier,
/// actor, event name, document and a digest of the event's parameters.
struct GoogleDriveTransferMapper {
    private var ips: [String: String] = [:]

    mutating func map(_ r: SignInRecord) throws -> [TransferRecord] {
        if let app = try r.text("id.applicationName"), app.lowercased() != "drive" { return [.skipped(.notATransfer)] }
        let events: [[String: Any]]
        switch r.value("events") {
        case let a as [Any]: events = a.compactMap { $0 as? [String: Any] }
        case let o as [String: Any]: events = [o]
        default: throw r.fail("events", "required array is missing")
        }
        guard let actor = try r.text("actor.email") ?? r.text("actor.profileId").map({ "profile:\($0)" }) else {
            return [.skipped(.noActor)]
        }
        let when = try r.transferTime("id.time")
        let qualifier = try r.text("id.uniqueQualifier") ?? ""
        let ip = try r.optionalIP("ipAddress", memo: &ips)
        var out: [TransferRecord] = []
        for (i, e) in events.enumerated() {
            guard let name = e["name"] as? String, !name.isEmpty else {
                throw r.fail("events.\(i).name", "required value is missing")
            }
            let p = Self.parameters(e["parameters"])
            var event = TransferEvent(source: .googleDrive, identity: "", sourceId: qualifier.isEmpty ? nil : qualifier,
                                      actor: actor, occurredMs: when.ms, hasMilliseconds: when.milliseconds, ip: ip,
                                      action: TransferActionMap.googleDrive(name), vendorAction: name)
            event.object = p["doc_id"]
            event.objectTitle = p["doc_title"]
            event.objectKind = p["doc_type"] == "folder" ? "folder" : (p["doc_id"] == nil ? nil : "file")
            event.detail = TransferDetail.json([
                ("doc_type", p["doc_type"]), ("owner", p["owner"]), ("visibility", p["visibility"]),
                ("target_user", p["target_user"]), ("new_value", p["new_value"]), ("old_value", p["old_value"]),
                ("event_type", e["type"] as? String),
            ])
            event.identity = "\(Time.iso(when.ms / 1000))|\(when.ms % 1000)|\(qualifier)|\(actor.lowercased())|\(name)|"
                + "\(p["doc_id"] ?? "")|\(Self.digest(e["parameters"]))"
            out.append(.event(event))
        }
        return out.isEmpty ? [.skipped(.notATransfer)] : out
    }

    /// name -> value of `parameters[]` (value, boolValue, intValue, multiValue joined).
    static func parameters(_ raw: Any?) -> [String: String] {
        var out: [String: String] = [:]
        for case let p as [String: Any] in raw as? [Any] ?? [] {
            guard let name = p["name"] as? String else { continue }
            if let v = p["value"] as? String { out[name] = v }
            else if let v = p["multiValue"] as? [Any] { out[name] = v.compactMap { $0 as? String }.joined(separator: ",") }
            else if let v = p["intValue"] { out[name] = "\(v)" }
            else if let v = p["boolValue"] as? Bool { out[name] = v ? "true" : "false" }
            if name == "old_value" || name == "new_value", out[name] == nil, let v = p["multiValue"] { out[name] = "\(v)" }
        }
        return out
    }

    /// A stable digest of the parameters as written (sorted JSON), so that two events that differ only
    /// in a parameter (a delete with and without deletion_reason) stay two.
    private static func digest(_ raw: Any?) -> String {
        guard let raw, JSONSerialization.isValidJSONObject(raw),
              let data = try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys]) else { return "" }
        return String(UInt64(bitPattern: LoginEventKey.of(source: "p", sourceId: String(decoding: data, as: UTF8.self))), radix: 16)
    }
}
