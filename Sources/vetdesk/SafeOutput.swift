import Foundation
import VetdeskCore

/// The one gate for what commands print: every line can quote data (ids, file names, analyst names,
/// header cells, notes), so lines are sanitised and JSON gets C1/bidi \u-escaped before reaching the terminal.
enum SafeOutput {
    /// One line on stdout, data sanitised (escape sequences, controls, bidi overrides and line breaks removed).
    static func line(_ s: String) { write(Sanitize.forDisplay(s) + "\n", to: .standardOutput) }

    /// One line on stderr, sanitised the same way.
    static func warn(_ s: String) { write(Sanitize.forDisplay(s) + "\n", to: .standardError) }

    /// A message that keeps its own line breaks (argument parser usage and help), sanitised otherwise.
    static func message(_ s: String, to handle: FileHandle) { write(Sanitize.forDisplay(s, keepNewlines: true) + "\n", to: handle) }

    /// A JSON document from an encoder, on stdout with C1 controls and bidi controls \u-escaped.
    static func json(_ data: Data) { write(jsonText(data) + "\n", to: .standardOutput) }

    static func jsonText(_ data: Data) -> String { JSONSafeText.escapingUnsafe(String(decoding: data, as: UTF8.self)) }

    private static func write(_ s: String, to handle: FileHandle) { handle.write(Data(s.utf8)) }
}
