import Foundation

/// EU consolidated financial sanctions list (export generationDate=...): sanctionEntity (logicalId,
/// euReferenceNumber) with subjectType code person | enterprise, nameAlias (wholeName, strong=
/// "true" | "false"), citizenship (countryIso2Code), birthdate (birthdate | year), regulation
/// (programme).
enum EUConsolidatedXML {
    static func parse(_ root: ListXMLNode, file: String) throws -> ListDocument {
        let generated = root.attr("generationDate")
        var doc = try ListDocument(name: "EU Consolidated", authority: "European Commission (FISMA)",
                               publishedAt: generated.flatMap(ListDates.normalise),
                               version: generated ?? ListFiles.digest(file), format: "eu-xml")
        for e in root.all("sanctionEntity") {
            guard let id = e.attr("euReferenceNumber") ?? e.attr("logicalId") else {
                throw ListFormatError(file, record: "#\(doc.records.count + 1)", field: "logicalId", "missing")
            }
            let code = e.first("subjectType")?.attr("code")?.lowercased() ?? ""
            var r = ListRecord(recordId: id, kind: code == "person" ? .person : .entity)
            for (i, a) in e.all("nameAlias").enumerated() {
                let whole = a.attr("wholeName") ?? [a.attr("firstName"), a.attr("middleName"), a.attr("lastName")].compactMap { $0 }.joined(separator: " ")
                r.addName(whole, strength: i == 0 ? .primary : (a.attr("strong") == "false" ? .weak : .strong))
            }
            guard !r.names.isEmpty else { throw ListFormatError(file, record: id, field: "nameAlias", "no name") }
            for c in e.all("citizenship") {
                if let iso = c.attr("countryIso2Code"), iso != "00" { r.nationalities.append(iso.uppercased()) }
            }
            for b in e.all("birthdate") {
                if let v = b.attr("birthdate") ?? b.attr("year"), let n = ListDates.normalise(v) { r.birthDates.append(n) }
            }
            r.programs = e.all("regulation").compactMap { $0.attr("programme") }
            r.remarks = e.value("remark")
            doc.records.append(r)
        }
        return doc
    }
}
