import Foundation

/// Writes the demo's after-hire events in each vendor's own shape, under `after-hire/`, one file
/// per source (commits are not written: `vetdesk import-git` reads them from repositories).
/// Shapes as the vendors document them:
/// - GitHub: audit log streaming, one JSON object per line as written to S3/Azure Blob/Splunk, the
///   event fields of "Audit log events for your enterprise" (`@timestamp`/`created_at` in ms,
///   `actor`, `actor_ip`, `repo`, `hashed_token`, `programmatic_access_type`, `_document_id`);
///   docs.github.com/en/enterprise-cloud@latest/admin/monitoring-activity-in-your-enterprise/reviewing-audit-logs-for-your-enterprise/streaming-the-audit-log-for-your-enterprise
///   and .../audit-log-events-for-your-enterprise. `user` (the person acted on) is absent on git events.
/// - GitLab: audit event streaming payloads, one per line, with the fields of "Audit event schema"
///   (docs.gitlab.com/user/compliance/audit_event_schema): `id`, `author_id`, `author_name`,
///   `entity_path`, `event_type` `repository_git_operation` / `repository_download_operation`,
///   `ip_address`, `created_at`, `details.custom_message` {protocol, action: git-upload-pack}.
/// - Google Drive: Admin SDK Reports API `activities.list` response for applicationName=drive
///   (developers.google.com/workspace/admin/reports/v1/guides/manage-audit-drive and the Drive
///   event names appendix): `id.time`, `id.uniqueQualifier`, `actor.email`, `ipAddress`, events of
///   type `access` named `download` with `doc_id`, `doc_title`, `doc_type`, `owner`, `visibility`.
/// - Microsoft 365: the Purview audit search "Export results" CSV (columns CreationDate, UserIds,
///   Operations, AuditData) with AuditData in the Office 365 Management Activity API common and
///   SharePoint schemas (learn.microsoft.com/office/office-365-management-api/office-365-management-activity-api-schema).
enum GenTransferFiles {
    static let directory = "after-hire"
    static let github = "github-audit-stream.jsonl"
    static let gitlab = "gitlab-audit-stream.ndjson"
    static let drive = "google-drive-audit.json"
    static let m365 = "m365-purview-audit-export.csv"
    static let tenant = "acmecontractors"
    /// For the demo README's file table (after-hire activity; not imported until the transfer importers land).
    static let formats = [
        directory + "/" + github: "GitHub audit log streaming (JSON lines), after hire",
        directory + "/" + gitlab: "GitLab audit event streaming, after hire",
        directory + "/" + drive: "Google Drive Reports API activities, after hire",
        directory + "/" + m365: "Microsoft Purview audit export CSV, after hire",
    ]

