/// JSON that is safe to `cat`: Foundation's encoders escape only C0 controls, so C1 controls
/// (0x9B is a one-byte CSI on many terminals), DEL, bidi overrides (Trojan Source) and the
/// JavaScript line separators are turned into \u sequences here.
public enum JSONSafeText {
    /// Scalars a JSON writer must \u-escape beyond the quote, backslash and C0 controls.
    static func mustEscape(_ v: UInt32) -> Bool {
        v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || Sanitize.bidi.contains(v)
    }

    static func escaped(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Escapes those scalars in a complete JSON text. Valid because outside strings JSON holds only
    /// ASCII punctuation, digits, literals and whitespace: every such scalar is inside a string.
    public static func escapingUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { mustEscape($0.value) }) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if mustEscape(scalar.value) { out += escaped(scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
