import Foundation

/// Errors a user can act on. `description` is what the CLI prints.
public enum VetdeskError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A malformed input file: names the file, the line or record, and the field.
    case malformed(file: String, location: String, field: String?, message: String)
    case notFound(String)
    case invalidTransition(String)
    case conflict(String)
    case invalidArgument(String)
    case io(String)

    /// Sanitised: messages quote data (header cells, file names, ids, analyst names), and whatever
    /// prints them reaches a terminal. Escape sequences, controls, bidi overrides and line breaks go.
    public var description: String { Sanitize.forDisplay(rawDescription) }

    /// The message as built, data unsanitised (for code that matches on it, never for printing).
    public var rawDescription: String {
        switch self {
        case let .malformed(file, location, field, message):
            let f = field.map { " field '\($0)':" } ?? ""
            return "\(file): \(location):\(f) \(message)"
        case let .notFound(s): return s
        case let .invalidTransition(s): return s
        case let .conflict(s): return s
        case let .invalidArgument(s): return s
        case let .io(s): return s
        }
    }
}
