import Foundation

/// Who is acting: `--analyst`, else `$VETDESK_ANALYST` when set, else the login user's name from the
/// password database. The name is written into the hash-chained history and shown to other analysts,
/// so it is checked where it enters: printable, one line, at most `maxLength` characters.
public enum AnalystName {
    public static let maxLength = 64

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = environment["VETDESK_ANALYST"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            return name
        }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return environment["USER"] ?? "uid\(getuid())"
    }

    /// The validated name from the option, else the environment, else the login user; throws
    /// `.invalidArgument` naming where a bad name came from.
    public static func resolve(option: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let option { return try validated(option, source: "--analyst") }
        let fromEnvironment = environment["VETDESK_ANALYST"].map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
        return try validated(current(environment: environment), source: fromEnvironment ? "VETDESK_ANALYST" : "the login name")
    }

    /// NFC, trimmed; refuses controls (C0, C1, DEL), format characters (bidi overrides, zero-width,
    /// BOM), line and paragraph separators, and names longer than `maxLength` characters.
    public static func validated(_ raw: String, source: String? = nil) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let from = source.map { "\($0): " } ?? ""
        guard !name.isEmpty else { throw VetdeskError.invalidArgument("\(from)an analyst name is required") }
        if let bad = name.unicodeScalars.first(where: { !isPrintable($0) }) {
            throw VetdeskError.invalidArgument(
                "\(from)the analyst name contains \(scalarName(bad)), which is not printable; use letters, digits and punctuation")
        }
        guard name.count <= maxLength else {
            throw VetdeskError.invalidArgument("\(from)the analyst name has \(name.count) characters, at most \(maxLength) are allowed")
        }
        return name
    }

    static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse: return false
        default: return !Sanitize.bidi.contains(s.value)
        }
    }

    /// "U+001B", never the raw character: the error is printed.
    static func scalarName(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
