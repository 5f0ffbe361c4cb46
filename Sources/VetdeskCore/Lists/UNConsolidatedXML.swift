import Foundation

/// UN Security Council consolidated list (CONSOLIDATED_LIST dateGenerated=...): INDIVIDUALS/INDIVIDUAL
/// and ENTITIES/ENTITY with REFERENCE_NUMBER (1718 Committee: KPi.* people, KPe.* entities),
/// FIRST_NAME..FOURTH_NAME, *_ALIAS (QUALITY Good | Low, ALIAS_NAME), NATIONALITY/VALUE,
/// INDIVIDUAL_DATE_OF_BIRTH (DATE | YEAR), NAME_ORIGINAL_SCRIPT.
enum UNConsolidatedXML {
    static func parse(_ root: ListXMLNode, file: String) throws -> ListDocument {
        let published = root.attr("dateGenerated").flatMap(ListDates.normalise)
        var doc = try ListDocument(name: "UN SC Consolidated", authority: "UN Security Council", publishedAt: published,
                               version: root.attr("dateGenerated") ?? ListFiles.digest(file), format: "un-xml")
        let people = root.first("INDIVIDUALS")?.all("INDIVIDUAL") ?? []
        let entities = root.first("ENTITIES")?.all("ENTITY") ?? []
        for (node, kind) in people.map({ ($0, ListRecord.Kind.person) }) + entities.map({ ($0, ListRecord.Kind.entity) }) {
            guard let id = node.value("REFERENCE_NUMBER") ?? node.value("DATAID") else {
                throw ListFormatError(file, record: "#\(doc.records.count + 1)", field: "REFERENCE_NUMBER", "missing")
            }
            var r = ListRecord(recordId: id, kind: kind)
            let name = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].compactMap { node.value($0) }.joined(separator: " ")
            guard !name.isEmpty else { throw ListFormatError(file, record: id, field: "FIRST_NAME", "missing") }
            r.addName(name, strength: .primary)
            if let original = node.value("NAME_ORIGINAL_SCRIPT") { r.addName(original, strength: .strong) }
            for a in node.all(kind == .person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS") {
                guard let n = a.value("ALIAS_NAME") else { continue }
                r.addName(n, strength: a.value("QUALITY")?.lowercased() == "low" ? .weak : .strong)
            }
            for n in node.first("NATIONALITY")?.all("VALUE") ?? [] {
                let t = n.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !t.isEmpty { r.nationalities.append(Country.alpha2(t) ?? t) }
            }
            for d in node.all("INDIVIDUAL_DATE_OF_BIRTH") {
                if let v = d.value("DATE") ?? d.value("YEAR"), let n = ListDates.normalise(v) { r.birthDates.append(n) }
            }
            if let l = node.value("UN_LIST_TYPE") { r.programs = [l] }
            r.remarks = node.value("COMMENTS1")
            doc.records.append(r)
        }
        return doc
    }
}
