import VetdeskCore

/// Login activity: totals, countries, networks (proxy/VPN/hosting marked, named providers),
/// the hour × weekday heatmap, endpoint observations, then the most recent events.
public enum LoginsPanel: DetailPanel {
    public static let id = "logins"
    public static let title = "Logins"

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        let s = detail.logins
        var out: [PanelLine] = []
        let span = s.firstAt.map { " · \(Time.day($0)) … \(PanelText.day(s.lastAt))" } ?? ""
        out.append(PanelText.header("\(s.totalEvents) login events from \(s.distinctIPs) IP\(s.distinctIPs == 1 ? "" : "s")\(span)",
                                    width: width, ascii: ascii))
        if s.totalEvents == 0 && s.recent.isEmpty {
            out.append(PanelLine("  No login on record.", .dim))
        } else {
            out += countryLines(s, width: width, ascii: ascii)
            out.append(PanelText.blank())
            out.append(PanelText.header("Networks", width: width, ascii: ascii))
            for n in s.networks { out.append(networkLine(n, total: s.totalEvents, width: width, ascii: ascii)) }
            out.append(PanelText.blank())
            out.append(PanelText.header("Activity by weekday and hour (UTC)", width: width, ascii: ascii))
            out += Heatmap.lines(s.heatmap, width: width, ascii: ascii)
        }
        out += PanelText.section("Endpoint observations (\(detail.endpoints.count))", detail.endpoints, width: width, ascii: ascii) {
            endpointLine($0, width: width, ascii: ascii)
        }
        if !s.recent.isEmpty {
            out.append(PanelText.blank())
            let more = s.totalEvents > s.recent.count ? " — latest \(s.recent.count) of \(s.totalEvents)" : ""
            out.append(PanelText.header("Recent events\(more)", width: width, ascii: ascii))
            for e in s.recent {
                out.append(eventLine(e, width: width, ascii: ascii))
                out += idpRiskLines(e.event, width: width, ascii: ascii)
            }
        }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    static func countryLines(_ s: LoginSummary, width: Int, ascii: Bool) -> [PanelLine] {
        guard !s.countries.isEmpty else { return [] }
        let total = max(1, s.countries.reduce(0) { $0 + $1.events })
        let parts = s.countries.map { c in
            "\(c.country.isEmpty ? "??" : PanelText.clean(c.country)) \(c.events) (\(Int((Double(c.events) * 100 / Double(total)).rounded()))%)"
        }
        let label = "Countries  "
        return PanelText.wrap(parts.joined(separator: " · "), width: max(1, width - label.count), maxLines: 4, ascii: ascii)
            .enumerated().map { i, piece in
                PanelLine([Span(i == 0 ? label : String(repeating: " ", count: label.count), .dim), Span(piece)])
            }
    }

    /// Proxy / VPN / hosting / DPRK address space with a glyph and words; nil for an ordinary network.
    /// `short` gives the compact words of the event table.
    static func networkMark(anonymousProxy: Bool, kind: String?, dprkNamed: Bool, country: String?, ascii: Bool,
                            short: Bool = false) -> Span? {
        var words: [String] = []
        if country?.uppercased() == "KP" { words.append(short ? "KP" : "DPRK-SPACE") }
        if anonymousProxy { words.append("PROXY") }
        switch kind {
        case "vpn": words.append("VPN")
        case "hosting": words.append(short ? "HOST" : "HOSTING")
        default: break
        }
        if dprkNamed { words.append(short ? "NAMED" : "DPRK-NAMED") }
        guard !words.isEmpty else { return nil }
        let severe = dprkNamed || anonymousProxy || country?.uppercased() == "KP"
        return Span((ascii ? "! " : "⚠ ") + words.joined(separator: "+"), severe ? .sevHigh : .sevMedium, [.bold])
    }

    static func networkLine(_ n: NetworkCount, total: Int, width: Int, ascii: Bool) -> PanelLine {
        var spans = [Span("  ")]
        var left = width - 2
        func add(_ text: String, _ role: Role = .normal, _ attrs: CellAttrs = []) {
            guard left > 0, !text.isEmpty else { return }
            let piece = PanelText.clip(text, left, ascii: ascii)
            spans.append(Span(piece, role, attrs)); left -= DisplayWidth.of(piece)
        }
        let share = total > 0 ? Int((Double(n.events) * 100 / Double(total)).rounded()) : 0
        add(fit("\(n.events) ev \(share)%", 13, ascii: ascii), .dim)
        add(fit(n.asn.map { "AS\($0)" } ?? "AS?", 9, ascii: ascii), .normal)
        add(fit(PanelText.clean(n.country ?? "??"), 3, ascii: ascii))
        if let mark = networkMark(anonymousProxy: n.anonymousProxy, kind: n.providerKind, dprkNamed: n.dprkNamed,
                                  country: n.country, ascii: ascii) {
            add(mark.text + " ", mark.role, mark.attrs)
        }
        if let provider = n.provider, !provider.isEmpty { add(PanelText.clean(provider) + " ", .title, [.bold]) }
        add(PanelText.clean(n.asName ?? "unknown network"))
        add("  \(n.ips) IP\(n.ips == 1 ? "" : "s")", .dim)
        return PanelLine(spans)
    }

