import Foundation

/// A team's own intel feed as CSV with a header: kind,value and optional name, note, list_name, id.
/// kind: email | phone | wallet | iban | handle | ip | website | name (a person or organisation name).
enum IntelCSV {
    static func parse(_ file: String) throws -> ListDocument {
        var header: [String: Int] = [:]
        var records: [ListRecord] = []
        var listName: String?
        try OFACLegacyCSV.rows(file) { line, f in
            if header.isEmpty {
                for (i, k) in f.enumerated() { header[k.trimmingCharacters(in: .whitespaces).lowercased()] = i }
                guard header["kind"] != nil, header["value"] != nil else {
                    throw ListFormatError(file, record: "line \(line)", field: "header", "needs 'kind' and 'value' columns")
                }
                return
            }
            func col(_ n: String) -> String? { header[n].flatMap { $0 < f.count ? f[$0].trimmingCharacters(in: .whitespaces) : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            guard let kind = col("kind")?.lowercased() else { throw ListFormatError(file, record: "line \(line)", field: "kind", "empty") }
            guard let value = col("value") else { throw ListFormatError(file, record: "line \(line)", field: "value", "empty") }
            if listName == nil { listName = col("list_name") }
            var r = ListRecord(recordId: col("id") ?? "line-\(line)", kind: kind == "name" ? .person : .indicator)
            if kind == "name" { r.addName(value, strength: .strong) }
            else if let k = ListIdentifier.Kind(rawValue: kind) { r.addIdentifier(k, value, currency: col("currency")) }
            else { throw ListFormatError(file, record: "line \(line)", field: "kind", "'\(kind)' is not one of name, \(ListIdentifier.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
            if let n = col("name"), kind != "name" { r.addName(n, strength: .strong) }
            r.remarks = col("note")
            records.append(r)
        }
        let name = listName ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var doc = try ListDocument(name: name, authority: "own intel", publishedAt: ListFiles.modifiedDate(file),
                                   version: ListFiles.digest(file), format: "intel-csv")
        doc.records = records
        return doc
    }
}
