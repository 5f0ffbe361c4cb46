import Foundation

/// A user's mapping from the columns of their own export (an ATS report, a payout statement, a
/// device inventory) to the fields of one flat Vetdesk kind, with small transforms
/// (docs/mappings.md). Loaded from YAML by `MappingLoader`; applied by `MappedRecordReader`.
public struct ImportMapping: Sendable {
    /// The mapping file as the user named it, for error messages.
    public var file: String
    public var kind: ImportKind
    /// CSV field separator: comma unless the mapping says `delimiter: ";"` (or tab, `|`).
    var delimiter = UInt8(ascii: ",")
    /// In the order the mapping file lists them.
    var rules: [FieldRule]

    /// Every source column the mapping reads, in order, without repeats.
    var sourceColumns: [String] {
        var seen = Set<String>()
        return rules.flatMap(\.source.columns).filter { seen.insert($0).inserted }
    }

    /// "line N" of the first field that reads `column`, for errors naming the mapping file.
    func location(of column: String) -> String {
        rules.first { $0.source.columns.contains(column) }.map { "line \($0.line)" } ?? "fields"
    }
}

/// How one Vetdesk field is computed from a source record. Steps run in this order:
/// source (column, join or constant) → trim → split → lowercase/uppercase → map → decimal → date → country → default.
struct FieldRule: Sendable {
    enum Source: Sendable {
        case column(String)
        case join([String], separator: String)
        case constant(String)

        var columns: [String] {
            switch self {
            case .column(let c): [c]
            case .join(let cs, _): cs
            case .constant: []
            }
        }
    }

    /// What to do with a non-empty value the value map does not list.
    enum Unmapped: String, Sendable { case error, keep, empty }

    var target: String
    var source: Source
    /// Line of the field in the mapping file, for errors found once the export is opened.
    var line = 0
    var trim = true
    /// Split on `separator` and keep part `index` (negative counts from the end).
    var split: (separator: String, index: Int)?
    var lowercase = false
    var uppercase = false
    /// Keys compared after trimming, case-insensitively.
    var valueMap: [String: String]?
    var unmapped = Unmapped.error
    /// The number's decimal mark ("," or "."): grouping marks (the other one, spaces, apostrophes)
    /// are dropped and the mark becomes "." ("1.250,00" → "1250.00").
    var decimalMark: Character?
    var date: DatePattern?
    var country = false
    var defaultValue: String?

    /// How errors name the field: the source column(s) and the Vetdesk field.
    var label: String {
        switch source {
        case .column(let c): "\(c) → \(target)"
        case .join(let cs, _): cs.joined(separator: " + ") + " → \(target)"
        case .constant: "constant → \(target)"
        }
    }
}
