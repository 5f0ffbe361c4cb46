import CLibzip
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first sheet of an OpenDocument spreadsheet (OFSI's ConList.ods) as rows of cell texts.
/// The archive is opened with libzip (Debian libzip-dev); `content.xml` is streamed through
/// XMLParser, so a large sheet is never held as a tree. Repeated cells and rows (ODF's
/// number-columns-repeated / number-rows-repeated) are expanded, trailing empty ones dropped.
enum ODSSheet {
    static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    /// Limits on repeats: ODF writers pad sheets to 1024 columns and a million rows of nothing.
    static let maxColumns = 256

    static func rows(_ file: String, _ body: (Int, [String]) throws -> Void) throws {
        let content = try entry(file, "content.xml", check: true)
        let reader = SheetReader()
        let parser = XMLParser(data: content)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            throw ListFormatError(file, record: "content.xml line \(parser.lineNumber)", field: "xml",
                                  parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML")
        }
        for (n, row) in reader.rows.enumerated() { try body(n + 1, row) }
    }

    /// One member of the zip archive, read whole; with `check`, the ODF mimetype must say spreadsheet.
    static func entry(_ file: String, _ name: String, check: Bool) throws -> Data {
        var err: Int32 = 0
        guard let zip = zip_open(file, ZIP_RDONLY, &err) else {
            throw ListFormatError(file, record: "-", field: "zip", "not a readable zip archive (libzip error \(err))")
        }
        defer { zip_discard(zip) }
        func read(_ member: String) throws -> Data {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat(zip, member, 0, &st) == 0, let f = zip_fopen(zip, member, 0) else {
                throw ListFormatError(file, record: member, field: "zip", "missing from the archive")
            }
            defer { zip_fclose(f) }
            var data = Data(count: Int(st.size))
            let n = data.withUnsafeMutableBytes { zip_fread(f, $0.baseAddress, st.size) }
            guard n == Int64(st.size) else { throw ListFormatError(file, record: member, field: "zip", "cannot be decompressed") }
            return data
        }
        if check {
            let type = String(decoding: try read("mimetype"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard type == mimetype else {
                throw ListFormatError(file, record: "mimetype", field: "zip", "'\(type)' is not an OpenDocument spreadsheet")
            }
        }
        return try read(name)
    }

    /// Collects the first table's rows from content.xml's events.
    private final class SheetReader: NSObject, XMLParserDelegate {
        var rows: [[String]] = []
        private var tables = 0
        private var row: [String]?
        private var rowRepeat = 1
        private var cell: String?
        private var cellRepeat = 1
        private var paragraphs = 0

        static func local(_ n: String) -> String { n.split(separator: ":").last.map(String.init) ?? n }
        static func repeatCount(_ a: [String: String], _ key: String) -> Int {
            a.first { local($0.key) == key }.flatMap { Int($0.value) } ?? 1
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch Self.local(name) {
            case "table": tables += 1
            case "table-row" where tables == 1:
                row = []; rowRepeat = Self.repeatCount(attributes, "number-rows-repeated")
            case "table-cell", "covered-table-cell":
                guard row != nil else { return }
                cell = ""; paragraphs = 0
                cellRepeat = min(ODSSheet.maxColumns, Self.repeatCount(attributes, "number-columns-repeated"))
                // A date or number cell without text: its value attribute.
                if let v = attributes.first(where: { Self.local($0.key) == "date-value" || Self.local($0.key) == "value" })?.value {
                    cell = v
                }
            case "p" where cell != nil:
                if paragraphs > 0 { cell! += "\n" } else { cell = "" }
                paragraphs += 1
            case "s" where cell != nil: cell! += " "
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if cell != nil && paragraphs > 0 { cell! += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch Self.local(name) {
            case "table-cell", "covered-table-cell":
                guard let c = cell, row != nil else { return }
                if row!.count < ODSSheet.maxColumns { row! += Array(repeating: c, count: min(cellRepeat, ODSSheet.maxColumns - row!.count)) }
                cell = nil
            case "table-row":
                guard var r = row else { return }
                while r.last?.isEmpty == true { r.removeLast() }
                // Empty rows (ODF pads sheets with a million) are not data.
                if !r.isEmpty { rows += Array(repeating: r, count: min(rowRepeat, 100_000)) }
                row = nil
            default: break
            }
        }
    }
}
