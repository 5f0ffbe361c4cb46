/// The case report for people: summary, risk and every flag with its evidence, identity checks, interviews,
/// payments, logins (countries, networks, heatmap), linked candidates and the decision history with notes.
enum MarkdownReport {
    /// Says plainly whether an analyst attributed the case; a cleared case exported for completeness says so.
    static func attributionLine(_ c: ExportCase) -> String {
        if let a = c.attribution {
            return "**Attribution:** \(a.actorName), by analyst \(MarkdownText.inline(a.analyst)) on \(Time.iso(a.at)), "
                + "confidence \(a.confidence)/100. The score alone attributes nothing."
        }
        switch c.status {
        case .cleared:
            return "**Cleared:** an analyst found no concern. Exported for completeness; no attribution."
        default:
            return "**No attribution:** no analyst has attributed this case to any actor."
        }
    }

    static func render(_ cases: [ExportCase], exportedAt: Int64, tlp: TLPLevel = .amberStrict) -> String {
        var out = ""
        if cases.count > 1 {
            out += "# Vetdesk case reports (\(cases.count) cases)\n\n"
            out += "Exported \(Time.iso(exportedAt)). \(tlp.label) — \(tlp.meaning).\n\n"
            for c in cases {
                out += "- \(MarkdownText.inline(c.candidate.id)) — \(MarkdownText.inline(c.candidate.fullName)) "
                    + "(\(c.status.label), risk \(c.caseFile?.riskScore ?? 0))\n"
            }
            out += "\n"
        }
        for c in cases { out += report(c, exportedAt: exportedAt, tlp: tlp, level: cases.count > 1 ? "##" : "#") }
        return out
    }

