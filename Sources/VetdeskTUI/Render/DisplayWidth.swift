/// Terminal column width of text, from Unicode's data (DisplayWidthTable, generated from Debian's
/// unicode-data): East Asian Width, emoji presentation, and grapheme clusters (a ZWJ family, a flag,
/// a skin-toned emoji is one cluster of two columns). Computed in Swift, not with libc wcwidth,
/// which depends on the process locale and on the C library's Unicode version; the terminal backend
/// (TerminalCellText) makes what ncurses writes agree with these widths.
public enum DisplayWidth {
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 } // Latin, the common case, skips the searches
        if contains(DisplayWidthTable.zero, v) { return 0 }
        if contains(DisplayWidthTable.wide, v) { return 2 }
        return 1
    }

    /// A grapheme cluster: the width of its first scalar that takes columns (a cluster may start with
    /// a prepended mark), two for a regional-indicator pair (a flag) and for an emoji made wide by
    /// U+FE0F. ZWJ sequences and skin-tone modifiers take their base's width, as terminals draw them.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII && scalars.count == 1 { return of(first) }
        guard let base = scalars.first(where: { of($0) > 0 }) else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) && isEmoji(base) { return 2 }
        return of(base)
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    /// The Emoji property (U+FE0F after such a base selects the two-column emoji presentation).
    public static func isEmoji(_ s: Unicode.Scalar) -> Bool { contains(DisplayWidthTable.emoji, s.value) }

    /// Binary search over flat (low, high) pairs.
    static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            if v < table[2 * mid] { hi = mid } else if v > table[2 * mid + 1] { lo = mid + 1 } else { return true }
        }
        return false
    }
}
