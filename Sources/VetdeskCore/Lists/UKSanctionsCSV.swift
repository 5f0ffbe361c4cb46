import Foundation

/// UK lists as CSV, one row per name: the OFSI consolidated list ("Last Updated,dd/mm/yyyy" then a
/// header: Name 6 (family name), Name 1..5, DOB, Nationality, Alias Type, Alias Quality, Regime,
/// Group ID...) and the FCDO UK Sanctions List ("Report Date: ..." then Unique ID, Name 6, Name 1..5,
/// Name type, Alias strength, D.O.B, Nationality(/ies), Email address, Phone number...). Columns
/// are found by header name, so both layouts (and column reordering) read the same way.
enum UKSanctionsCSV {
    static func key(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    static func parse(_ file: String) throws -> ListDocument {
        var header: [String: Int] = [:]
        var published: String?
        var fcdo = false
        var byId: [String: ListRecord] = [:]
        var order: [String] = []
        var skipped: [String: Int] = [:]
        try OFACLegacyCSV.rows(file) { line, f in
            if header.isEmpty {
                let first = f.first?.trimmingCharacters(in: .whitespaces) ?? ""
                if first.lowercased().hasPrefix("last updated") || first.lowercased().hasPrefix("report date") {
                    let v = f.count > 1 && !f[1].isEmpty ? f[1] : String(first.drop(while: { $0 != ":" }).dropFirst())
                    published = ListDates.normalise(v); return
                }
                let keys = f.map(key)
                guard keys.contains("name6") else { throw ListFormatError(file, record: "line \(line)", field: "header", "no 'Name 6' column") }
                for (i, k) in keys.enumerated() where header[k] == nil { header[k] = i }
                fcdo = header["uniqueid"] != nil
                return
            }
            func col(_ names: String...) -> String {
                for n in names { if let i = header[n], i < f.count { let t = f[i].trimmingCharacters(in: .whitespaces); if !t.isEmpty { return t } } }
                return ""
            }
            let id = col("uniqueid", "groupid")
            guard !id.isEmpty else { throw ListFormatError(file, record: "line \(line)", field: fcdo ? "Unique ID" : "Group ID", "empty") }
            let group = col("grouptype", "designationtype").lowercased()
            var r = byId[id] ?? ListRecord(recordId: id, kind: group.contains("individual") ? .person : .entity)
            if byId[id] == nil { order.append(id) }
            let given = ["name1", "name2", "name3", "name4", "name5"].map { col($0) }.filter { !$0.isEmpty }
            let name = (given + [col("name6")]).filter { !$0.isEmpty }.joined(separator: " ")
            if name.isEmpty { skipped["row without a name", default: 0] += 1 } else {
                let type = col("aliastype", "nametype").lowercased()
                let weak = col("aliasquality", "aliasstrength").lowercased()
                r.addName(name, strength: type.hasPrefix("primary") && !type.contains("variation") ? .primary
                                         : (weak == "low" || weak == "weak") ? .weak : .strong)
            }
            let nonLatin = col("namenonlatinscript")
            if !nonLatin.isEmpty { r.addName(nonLatin, strength: .strong) }
            for d in col("dob", "dateofbirth").split(separator: "|") {
                if let n = ListDates.normalise(String(d)), !r.birthDates.contains(n) { r.birthDates.append(n) }
            }
            for n in col("nationality", "nationalityies").split(whereSeparator: { $0 == "|" || $0 == ";" }) {
                let t = n.trimmingCharacters(in: .whitespaces)
                if let c = Country.alpha2(t) ?? (t.isEmpty ? nil : t), !r.nationalities.contains(c) { r.nationalities.append(c) }
            }
            for e in col("emailaddress").split(whereSeparator: { $0 == "|" || $0 == ";" }) { r.addIdentifier(.email, String(e)) }
            for p in col("phonenumber").split(whereSeparator: { $0 == "|" || $0 == ";" }) { r.addIdentifier(.phone, String(p)) }
            let regime = col("regime", "regimename")
            if !regime.isEmpty, !r.programs.contains(regime) { r.programs.append(regime) }
            let other = col("otherinformation")
            if !other.isEmpty { r.remarks = other; OFACRemarks.apply(other, to: &r) }
            byId[id] = r
        }
        guard !header.isEmpty else { throw ListFormatError(file, record: "-", field: "header", "no header row") }
        var doc = try ListDocument(name: fcdo ? "UK Sanctions List" : "UK OFSI Consolidated", authority: fcdo ? "UK FCDO" : "UK HM Treasury OFSI",
                                   publishedAt: published ?? ListFiles.modifiedDate(file), version: published ?? ListFiles.digest(file),
                                   format: fcdo ? "uk-sanctions-list-csv" : "uk-ofsi-csv")
        doc.records = order.compactMap { byId[$0] }
        doc.skipped = skipped
        return doc
    }
}
