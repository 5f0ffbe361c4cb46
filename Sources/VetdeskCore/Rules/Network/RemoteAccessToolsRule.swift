/// Unapproved remote-access software on the company device (AnyDesk, TeamViewer, Chrome Remote Desktop...).
public struct RemoteAccessToolsRule: Rule {
    public init() {}
    public let id = "remote_access_tools"
    public let title = "Unapproved remote-access software"
    public let severity = Severity.high
    public let weight = 0.35
    public let source = Sources.cite(Sources.fbiMay2024, Sources.fbiJan2025, Sources.knowbe4)
    /// Lower-case substrings of software names.
    public let lists: [String: [String]] = ["tools": [
        "anydesk", "teamviewer", "chrome remote desktop", "logmein", "goto resolve", "gotomypc", "rustdesk", "splashtop",
        "vnc", "remote desktop", "xrdp", "parsec", "ammyy", "supremo", "screenconnect", "zoho assist", "remotepc",
    ]]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.endpoints.isEmpty else { return nil }
        let tools = s.list("tools").map { $0.lowercased() }
        let hits = ctx.endpoints.filter { e in
            e.kind == "software" && !e.approved && tools.contains { e.name.lowercased().contains($0) }
        }
        guard !hits.isEmpty else { return nil }
        let names = Set(hits.map { Sanitize.forDisplay($0.name) }).sorted().joined(separator: ", ")
        let evidence = hits.sorted { $0.observedAt < $1.observedAt }.map {
            Evidence(kind: .endpoint, ref: $0.id,
                     detail: "\(EvidenceText.time($0.observedAt)) \(Sanitize.forDisplay($0.name)) on \(Sanitize.forDisplay($0.deviceId ?? "device ?")), not approved")
        }
        return flag(ctx, s, "Unapproved remote access: \(names)", evidence)
    }
}
