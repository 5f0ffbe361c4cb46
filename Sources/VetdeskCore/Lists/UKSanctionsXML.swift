import Foundation

/// UK lists as XML. The FCDO UK Sanctions List (`Designations`, `DateGenerated`, one `Designation`
/// per UniqueID with `Names/Name` (Name1..Name6, NameType, AliasStrength), `NonLatinNames`,
/// `RegimeName`, `IndividualEntityShip`, `EmailAddresses`, `PhoneNumbers`, `OtherInformation`,
/// `IndividualDetails/Individual` with `DOBs/DOB` and `Nationalities/Nationality`); and OFSI's
/// consolidated list XML (`ArrayOfFinancialSanctionsTarget`, one flat `FinancialSanctionsTarget`
/// per name, whose element names are the CSV's columns: Name6, name1…, AliasType, GroupID…).
enum UKSanctionsXML {
    static func parseOFSI(_ root: ListXMLNode, file: String) throws -> ListDocument {
        var records = UKRecords()
        for (n, t) in root.all("FinancialSanctionsTarget").enumerated() {
            var cols: [String: String] = [:]
            for c in t.children where c.attr("i:nil") != "true" && c.attr("xsi:nil") != "true" {
                cols[UKSanctionsCSV.key(c.name)] = c.text
            }
            try records.add(cols, file: file, at: "FinancialSanctionsTarget #\(n + 1)")
        }
        return try records.document(file, published: nil, format: "xml")
    }

    static func parseFCDO(_ root: ListXMLNode, file: String) throws -> ListDocument {
        let published = root.value("DateGenerated").flatMap(ListDates.normalise)
        var doc = try ListDocument(name: "UK Sanctions List", authority: "UK FCDO", publishedAt: published,
                                   version: published ?? ListFiles.digest(file), format: "uk-sanctions-list-xml")
        var seen = Set<String>()
        for (n, d) in root.all("Designation").enumerated() {
            guard let id = d.value("UniqueID") else { throw ListFormatError(file, record: "Designation #\(n + 1)", field: "UniqueID", "missing") }
            guard seen.insert(id).inserted else { throw ListFormatError(file, record: id, field: "UniqueID", "appears twice") }
            let type = (d.value("IndividualEntityShip") ?? "").lowercased()
            var r = ListRecord(recordId: id, kind: type == "individual" ? .person : type == "ship" ? .vessel : .entity)
            for name in d.first("Names")?.all("Name") ?? [] {
                let parts = ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"].compactMap { name.value($0) }
                guard !parts.isEmpty else { doc.skip("name without name parts"); continue }
                let kind = (name.value("NameType") ?? "").lowercased()
                let strength = (name.value("AliasStrength") ?? "").lowercased()
                r.addName(parts.joined(separator: " "), strength: kind.hasPrefix("primary") && !kind.contains("variation")
                          && !r.names.contains { $0.strength == .primary } ? .primary : strength.hasPrefix("weak") || strength.hasPrefix("low") ? .weak : .strong)
            }
            for n in d.descendants("NameNonLatinScript") where !n.text.isEmpty { r.addName(n.text, strength: .strong) }
            guard !r.names.isEmpty else { throw ListFormatError(file, record: id, field: "Names", "no name") }
            if let regime = d.value("RegimeName") { r.programs = [regime] }
            for e in d.descendants("EmailAddress") {
                for part in e.text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "|" }) where part.contains("@") {
                    r.addIdentifier(.email, String(part))
                }
            }
            for p in d.descendants("PhoneNumber") { r.addIdentifier(.phone, p.text) }
            for dob in d.descendants("DOB") {
                if let v = ListDates.normalise(dob.text), !r.birthDates.contains(v) { r.birthDates.append(v) }
            }
            for nat in d.descendants("Nationality") {
                let t = nat.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !t.isEmpty { let c = Country.alpha2(t) ?? t; if !r.nationalities.contains(c) { r.nationalities.append(c) } }
            }
            if let other = d.value("OtherInformation") { r.remarks = other; OFACRemarks.apply(other, to: &r) }
            doc.records.append(r)
        }
        return doc
    }
}
