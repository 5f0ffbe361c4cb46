import Foundation

/// `vetdesk map init`: a starter mapping for an export, guessed from its header names (loose
/// matches and synonyms, `FieldSynonyms`) and a sample of its values (date formats, country names),
/// with a confidence per guess as a YAML comment, for the user to check and edit.
public enum MappingGuesser {
    struct Sample {
        var header: [String]
        var rows: [[String]]
        var delimiter = UInt8(ascii: ",")

        func values(_ column: Int) -> [String] {
            rows.compactMap { column < $0.count ? $0[column].trimmingCharacters(in: .whitespaces) : nil }.filter { !$0.isEmpty }
        }
    }

    struct Guess {
        var target: String
        var source: FieldRule.Source
        var confidence: Double
        var reasons: [String]
        var settings: [(String, String)] = []
    }

    public static func draft(path: String, displayName: String, kind: ImportKind?, sampleSize: Int = 200) throws -> String {
        draft(sample: try sample(path: path, displayName: displayName, limit: sampleSize), kind: kind, dataFile: displayName)
    }

    static func sample(path: String, displayName: String, limit: Int) throws -> Sample {
        let delimiter = SourceRecords.sniffDelimiter(path: path)
        switch try SourceRecords.open(path: path, displayName: displayName, delimiter: delimiter) {
        case .csv(let reader, let header):
            var rows: [[String]] = []
            while rows.count < limit, let r = try? reader.next() { rows.append(r) }
            return Sample(header: header, rows: rows, delimiter: delimiter)
        case .json(let json):
            var header: [String] = [], index: [String: Int] = [:], objects: [[String: Any]] = []
            while objects.count < limit, let (o, _) = try json.next() {
                objects.append(o)
                for key in flatKeys(o) where index[key] == nil { index[key] = header.count; header.append(key) }
            }
            let rows = objects.map { o in header.map { (try? JSONField.text(MappedRecordReader.at(o, $0))) ?? "" } }
            return Sample(header: header, rows: rows)
        }
    }

    /// Keys of a JSON record, nested objects as dotted paths; of an array, its first element
    /// (`email_addresses.0.value`), which is where exports put the primary one.
    static func flatKeys(_ o: [String: Any], prefix: String = "") -> [String] {
        o.keys.sorted().flatMap { k -> [String] in
            if let nested = o[k] as? [String: Any] { return flatKeys(nested, prefix: prefix + k + ".") }
            if let array = o[k] as? [Any] {
                guard let first = array.first else { return [] }
                if let nested = first as? [String: Any] { return flatKeys(nested, prefix: prefix + k + ".0.") }
                return first is [Any] ? [] : [prefix + k + ".0"]
            }
            return [prefix + k]
        }
    }

    /// The names a header is matched by: the whole (loose), and for a JSON path also the key that
    /// holds the value, ignoring array positions and a final "value" (`email_addresses.0.value` → emailaddresses).
    static func names(_ header: String) -> [String] {
        let parts = header.split(separator: ".").map(String.init).filter { Int($0) == nil }
        guard parts.count > 1 || parts.count == 1 && parts[0] != header else { return [SourceRecords.loose(header)] }
        let meaningful = parts.last == "value" ? parts.dropLast() : parts[...]
        return [SourceRecords.loose(header)] + (meaningful.last.map { [SourceRecords.loose($0)] } ?? [])
    }

    static func draft(sample: Sample, kind requested: ImportKind?, dataFile: String) -> String {
        let kinds = requested.map { [$0] } ?? ImportKind.allCases.filter { FieldSynonyms.byKind[$0] != nil }
        let ranked = kinds.map { k in (kind: k, guesses: guesses(sample: sample, kind: k)) }
            .sorted { score($0.guesses, $0.kind) > score($1.guesses, $1.kind) }
        let best = ranked[0]
        return render(sample: sample, kind: best.kind, guesses: best.guesses, dataFile: dataFile,
                      runnerUp: requested == nil && ranked.count > 1 ? ranked[1].kind : nil)
    }

    /// The share of the kind's required fields found (by confidence) weighs most, all of them found
    /// adds a bonus, optional fields break ties.
    static func score(_ guesses: [Guess], _ kind: ImportKind) -> Double {
        let required = kind.schema?.required ?? []
        let found = guesses.filter { required.contains($0.target) }
        let share = found.reduce(0) { $0 + $1.confidence } / Double(max(required.count, 1))
        let optional = guesses.filter { !required.contains($0.target) }.reduce(0) { $0 + $1.confidence }
        return 10 * share + (found.count == required.count ? 5 : 0) + 0.5 * optional
    }

