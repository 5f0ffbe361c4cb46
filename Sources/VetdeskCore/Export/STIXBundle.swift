/// A STIX 2.1 bundle for the selected cases, as ../shared/FORMATS.md lays out: the exporting organisation,
/// per case the claimed persona, observed-data with deterministic SCOs and the analyst notes; for escalated
/// and referred cases an indicator and a sighting. Attribution comes from analysts only: the threat-actor,
/// the intrusion set, `impersonates` (with the analyst's confidence) and the opinion appear only for cases
/// an analyst escalated or referred with an attribution (docs/export-schema.md). Everything carries the
/// export's TLP 2.0 marking. Bank accounts have no core SCO: they travel in the case note.
struct STIXBundle {
    let organisation: String
    var options = ExportOptions()

    /// OASIS's TLP 2.0 extension (cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
    static let tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

    /// The OASIS-published TLP 2.0 marking definition object, reproduced as published.
    static func marking(_ tlp: TLPLevel) -> JSONValue {
        .object([
            ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(tlp.stixMarkingId)),
            ("created", .string("2022-10-01T00:00:00.000Z")), ("name", .string(tlp.label)),
            ("extensions", .object([(tlp2Extension, .object([
                ("extension_type", .string("property-extension")), ("tlp_2_0", .string(tlp.rawValue)),
            ]))])),
        ])
    }

    /// Rules whose summaries quote home or ship-to addresses, phones or identity documents: withheld from
    /// intel exports unless personal data is included.
    static let personalDataRules: Set<String> = [
        "shipping_address_mismatch", "shared_identity_artifacts", "voip_phone", "id_check_failed",
        "id_country_mismatch", "profile_inconsistency",
    ]
    static let maxIndicatorValues = 25

    static func timestamp(_ t: Int64) -> String { String(Time.iso(t).dropLast()) + ".000Z" }

    func sdoId(_ type: String, _ name: String) -> String { "\(type)--\(NameUUID.v4Derived(type + "|" + name).lowercased)" }

    /// SCO id: UUIDv5 in the STIX namespace over the canonical JSON of the id-contributing properties.
    static func scoId(_ type: String, _ contributing: [(String, JSONValue)]) -> String {
        let name = JSONValue.object(contributing).serialized(sortKeys: true)
        return "\(type)--\(NameUUID.v5(namespace: NameUUID.stixNamespace, name: name).lowercased)"
    }

    func render(_ cases: [ExportCase], exportedAt: Int64) -> String {
        Self.bundle(objects(cases, exportedAt: exportedAt), key: cases.map(\.candidate.id).joined(separator: ","), exportedAt: exportedAt)
    }

    static func bundle(_ objects: [JSONValue], key: String, exportedAt: Int64) -> String {
        let bundleId = "bundle--" + NameUUID.v4Derived("bundle|" + key + "|" + String(exportedAt)).lowercased
        return JSONValue.object([("type", .string("bundle")), ("id", .string(bundleId)), ("objects", .array(objects))])
            .serialized(pretty: true) + "\n"
    }

    /// The marking, the organisation, the attributed actors and every case's objects (a ring adds its own).
    func objects(_ cases: [ExportCase], exportedAt: Int64) -> [JSONValue] {
        let orgId = sdoId("identity", "org|" + organisation)
        let epoch = cases.compactMap { $0.caseFile?.openedAt }.min() ?? exportedAt
        let markingId = options.tlp.stixMarkingId
        var objects: [JSONValue] = [Self.marking(options.tlp)]

        func common(_ type: String, _ id: String, created: Int64, modified: Int64, by: Bool = true) -> JSONObjectBuilder {
            var b = JSONObjectBuilder()
            b.add("type", type); b.add("spec_version", "2.1"); b.add("id", id)
            if by { b.add("created_by_ref", orgId) }
            b.add("created", Self.timestamp(created)); b.add("modified", Self.timestamp(max(created, modified)))
            b.add("object_marking_refs", strings: [markingId])
            return b
        }

        var org = common("identity", orgId, created: epoch, modified: epoch, by: false)
        org.add("name", organisation); org.add("identity_class", "organization")
        objects.append(org.value)

        // The actors analysts attributed cases to, and nothing else.
        let actors = ThreatActor.catalog.filter { actor in cases.contains { $0.attribution?.actor == actor.id } }
        var actorIds: [String: String] = [:]
        var actorRefs: [String: [String]] = [:]
        for a in actors {
            let actorId = sdoId("threat-actor", a.id + "|" + organisation)
            actorIds[a.id] = actorId
            var actor = common("threat-actor", actorId, created: epoch, modified: epoch)
            actor.add("name", a.name)
            actor.add("description", a.description)
            actor.add("threat_actor_types", strings: ["nation-state"])
            actor.add("aliases", strings: a.aliases)
            actor.add("roles", strings: ["agent"])
            actor.add("sophistication", "intermediate")
            actor.add("resource_level", "government")
            actor.add("primary_motivation", "organizational-gain")
            objects.append(actor.value)
            actorRefs[a.id, default: []].append(actorId)
            if let set = a.intrusionSet {
                let setId = sdoId("intrusion-set", set.name + "|" + organisation)
                var s = common("intrusion-set", setId, created: epoch, modified: epoch)
                s.add("name", set.name)
                s.add("aliases", strings: set.aliases)
                s.add("resource_level", "government")
                s.add("primary_motivation", "organizational-gain")
                objects.append(s.value)
                var attributed = common("relationship", sdoId("relationship", "attributed-to|" + setId + actorId),
                                        created: epoch, modified: epoch)
                attributed.add("relationship_type", "attributed-to"); attributed.add("source_ref", setId)
                attributed.add("target_ref", actorId)
                objects.append(attributed.value)
                actorRefs[a.id, default: []].append(setId)
            }
        }

        var seenSCOs = Set<String>()
        for c in cases {
            let actorId = c.attribution.flatMap { actorIds[$0.actor] }
            objects += caseObjects(c, orgId: orgId, actorId: actorId,
                                   actorRefs: c.attribution.flatMap { actorRefs[$0.actor] } ?? [],
                                   exportedAt: exportedAt, seenSCOs: &seenSCOs, common: common)
        }
        return objects
    }

    private func caseObjects(_ c: ExportCase, orgId: String, actorId: String?, actorRefs: [String], exportedAt: Int64,
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
        let phone = options.includePersonalData ? c.candidate.phone : nil
        let contact = [c.candidate.email, phone].compactMap { $0 }.joined(separator: ", ")
        if !contact.isEmpty { persona.add("contact_information", contact) }
        out.append(persona.value); caseRefs.append(personaId)

        // Only an analyst's attribution makes the actor impersonate the persona, at the analyst's confidence.
        var impId: String?
        if let actorId, let attribution = c.attribution {
            let (id, impB) = make("relationship", "impersonates")
            var imp = impB
            imp.add("relationship_type", "impersonates"); imp.add("source_ref", actorId); imp.add("target_ref", personaId)
            imp.add("description", "Attributed by analyst \(attribution.analyst) on \(Time.iso(attribution.at)).")
            imp.add("confidence", attribution.confidence)
            out.append(imp.value); caseRefs.append(id)
            impId = id
        }
        let suspected = c.status == .escalated || c.status == .referred

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

        // Transfer IPs (issue 10), shared only for cases an analyst escalated or referred: observables like
        // the login IPs; anonymising exits become indicator values.
        let transferIPs = suspected ? c.transfers?.ips ?? [] : []
        for u in transferIPs {
            let v6 = u.ip.contains(":")
            _ = addSCO(v6 ? "ipv6-addr" : "ipv4-addr", [("value", .string(u.ip))])
            let term = "[\(v6 ? "ipv6-addr" : "ipv4-addr"):value = '\(Self.patternEscape(u.ip))']"
            if u.isAnonymising, patternTerms.count < Self.maxIndicatorValues, !patternTerms.contains(term) { patternTerms.append(term) }
        }
        let transferSpan = transferIPs.reduce(nil as (Int64, Int64)?) { acc, u in
            (min(acc?.0 ?? u.firstAt, u.firstAt), max(acc?.1 ?? u.lastAt, u.lastAt)) }
        let firstSeen = min(c.logins.firstAt ?? transferSpan?.0 ?? created, transferSpan?.0 ?? Int64.max)
        let lastSeen = max(firstSeen, c.logins.lastAt ?? modified, transferSpan?.1 ?? firstSeen)
        if !scoIds.isEmpty {
            let (odId, odB) = make("observed-data", "observed")
            var od = odB
            od.add("first_observed", Self.timestamp(firstSeen)); od.add("last_observed", Self.timestamp(lastSeen))
            od.add("number_observed", max(1, min(c.logins.totalEvents, 999_999_999)))
            od.add("object_refs", strings: scoIds)
            out.append(od.value); caseRefs.append(odId)

            if suspected, !patternTerms.isEmpty {
                let (indId, indB) = make("indicator", "indicator")
                var ind = indB
                ind.add("name", "Infrastructure used by candidate \(c.candidate.id) (\(c.status.label))")
                ind.add("description", "Email and anonymising login IPs (VPN, hosting, proxy) seen in candidate "
                        + "\(c.candidate.id)'s logins; see the note for the analyst's reasoning.")
                ind.add("indicator_types", strings: actorId == nil ? ["anonymization"] : ["attribution", "anonymization"])
                ind.add("pattern", patternTerms.joined(separator: " OR "))
                ind.add("pattern_type", "stix")
                ind.add("valid_from", Self.timestamp(created))
                out.append(ind.value); caseRefs.append(indId)

                for (type, target) in [("based-on", odId)] + (actorId.map { [("indicates", $0)] } ?? []) {
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

        let analysts = c.history.map(\.analyst).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let (noteId, noteB) = make("note", "note")
        var note = noteB
        note.add("abstract", "Vetdesk case \(c.candidate.id): \(c.status.label), risk \(c.caseFile?.riskScore ?? 0)"
                 + (c.status == .cleared ? "; cleared, no concern found, exported for completeness, no attribution" : "")
                 + (c.attribution == nil && c.status != .cleared ? "; no attribution" : ""))
        note.add("content", noteContent(c))
        if !analysts.isEmpty { note.add("authors", strings: analysts) }
        note.add("object_refs", strings: [personaId] + (impId.map { [$0] } ?? []))
        out.append(note.value); caseRefs.append(noteId)

        if let impId, let attribution = c.attribution {
            let (opId, opB) = make("opinion", "opinion")
            var opinion = opB
            opinion.add("opinion", attribution.confidence >= 85 ? "strongly-agree" : "agree")
            opinion.add("explanation", "Analyst \(attribution.analyst) attributed candidate \(c.candidate.id)'s claimed "
                        + "identity to the \(attribution.actorName) (confidence \(attribution.confidence)/100): "
                        + attribution.note)
            opinion.add("authors", strings: [attribution.analyst])
            opinion.add("object_refs", strings: [impId])
            out.append(opinion.value); caseRefs.append(opId)
        }

        let (_, groupB) = make("grouping", "grouping")
        var group = groupB
        group.add("name", "Vetdesk case \(c.candidate.id)")
        group.add("description", "Contractor vetting case \(c.candidate.id) (\(c.status.label)) exported by \(organisation).")
        group.add("context", suspected ? "suspicious-activity" : "unspecified")
        group.add("object_refs", strings: caseRefs + actorRefs + scoIds)
        out.append(group.value)
        return out
    }

    private func noteContent(_ c: ExportCase) -> String {
        var lines = ["Status: \(c.status.label)" + (c.caseFile?.referredTo.map { ", referred to \($0)" } ?? "")]
        if let a = c.attribution {
            lines.append("Attribution: \(a.actorName), by analyst \(a.analyst) on \(Time.iso(a.at)), confidence \(a.confidence)/100")
        } else if c.status == .cleared {
            lines.append("Cleared: an analyst found no concern. Exported for completeness; no attribution.")
        } else {
            lines.append("No attribution: no analyst has attributed this case.")
        }
        if !c.flags.isEmpty {
            lines.append("Flags:")
            lines += c.flags.map { f in
                let withheld = !options.includePersonalData && Self.personalDataRules.contains(f.ruleId)
                return "- \(f.ruleId) (\(f.severity.rawValue)): "
                    + (withheld ? "details withheld (personal data; export with --include-personal-data)" : f.summary)
            }
        }
        if let t = c.transfers, c.status == .escalated || c.status == .referred {
            lines.append("After-hire activity: \(t.totalEvents) clones or downloads on \(t.days.count) days"
                         + (t.peak.map { ", busiest \(Time.day($0.day * 86400)) with \($0.events) on \($0.distinctObjects) objects" } ?? "")
                         + "; transfer IPs: " + t.ips.prefix(10).map { $0.ip + ($0.isAnonymising ? " (anonymising)" : "") }.joined(separator: ", "))
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
