import Foundation

/// OFAC SDN.XML (sdnList / sdnEntry): uid, lastName, firstName, sdnType, programList, idList/id
/// (idType "Email Address", "Phone Number", "Digital Currency Address - ETH"...), akaList/aka
/// (category strong | weak), dateOfBirthList, nationalityList, citizenshipList, remarks;
/// publshInformation/Publish_Date (MM/DD/YYYY).
enum OFACXML {
    static func parse(_ root: ListXMLNode, file: String) throws -> ListDocument {
        let published = root.first("publshInformation")?.value("Publish_Date").flatMap(ListDates.usDate)
        var doc = try ListDocument(name: "OFAC SDN", authority: "US Treasury OFAC", publishedAt: published,
                               version: published ?? ListFiles.digest(file), format: "ofac-sdn-xml")
        for e in root.all("sdnEntry") {
            guard let uid = e.value("uid") else { throw ListFormatError(file, record: "sdnEntry #\(doc.records.count + 1)", field: "uid", "missing") }
            let type = (e.value("sdnType") ?? "").lowercased()
            var r = ListRecord(recordId: uid, kind: type == "individual" ? .person : (type == "vessel" || type == "aircraft") ? .vessel : .entity)
            let primary = [e.value("firstName"), e.value("lastName")].compactMap { $0 }.joined(separator: " ")
            guard !primary.isEmpty else { throw ListFormatError(file, record: uid, field: "lastName", "missing") }
            r.addName(primary, strength: .primary)
            for a in e.first("akaList")?.all("aka") ?? [] {
                let n = [a.value("firstName"), a.value("lastName")].compactMap { $0 }.joined(separator: " ")
                r.addName(n, strength: a.value("category")?.lowercased() == "weak" ? .weak : .strong)
            }
            r.programs = e.first("programList")?.all("program").map(\.text) ?? []
            for id in e.first("idList")?.all("id") ?? [] {
                guard let t = id.value("idType"), let v = id.value("idNumber") else { doc.skip("id without idType or idNumber"); continue }
                let lt = t.lowercased()
                if lt.hasPrefix("digital currency address - ") {
                    r.addIdentifier(.wallet, v, currency: String(t.dropFirst("digital currency address - ".count)).uppercased())
                } else if lt == "email address" { r.addIdentifier(.email, v) }
                else if lt == "phone number" { r.addIdentifier(.phone, v) }
                else if lt == "website" { r.addIdentifier(.website, v) }
                else if lt.hasPrefix("nationality") { r.nationalities.append(Country.alpha2(v) ?? v) }
            }
            for d in e.first("dateOfBirthList")?.all("dateOfBirthItem") ?? [] {
                if let v = d.value("dateOfBirth"), let n = ListDates.normalise(v) { r.birthDates.append(n) }
            }
            for list in ["nationalityList", "citizenshipList"] {
                for n in e.first(list)?.children ?? [] {
                    if let c = n.value("country") { r.nationalities.append(Country.alpha2(c) ?? c) }
                }
            }
            if let rem = e.value("remarks") { OFACRemarks.apply(rem, to: &r); r.remarks = rem }
            doc.records.append(r)
        }
        return doc
    }
}
