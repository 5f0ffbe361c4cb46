import Foundation

/// Microsoft 365 unified audit log (learn.microsoft.com, "Office 365 Management Activity API schema",
/// "Export, configure, and view audit log records"):
/// - the Management Activity API content (a JSON array of records: CreationTime, Id, Operation,
///   UserId, ClientIP, ObjectId, SourceFileName, SiteUrl, Workload...), also as JSON lines;
/// - the Purview "Export results" CSV (CreationDate, UserIds, Operations, AuditData; newer exports add
///   RecordId, RecordType, Operation, UserId), whose AuditData cell holds the same record as JSON.
///
/// Identity: Microsoft documents `Id` as the "unique identifier of an audit record"; exports repeat
/// rows, so the key is the Id with the operation and the time.
/// Records of other workloads (Exchange, Entra sign-ins...) are skipped as not_a_transfer_event unless
/// their operation is a file transfer.
struct M365TransferMapper {
    private var ips: [String: String] = [:]

    mutating func map(_ outer: SignInRecord) throws -> [TransferRecord] {
        var r = outer
        if let cell = outer.value("AuditData") {
            let object: [String: Any]?
            switch cell {
            case let o as [String: Any]: object = o
            case let s as String: object = (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any]
            default: object = nil
            }
            guard let object else { throw outer.fail("AuditData", "is not a JSON object") }
            r = SignInRecord(object: object, file: outer.file, location: outer.location, folds: outer.folds)
        }
        guard let operation = try r.text("Operation") ?? outer.text("Operation", "Operations") else {
            throw r.fail("Operation", "required value is missing")
        }
        let action = TransferActionMap.m365(operation)
        let workload = try r.text("Workload")
        if let workload, !["SharePoint", "OneDrive"].contains(workload), action == .other { return [.skipped(.notATransfer)] }
        guard let actor = try r.text("UserId", "UserKey") ?? outer.text("UserIds", "UserId") else { return [.skipped(.noActor)] }
        let when: (ms: Int64, milliseconds: Bool)
        if r.value("CreationTime") != nil { when = try r.transferTime("CreationTime") } else { when = try outer.transferTime("CreationDate") }
        let id = try r.text("Id") ?? outer.text("RecordId")
        var event = TransferEvent(source: .m365, identity: "", sourceId: id, actor: actor, occurredMs: when.ms,
                                  hasMilliseconds: when.milliseconds, ip: try r.optionalIP("ClientIP", "ClientIPAddress", memo: &ips),
                                  action: action, vendorAction: operation)
        let site = try r.text("SiteUrl")
        let relative = try r.text("SourceRelativeUrl")
        let file = try r.text("SourceFileName")
        event.object = try r.text("ObjectId") ?? [site, relative, file].compactMap { $0 }.joined(separator: "/").nilIfEmpty
        event.objectTitle = file
        event.objectKind = try r.text("ItemType").map { $0.lowercased() } ?? (file == nil ? nil : "file")
        event.userAgent = try r.text("UserAgent")
        if let size = try r.text("FileSizeBytes", "FileSize"), let n = Int64(size), n >= 0 { event.bytes = n }
        event.detail = try TransferDetail.json([
            ("workload", workload), ("site_url", site), ("record_type", try r.text("RecordType")),
            ("destination", try r.text("DestinationRelativeUrl")), ("target_user", try r.text("TargetUserOrGroupName")),
            ("event_source", try r.text("EventSource")),
        ])
        event.identity = "\(id ?? "")|\(operation)|\(when.ms)|\(id == nil ? "\(actor)|\(event.object ?? "")" : "")"
        return [.event(event)]
    }
}
