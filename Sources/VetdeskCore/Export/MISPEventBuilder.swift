/// One MISP event (core JSON format) for the selected cases — a ring exported together is one event.
/// Attributes use type/category pairs valid in MISP's describeTypes; each candidate also becomes a
/// `person` object, each payment account a `bank-account` object and each login identity a `user-account`
/// object. Tagged with the export's TLP; threat-actor galaxy clusters only where an analyst attributed the
/// case (on the event when every case is attributed to one actor, else on each attributed persona).
/// Home address and phone only with `includePersonalData`.
struct MISPEventBuilder {
    let organisation: String
    var options = ExportOptions()
    /// Template uuids/versions from the MISP object templates (misp-objects) shipped with PyMISP.
    static let templates: [String: (uuid: String, version: String, meta: String)] = [
        "person": ("a15b0477-e9d1-4b9c-9546-abe78a4f4248", "21", "misc"),
        "bank-account": ("b4712203-95a8-4883-80e9-b566f5df11c9", "3", "financial"),
        "user-account": ("49606b06-22f0-4ac8-8eee-2f12ad46f3d3", "6", "misc"),
    ]

    func uuid(_ name: String) -> String { NameUUID.v5(namespace: NameUUID.vetdeskNamespace, name: name).lowercased }

    /// With `ring`, one event for the ring (its uuid follows the ring id, so re-exports after a member joined
    /// update the same event): the shared identifiers as attributes, each referenced by its sharers' person objects.
    func render(_ cases: [ExportCase], exportedAt: Int64, ring: Ring? = nil) -> String {
        let ids = cases.map(\.candidate.id)
        let eventKey = ring.map { "misp-ring|" + $0.id } ?? ("misp-event|" + ids.joined(separator: ","))
        let updated = cases.map { max($0.caseFile?.updatedAt ?? 0, $0.history.last?.at ?? 0) }.max() ?? exportedAt
        let timestamp = updated > 0 ? updated : exportedAt
        var attributes: [JSONValue] = []
        var objects: [JSONValue] = []
        var seen = Set<String>()

        func attribute(_ type: String, _ category: String, _ value: String, comment: String, toIds: Bool,
                       relation: String? = nil, scope: String, tags: [String] = []) -> JSONValue {
            var b = JSONObjectBuilder()
            b.add("uuid", uuid("\(scope)|\(relation ?? "")|\(type)|\(value)"))
            if let relation { b.add("object_relation", relation) }
            b.add("type", type); b.add("category", category); b.add("value", value)
            b.add("to_ids", toIds); b.add("distribution", "5"); b.add("comment", comment)
            b.add("timestamp", String(timestamp))
            if !tags.isEmpty { b.add("Tag", JSONValue.array(tags.map { .object([("name", .string($0))]) })) }
            return b.value
        }
        func top(_ type: String, _ category: String, _ value: String?, _ comment: String, toIds: Bool = false,
                 tags: [String] = []) {
            guard let value, !value.isEmpty, seen.insert(type + "|" + value).inserted else { return }
            attributes.append(attribute(type, category, value, comment: comment, toIds: toIds, scope: eventKey, tags: tags))
        }
        let attributedActors = Set(cases.compactMap { $0.attribution?.actor })
        let eventActor: ThreatActor? = attributedActors.count == 1 && cases.allSatisfy { $0.attribution != nil }
            ? ThreatActor.named(attributedActors.first!) : nil
        let personal = options.includePersonalData
        func object(_ name: String, _ key: String, comment: String,
                    _ attrs: [(relation: String, type: String, category: String, value: String?)]) {
            let present = attrs.filter { !($0.value ?? "").isEmpty }
            guard !present.isEmpty, let t = Self.templates[name] else { return }
            let scope = eventKey + "|" + name + "|" + key
            var b = JSONObjectBuilder()
            b.add("name", name); b.add("meta-category", t.meta); b.add("description", comment)
            b.add("template_uuid", t.uuid); b.add("template_version", t.version)
            b.add("uuid", uuid(scope)); b.add("distribution", "5"); b.add("comment", comment)
            b.add("timestamp", String(timestamp))
            b.add("Attribute", JSONValue.array(present.map {
                attribute($0.type, $0.category, $0.value!, comment: "", toIds: false, relation: $0.relation, scope: scope)
            }))
            objects.append(b.value)
        }

        for c in cases {
            let who = "candidate \(c.candidate.id)"
            let actor = c.attribution.flatMap { ThreatActor.named($0.actor) }
            let attributionNote = c.attribution.map { a in
                "; attributed by analyst \(a.analyst) to the \(a.actorName), confidence \(a.confidence)/100" }
                ?? (c.status == .cleared ? "; cleared, no concern found, no attribution" : "; no attribution")
            top("full-name", "Person", c.candidate.fullName, "Name claimed by \(who)" + attributionNote,
                tags: eventActor == nil ? (actor?.mispGalaxyTags ?? []) : [])
            top("email-src", "Social network", c.candidate.email, "Email given by \(who)", toIds: true)
            if personal { top("phone-number", "Person", c.candidate.phone, "Phone given by \(who)") }
            top("github-username", "Social network", c.candidate.githubUsername, "GitHub account of \(who)")
            for n in c.logins.networks {
                let what = [n.provider, n.providerKind, n.anonymousProxy ? "anonymous proxy" : nil, n.country]
                    .compactMap { $0 }.joined(separator: ", ")
                top("ip-src", "Network activity", n.ip, "Login IP of \(who)" + (what.isEmpty ? "" : " (\(what))"),
                    toIds: n.isAnonymising || n.providerDprkNamed)
                if let asn = n.asn { top("AS", "Network activity", "AS\(asn)", "Network of \(who)'s logins" + (n.asName.map { ": \($0)" } ?? "")) }
            }
            // Transfer IPs only where an analyst escalated or referred the case (issue 10).
            for u in (c.status == .escalated || c.status == .referred) ? c.transfers?.ips ?? [] : [] {
                let what = [u.info?.provider, u.info?.providerKind, u.info?.anonymousProxy == true ? "anonymous proxy" : nil, u.info?.country]
                    .compactMap { $0 }.joined(separator: ", ")
                top("ip-src", "Network activity", u.ip, "Clone/download IP of \(who), \(u.events) transfers"
                    + (what.isEmpty ? "" : " (\(what))") + (u.seenInSignIns ? "" : ", never in sign-ins"), toIds: u.isAnonymising)
            }
            for a in c.paymentAccounts {
                let acct = a.account
                let comment = "Payment account of \(who)" + (acct.holderName.map { ", holder \($0)" } ?? "")
                switch acct.accountType {
                case "iban": top("iban", "Financial fraud", acct.iban ?? acct.identifier, comment, toIds: true)
                case "wallet":
                    if Self.looksLikeBitcoin(acct.identifier) { top("btc", "Financial fraud", acct.identifier, comment, toIds: true) }
                    else { top("text", "Financial fraud", acct.identifier, comment + " (wallet)") }
                default: top("bank-account-nr", "Financial fraud", acct.identifier, comment, toIds: true)
                }
                top("bic", "Financial fraud", acct.bic, comment)
                object("bank-account", String(acct.id ?? 0), comment: comment, [
                    ("iban", "iban", "Financial fraud", acct.accountType == "iban" ? (acct.iban ?? acct.identifier) : acct.iban),
                    ("account", "bank-account-nr", "Financial fraud", acct.accountType == "iban" ? nil : acct.identifier),
                    ("swift", "bic", "Financial fraud", acct.bic),
                    ("account-name", "text", "Financial fraud", acct.holderName),
                    ("institution-name", "text", "Financial fraud", acct.bankName),
                    ("text", "text", "Financial fraud", a.sharedWithCandidates.isEmpty ? nil
                        : "Also pays candidates " + a.sharedWithCandidates.joined(separator: ", ")),
                ])
            }
            object("person", c.candidate.id, comment: "Identity claimed by \(who)", [
                ("full-name", "full-name", "Person", c.candidate.fullName),
                ("e-mail", "email-src", "Social network", c.candidate.email),
                ("phone-number", "phone-number", "Person", personal ? c.candidate.phone : nil),
                ("address", "text", "Person", personal ? c.candidate.address : nil),
                ("role", "text", "Person", c.candidate.role),
            ])
            for account in c.loginAccounts {
                object("user-account", c.candidate.id + "|" + account, comment: "Login identity of \(who)", [
                    ("username", "text", "Other", account),
                ])
            }
            for e in c.history {
                top("text", "Internal reference", "\(Time.iso(e.at)) \(e.analyst) \(e.action)"
                    + (e.reasonCode.map { " [\($0)]" } ?? "") + ": \(e.note)", "Analyst history of \(who)")
            }
        }

        if let ring { objects = ringReferences(ring, eventKey: eventKey, objects: objects, top: top) }

        let band = cases.compactMap { $0.caseFile?.riskBand }.max() ?? .none
        let threatLevel = band >= .high ? "1" : band == .medium ? "2" : band == .low ? "3" : "4"
        let allReferred = !cases.isEmpty && cases.allSatisfy { $0.status == .referred || $0.status == .cleared }
        let info: String
        if let eventActor {
            info = cases.count == 1
                ? "Vetdesk case \(cases[0].candidate.id): attributed by an analyst to the \(eventActor.name) (\(cases[0].status.label))"
                : "Vetdesk cases \(ids.joined(separator: ", ")): ring attributed by analysts to the \(eventActor.name)"
        } else if cases.allSatisfy({ $0.status == .cleared }) {
            info = "Vetdesk " + (cases.count == 1 ? "case " : "cases ") + ids.joined(separator: ", ")
                + ": cleared, no concern found; exported for completeness, no attribution"
        } else {
            info = "Vetdesk " + (cases.count == 1 ? "case " : "cases ") + ids.joined(separator: ", ")
                + ": contractor vetting " + (cases.count == 1 ? "case (\(cases[0].status.label))" : "cases")
                + (attributedActors.isEmpty ? ", no attribution" : ", attribution per case")
        }
        var event = JSONObjectBuilder()
        event.add("uuid", uuid(eventKey))
        event.add("info", ring.map { "Vetdesk ring \($0.id), \(cases.count) members joined by shared identifiers. " } .map { $0 + info } ?? info)
        event.add("date", Time.day(timestamp))
        event.add("timestamp", String(timestamp))
        event.add("published", false)
        event.add("threat_level_id", threatLevel)
        event.add("analysis", allReferred ? "2" : "1")
        event.add("distribution", "0")
        event.add("Orgc", JSONValue.object([("name", .string(organisation)), ("uuid", .string(uuid("org|" + organisation)))]))
        let eventTags = [options.tlp.mispTag] + (eventActor?.mispGalaxyTags ?? [])
        event.add("Tag", JSONValue.array(eventTags.map { .object([("name", .string($0))]) }))
        event.add("Attribute", JSONValue.array(attributes))
        event.add("Object", JSONValue.array(objects))
        return JSONValue.object([("Event", event.value)]).serialized(pretty: true) + "\n"
    }

    /// Legacy (1/3) and bech32 (bc1) Bitcoin addresses; other wallets go out as text.
    static func looksLikeBitcoin(_ s: String) -> Bool {
        let lower = s.lowercased()
        if lower.hasPrefix("bc1") { return (14...74).contains(s.count) }
        return (s.hasPrefix("1") || s.hasPrefix("3")) && (26...35).contains(s.count)
            && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
