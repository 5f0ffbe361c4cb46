import Foundation

/// UK lists as a table, one row per name: the OFSI consolidated list ("Last Updated,dd/mm/yyyy" then a
/// header: Name 6 (family name), Name 1..5, DOB, Nationality, Alias Type, Alias Quality, Regime,
/// Group ID...) as CSV or ODS, and the FCDO UK Sanctions List CSV ("Report Date: ..." then Unique ID,
/// Name 6, Name 1..5, Name type, Alias strength, D.O.B, Nationality(/ies), Email address, Phone
/// number...). Columns are found by header name, so both layouts (and column reordering) read the
/// same way; the OFSI XML's element names (UKSanctionsXML) map onto the same keys.
enum UKSanctionsCSV {
    static func key(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    static func parse(_ file: String) throws -> ListDocument {
        try parseTable(file, format: "csv") { try OFACLegacyCSV.rows(file, $0) }
    }

    /// The ODS spreadsheet OFSI publishes beside the CSV (its first sheet holds the same table).
    static func parseODS(_ file: String) throws -> ListDocument {
        try parseTable(file, format: "ods") { try ODSSheet.rows(file, $0) }
    }

    /// Reads the "Last Updated"/"Report Date" line, the header, then one name per row.
    static func parseTable(_ file: String, format: String,
                           _ rows: ((Int, [String]) throws -> Void) throws -> Void) throws -> ListDocument {
        var header: [String: Int] = [:]
        var published: String?
        var records = UKRecords()
        try rows { line, f in
            if header.isEmpty {
                let first = f.first?.trimmingCharacters(in: .whitespaces) ?? ""
                let keys = f.map(key)
                // The date line comes before the header (whose first column may be "Last Updated" too).
                if !keys.contains("name6"), first.lowercased().hasPrefix("last updated") || first.lowercased().hasPrefix("report date") {
                    let v = f.count > 1 && !f[1].isEmpty ? f[1] : String(first.drop(while: { $0 != ":" }).dropFirst())
                    published = ListDates.normalise(v); return
                }
                guard keys.contains("name6") else { throw ListFormatError(file, record: "line \(line)", field: "header", "no 'Name 6' column") }
                for (i, k) in keys.enumerated() where header[k] == nil { header[k] = i }
                records.fcdo = header["uniqueid"] != nil
                return
            }
            var cols: [String: String] = [:]
            for (k, i) in header where i < f.count { cols[k] = f[i] }
            try records.add(cols, file: file, at: "line \(line)")
        }
        guard !header.isEmpty else { throw ListFormatError(file, record: "-", field: "header", "no header row") }
        return try records.document(file, published: published, format: format)
    }
}

/// Rows of a UK table (CSV, ODS or OFSI XML), keyed by `UKSanctionsCSV.key(column)`, gathered into
/// one record per Group ID / Unique ID.
struct UKRecords {
    var fcdo = false
    var byId: [String: ListRecord] = [:]
    var order: [String] = []
    var skipped: [String: Int] = [:]
    /// The latest "Last Updated" of any row: the OFSI XML has no publication date of its own.
    var latestUpdate: String?

    mutating func add(_ cols: [String: String], file: String, at place: String) throws {
        func col(_ names: String...) -> String {
            for n in names { if let v = cols[n]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty { return v } }
            return ""
        }
        let id = col("uniqueid", "groupid")
        guard !id.isEmpty else { throw ListFormatError(file, record: place, field: fcdo ? "Unique ID" : "Group ID", "empty") }
        let group = col("grouptype", "designationtype", "grouptypedescription", "individualentityship").lowercased()
        var r = byId[id] ?? ListRecord(recordId: id, kind: group.contains("individual") ? .person : group.contains("ship") ? .vessel : .entity)
        if byId[id] == nil { order.append(id) }
        let given = ["name1", "name2", "name3", "name4", "name5"].map { col($0) }.filter { !$0.isEmpty }
        let name = (given + [col("name6")]).filter { !$0.isEmpty }.joined(separator: " ")
        if name.isEmpty { skipped["row without a name", default: 0] += 1 } else {
            let type = col("aliastype", "nametype").lowercased()
            let weak = col("aliasquality", "aliasstrength").lowercased()
            r.addName(name, strength: type.hasPrefix("primary") && !type.contains("variation") ? .primary
                                     : (weak.hasPrefix("low") || weak == "weak") ? .weak : .strong)
        }
        let nonLatin = col("namenonlatinscript")
        if !nonLatin.isEmpty { r.addName(nonLatin, strength: .strong) }
        for d in col("dob", "dateofbirth", "individualdateofbirth").split(separator: "|") {
            if let n = ListDates.normalise(String(d)), !r.birthDates.contains(n) { r.birthDates.append(n) }
        }
        for n in col("nationality", "nationalityies", "individualnationality").split(whereSeparator: { $0 == "|" || $0 == ";" }) {
            let t = n.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "()0123456789 "))
            if let c = Country.alpha2(t) ?? (t.isEmpty ? nil : t), !r.nationalities.contains(c) { r.nationalities.append(c) }
        }
        for e in col("emailaddress").split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == " " }) where e.contains("@") {
            r.addIdentifier(.email, String(e))
        }
        for p in col("phonenumber").split(whereSeparator: { $0 == "|" || $0 == ";" }) { r.addIdentifier(.phone, String(p)) }
        let regime = col("regime", "regimename")
        if !regime.isEmpty, !r.programs.contains(regime) { r.programs.append(regime) }
        let other = col("otherinformation")
        if !other.isEmpty { r.remarks = other; OFACRemarks.apply(other, to: &r) }
        if let u = ListDates.normalise(col("lastupdated")), u.count == 10, u > (latestUpdate ?? "") { latestUpdate = u }
        byId[id] = r
    }

    func document(_ file: String, published: String?, format: String) throws -> ListDocument {
        var doc = try ListDocument(name: fcdo ? "UK Sanctions List" : "UK OFSI Consolidated", authority: fcdo ? "UK FCDO" : "UK HM Treasury OFSI",
                                   publishedAt: published ?? latestUpdate ?? ListFiles.modifiedDate(file),
                                   version: published ?? ListFiles.digest(file),
                                   format: (fcdo ? "uk-sanctions-list-" : "uk-ofsi-") + format)
        // The primary name first, whatever row order the file has (aliases may come before it).
        doc.records = order.compactMap { byId[$0] }.map { r in
            var r = r
            r.names = r.names.filter { $0.strength == .primary } + r.names.filter { $0.strength != .primary }
            return r
        }
        doc.skipped = skipped
        return doc
    }
}
