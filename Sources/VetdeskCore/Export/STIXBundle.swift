/// A STIX 2.1 bundle for the selected cases, as ../shared/FORMATS.md lays out: the exporting organisation,
/// per case the claimed persona, observed-data with deterministic SCOs, an indicator, a sighting, the analyst
/// notes, an opinion and a grouping; one nation-state threat-actor impersonating the personas and the
/// "Famous Chollima" intrusion set attributed to it. Everything is marked TLP:AMBER.
/// Bank accounts have no core SCO: they travel in the case note.
struct STIXBundle {
    let organisation: String

    /// The OASIS-published TLP:AMBER marking definition (STIX 2.1 §7.2.1.4), reproduced exactly.
    static let tlpAmberId = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    static let tlpAmber: JSONValue = .object([
        ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(tlpAmberId)),
        ("created", .string("2017-01-20T00:00:00.000Z")), ("definition_type", .string("tlp")),
        ("name", .string("TLP:AMBER")), ("definition", .object([("tlp", .string("amber"))])),
    ])
    static let maxIndicatorValues = 25

    static func timestamp(_ t: Int64) -> String { String(Time.iso(t).dropLast()) + ".000Z" }

    func sdoId(_ type: String, _ name: String) -> String { "\(type)--\(NameUUID.v4Derived(type + "|" + name).lowercased)" }

    /// SCO id: UUIDv5 in the STIX namespace over the canonical JSON of the id-contributing properties.
    static func scoId(_ type: String, _ contributing: [(String, JSONValue)]) -> String {
        let name = JSONValue.object(contributing).serialized(sortKeys: true)
        return "\(type)--\(NameUUID.v5(namespace: NameUUID.stixNamespace, name: name).lowercased)"
    }

    func render(_ cases: [ExportCase], exportedAt: Int64) -> String {
        let orgId = sdoId("identity", "org|" + organisation)
        let epoch = cases.compactMap { $0.caseFile?.openedAt }.min() ?? exportedAt
        var objects: [JSONValue] = [Self.tlpAmber]

        func common(_ type: String, _ id: String, created: Int64, modified: Int64, by: Bool = true) -> JSONObjectBuilder {
            var b = JSONObjectBuilder()
            b.add("type", type); b.add("spec_version", "2.1"); b.add("id", id)
            if by { b.add("created_by_ref", orgId) }
            b.add("created", Self.timestamp(created)); b.add("modified", Self.timestamp(max(created, modified)))
            b.add("object_marking_refs", strings: [Self.tlpAmberId])
            return b
        }

        var org = common("identity", orgId, created: epoch, modified: epoch, by: false)
        org.add("name", organisation); org.add("identity_class", "organization")
        objects.append(org.value)

        let actorId = sdoId("threat-actor", "dprk-it-workers|" + organisation)
        var actor = common("threat-actor", actorId, created: epoch, modified: epoch)
        actor.add("name", "DPRK remote IT worker operation")
        actor.add("description", "North Korean IT workers obtaining remote jobs under false or borrowed identities "
                  + "to earn revenue for the DPRK.")
        actor.add("threat_actor_types", strings: ["nation-state"])
        actor.add("aliases", strings: ["WageMole", "Famous Chollima", "Jasper Sleet", "UNC5267", "Nickel Tapestry"])
        actor.add("roles", strings: ["agent"])
        actor.add("sophistication", "intermediate")
        actor.add("resource_level", "government")
        actor.add("primary_motivation", "organizational-gain")
        objects.append(actor.value)

        let setId = sdoId("intrusion-set", "famous-chollima|" + organisation)
        var set = common("intrusion-set", setId, created: epoch, modified: epoch)
        set.add("name", "Famous Chollima")
        set.add("aliases", strings: ["Jasper Sleet", "UNC5267"])
        set.add("resource_level", "government")
        set.add("primary_motivation", "organizational-gain")
        objects.append(set.value)

        var attributed = common("relationship", sdoId("relationship", "attributed-to|" + setId + actorId),
                                created: epoch, modified: epoch)
        attributed.add("relationship_type", "attributed-to"); attributed.add("source_ref", setId); attributed.add("target_ref", actorId)
        objects.append(attributed.value)

        var seenSCOs = Set<String>()
        for c in cases {
            objects += caseObjects(c, orgId: orgId, actorId: actorId, setId: setId, exportedAt: exportedAt, seenSCOs: &seenSCOs,
                                   common: common)
        }
        let bundleId = "bundle--" + NameUUID.v4Derived("bundle|" + cases.map(\.candidate.id).joined(separator: ",")
                                                         + "|" + String(exportedAt)).lowercased
        return JSONValue.object([("type", .string("bundle")), ("id", .string(bundleId)), ("objects", .array(objects))])
            .serialized(pretty: true) + "\n"
    }

    private func caseObjects(_ c: ExportCase, orgId: String, actorId: String, setId: String, exportedAt: Int64,
                             seenSCOs: inout Set<String>,
                             common: (String, String, Int64, Int64, Bool) -> JSONObjectBuilder) -> [JSONValue] {
        let key = "case|" + c.candidate.id
        let created = c.caseFile?.openedAt ?? c.candidate.updatedAt
        let modified = max(created, c.caseFile?.updatedAt ?? created, c.history.last?.at ?? created)
        func make(_ type: String, _ role: String) -> (String, JSONObjectBuilder) {
            let id = sdoId(type, key + "|" + role)
            return (id, common(type, id, created, modified, true))
        }
        var out: [JSONValue] = []
        var caseRefs: [String] = []

        let (personaId, personaB) = make("identity", "persona")
        var persona = personaB
        persona.add("name", c.candidate.fullName)
        persona.add("description", "Identity claimed by candidate \(c.candidate.id)"
                    + (c.candidate.role.map { " applying as \($0)" } ?? "") + ".")
        persona.add("identity_class", "individual")
        let contact = [c.candidate.email, c.candidate.phone].compactMap { $0 }.joined(separator: ", ")
        if !contact.isEmpty { persona.add("contact_information", contact) }
        out.append(persona.value); caseRefs.append(personaId)

        let (impId, impB) = make("relationship", "impersonates")
        var imp = impB
        imp.add("relationship_type", "impersonates"); imp.add("source_ref", actorId); imp.add("target_ref", personaId)
        out.append(imp.value); caseRefs.append(impId)

        // Cyber observables: the candidate's email, login accounts, login IPs and their networks.
        var scoIds: [String] = []
        var patternTerms: [String] = []
        func addSCO(_ type: String, _ contributing: [(String, JSONValue)], extra: [(String, JSONValue)] = []) -> String {
            let id = Self.scoId(type, contributing)
            if !scoIds.contains(id) { scoIds.append(id) }
            if seenSCOs.insert(id).inserted {
                out.append(.object([("type", .string(type)), ("spec_version", .string("2.1")), ("id", .string(id))]
                                   + contributing + extra))
            }
            return id
        }
        if let email = c.candidate.email, !email.isEmpty {
            _ = addSCO("email-addr", [("value", .string(email))],
                       extra: [("display_name", .string(c.candidate.fullName))])
            patternTerms.append("[email-addr:value = '\(Self.patternEscape(email))']")
        }
        for account in c.loginAccounts {
            _ = addSCO("user-account", [("account_login", .string(account)), ("user_id", .string(account))])
        }
        let networks = c.logins.networks.sorted { ($0.isAnonymising ? 0 : 1, -$0.events) < ($1.isAnonymising ? 0 : 1, -$1.events) }
        for n in networks {
            let v6 = n.ip.contains(":")
            _ = addSCO(v6 ? "ipv6-addr" : "ipv4-addr", [("value", .string(n.ip))])
            if let asn = n.asn {
                var extra: [(String, JSONValue)] = []
                if let name = n.asName { extra.append(("name", .string(name))) }
                _ = addSCO("autonomous-system", [("number", .int(Int64(asn)))], extra: extra)
            }
            if n.isAnonymising || n.providerDprkNamed, patternTerms.count < Self.maxIndicatorValues {
                patternTerms.append("[\(v6 ? "ipv6-addr" : "ipv4-addr"):value = '\(Self.patternEscape(n.ip))']")
            }
        }

        let firstSeen = c.logins.firstAt ?? created
        let lastSeen = max(firstSeen, c.logins.lastAt ?? modified)
        if !scoIds.isEmpty {
            let (odId, odB) = make("observed-data", "observed")
            var od = odB
            od.add("first_observed", Self.timestamp(firstSeen)); od.add("last_observed", Self.timestamp(lastSeen))
            od.add("number_observed", max(1, min(c.logins.totalEvents, 999_999_999)))
            od.add("object_refs", strings: scoIds)
            out.append(od.value); caseRefs.append(odId)

            if !patternTerms.isEmpty {
                let (indId, indB) = make("indicator", "indicator")
                var ind = indB
                ind.add("name", "Infrastructure used by candidate \(c.candidate.id) (\(c.status.label))")
                ind.add("description", "Email and anonymising login IPs (VPN, hosting, proxy) seen in candidate "
                        + "\(c.candidate.id)'s logins; see the note for the analyst's reasoning.")
                ind.add("indicator_types", strings: ["attribution", "anonymization"])
                ind.add("pattern", patternTerms.joined(separator: " OR "))
                ind.add("pattern_type", "stix")
                ind.add("valid_from", Self.timestamp(created))
                out.append(ind.value); caseRefs.append(indId)

                for (type, target) in [("based-on", odId), ("indicates", actorId)] {
                    let (rId, rB) = make("relationship", type)
                    var r = rB
                    r.add("relationship_type", type); r.add("source_ref", indId); r.add("target_ref", target)
                    out.append(r.value); caseRefs.append(rId)
                }

                let (sId, sB) = make("sighting", "sighting")
                var s = sB
                s.add("first_seen", Self.timestamp(firstSeen)); s.add("last_seen", Self.timestamp(lastSeen))
                s.add("count", max(1, min(c.logins.totalEvents, 999_999_999)))
                s.add("sighting_of_ref", indId)
                s.add("observed_data_refs", strings: [odId])
                s.add("where_sighted_refs", strings: [orgId])
                out.append(s.value); caseRefs.append(sId)
            }
        }

        let (noteId, noteB) = make("note", "note")
        var note = noteB
        note.add("abstract", "Vetdesk case \(c.candidate.id): \(c.status.label), risk \(c.caseFile?.riskScore ?? 0)")
        note.add("content", noteContent(c))
        let analysts = c.history.map(\.analyst).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        note.add("authors", strings: analysts)
        note.add("object_refs", strings: [personaId, impId])
        out.append(note.value); caseRefs.append(noteId)

        let (opId, opB) = make("opinion", "opinion")
        var opinion = opB
        let verdict: String
        switch c.status {
        case .escalated, .referred: verdict = "agree"
        case .cleared: verdict = "disagree"
        default: verdict = "neutral"
        }
        opinion.add("opinion", verdict)
        opinion.add("explanation", "Analyst view that candidate \(c.candidate.id)'s claimed identity is used by the "
                    + "DPRK IT worker operation (case \(c.status.label))."
                    + (c.history.last(where: { $0.toStatus != $0.fromStatus }).map { " Last decision: \($0.note)" } ?? ""))
        opinion.add("authors", strings: analysts)
        opinion.add("object_refs", strings: [impId])
        out.append(opinion.value); caseRefs.append(opId)

        let (_, groupB) = make("grouping", "grouping")
        var group = groupB
        group.add("name", "Vetdesk case \(c.candidate.id)")
        group.add("description", "Contractor vetting case \(c.candidate.id) (\(c.status.label)) exported by \(organisation).")
        group.add("context", "suspicious-activity")
        group.add("object_refs", strings: caseRefs + [actorId, setId] + scoIds)
        out.append(group.value)
        return out
    }

    private func noteContent(_ c: ExportCase) -> String {
        var lines = ["Status: \(c.status.label)" + (c.caseFile?.referredTo.map { ", referred to \($0)" } ?? "")]
        if !c.flags.isEmpty {
            lines.append("Flags:")
            lines += c.flags.map { "- \($0.ruleId) (\($0.severity.rawValue)): \($0.summary)" }
        }
        if !c.paymentAccounts.isEmpty {
            lines.append("Payment accounts:")
            lines += c.paymentAccounts.map { a in
                "- \(a.account.accountType) \(a.account.identifier)" + (a.account.holderName.map { ", holder \($0)" } ?? "")
                    + (a.account.bankCountry.map { ", \($0)" } ?? "")
            }
        }
        if !c.history.isEmpty {
            lines.append("Analyst history:")
            lines += c.history.map { "- \(Time.iso($0.at)) \($0.analyst) \($0.action)"
                + ($0.reasonCode.map { " [\($0)]" } ?? "") + ": \($0.note)" }
        }
        return lines.joined(separator: "\n")
    }

    /// STIX patterning string literals escape backslash and single quote.
    static func patternEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}

import Foundation
