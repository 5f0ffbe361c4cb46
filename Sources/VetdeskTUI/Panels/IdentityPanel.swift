import VetdeskCore

/// Declared identity (with marks where the data contradicts itself: ship-to vs declared address,
/// profile vs declared country, VoIP phone), then ID checks and interviews.
public enum IdentityPanel: DetailPanel {
    public static let id = "identity"
    public static let title = "Identity & interview"

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        let c = detail.candidate
        var out = [PanelText.header("Declared", width: width, ascii: ascii)]
        func field(_ label: String, _ value: String?, mark: Span? = nil, maxLines: Int = 3) {
            out += PanelText.field(label, value, width: width, mark: mark, maxLines: maxLines, ascii: ascii)
        }
        field("Name", c.fullName, maxLines: 2)
        field("Candidate id", c.id, maxLines: 1)
        field("Email", c.email, mark: c.emailCreatedAt.map { Span("created " + Time.day($0), .dim) })
        let phone = c.phone.map { p in c.phoneType.map { "\(p) (\($0))" } ?? p }
        var phoneMark: Span? = c.phoneType == "voip" ? Marks.warn("VoIP", ascii: ascii) : nil
        if c.phoneChanges > 0 { phoneMark = Marks.warn("changed \(c.phoneChanges)×", ascii: ascii) }
        field("Phone", phone, mark: phoneMark)
        field("Country", c.declaredCountry)
        field("City", c.city)
        field("Address", c.address)
        field("Ship-to", shipTo(c), mark: shipToMark(c, ascii: ascii))
        field("Platform", c.platform)
        field("Role", c.role)
        field("Rate", rate(c), mark: lowRateMark(c, ascii: ascii))
        field("Locale", c.locale)
        field("Applied", c.appliedAt.map(Time.day))
        if let hired = c.hiredAt { field("Hired", Time.day(hired)) }
        if c.byodRequested { field("Own device", "requested to use a personal laptop", mark: Marks.warn("BYOD", ascii: ascii)) }
        if c.prepaymentRequests > 0 { field("Prepayment", "\(c.prepaymentRequests) request(s)", mark: Marks.warn("asked", ascii: ascii)) }
        if c.payoutChanges90d > 0 { field("Payout", "\(c.payoutChanges90d) change(s) in 90 days") }
        if let referrer = c.referrerId, !referrer.isEmpty {
            let link = detail.links.first { $0.kind == .referredBy && $0.otherId == referrer }
            out.append(PanelLine([Span(fit("Referrer", 14, ascii: ascii), .dim)]))
            out.append(LinksPanel.linkLine(id: referrer, name: link?.otherName, status: link?.otherStatus, risk: link?.otherRisk,
                                           via: nil, indent: 2, width: width, ascii: ascii))
        }

        out.append(PanelText.blank())
        out.append(PanelText.header("Profiles", width: width, ascii: ascii))
        field("Profile", c.profileUrl, maxLines: 2)
        if let name = c.profileName, !name.isEmpty {
            let same = NameMatch.similarity(PanelText.clean(name), PanelText.clean(c.fullName)) >= PaymentsPanel.nameSimilarity
            field("Profile name", name, mark: same ? nil : Marks.mismatch("declared name differs", ascii: ascii))
        }
        if let loc = c.profileLocation, !loc.isEmpty {
            let differs = c.declaredCountry.map { $0.uppercased() != loc.uppercased() } ?? false
            field("Profile loc.", loc, mark: differs ? Marks.mismatch("declared \(c.declaredCountry ?? "")", ascii: ascii) : nil)
        }
        if let created = c.profileCreatedAt { field("Profile since", Time.day(created)) }
        let gh = c.githubUsername.map { user in
            [user, c.githubCreatedAt.map { "account " + Time.day($0) }, c.githubFirstCommitAt.map { "first commit " + Time.day($0) }]
                .compactMap { $0 }.joined(separator: ", ")
        }
        field("GitHub", gh)
        if let r = c.resumeHash { field("Resume hash", r, maxLines: 1) }
        if let p = c.photoHash { field("Photo hash", p, maxLines: 1) }

        out.append(PanelText.blank())
        out.append(PanelText.header("ID checks (\(detail.identityChecks.count))", width: width, ascii: ascii))
        if detail.identityChecks.isEmpty { out.append(PanelLine("  No ID check on record.", .dim)) }
        for check in detail.identityChecks { out += checkLines(check, declared: c, width: width, ascii: ascii) }

        out.append(PanelText.blank())
        out.append(PanelText.header("Interviews (\(detail.interviews.count))", width: width, ascii: ascii))
        if detail.interviews.isEmpty { out.append(PanelLine("  No interview on record.", .dim)) }
        for iv in detail.interviews { out += interviewLines(iv, width: width, ascii: ascii) }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    static func shipTo(_ c: Candidate) -> String? {
        guard let addr = c.shipToAddress, !addr.isEmpty else { return c.shipToCountry }
        var s = addr
        if let country = c.shipToCountry { s += " (\(country))" }
        if let changed = c.shipToChangedAt { s += ", changed " + Time.day(changed) }
        return s
    }