    /// Writes the files; returns records written per file (keys prefixed with the directory).
    static func write(_ events: [GenTransferPlan.Event], to root: URL) throws -> [String: Int] {
        let dir = root.appendingPathComponent(directory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        let gh = try GenWriter(url: dir.appendingPathComponent(github))
        let gl = try GenWriter(url: dir.appendingPathComponent(gitlab))
        let gd = try GenWriter(url: dir.appendingPathComponent(drive))
        let ms = try GenWriter(url: dir.appendingPathComponent(m365))
        gd.write("{\"kind\":\"admin#reports#activities\",\"items\":[\n")
        ms.csvRow(["CreationDate", "UserIds", "Operations", "AuditData"])
        var firstDrive = true
        for e in events {
            switch e.record.source {
            case .github: gh.write(githubLine(e) + "\n"); counts[directory + "/" + github, default: 0] += 1
            case .gitlab: gl.write(gitlabLine(e) + "\n"); counts[directory + "/" + gitlab, default: 0] += 1
            case .googleDrive:
                gd.write((firstDrive ? "" : ",\n") + driveActivity(e)); firstDrive = false
                counts[directory + "/" + drive, default: 0] += 1
            case .m365:
                let creation = String(GenCalendar.iso(e.record.occurredAt).dropLast()) + ".0000000Z"
                ms.csvRow([creation, e.account, e.record.vendorAction, m365AuditData(e)])
                counts[directory + "/" + m365, default: 0] += 1
            case .git: break
            }
        }
        gd.write("\n]}\n")
        for w in [gh, gl, gd, ms] { try w.close() }
        try readme.write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return counts
    }

    static func millis(_ e: GenTransferPlan.Event) -> Int64 { e.record.occurredAt * 1000 + Int64(e.record.occurredMs ?? 0) }

    /// A small positive id that depends only on `text`.
    static func numericId(_ text: String, modulo: UInt64 = 90_000_000) -> Int64 {
        Int64(UInt64(bitPattern: TransferEventRecord.fnv(text)) % modulo) + 10_000_000
    }

    static func githubLine(_ e: GenTransferPlan.Event) -> String {
        let r = e.record
        let repo = r.object ?? ""
        var f: [(String, JSONValue)] = [
            ("@timestamp", .int(millis(e))), ("_document_id", .string(e.vendorId)), ("action", .string(r.vendorAction)),
            ("actor", .string(r.actor)), ("actor_id", .int(numericId(r.actor))), ("actor_ip", .string(r.ip ?? "")),
            ("actor_location", .object([("country_code", .string(e.country))])),
            ("business", .string(GenTransferPlan.org)), ("business_id", .int(4711)),
            ("created_at", .int(millis(e))),
            ("operation_type", .string("access")), ("org", .string(GenTransferPlan.org)), ("org_id", .int(81_234_567)),
            ("repo", .string(repo)), ("repository", .string(repo)), ("repository_public", .bool(false)),
        ]
        if let token = r.tokenHash { f.append(("hashed_token", .string(token))) }
        if let p = r.programmaticAccess { f.append(("programmatic_access_type", .string(p))) }
        if r.vendorAction.hasPrefix("git.") {
            f += [("transport_protocol", .int(1)), ("transport_protocol_name", .string("http"))]
        }
        f.append(("user_agent", .string(r.vendorAction.hasPrefix("git.") ? "git/2.47.1" : "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")))
        return JSONValue.object(f).serialized()
    }

    static func gitlabLine(_ e: GenTransferPlan.Event) -> String {
        let r = e.record
        let path = r.object ?? ""
        let download = r.action == .download
        let project = numericId(path, modulo: 900_000)
        let custom: JSONValue = download ? .string("Repository Download Started")
            : .object([("protocol", .string("ssh")), ("action", .string("git-upload-pack"))])
        let details: JSONValue = .object([
            ("author_name", .string(r.actor)), ("author_class", .string("User")), ("author_email", .string(e.account)),
            ("target_id", .int(project)), ("target_type", .string("Project")),
            ("target_details", .string(String(path.split(separator: "/").last ?? ""))),
            ("custom_message", custom), ("ip_address", .string(r.ip ?? "")), ("entity_path", .string(path)),
        ])
        return JSONValue.object([
            ("id", .string(String(numericId(e.vendorId, modulo: 9_000_000_000)))), ("author_id", .int(numericId(e.account, modulo: 9_000_000))),
            ("entity_id", .int(project)), ("entity_type", .string("Project")), ("details", details),
            ("ip_address", .string(r.ip ?? "")), ("author_name", .string(r.actor)), ("entity_path", .string(path)),
            ("target_details", .string(String(path.split(separator: "/").last ?? ""))),
            ("created_at", .string(String(GenCalendar.iso(r.occurredAt).dropLast()) + "." + three(r.occurredMs ?? 0) + "Z")),
            ("target_type", .string("Project")), ("target_id", .int(project)),
            ("event_type", .string(download ? "repository_download_operation" : "repository_git_operation")),
        ]).serialized()
    }

    static func driveActivity(_ e: GenTransferPlan.Event) -> String {
        let r = e.record
        let title = String((r.object ?? "").split(separator: "/").last ?? "")
        let docId = "1" + GenLoginFiles.stableHex("drive|" + (r.object ?? "")).prefix(32)
        let params: [JSONValue] = [
            .object([("name", .string("primary_event")), ("boolValue", .bool(true))]),
            .object([("name", .string("billable")), ("boolValue", .bool(true))]),
            .object([("name", .string("doc_id")), ("value", .string(String(docId)))]),
            .object([("name", .string("doc_type")), ("value", .string("document"))]),
            .object([("name", .string("doc_title")), ("value", .string(title))]),
            .object([("name", .string("visibility")), ("value", .string("shared_internally"))]),
            .object([("name", .string("owner")), ("value", .string("eng-docs@" + GenClock.corporateDomain))]),
            .object([("name", .string("owner_is_shared_drive")), ("boolValue", .bool(false))]),
        ]
        return JSONValue.object([
            ("kind", .string("admin#reports#activity")),
            ("id", .object([("time", .string(String(GenCalendar.iso(r.occurredAt).dropLast()) + "." + three(r.occurredMs ?? 0) + "Z")),
                            ("uniqueQualifier", .string(String(TransferEventRecord.fnv(e.vendorId)))),
                            ("applicationName", .string("drive")), ("customerId", .string("C03az79cb"))])),
            ("actor", .object([("email", .string(r.actor)), ("profileId", .string(String(numericId(r.actor, modulo: 900_000_000_000))))])),
            ("ipAddress", .string(r.ip ?? "")),
            ("events", .array([.object([("type", .string("access")), ("name", .string(r.vendorAction)), ("parameters", .array(params))])])),
        ]).serialized()
    }

    static func m365AuditData(_ e: GenTransferPlan.Event) -> String {
        let r = e.record
        let path = r.object ?? ""
        let file = String(path.split(separator: "/").last ?? "")
        let folder = "Shared Documents/" + path.split(separator: "/").dropLast().joined(separator: "/")
        let site = "https://\(tenant).sharepoint.com/sites/engineering/"
        func guid(_ s: String) -> String { GenLoginFiles.guid(GenLoginFiles.stableHex(s)) }
        return JSONValue.object([
            ("CreationTime", .string(String(GenCalendar.iso(r.occurredAt).dropLast()))), ("Id", .string(guid(e.vendorId))),
            ("Operation", .string(r.vendorAction)), ("OrganizationId", .string(guid("org|" + tenant))), ("RecordType", .int(6)),
            ("UserKey", .string("i:0h.f|membership|" + GenLoginFiles.stableHex(e.account).prefix(16) + "@live.com")),
            ("UserType", .int(0)), ("Version", .int(1)), ("Workload", .string("SharePoint")),
            ("ClientIP", .string(r.ip ?? "")), ("ObjectId", .string(site + folder + "/" + file)), ("UserId", .string(e.account)),
            ("CorrelationId", .string(guid("corr|" + e.vendorId))), ("EventSource", .string("SharePoint")),
            ("ItemType", .string("File")), ("ListId", .string(guid("list|docs"))), ("ListItemUniqueId", .string(guid("item|" + path))),
            ("Site", .string(guid("site|engineering"))),
            ("UserAgent", .string("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")),
            ("WebId", .string(guid("web|engineering"))), ("FileSizeBytes", .int(r.bytes ?? 0)),
            ("SourceFileExtension", .string(String(file.split(separator: ".").last ?? ""))), ("SiteUrl", .string(site)),
            ("SourceFileName", .string(file)), ("SourceRelativeUrl", .string(folder)),
        ]).serialized()
    }

    static func three(_ ms: Int) -> String { ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)" }

    static let readme = """
    # After-hire activity (demo)

    Written by `vetdesk generate --demo`; regenerate, do not edit. Synthetic events in each vendor's
    own export shape, for the after-hire rules (docs/rules.md, "After hire"):

    | File | Shape | Vendor documentation |
    |---|---|---|
    | github-audit-stream.jsonl | GitHub audit log streaming (one JSON event per line, times in ms) | docs.github.com, "Streaming the audit log for your enterprise" and "Audit log events for your enterprise" |
    | gitlab-audit-stream.ndjson | GitLab audit event streaming payloads | docs.gitlab.com/user/compliance/audit_event_schema |
    | google-drive-audit.json | Admin SDK Reports API activities, applicationName=drive | developers.google.com/workspace/admin/reports/v1/guides/manage-audit-drive |
    | m365-purview-audit-export.csv | Purview audit search "Export results" (CreationDate, UserIds, Operations, AuditData) | learn.microsoft.com, Office 365 Management Activity API schema |

    Planted: one member of ring (a) clones every repository between 02:00 and 04:00 of the declared
    country from a VPS (DigitalOcean, Amsterdam) it never signed in from. Benign look-alikes: a new
    starter cloning the role's repositories on the first day, a release engineer's nightly
    `git.fetch` from a CI host, a traveller downloading from the trip's network. The answer key is
    ../answer-key.tsv.

    """
}