    static func endpointLine(_ e: EndpointObservation, width: Int, ascii: Bool) -> PanelLine {
        let mark = e.approved ? Marks.ok("approved", ascii: ascii) : Marks.warn("not approved", ascii: ascii)
        let head = "  \(Time.day(e.observedAt))  \(fit(PanelText.clean(e.kind), 8, ascii: ascii)) "
        let ids = [e.vendorId, e.productId].compactMap { $0 }.joined(separator: ":")
        let rest = [e.name, ids.isEmpty ? nil : "(\(ids))", e.deviceId.map { "on \($0)" }].compactMap { $0 }.joined(separator: " ")
        let room = max(1, width - DisplayWidth.of(head) - DisplayWidth.of(mark.text) - 2)
        return PanelLine([Span(head, .dim), Span(PanelText.clip(rest, room, ascii: ascii)), Span("  "), mark])
    }

    /// The identity provider's own verdict under its event, quoted and wrapped (at most 3 lines):
    /// "      ⚑ IdP risk HIGH  Entra riskLevelDuringSignIn=high; riskEventTypes_v2=[anonymizedIPAddress]".
    static func idpRiskLines(_ ev: LoginEvent, width: Int, ascii: Bool) -> [PanelLine] {
        guard let level = ev.idpRiskLevel, let quote = ev.idpRisk else { return [] }
        let role: Role = level == "high" ? .sevHigh : level == "medium" ? .sevMedium : .dim
        let head = "      " + (ascii ? "! " : "⚑ ") + "IdP risk " + PanelText.clean(level).uppercased() + "  "
        let indent = String(repeating: " ", count: DisplayWidth.of(head))
        let room = max(1, width - DisplayWidth.of(head))
        return PanelText.wrap(PanelText.clean(quote), width: room, maxLines: 3, ascii: ascii).enumerated().map { i, piece in
            i == 0 ? PanelLine([Span(head, role, [.bold]), Span(piece)]) : PanelLine([Span(indent), Span(piece)])
        }
    }

    /// "  2026-03-02 07:14Z  45.84.1.7       NL AS9009 M247 Europe  ⚠ VPN  dev-42  ok"
    static func eventLine(_ e: EnrichedLogin, width: Int, ascii: Bool) -> PanelLine {
        let ev = e.event
        let country = e.ip?.country ?? ev.reportedCountry ?? "??"
        let failed = ev.outcome != "success"
        let mark = networkMark(anonymousProxy: e.ip?.anonymousProxy ?? false, kind: e.ip?.providerKind,
                               dprkNamed: e.ip?.providerDprkNamed ?? false, country: e.ip?.country, ascii: ascii, short: true)
        // time 21, IP 16, country 3, mark 14, outcome 6, and one space after AS and device.
        let fixed = 21 + 16 + 3 + 14 + 6 + 2
        let flexible = max(8, width - fixed)
        let asWidth = max(6, flexible * 3 / 5), deviceWidth = max(4, flexible - asWidth)
        let network = [e.ip?.asn.map { "AS\($0)" }, e.ip?.provider ?? e.ip?.asName].compactMap { $0 }.joined(separator: " ")
        return PanelLine([
            Span("  " + Time.short(ev.occurredAt) + "  ", .dim),
            Span(fit(PanelText.clean(ev.ip), 16, ascii: ascii)),
            Span(fit(PanelText.clean(country), 3, ascii: ascii)),
            Span(fit(network.isEmpty ? "—" : PanelText.clean(network), asWidth, ascii: ascii) + " "),
            Span(fit(mark?.text ?? "", 14, ascii: ascii), mark?.role ?? .dim, mark?.attrs ?? []),
            Span(fit(PanelText.clean(ev.deviceId ?? "—"), deviceWidth, ascii: ascii) + " ", .dim),
            failed ? Span(ascii ? "x FAIL" : "✗ FAIL", .sevMedium, [.bold]) : Span("ok", .dim),
        ])
    }
}
