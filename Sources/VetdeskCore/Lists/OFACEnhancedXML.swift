import Foundation

/// OFAC's enhanced XML (SDN_ENHANCED.XML, namespace …/exports/ENHANCED_XML): `sanctionsData` with
/// `publicationInfo/dataAsOf`, `referenceValues`, and `entities/entity id=…` carrying
/// `generalInfo/entityType`, `sanctionsPrograms`, `names/name` (isPrimary, isLowQuality,
/// `translations/translation/formattedFullName` or `nameParts`), `features/feature` (type
/// "Digital Currency Address - ETH", "Email Address", "Phone Number", "Birthdate",
/// "Nationality Country"…; `value`, `valueDate` or `valueRefId`) and `identityDocuments`.
enum OFACEnhancedXML {
    static func parse(_ root: ListXMLNode, file: String) throws -> ListDocument {
        let asOf = root.first("publicationInfo")?.value("dataAsOf")
        let published = asOf.flatMap { ListDates.normalise(String($0.prefix(10))) }
        // A filtered export names its list ("SDN List", "Consolidated List"); the full file is the SDN.
        let listNames = root.first("publicationInfo")?.first("filters")?.first("sanctionsLists")?.children.map(\.text) ?? []
        let listName = listNames.isEmpty || listNames.contains { $0.trimmingCharacters(in: .whitespaces) == "SDN List" }
            ? "OFAC SDN" : "OFAC " + listNames.joined(separator: " + ").trimmingCharacters(in: .whitespaces)
        var refs: [String: String] = [:]
        for r in root.first("referenceValues")?.all("referenceValue") ?? [] {
            if let id = r.attr("refId"), let v = r.value("value") { refs[id] = v }
        }
        var doc = try ListDocument(name: listName, authority: "US Treasury OFAC", publishedAt: published,
                                   version: asOf ?? ListFiles.digest(file), format: "ofac-enhanced-xml")
        for (n, e) in (root.first("entities")?.all("entity") ?? []).enumerated() {
            guard let id = e.attr("id") else { throw ListFormatError(file, record: "entity #\(n + 1)", field: "id", "missing") }
            let type = (e.first("generalInfo")?.value("entityType") ?? "").lowercased()
            var r = ListRecord(recordId: id, kind: type == "individual" ? .person : (type == "vessel" || type == "aircraft") ? .vessel : .entity)
            for name in e.first("names")?.all("name") ?? [] {
                let primary = name.value("isPrimary")?.lowercased() == "true"
                let weak = name.value("isLowQuality")?.lowercased() == "true"
                for t in name.first("translations")?.all("translation") ?? [] {
                    let full = t.value("formattedFullName")
                        ?? (t.first("nameParts")?.all("namePart").compactMap { $0.value("value") } ?? []).joined(separator: " ")
                    // Only the primary name's primary translation is the record's primary name.
                    let isPrimary = primary && t.value("isPrimary")?.lowercased() != "false" && !r.names.contains { $0.strength == .primary }
                    r.addName(full, strength: isPrimary ? .primary : weak ? .weak : .strong)
                }
            }
            guard !r.names.isEmpty else { throw ListFormatError(file, record: id, field: "names", "no name") }
            r.programs = e.first("sanctionsPrograms")?.all("sanctionsProgram").map { $0.text.trimmingCharacters(in: .whitespaces) } ?? []
            for f in e.first("features")?.all("feature") ?? [] {
                guard let t = f.value("type") else { doc.skip("feature without type"); continue }
                let value = f.value("value") ?? f.value("valueRefId").flatMap { refs[$0] }
                let lt = t.lowercased()
                if lt.hasPrefix("digital currency address - "), let v = value {
                    r.addIdentifier(.wallet, v, currency: String(t.dropFirst("digital currency address - ".count)).uppercased())
                } else if lt == "email address", let v = value { r.addIdentifier(.email, v) }
                else if lt == "phone number", let v = value { r.addIdentifier(.phone, v) }
                else if lt == "website", let v = value { r.addIdentifier(.website, v) }
                else if lt == "birthdate" {
                    let d = value.flatMap(ListDates.normalise) ?? f.first("valueDate")?.value("fromDateBegin").flatMap(ListDates.normalise)
                    if let d, !r.birthDates.contains(d) { r.birthDates.append(d) } else if d == nil { doc.skip("unreadable birthdate") }
                } else if lt.hasPrefix("nationality") || lt.hasPrefix("citizenship"), let v = value {
                    let c = Country.alpha2(v) ?? v
                    if !r.nationalities.contains(c) { r.nationalities.append(c) }
                } else {
                    doc.skip("feature \(t) (not screened)")
                }
            }
            let documents = e.first("identityDocuments")?.all("identityDocument").count ?? 0
            for _ in 0..<documents { doc.skip("identity document (not screened)") }
            if let rem = e.first("generalInfo")?.value("remarks") { OFACRemarks.apply(rem, to: &r); r.remarks = rem }
            doc.records.append(r)
        }
        return doc
    }
}
