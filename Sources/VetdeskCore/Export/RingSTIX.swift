/// A ring as one STIX 2.1 bundle: every member's case objects as STIXBundle writes them, then the ring's own:
/// each shared identifier once as an observable that every member's persona is `related-to`, referrals as
/// persona-to-persona `related-to`, a note with the ring's shape and history, and one `grouping`
/// (context suspicious-activity) holding all of it. Identifiers without a core STIX object (payment accounts,
/// devices, phones, ship-to addresses) use Vetdesk's `x-vetdesk-shared-identifier` SCO, declared by an
/// extension-definition (STIX 2.1 §7.3, "new-sco"). Attribution stays per case, as the analysts made it.
extension STIXBundle {
    static let sharedIdentifierType = "x-vetdesk-shared-identifier"
    /// Fixed, so every Vetdesk export names the same extension.
    static let sharedIdentifierExtension = "extension-definition--5f0c8a61-2d4e-4b7a-9c3f-1e6d8b2a7c90"

    func render(ring: Ring, cases: [ExportCase], exportedAt: Int64) -> String {
        var objects = self.objects(cases, exportedAt: exportedAt)
        let orgId = sdoId("identity", "org|" + organisation)
        let markingId = options.tlp.stixMarkingId
        let created = cases.compactMap { $0.caseFile?.openedAt }.min() ?? exportedAt
        let modified = ([created] + ring.events.map(\.at) + cases.compactMap { $0.caseFile?.updatedAt }
                        + cases.flatMap { $0.history.map(\.at) }).max() ?? created
        let key = "ring|" + ring.id
        func common(_ type: String, _ role: String) -> (String, JSONObjectBuilder) {
            let id = sdoId(type, key + "|" + role)
            var b = JSONObjectBuilder()
            b.add("type", type); b.add("spec_version", "2.1"); b.add("id", id); b.add("created_by_ref", orgId)
            b.add("created", Self.timestamp(created)); b.add("modified", Self.timestamp(max(created, modified)))
            b.add("object_marking_refs", strings: [markingId])
            return (id, b)
        }
        func persona(_ candidate: String) -> String { sdoId("identity", "case|" + candidate + "|persona") }
        let exported = Set(cases.map(\.candidate.id))
        var present = Set(objects.compactMap(Self.objectId))
        var usesExtension = false
        let (shared, referrals) = RingShared.of(ring)

        for (n, s) in shared.enumerated() {
            let withheld = s.isPersonal && !options.includePersonalData
            var type = Self.sharedIdentifierType
            var contributing: [(String, JSONValue)]
            var extra: [(String, JSONValue)] = []
            switch s.kind {
            case .email: type = "email-addr"; contributing = [("value", .string(s.raw))]
            case .residentialLine: type = s.raw.contains(":") ? "ipv6-addr" : "ipv4-addr"; contributing = [("value", .string(s.raw))]
            case .resume where s.isSHA256, .photo where s.isSHA256:
                type = "file"; contributing = [("hashes", .object([("SHA-256", .string(s.raw.lowercased()))]))]
            default:
                contributing = [("kind", .string(s.kind.rawValue)), ("value", .string(withheld ? RingShared.withheld : s.raw))]
                if let t = s.accountType { extra.append(("account_type", .string(t))) }
                extra.append(("extensions", .object([(Self.sharedIdentifierExtension, .object([("extension_type", .string("new-sco"))]))])))
                usesExtension = true
            }
            // A withheld value must not be recoverable from the id either: its id names the ring and position.
            let idSource: [(String, JSONValue)] = withheld
                ? [("kind", .string(s.kind.rawValue)), ("ring", .string(ring.id)), ("ordinal", .int(Int64(n)))] : contributing
            // Core SCOs: UUIDv5 as §2.9 asks. The validator wants v4 ids for custom types: derived, so still stable.
            let scoId = type == Self.sharedIdentifierType
                ? "\(type)--" + NameUUID.v4Derived(type + "|" + JSONValue.object(idSource).serialized(sortKeys: true)).lowercased
                : Self.scoId(type, idSource)
            if present.insert(scoId).inserted {
                objects.append(.object([("type", .string(type)), ("spec_version", .string("2.1")), ("id", .string(scoId))]
                                       + contributing + extra))
            }
            for m in s.members where exported.contains(m) {
                let (relId, relB) = common("relationship", "shares|\(m)|\(scoId)")
                var rel = relB
                rel.add("relationship_type", "related-to"); rel.add("source_ref", persona(m)); rel.add("target_ref", scoId)
                let others = s.members.filter { $0 != m }.joined(separator: ", ")
                rel.add("description", "Candidate \(m) shares this \(s.kind.rawValue) with \(others) (ring \(ring.id)).")
                objects.append(rel.value); present.insert(relId)
            }
        }
        for (a, b) in referrals where exported.contains(a) && exported.contains(b) {
            let (relId, relB) = common("relationship", "referral|\(a)|\(b)")
            var rel = relB
            rel.add("relationship_type", "related-to"); rel.add("source_ref", persona(a)); rel.add("target_ref", persona(b))
            rel.add("description", "Referral between flagged candidates \(a) and \(b) (ring \(ring.id)).")
            objects.append(rel.value); present.insert(relId)
        }
        if usesExtension {
            var ext = JSONObjectBuilder()
            ext.add("type", "extension-definition"); ext.add("spec_version", "2.1"); ext.add("id", Self.sharedIdentifierExtension)
            ext.add("created_by_ref", orgId)
            ext.add("created", "2026-01-01T00:00:00.000Z"); ext.add("modified", "2026-01-01T00:00:00.000Z")
            ext.add("name", "Vetdesk shared identifier")
            ext.add("description", "A value two or more vetted candidates share: a payment account, a sign-in device, a phone, a ship-to address, a resume or photo.")
            ext.add("schema", "Properties: kind (payment_account, device, phone, ship_to, resume, photo), value (the shared value, "
                    + "or 'withheld' when it is personal data), account_type (payment accounts: iban, bank_account, wallet, platform).")
            ext.add("version", "1.0.0")
            ext.add("extension_types", strings: ["new-sco"])
            ext.add("object_marking_refs", strings: [markingId])
            objects.insert(ext.value, at: 1)
            present.insert(Self.sharedIdentifierExtension)
        }

        let (noteId, noteB) = common("note", "note")
        var note = noteB
        note.add("abstract", "Vetdesk ring \(ring.id): \(ring.size) members, score \(ring.score)")
        note.add("content", ringNote(ring, shared: shared, referrals: referrals))
        note.add("object_refs", strings: ring.members.map(\.candidateId).filter(exported.contains).map(persona))
        objects.append(note.value); present.insert(noteId)

        let (_, groupB) = common("grouping", "grouping")
        var group = groupB
        group.add("name", "Vetdesk ring \(ring.id)")
        group.add("description", "\(ring.size) vetted candidates joined by strong shared identifiers (payment accounts, devices, "
                  + "addresses, lines, referrals), exported as one unit by \(organisation).")
        group.add("context", cases.allSatisfy { $0.status == .cleared } ? "unspecified" : "suspicious-activity")
        group.add("object_refs", strings: objects.compactMap(Self.objectId).filter { $0 != markingId })
        objects.append(group.value)
        return Self.bundle(objects, key: key, exportedAt: exportedAt)
    }

