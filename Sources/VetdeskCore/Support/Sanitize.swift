/// Makes untrusted text safe to show on a terminal or in a one-line field.
/// Removes C0/C1 controls, DEL, and bidi overrides/isolates; whole escape
/// sequences (CSI, OSC, DCS...) are dropped, not just their ESC byte, so that
/// no fragment like "[31m" is left behind.
public enum Sanitize {
    /// Bidi controls that can reorder what the analyst reads (Trojan Source).
    static let bidi: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                     0x2066, 0x2067, 0x2068, 0x2069]

    public static func forDisplay(_ s: String, keepNewlines: Bool = false) -> String {
        // Printable ASCII has nothing to remove: returned as is, without rebuilding it scalar by
        // scalar (most names, ids and dates on screen; the rebuild was the queue frame's top cost).
        if isPrintableASCII(s) { return s }
        return rebuilt(s, keepNewlines: keepNewlines)
    }

    /// `forDisplay`, and whether the text was printable ASCII (then returned as is, one column a
    /// byte): Grid.put's fast path, from the one scan the sanitiser makes anyway.
    public static func forDisplayNotingASCII(_ s: String) -> (text: String, printableASCII: Bool) {
        isPrintableASCII(s) ? (s, true) : (rebuilt(s, keepNewlines: false), false)
    }

    /// The text rebuilt scalar by scalar without what `forDisplay` removes.
    private static func rebuilt(_ s: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            let v = c.value
            if v == 0x1B || v == 0x9B || v == 0x9D || v == 0x90 || v == 0x9E || v == 0x9F || v == 0x98 {
                // Skip an escape sequence. ESC [ ... final (0x40-0x7E); ESC ] ... BEL|ST; ESC P/X/^/_ ... ST.
                var kind: UInt32 = v
                if v == 0x1B {
                    guard let n = it.next() else { break }
                    switch n.value {
                    case 0x5B: kind = 0x9B
                    case 0x5D: kind = 0x9D
                    case 0x50: kind = 0x90
                    case 0x58, 0x5E, 0x5F: kind = 0x98
                    default: continue // two-byte escape: drop both
                    }
                }
                if kind == 0x9B {
                    while let n = it.next() { if (0x40...0x7E).contains(n.value) { break } }
                } else {
                    var prevEsc = false
                    while let n = it.next() {
                        if n.value == 0x07 || n.value == 0x9C { break }
                        if prevEsc && n.value == 0x5C { break }
                        prevEsc = n.value == 0x1B
                    }
                }
                continue
            }
            if keepNewlines && v == 0x0A { out.append(c); continue }
            if v == 0x09 || v == 0x0A || v == 0x0D { out.append(" "); continue }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { out.append("\u{FFFD}"); continue }
            if bidi.contains(v) { continue }
            out.append(c)
        }
        return String(out)
    }

    /// Only bytes 0x20-0x7E: no control, escape, bidi or non-ASCII character, one column each.
    public static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
