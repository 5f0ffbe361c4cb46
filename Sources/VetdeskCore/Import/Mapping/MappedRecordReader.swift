import Foundation

/// A user's export read through a mapping: each source record becomes a FlatRecord with the Vetdesk
/// columns the mapping fills, so the importers of the flat kinds run unchanged. Errors name the data
/// file, the record and the field as "Source column → vetdesk_field" (also for errors the importers
/// raise later, through `FlatRecord.fieldLabels`).
final class MappedRecordReader: FlatRecordReader {
    let kind: ImportKind
    private let mapping: ImportMapping
    private let file: String
    private let source: SourceRecords
    private let columns: ColumnIndex
    private let labels: [String: String]
    /// CSV: where each mapped column sits.
    private var csvIndex: [String: Int] = [:]
    /// JSON: mapped keys no record has had yet; any left at the end is a mapping mistake.
    private var unseen: Set<String> = []
    /// Country names repeat on every row and folding a name costs microseconds: looked up once.
    private var countryCache: [String: String?] = [:]

    init(path: String, displayName: String, mapping: ImportMapping, kind requested: ImportKind?) throws {
        if let requested, requested != mapping.kind {
            throw VetdeskError.invalidArgument("--kind \(requested.rawValue) contradicts kind \(mapping.kind.rawValue) of mapping \(mapping.file)")
        }
        kind = mapping.kind
        self.mapping = mapping
        file = displayName
        source = try SourceRecords.open(path: path, displayName: displayName, delimiter: mapping.delimiter)
        columns = ColumnIndex(mapping.rules.map(\.target))
        labels = Dictionary(mapping.rules.map { ($0.target, Sanitize.forDisplay($0.label)) }, uniquingKeysWith: { a, _ in a })
        switch source {
        case .csv(_, let header):
            csvIndex = try SourceRecords.resolve(columns: mapping.sourceColumns, header: header, mapping: mapping, dataFile: displayName)
        case .json:
            unseen = Set(mapping.sourceColumns)
        }
    }

    func next() throws -> FlatRecord? {
        let location: String
        let values: [String]
        switch source {
        case .csv(let reader, let header):
            let fields: [String]
            do {
                guard let f = try reader.next() else { return nil }
                fields = f
            } catch let f as CSVFileReader.Failure {
                throw VetdeskError.malformed(file: file, location: "line \(f.line)",
                                             field: f.column.flatMap { $0 < header.count ? Sanitize.forDisplay(header[$0]) : nil }, message: f.message)
            }
            location = "line \(reader.recordLine)"
            guard fields.count == header.count else {
                throw VetdeskError.malformed(file: file, location: location, field: nil,
                                             message: "\(fields.count) fields, but the header has \(header.count)")
            }
            values = try mapping.rules.map { rule in
                try apply(rule, location: location) { fields[self.csvIndex[$0]!] }
            }
        case .json(let json):
            guard let (object, loc) = try json.next() else {
                if let missing = unseen.sorted().first {
                    throw VetdeskError.malformed(file: mapping.file, location: mapping.location(of: missing), field: Sanitize.forDisplay(missing),
                                                 message: "no record of \(file) has this key")
                }
                return nil
            }
            location = loc
            values = try mapping.rules.map { rule in
                try apply(rule, location: location) { column in
                    let value = object[column] ?? Self.at(object, column)
                    // Seen when the key, or the first step of its path, is there: a record may lack
                    // an array element (no phone number), but a top-level key no record has is a typo.
                    if value != nil || object[String(column.prefix { $0 != "." })] != nil { self.unseen.remove(column) }
                    do { return try JSONField.text(value) ?? "" } catch let e as JSONField.JSONShapeError {
                        throw VetdeskError.malformed(file: self.file, location: location, field: self.labels[rule.target], message: e.message)
                    }
                }
            }
        }
        return FlatRecord(file: file, location: location, columns: columns, values: values, fieldLabels: labels)
    }

    /// A key, or a dotted path through objects and arrays ("email_addresses.0.value").
    static func at(_ object: [String: Any], _ path: String) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            if let dict = current as? [String: Any] { current = dict[String(key)] }
            else if let array = current as? [Any], let i = Int(key), array.indices.contains(i) { current = array[i] }
            else { return nil }
        }
        return current
    }

    /// One field's value by the rule's steps (see FieldRule). Empty means unknown.
    private func apply(_ rule: FieldRule, location: String, _ get: (String) throws -> String) throws -> String {
        func fail(_ message: String) -> VetdeskError {
            .malformed(file: file, location: location, field: labels[rule.target], message: message)
        }
        func trimmed(_ s: String) -> String {
            // Foundation's trimming bridges through NSString: only call it when an end is blank.
            guard rule.trim, let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
                  first.properties.isWhitespace || last.properties.isWhitespace else { return s }
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var v: String
        switch rule.source {
        case .column(let c): v = try get(c)
        case .join(let cs, let separator):
            v = try cs.map { trimmed(try get($0)) }.filter { !$0.isEmpty }.joined(separator: separator)
        case .constant(let s): v = s
        }
        v = trimmed(v)
        if let (separator, index) = rule.split, !v.isEmpty {
            let parts = v.components(separatedBy: separator)
            let i = index >= 0 ? index : parts.count + index
            v = parts.indices.contains(i) ? trimmed(parts[i]) : ""
        }
        if rule.lowercase { v = v.lowercased() }
        if rule.uppercase { v = v.uppercased() }
        if let map = rule.valueMap, !v.isEmpty || map[""] != nil {
            if let hit = map[v.trimmedBlanks.lowercased()] {
                v = hit
            } else {
                switch rule.unmapped {
                case .keep: break
                case .empty: v = ""
                case .error:
                    let known = map.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                    throw fail("'\(FlatRecord.quoted(v))' is not in the mapping's value map (\(known)); add it, or set unmapped: keep or empty")
                }
            }
        }
        if let mark = rule.decimalMark, !v.isEmpty {
            let grouping: Set<Character> = [mark == "," ? "." : ",", " ", "'", "\u{00A0}", "\u{202F}"]
            v = String(v.filter { !grouping.contains($0) }.map { $0 == mark ? "." : $0 })
        }
        if let date = rule.date, !v.isEmpty {
            guard let t = date.parse(v) else {
                throw fail("'\(FlatRecord.quoted(v))' does not match the date format '\(date.text)'")
            }
            v = Time.iso(t)
        }
        if rule.country, !v.isEmpty {
            let hit: String?
            if let cached = countryCache[v] { hit = cached } else {
                hit = Country.alpha2(v)
                if countryCache.count < 10_000 { countryCache[v] = hit }
            }
            guard let cc = hit else {
                throw fail("'\(FlatRecord.quoted(v))' is not an ISO 3166 country code or English country name")
            }
            v = cc
        }
        if v.isEmpty, let d = rule.defaultValue { v = d }
        return v
    }
}