    static func report(_ c: ExportCase, exportedAt: Int64, tlp: TLPLevel = .amberStrict, level h: String) -> String {
        let m = MarkdownText.inline
        let cand = c.candidate
        var out = "\(h) Case \(m(cand.id)): \(m(cand.fullName))\n\n"
        out += "Exported \(Time.iso(exportedAt)) by Vetdesk. \(tlp.label) — \(tlp.meaning).\n\n"
        out += attributionLine(c) + "\n\n"

        out += "\(h)# Summary\n\n| | |\n|---|---|\n"
        func row(_ k: String, _ v: String?) { out += "| \(k) | \(m(v)) |\n" }
        row("Status", c.status.label + (c.caseFile?.assignee.map { " (held by \($0))" } ?? ""))
        if let to = c.caseFile?.referredTo { row("Referred to", to) }
        if let f = c.caseFile {
            out += "| Risk | **\(f.riskScore)** (\(f.riskBand.rawValue)) |\n"
        } else {
            row("Risk", "not scored yet")
        }
        row("Email", cand.email)
        row("Phone", cand.phone.map { p in cand.phoneType.map { "\(p) (\($0))" } ?? p })
        row("Declared location", [cand.city, cand.declaredCountry].compactMap { $0 }.joined(separator: ", "))
        row("Address", cand.address)
        if let ship = cand.shipToAddress {
            row("Ship-to address", ship + (cand.shipToCountry.map { " (\($0))" } ?? "")
                + (cand.shipToIsForwarder ? " — freight forwarder" : ""))
        }
        row("Platform / role", [cand.platform, cand.role].compactMap { $0 }.joined(separator: " / "))
        if let rate = cand.rateHourly {
            row("Rate", "\(rate) \(cand.rateCurrency ?? "")/h" + (cand.marketRateHourly.map { " (market \($0))" } ?? ""))
        }
        row("Applied / hired", [cand.appliedAt.map(Time.day), cand.hiredAt.map(Time.day)].map { $0 ?? "—" }
            .joined(separator: " / "))
        row("Profile", [cand.profileName, cand.profileLocation, cand.profileUrl].compactMap { $0 }.joined(separator: ", "))
        row("GitHub", cand.githubUsername.map { g in g + (cand.githubCreatedAt.map { " (created \(Time.day($0)))" } ?? "") })
        row("Login accounts", c.loginAccounts.joined(separator: ", "))
        out += "\n"

        out += "\(h)# Flags (\(c.flags.count))\n\n"
        if c.flags.isEmpty { out += "No rule fired.\n\n" }
        let carriers = RiskScorer.carriers(c.flags)
        if !carriers.isEmpty { out += "Score carried by \(m(carriers)).\n\n" }
        let contributions = RiskScorer.contributions(c.flags)
        for (i, f) in c.flags.enumerated() {
            let k = contributions[i]
            let with = k.countedWith.isEmpty ? "" : ", counted with \(m(k.countedWith.joined(separator: ", ")))"
            out += "\(i + 1). **\(m(f.ruleId))** — \(f.severity.rawValue), weight \(f.weight), +\(k.points) points\(with): \(m(f.summary))\n"
            for e in f.evidence {
                out += "   - \(e.kind.rawValue) `\(MarkdownText.code(e.ref).replacingOccurrences(of: "`", with: "'"))`: \(m(e.detail))\n"
            }
        }
        if !c.flags.isEmpty { out += "\n" }

        if !c.identityChecks.isEmpty {
            out += "\(h)# Identity checks\n\n| When | Provider | Document | Result | Face match | Manipulation |\n|---|---|---|---|---|---|\n"
            for x in c.identityChecks {
                out += "| \(Time.short(x.checkedAt)) | \(m(x.provider)) | \(m([x.documentType, x.documentCountry].compactMap { $0 }.joined(separator: " "))) "
                    + "| \(m(x.result)) | \(x.faceMatch.map { $0 ? "yes" : "NO" } ?? "—") | \(x.manipulationFlagged ? "FLAGGED" : "no") |\n"
            }
            out += "\n"
        }
        if !c.interviews.isEmpty {
            out += "\(h)# Interviews\n\n| When | Kind | Outcome | Camera | Interviewer | Notes |\n|---|---|---|---|---|---|\n"
            for x in c.interviews {
                out += "| \(Time.short(x.scheduledAt)) | \(m(x.kind)) | \(m(x.outcome)) | \(m(x.camera)) | \(m(x.interviewer)) | \(m(x.notes)) |\n"
            }
            out += "\n"
        }

        out += "\(h)# Payments\n\n"
        if c.paymentAccounts.isEmpty { out += "No payments recorded.\n\n" } else {
            out += "| Account | Holder | Bank | Payments | Totals | Also paid to |\n|---|---|---|---|---|---|\n"
            for a in c.paymentAccounts {
                let acct = a.account
                let totals = a.totals.map { "\($0.amount) \($0.currency)" }.joined(separator: ", ")
                let bank = [acct.bankName, acct.bic, acct.bankCountry].compactMap { $0 }.joined(separator: " ")
                out += "| \(m(acct.accountType)) \(m(acct.identifier))\(acct.ibanValid == false ? " (invalid IBAN)" : "") "
                    + "| \(m(acct.holderName)) | \(m(bank)) | \(a.payments) | \(m(totals)) "
                    + "| \(m(a.sharedWithCandidates.joined(separator: ", "))) |\n"
            }
            out += "\n\(c.paymentsTotal) payment(s)"
            if let first = c.paymentAccounts.compactMap(\.firstPaidAt).min(), let last = c.paymentAccounts.compactMap(\.lastPaidAt).max() {
                out += " from \(Time.day(first)) to \(Time.day(last))"
            }
            out += ".\n\n"
        }

        out += "\(h)# Logins\n\n"
        let l = c.logins
        if l.totalEvents == 0 && l.networks.isEmpty { out += "No logins recorded.\n\n" } else {
            out += "\(l.totalEvents) login event(s) from \(l.distinctIps) IP address(es)"
            if let f = l.firstAt, let t = l.lastAt { out += ", \(Time.short(f)) to \(Time.short(t))" }
            out += ".\n\n**Countries:** " + l.countries.map { "\($0.country.isEmpty ? "unknown" : m($0.country)) \($0.events)" }
                .joined(separator: ", ") + "\n\n"
            out += "| IP | Country | Network | Provider | Events | Last seen | Notes |\n|---|---|---|---|---|---|---|\n"
            for n in l.networks.prefix(50) {
                var notes: [String] = []
                if n.anonymousProxy { notes.append("anonymous proxy") }
                if let k = n.providerKind { notes.append(k) }
                if n.providerDprkNamed { notes.append("named in DPRK IT-worker reporting") }
                out += "| \(m(n.ip)) | \(m(n.country)) | \(n.asn.map { "AS\($0)" } ?? "—") \(n.asName.map(m) ?? "") "
                    + "| \(m(n.provider)) | \(n.events) | \(Time.short(n.lastAt)) | \(notes.joined(separator: ", ")) |\n"
            }
            if l.networks.count > 50 { out += "\n… \(l.networks.count - 50) more IPs in the JSON export.\n" }
            out += "\nLogin hours (UTC):\n\n```\n" + Heatmap.text(l.heatmap) + "\n```\n\n"
            if !l.devices.isEmpty {
                out += "**Devices:** " + l.devices.map {
                    "\(m($0.deviceId)) (\($0.managed == true ? "managed" : $0.managed == false ? "unmanaged" : "unknown"), \($0.events) events)"
                }.joined(separator: ", ") + "\n\n"
            }
        }

        out += MarkdownTransfers.section(c.transfers, level: h)
        out += "\(h)# Linked candidates\n\n"
        if c.linkedCandidates.isEmpty { out += "None found.\n\n" } else {
            out += "| Candidate | Link | Shared value |\n|---|---|---|\n"
            for link in c.linkedCandidates {
                out += "| \(m(link.candidateId)) | \(link.kind.replacingOccurrences(of: "_", with: " ")) | \(m(link.via)) |\n"
            }
            out += "\nOnly ids are listed: linked candidates' own data is not part of this export.\n\n"
        }

        out += "\(h)# Decision history\n\n"
        if c.history.isEmpty { out += "No decisions or notes yet.\n\n" }
        for e in c.history {
            var line = "- **\(Time.iso(e.at))** \(m(e.analyst)) — \(m(e.action))"
            if let from = e.fromStatus, let to = e.toStatus, from != to { line += " (\(from) → \(to))" }
            if let r = e.reasonCode { line += ", \(e.action == "refer" ? "to" : "reason") `\(MarkdownText.code(r))`" }
            out += line + " · entry \(e.seq.map(String.init) ?? "?"), hash `\(e.hash.prefix(16))…`\n\n"
            out += MarkdownText.quoteBlock(e.note).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n\n"
        }
        out += "---\n\n"
        return out
    }
}

import Foundation
