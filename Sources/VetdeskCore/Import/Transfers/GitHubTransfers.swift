import Foundation

/// GitHub organisation / enterprise audit log, in each shape it is exported (docs.github.com,
/// "Reviewing the audit log for your organization", "Using the audit log API for your enterprise",
/// "Streaming the audit log for your enterprise"): REST API pages (a JSON array), the web "Export"
/// JSON and CSV, and the streaming shape (one event a line, or `{"records":[...]}` blobs).
///
/// - Who acted is `actor`; `user` is the account the action was done to, kept only as evidence.
/// - Time: `@timestamp` (unix ms), else `created_at` (unix ms in the API, ISO in some exports).
/// - IP: `actor_ip` (present only where the enterprise enabled IP disclosure, and missing from many
///   events), else `actor_location.ip` as some SIEM exports write it.
/// - Identity: GitHub lists `_document_id` among the fields of its events but never states that it is
///   unique per event (the audit log events reference pages give no such statement), so it is not
///   trusted alone: the key is `_document_id` with the action, the time in ms and the actor; without it,
///   the event's own fields (action, time, actor, repository, IP, user, token).
struct GitHubTransferMapper {
    private var ips: [String: String] = [:]

    mutating func map(_ r: SignInRecord) throws -> [TransferRecord] {
        let action = try r.required("action")
        guard let actor = try r.text("actor", "actor_name", "actor.login") else { return [.skipped(.noActor)] }
        let when = try r.transferTime("@timestamp", "created_at", "timestamp")
        let ip = try r.optionalIP("actor_ip", "actor_location.ip", "ip", memo: &ips)
        let repo = try r.text("repo", "repository", "repository_name", "data.repo")
        let org = try r.text("org", "organization")
        let user = try r.text("user", "user_login")
        let token = try r.text("hashed_token")
        let documentId = try r.text("_document_id", "document_id")
        let mapped = TransferActionMap.github(action)
        var event = TransferEvent(source: .github, identity: "", sourceId: documentId, actor: actor,
                                  occurredMs: when.ms, hasMilliseconds: when.milliseconds, ip: ip,
                                  action: mapped, vendorAction: action)
        if let repo {
            event.object = repo.contains("/") || org == nil ? repo : "\(org!)/\(repo)"
            event.objectKind = "repository"
        } else if let team = try r.text("team", "data.team") {
            (event.object, event.objectKind) = (team, "team")
        } else if let org {
            (event.object, event.objectKind) = (org, "organization")
        } else if let business = try r.text("business") {
            (event.object, event.objectKind) = (business, "organization")
        }
        event.userAgent = try r.text("user_agent")
        event.tokenHash = token
        event.programmaticAccess = try r.text("programmatic_access_type")
        event.detail = try TransferDetail.json([
            ("user", user), ("org", org), ("business", try r.text("business")),
            ("transport_protocol", try r.text("transport_protocol_name", "transport_protocol")),
            ("repository_public", try r.text("repository_public")), ("country", try r.text("actor_location.country_code")),
            ("token_scopes", try r.text("token_scopes")), ("operation_type", try r.text("operation_type")),
        ])
        let ms = String(when.ms)
        event.identity = documentId.map { "doc|\($0)|\(action)|\(ms)|\(actor)" }
            ?? "f|\(action)|\(ms)|\(actor)|\(event.object ?? "")|\(ip ?? "")|\(user ?? "")|\(token ?? "")"
        return [.event(event)]
    }
}
