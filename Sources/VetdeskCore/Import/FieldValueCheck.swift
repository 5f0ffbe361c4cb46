import Foundation

/// Checks every imported field value, CSV and JSON alike, before any importer sees it.
///
/// A NUL byte is refused: SQLite text bound as a C string and most tools stop at it, so "C-1\0x"
/// would be stored, matched or shown as "C-1", silently truncating a value and possibly renaming
/// an existing candidate. The record is rejected naming file, record and field instead.
enum FieldValueCheck {
    static let nulMessage = "contains a NUL byte (U+0000), which would cut the value short when stored: "
        + "remove it (the record is rejected)"

    /// Why the value cannot be imported, nil when it can.
    @inline(__always)
    static func problem(_ value: String) -> String? {
        if let fast = value.utf8.withContiguousStorageIfAvailable({ problem(bytes: $0) }) { return fast }
        return value.utf8.contains(0) ? nulMessage : nil
    }

    /// The same check on raw field bytes (the CSV reader's buffer); memchr is vectorised.
    @inline(__always)
    static func problem(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        return memchr(base, 0, bytes.count) == nil ? nil : nulMessage
    }
}