    static func guesses(sample: Sample, kind: ImportKind) -> [Guess] {
        guard let schema = kind.schema, let synonyms = FieldSynonyms.byKind[kind] else { return [] }
        let loose = sample.header.map(SourceRecords.loose)
        let headerNames = sample.header.map(names)
        var candidates: [(field: String, column: Int, score: Double, reason: String)] = []
        // A key inside an array's element other than its value ("applications.0.candidate_id") is
        // usually another object's field: a weak guess.
        let inElement = sample.header.map { $0.contains(".0.") && !$0.hasSuffix(".0.value") }
        for field in schema.all {
            let names = synonyms[field] ?? []
            for (i, hs) in headerNames.enumerated() {
                let weight = inElement[i] ? 0.6 : 1
                if hs.contains(SourceRecords.loose(field)) {
                    candidates.append((field, i, 0.95 * weight, "header is the field's name"))
                } else if hs.contains(where: names.contains) {
                    candidates.append((field, i, 0.85 * weight, "header is a usual name for this field"))
                } else if hs.contains(where: { names.contains("~" + $0) }) {
                    candidates.append((field, i, 0.6 * weight, "generic header name"))
                }
            }
        }
        let required = Set(schema.required)
        candidates.sort { ($0.score, required.contains($0.field) ? 1 : 0, -$0.column) > ($1.score, required.contains($1.field) ? 1 : 0, -$1.column) }
        var usedFields = Set<String>(), usedColumns = Set<Int>()
        var out: [Guess] = []
        for c in candidates where !usedFields.contains(c.field) && !usedColumns.contains(c.column) {
            usedFields.insert(c.field); usedColumns.insert(c.column)
            out.append(Guess(target: c.field, source: .column(sample.header[c.column]), confidence: c.score, reasons: [c.reason]))
        }
        // "First Name" + "Last Name" → full_name, unless a whole-name column matched well.
        if schema.all.contains("full_name"), !out.contains(where: { $0.target == "full_name" && $0.confidence >= 0.85 }),
           let first = loose.firstIndex(where: { FieldSynonyms.firstNames.contains($0) }),
           let last = loose.firstIndex(where: { FieldSynonyms.lastNames.contains($0) }) {
            out.removeAll { $0.target == "full_name" }
            out.append(Guess(target: "full_name", source: .join([sample.header[first], sample.header[last]], separator: " "),
                             confidence: 0.9, reasons: ["first and last name joined"]))
        }
        for i in out.indices { checkValues(&out[i], sample: sample, choices: FieldSynonyms.choices[kind]?[out[i].target]) }
        let order = Dictionary(uniqueKeysWithValues: schema.all.enumerated().map { ($1, $0) })
        return out.sorted { order[$0.target]! < order[$1.target]! }
    }

    static let dateFormats = ["MM/dd/yyyy", "dd/MM/yyyy", "MM/dd/yyyy HH:mm", "dd/MM/yyyy HH:mm", "MM/dd/yyyy HH:mm:ss",
                              "dd/MM/yyyy HH:mm:ss", "M/d/yyyy h:mm a", "M/d/yyyy, h:mm:ss a", "M/d/yyyy, h:mm:ss.SSS a",
                              "dd.MM.yyyy", "dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss", "dd-MM-yyyy", "dd-MM-yyyy HH:mm:ss",
                              "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyy/MM/dd",
                              "dd MMM yyyy", "MMM d, yyyy", "unix", "unix_ms"]
    static let boolFields: Set<String> = ["ship_to_is_forwarder", "byod_requested", "face_match", "manipulation_flagged",
                                          "approved", "device_managed"]

