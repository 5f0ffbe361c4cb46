import Foundation
import VetdeskCore

/// Terminal facts and JSON conventions shared by the read commands (show, queue).
enum ReadCommandOutput {
    /// Stable JSON: snake_case keys, sorted, pretty, ending in a newline.
    static func json<T: Encodable>(_ value: T) throws -> Data {
        let enc = JSONEncoder()
        enc.keyEncodingStrategy = .custom { path in SnakeKey(path.last.map { SnakeCase.of($0.stringValue) } ?? "") }
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // C1 and bidi controls \u-escaped: the JSON is read on terminals too.
        return Data((SafeOutput.jsonText(try enc.encode(value)) + "\n").utf8)
    }

    struct SnakeKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Columns of the terminal on stdout, nil when stdout is not a terminal.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return Int(ws.ws_col)
    }

    static func localeIsUTF8() -> Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
    }
}