    private func ringNote(_ ring: Ring, shared: [RingShared], referrals: [(String, String)]) -> String {
        var lines = ["Members: " + ring.members.map { "\($0.candidateId) (\($0.status), risk \($0.risk))" }.joined(separator: ", ")]
        lines.append("Shared identifiers:")
        for s in shared {
            let value = s.isPersonal && !options.includePersonalData ? RingShared.withheld : s.shown
            lines.append("- \(s.kind.rawValue) \(value): " + s.members.joined(separator: ", "))
        }
        for (a, b) in referrals { lines.append("- referral: \(a), \(b)") }
        if !ring.events.isEmpty {
            lines.append("Membership history:")
            for e in ring.events {
                // "via" names the shared value; a personal one is withheld like the rest.
                let personal = e.via.hasPrefix(RingEdge.Kind.phone.rawValue + " ") || e.via.hasPrefix(RingEdge.Kind.shipTo.rawValue + " ")
                let via = personal && !options.includePersonalData ? RingShared.withheld : e.via
                lines.append("- \(Time.iso(e.at)) \(e.candidateId) \(e.change)" + (via.isEmpty ? "" : " (\(via))"))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func objectId(_ value: JSONValue) -> String? {
        guard case let .object(fields) = value, let id = fields.first(where: { $0.0 == "id" })?.1, case let .string(s) = id else { return nil }
        return s
    }
}
