import Foundation

/// OFAC's legacy CSV set (dat_spec.txt): sdn.csv (ent_num, SDN_Name, SDN_Type, Program, Title,
/// Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), alt.csv (ent_num, alt_num,
/// alt_type, alt_name, alt_remarks), add.csv (ent_num, add_num, address, city, country,
/// add_remarks) and sdn_comments.csv (ent_num, remarks continued). No header rows; "-0-" is empty.
/// The files carry no publication date: the version is sdn.csv's SHA-256 prefix and the
/// publication date its modification date, unless given on the command line.
enum OFACLegacyCSV {
    static func parse(sdn: String, alt: String?, add: String?, comments: String?) throws -> ListDocument {
        var records: [String: ListRecord] = [:]
        var order: [String] = []
        var remarks: [String: String] = [:]
        var doc = ListDocument(name: "OFAC SDN", authority: "US Treasury OFAC", publishedAt: ListFiles.modifiedDate(sdn),
                               version: try ListFiles.digest(sdn), format: "ofac-sdn-csv")
        try rows(sdn) { n, f in
            guard f.count >= 12 else {
                if f.count == 1 && f[0].trimmingCharacters(in: .controlCharacters.union(.whitespaces)).isEmpty { return } // trailing EOF mark
                throw ListFormatError(sdn, record: "line \(n)", field: "columns", "expected 12 columns, found \(f.count)")
            }
            let id = clean(f[0])
            guard !id.isEmpty else { throw ListFormatError(sdn, record: "line \(n)", field: "ent_num", "empty") }
            let type = clean(f[2]).lowercased()
            var r = ListRecord(recordId: id, kind: type == "individual" ? .person : (type == "vessel" || type == "aircraft") ? .vessel : .entity)
            r.addName(personName(clean(f[1]), person: r.kind == .person), strength: .primary)
            r.programs = clean(f[3]).split(separator: "]").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) }.filter { !$0.isEmpty }
            remarks[id] = clean(f[11])
            records[id] = r; order.append(id)
        }
        if let comments {
            try rows(comments) { n, f in
                guard f.count >= 2, records[clean(f[0])] != nil else { doc.skip("sdn_comments: unknown ent_num"); return }
                remarks[clean(f[0]), default: ""] += clean(f[1])
            }
        }
        if let alt {
            try rows(alt) { n, f in
                guard f.count >= 4 else { throw ListFormatError(alt, record: "line \(n)", field: "columns", "expected 5 columns, found \(f.count)") }
                guard var r = records[clean(f[0])] else { doc.skip("alt: unknown ent_num"); return }
                // OFAC marks low-quality aliases as weak; the legacy alt file says so in alt_remarks.
                let weak = clean(f.count > 4 ? f[4] : "").lowercased().contains("weak")
                r.addName(personName(clean(f[3]), person: r.kind == .person), strength: weak ? .weak : .strong)
                records[r.recordId] = r
            }
        }
        if let add {
            try rows(add) { n, f in
                guard f.count >= 5, var r = records[clean(f[0])] else { doc.skip("add: unknown ent_num"); return }
                if f.count > 5 { r.remarks = [r.remarks, clean(f[5])].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "; ") }
                records[r.recordId] = r
            }
        }
        for id in order {
            guard var r = records[id] else { continue }
            let text = remarks[id] ?? ""
            if !text.isEmpty { OFACRemarks.apply(text, to: &r); r.remarks = text }
            doc.records.append(r)
        }
        return doc
    }

    /// "KIM, Sang Man" (last, first) as "Sang Man KIM" for individuals; entity names as written.
    static func personName(_ s: String, person: Bool) -> String {
        guard person, let comma = s.firstIndex(of: ",") else { return s }
        let last = s[..<comma].trimmingCharacters(in: .whitespaces)
        let first = s[s.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        return first.isEmpty ? last : "\(first) \(last)"
    }

    static func clean(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t == "-0-" ? "" : t
    }

    static func rows(_ path: String, _ body: (Int, [String]) throws -> Void) throws {
        let reader: CSVFileReader
        do { reader = try CSVFileReader(path: path) } catch { throw ListFormatError(path, record: "-", field: "file", "\(error)") }
        var n = 0
        while true {
            let f: [String]?
            do { f = try reader.next() } catch let e as CSVFileReader.Failure {
                throw ListFormatError(path, record: "line \(e.line)", field: e.column.map { "column \($0 + 1)" } ?? "record", e.message)
            }
            guard let f else { break }
            n += 1
            try body(reader.recordLine, f)
        }
    }
}
