import Foundation

/// Detects each file's format from its name and first bytes, and groups OFAC's legacy CSV set
/// (sdn.csv with its add.csv, alt.csv and sdn_comments.csv siblings) into one list.
public enum ListFormats {
    public static func parse(files: [String]) throws -> [ListDocument] {
        var docs: [ListDocument] = []
        let byBase = Dictionary(files.map { (($0 as NSString).lastPathComponent.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let companions: Set<String> = ["add.csv", "alt.csv", "sdn_comments.csv"]
        for file in files {
            let base = (file as NSString).lastPathComponent.lowercased()
            if companions.contains(base) {
                if byBase["sdn.csv"] == nil { throw ListFormatError(file, record: "-", field: "file", "OFAC \(base) needs its sdn.csv") }
                continue
            }
            if base == "sdn.csv" {
                let dir = (file as NSString).deletingLastPathComponent
                func sibling(_ n: String) -> String? {
                    if let given = byBase[n] { return given }
                    for cand in [n, n.uppercased()] {
                        let p = (dir as NSString).appendingPathComponent(cand)
                        if FileManager.default.fileExists(atPath: p) { return p }
                    }
                    return nil
                }
                docs.append(try OFACLegacyCSV.parse(sdn: file, alt: sibling("alt.csv"), add: sibling("add.csv"), comments: sibling("sdn_comments.csv")))
                continue
            }
            docs.append(try parse(file: file))
        }
        return docs
    }

    static func parse(file: String) throws -> ListDocument {
        let data = try ListFiles.read(file)
        // A zip archive: OFSI's ODS spreadsheet (ODSSheet checks the ODF mimetype).
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try UKSanctionsCSV.parseODS(file) }
        let head = String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}").union(.whitespacesAndNewlines))
        if head.hasPrefix("<") {
            let root = try ListXMLNode.parse(data, file: file)
            switch root.name.lowercased() {
            case "sdnlist": return try OFACXML.parse(root, file: file)
            case "sanctionsdata": return try OFACEnhancedXML.parse(root, file: file)
            case "consolidated_list": return try UNConsolidatedXML.parse(root, file: file)
            case "export": return try EUConsolidatedXML.parse(root, file: file)
            case "designations": return try UKSanctionsXML.parseFCDO(root, file: file)
            case "arrayoffinancialsanctionstarget": return try UKSanctionsXML.parseOFSI(root, file: file)
            default:
                throw ListFormatError(file, record: "-", field: "root element", "<\(root.name)> is not a known list format (sdnList, sanctionsData, CONSOLIDATED_LIST, export, Designations, ArrayOfFinancialSanctionsTarget)")
            }
        }
        if head.hasPrefix("{") {
            // One JSON document (STIX bundle, MISP event) or JSON lines (FollowTheMoney).
            if let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
                if obj["type"] as? String == "bundle" { return try STIXIndicators.parse(obj, file: file) }
                if obj["Event"] != nil || obj["Attribute"] != nil { return try MISPEvents.parse(obj, file: file) }
                if obj["schema"] != nil { return try FollowTheMoneyJSON.parse(file) }
                throw ListFormatError(file, record: "-", field: "json", "neither a STIX bundle, a MISP event nor FollowTheMoney entities")
            }
            return try FollowTheMoneyJSON.parse(file)
        }
        let firstLine = head.prefix(while: { $0 != "\n" && $0 != "\r" }).lowercased()
        if firstLine.hasPrefix("last updated") || firstLine.hasPrefix("report date") || firstLine.contains("name 6") {
            return try UKSanctionsCSV.parse(file)
        }
        if firstLine.contains("kind") && firstLine.contains("value") { return try IntelCSV.parse(file) }
        throw ListFormatError(file, record: "-", field: "format", "not a known list format (see docs/lists.md)")
    }
}
