import Foundation

/// `--json` output of the newer commands (erase, retention, rings): snake_case keys, sorted, sanitised.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        SafeOutput.json(try encoder.encode(value))
    }
}