    /// Looks at the sample values of a guessed column: date format, country names, booleans.
    static func checkValues(_ g: inout Guess, sample: Sample, choices: [String]? = nil) {
        guard case .column(let name) = g.source, let column = sample.header.firstIndex(of: name) else { return }
        let values = sample.values(column)
        if values.isEmpty { g.reasons.append("no values in the sample to check"); return }
        if g.target.hasSuffix("_at") {
            if values.allSatisfy({ Time.parse($0) != nil }) { g.reasons.append("values are ISO 8601"); return }
            let utc = TimeZone(identifier: "UTC")!
            let fits = dateFormats.filter { f in
                guard let p = try? DatePattern(f, timeZone: utc) else { return false }
                if p.kind == .unixSeconds { return values.allSatisfy { $0.count == 10 && Int64($0) != nil } }
                if p.kind == .unixMillis { return values.allSatisfy { $0.count == 13 && Int64($0) != nil } }
                return values.allSatisfy { p.parse($0) != nil }
            }
            if let f = fits.first {
                g.settings.append(("date", f))
                g.reasons.append(fits.count > 1 ? "dates also fit \(fits[1]): check" : "dates fit \(f); set timezone if not UTC")
                if fits.count > 1 { g.confidence *= 0.8 }
            } else {
                g.confidence *= 0.5
                g.reasons.append("values fit no known date format: set date (docs/mappings.md)")
            }
        } else if g.target.hasSuffix("country") || g.target == "profile_location" {
            let bad = values.filter { Country.alpha2($0) == nil }.count
            let lastParts = values.map { $0.split(separator: ",").last.map(String.init) ?? $0 }
            if bad > 0, values.contains(where: { $0.contains(",") }), lastParts.allSatisfy({ Country.alpha2($0) != nil }) {
                g.confidence *= 0.6
                g.settings += [("split", ","), ("part", "-1"), ("country", "true")]
                g.reasons.append("locations end in a country in every sample value; check ('Austin, TX' fails, 'San Jose, CA' reads as Canada)")
            } else if bad > 0 {
                g.confidence *= 0.5
                g.reasons.append("\(bad) of \(values.count) sample values are not countries")
            } else if values.contains(where: { $0.count != 2 }) {
                g.settings.append(("country", "true"))
                g.reasons.append("country names become codes")
            }
        } else if let choices {
            let other = Array(Set(values.filter { !choices.contains($0.lowercased()) })).sorted()
            if !other.isEmpty {
                g.confidence *= 0.7
                let shown = other.prefix(6).map { "\"\(yamlEscape($0))\"" }.joined(separator: ", ")
                g.reasons.append("values \(shown) are not \(choices.joined(separator: "|")): add a map")
            }
        } else if boolFields.contains(g.target), !values.allSatisfy({ FlatRecord.parseBool($0) != nil }) {
            g.confidence *= 0.7
            let distinct = Array(Set(values)).sorted().prefix(6).map { "\"\(yamlEscape($0))\"" }
            g.reasons.append("not yes/no values (\(distinct.joined(separator: ", "))): add a map to true/false")
        }
    }

    static func render(sample: Sample, kind: ImportKind, guesses: [Guess], dataFile: String, runnerUp: ImportKind?) -> String {
        let schema = kind.schema!
        var out = "# Starter mapping for \(oneLine(dataFile)), written by `vetdesk map init`.\n"
        out += "# Check every guess before importing (docs/mappings.md). Confidence: 0.95 the header is the field's\n"
        out += "# name, 0.85 a usual name, 0.6 a generic name; lower when the sample values did not fit.\n"
        out += "# Import with: vetdesk import --map THIS_FILE \(oneLine(dataFile))\n"
        out += "kind: \(kind.rawValue)"
        if let runnerUp { out += "   # guessed from the headers; next best: \(runnerUp.rawValue)" }
        if sample.delimiter != UInt8(ascii: ",") {
            out += "\ndelimiter: \(sample.delimiter == 0x09 ? "tab" : yamlQuote(String(UnicodeScalar(sample.delimiter))))   # fields are not comma-separated"
        }
        out += "\n# timezone: UTC   # zone of dates that carry no offset\nfields:\n"
        let mapped = Set(guesses.map(\.target))
        for g in guesses {
            var parts: [String]
            switch g.source {
            case .column(let c): parts = ["column: \(yamlQuote(c))"]
            case .join(let cs, let sep): parts = ["join: [\(cs.map(yamlQuote).joined(separator: ", "))]", "separator: \(yamlQuote(sep))"]
            case .constant(let s): parts = ["constant: \(yamlQuote(s))"]
            }
            parts += g.settings.map { "\($0.0): \($0.1 == "true" || Int($0.1) != nil ? $0.1 : yamlQuote($0.1))" }
            let value = parts.count == 1 && parts[0].hasPrefix("column: ") ? String(parts[0].dropFirst(8)) : "{" + parts.joined(separator: ", ") + "}"
            out += "  \(g.target): \(value)   # confidence \(String(format: "%.2f", g.confidence)): \(g.reasons.joined(separator: "; "))\n"
        }
        for f in schema.required where !mapped.contains(f) {
            out += "  # \(f):   # REQUIRED, no column matched: name a column, a join or {constant: ...}\n"
        }
        var used = Set<String>()
        for g in guesses { used.formUnion(g.source.columns) }
        let unused = sample.header.filter { !used.contains($0) }
        if !unused.isEmpty {
            out += "# Columns of the export not mapped (not imported):\n"
            for c in unused { out += "#   \(yamlQuote(c))\n" }
        }
        let free = schema.optional.filter { !mapped.contains($0) }
        if !free.isEmpty { out += "# Other fields of \(kind.rawValue): \(free.joined(separator: ", "))\n" }
        return out
    }

    /// A YAML double-quoted string. Control and bidi characters are written as escapes, so the
    /// header text reaches the terminal harmless and still matches the export exactly.
    static func yamlQuote(_ s: String) -> String { "\"" + yamlEscape(s) + "\"" }

    static func yamlEscape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || Sanitize.bidi.contains(u.value) {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    private static func oneLine(_ s: String) -> String { Sanitize.forDisplay(s) }
}
