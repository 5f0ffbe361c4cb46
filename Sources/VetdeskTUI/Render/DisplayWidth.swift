/// Terminal column width of text, computed in Swift: libc wcwidth depends on the
/// process locale and returns -1 without setlocale, so tests and the backend would disagree.
public enum DisplayWidth {
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    public static func of(_ c: Character) -> Int {
        // A grapheme takes the width of its first scalar (combining marks and ZWJ tails add none),
        // except emoji presentation sequences which are wide.
        guard let first = c.unicodeScalars.first else { return 0 }
        if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return max(of(first), c.unicodeScalars.count > 1 && isZeroWidth(first.value) ? 0 : of(first))
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) || v == 0x200B || v == 0x200C
            || v == 0x200D || v == 0x2060 || (0xFE00...0xFE0F).contains(v) || v == 0xFEFF
            || (0x0483...0x0489).contains(v) || (0x0591...0x05BD).contains(v) || (0x0610...0x061A).contains(v)
            || (0x064B...0x065F).contains(v) || (0x0E31 == v) || (0x0E34...0x0E3A).contains(v)
            || (0xE0100...0xE01EF).contains(v) || (0x1160...0x11FF).contains(v)
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x20000...0x3FFFD).contains(v)
            || (0x231A...0x231B).contains(v) || (0x23E9...0x23EC).contains(v) || (0x25FD...0x25FE).contains(v)
            || (0x2614...0x2615).contains(v) || (0x26AA...0x26AB).contains(v) || (0x26BD...0x26BE).contains(v)
            || (0x2705 == v) || (0x270A...0x270B).contains(v) || (0x274C == v) || (0x2753...0x2755).contains(v)
            || (0x2795...0x2797).contains(v) || (0x1F1E6...0x1F1FF).contains(v)
    }
}
