import Foundation

/// GitLab audit events (docs.gitlab.com, "Audit event schema and examples", "Audit event streaming"):
/// the streamed JSON (one event per request body, collected as JSON lines or an array) and the
/// REST API's `/audit_events` pages. Streaming-only fields (author_name, entity_path, ip_address,
/// event_type, target_*) are read top level, else under `details`.
///
/// - Who acted: `details.author_email` where GitLab gives it, else `author_name` (the name GitLab
///   keeps "when the author no longer exists"); both are tried against candidates' accounts.
/// - Identity: GitLab documents `id` as the event's "unique identifier ... can be used for
///   deduplication", but events that are streamed without being stored (git operations,
///   `repository_git_operation`) carry an id that is not a stored row's (GitLab's own example uses
///   the event's unix time): the key adds the event type, the time in ms, the author and the entity.
struct GitLabTransferMapper {
    private var ips: [String: String] = [:]

    mutating func map(_ r: SignInRecord) throws -> [TransferRecord] {
        let eventType = try r.text("event_type", "details.event_name") ?? "audit_event"
        let name = try r.text("author_name", "details.author_name")
        let email = try r.text("details.author_email", "author_email")
        guard let actor = email ?? name else { return [.skipped(.noActor)] }
        let when = try r.transferTime("created_at", "time", "@timestamp")
        let ip = try r.optionalIP("ip_address", "details.ip_address", memo: &ips)
        let message = try? r.text("details.custom_message")
        let gitAction = try r.text("details.custom_message.action")
        let protocolName = try r.text("details.custom_message.protocol")
        let entityType = try r.text("entity_type")
        let entityPath = try r.text("entity_path", "details.entity_path")
        let target = try r.text("target_details", "details.target_details")
        var event = TransferEvent(source: .gitlab, identity: "", sourceId: try r.text("id"), actor: actor,
                                  occurredMs: when.ms, hasMilliseconds: when.milliseconds, ip: ip,
                                  action: TransferActionMap.gitlab(eventType: eventType, gitAction: gitAction, message: message),
                                  vendorAction: eventType)
        event.object = entityPath ?? target
        event.objectKind = switch entityType {
        case "Project": "repository"
        case "Group", "Gitlab::Audit::InstanceScope": "organization"
        case "User": "user"
        default: entityType?.lowercased()
        }
        if let target, target != event.object { event.objectTitle = target }
        event.actorAliases = [name, email].compactMap { $0 }
        event.detail = try TransferDetail.json([
            ("git_action", gitAction), ("protocol", protocolName), ("author_id", try r.text("author_id")),
            ("target_type", try r.text("target_type", "details.target_type")),
            ("message", gitAction == nil ? message : nil),
        ])
        let entity = try r.text("entity_id") ?? ""
        let author = try r.text("author_id") ?? actor
        let targetId = try r.text("target_id", "details.target_id") ?? ""
        event.identity = "\(event.sourceId ?? "")|\(eventType)|\(when.ms)|\(author)|\(entity)|\(targetId)|\(gitAction ?? "")"
        return [.event(event)]
    }
}
