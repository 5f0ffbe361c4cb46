/// A ring's MISP event (MISPEventBuilder with a ring): members are the case `person` objects; every shared
/// identifier is one attribute (the same value once, so MISP correlates it across events) that each sharer's
/// person object references (`related-to`); referrals reference the other member's person object.
extension MISPEventBuilder {
    typealias TopAttribute = (_ type: String, _ category: String, _ value: String?, _ comment: String, _ toIds: Bool, _ tags: [String]) -> Void

    func ringReferences(_ ring: Ring, eventKey: String, objects: [JSONValue], top: TopAttribute) -> [JSONValue] {
        let (shared, referrals) = RingShared.of(ring)
        func person(_ candidate: String) -> String { uuid(eventKey + "|person|" + candidate) }
        var references: [String: [JSONValue]] = [:]     // person object uuid -> its references
        func reference(from candidate: String, to target: String, _ comment: String) {
            var r = JSONObjectBuilder()
            r.add("uuid", uuid(eventKey + "|reference|" + candidate + "|" + target))
            r.add("object_uuid", person(candidate))
            r.add("referenced_uuid", target)
            r.add("relationship_type", "related-to")
            r.add("comment", comment)
            references[person(candidate), default: []].append(r.value)
        }
        for s in shared {
            guard let a = s.misp, !(s.isPersonal && !options.includePersonalData) else { continue }
            top(a.type, a.category, a.value, "Shared by ring \(ring.id) members " + s.members.joined(separator: ", "), a.toIds, [])
            // The uuid `top` gives a top-level attribute (or already gave it, for a member's own value).
            let target = uuid("\(eventKey)||\(a.type)|\(a.value)")
            for m in s.members {
                reference(from: m, to: target, "shares this \(s.kind.rawValue) with " + s.members.filter { $0 != m }.joined(separator: ", "))
            }
        }
        for (a, b) in referrals {
            reference(from: a, to: person(b), "referral between flagged candidates \(a) and \(b)")
        }
        return objects.map { object in
            guard case let .object(fields) = object, case let .string(id)? = fields.first(where: { $0.0 == "uuid" })?.1,
                  let refs = references[id] else { return object }
            return .object(fields + [("ObjectReference", .array(refs))])
        }
    }
}