    /// Laptop ship-to elsewhere than home, or to a forwarder: the laptop-farm signal.
    static func shipToMark(_ c: Candidate, ascii: Bool) -> Span? {
        if c.shipToIsForwarder { return Marks.mismatch("FORWARDER", ascii: ascii) }
        if let sc = c.shipToCountry, let dc = c.declaredCountry, sc.uppercased() != dc.uppercased() {
            return Marks.mismatch("COUNTRY \(dc)", ascii: ascii)
        }
        if let ship = c.shipToAddress, !ship.isEmpty, let home = c.address, !home.isEmpty, normal(ship) != normal(home) {
            return Marks.mismatch("not declared address", ascii: ascii)
        }
        return nil
    }

    static func normal(_ s: String) -> String {
        NameMatch.tokens(s).joined(separator: " ")
    }

    static func rate(_ c: Candidate) -> String? {
        guard let r = c.rateHourly else { return nil }
        var s = formatNumber(r) + " " + (c.rateCurrency ?? "") + "/h"
        if let m = c.marketRateHourly { s += " (market " + formatNumber(m) + ")" }
        return s
    }

    static func lowRateMark(_ c: Candidate, ascii: Bool) -> Span? {
        guard let r = c.rateHourly, let m = c.marketRateHourly, m > 0, r < m * 0.6 else { return nil }
        return Marks.warn("\(Int((1 - r / m) * 100))% below market", ascii: ascii)
    }

    static func formatNumber(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : PanelText.decimal(v, places: 2)
    }

    static func checkLines(_ k: IdentityCheck, declared: Candidate, width: Int, ascii: Bool) -> [PanelLine] {
        let result: Span = switch k.result {
        case "passed": Marks.ok("passed", ascii: ascii)
        case "failed": Marks.mismatch("FAILED", ascii: ascii)
        default: Marks.warn(PanelText.clip(k.result, 12, ascii: ascii), ascii: ascii)
        }
        var out = [PanelLine([Span("  " + Time.day(k.checkedAt) + "  ", .dim), result, Span("  "),
                              Span(PanelText.clip([k.provider, k.documentType, k.documentCountry].compactMap { $0 }.joined(separator: " · "),
                                                  max(1, width - 14 - DisplayWidth.of(result.text) - 2), ascii: ascii))])]
        var notes: [Span] = []
        switch k.faceMatch {
        case .some(true): notes.append(Marks.ok("face match", ascii: ascii))
        case .some(false): notes.append(Marks.mismatch("FACE MISMATCH", ascii: ascii))
        default: break
        }
        if k.manipulationFlagged { notes += [Span("  "), Marks.mismatch("MANIPULATION", ascii: ascii)] }
        if !notes.isEmpty { out.append(PanelLine([Span("    ")] + notes)) }
        if let doc = k.nameOnDocument, !doc.isEmpty {
            let same = NameMatch.similarity(PanelText.clean(doc), PanelText.clean(declared.fullName)) >= PaymentsPanel.nameSimilarity
            out += PanelText.field("    On document", doc, width: width, labelWidth: 18,
                                   mark: same ? nil : Marks.mismatch("declared name differs", ascii: ascii), maxLines: 2, ascii: ascii)
        }
        if let dc = k.documentCountry, let c = declared.declaredCountry, dc.uppercased() != c.uppercased() {
            out.append(PanelLine([Span("    "), Marks.mismatch("document country \(PanelText.clip(dc, 4, ascii: ascii)) ≠ declared \(PanelText.clip(c, 4, ascii: ascii))", ascii: ascii)]))
        }
        return out
    }

    static func interviewLines(_ iv: Interview, width: Int, ascii: Bool) -> [PanelLine] {
        let outcome: Span = switch iv.outcome {
        case "held": Span("held", .normal)
        case "refused", "no_show": Marks.mismatch(iv.outcome.uppercased(), ascii: ascii)
        default: Marks.warn(PanelText.clip(iv.outcome, 12, ascii: ascii), ascii: ascii)
        }
        var spans = [Span("  " + Time.short(iv.scheduledAt) + "  ", .dim),
                     Span(fit(PanelText.clean(iv.kind ?? "?"), 7, ascii: ascii)), outcome]
        if let cam = iv.camera {
            spans.append(Span("  camera ", .dim))
            spans.append(cam == "on" ? Span("on") : Marks.warn(PanelText.clip(cam, 10, ascii: ascii).uppercased(), ascii: ascii))
        }
        let used = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
        if let who = iv.interviewer, width - used > 6 {
            spans.append(Span("  by " + PanelText.clip(who, width - used - 5, ascii: ascii), .dim))
        }
        var out = [PanelLine(spans)]
        out += PanelText.indented(iv.notes, indent: 4, width: width, role: .normal, maxLines: 8, ascii: ascii)
        return out
    }
}
