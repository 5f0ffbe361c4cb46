import Foundation

/// What the ncurses backend writes for one grid cell so that the terminal advances exactly the
/// columns the grid reserved (DisplayWidth).
///
/// ncurses places and measures a character with the C library's wcwidth, and setcchar keeps only the
/// first spacing character plus following zero-width ones. So a ZWJ family would shrink to its first
/// person; a flag to one regional indicator, which glibc counts as one column; an emoji newer than
/// the C library (wcwidth -1) or a text-default symbol with U+FE0F (❤️: wcwidth 1, drawn as 2) would
/// put ncurses' cursor and the terminal's out of step, shifting every border after it. Instead a cell
/// becomes pieces for consecutive columns whose wcwidths add up to the grid's width:
/// - the first spacing scalar with its combining marks, when its wcwidth fits the cell;
/// - a flag: its two regional indicators in two columns (terminals that join them draw a two-column
///   flag, others two letters: two columns either way);
/// - padded with spaces when the base is narrower than the cell (❤️ is drawn as a plain ❤ and a blank);
/// - U+FFFD (one column) padded, when the C library does not know the character.
enum TerminalCellText {
    static func pieces(_ text: String, width: Int, wcwidth: (UInt32) -> Int = libcWidth) -> [String] {
        guard width > 0 else { return [] }
        if width == 1, text.utf8.count == 1 { return [text] } // ASCII, nearly every cell
        // One scalar the C library measures as the grid does (box drawing, CJK): as it is.
        let u = text.unicodeScalars
        if let only = u.first, u.index(after: u.startIndex) == u.endIndex, wcwidth(only.value) == width { return [text] }
        let scalars = Array(text.unicodeScalars)
        if width == 2, scalars.count == 2, scalars.allSatisfy(isRegionalIndicator),
           scalars.allSatisfy({ wcwidth($0.value) == 1 }) {
            return scalars.map { String($0) }
        }
        guard let i = scalars.firstIndex(where: { DisplayWidth.of($0) > 0 }) else { return [String(repeating: " ", count: width)] }
        var base = String.UnicodeScalarView([scalars[i]])
        // Combining marks ride along (setcchar keeps up to 5 characters); ZWJ, variation selectors
        // and skin tones do not: what follows them is another spacing character.
        for mark in scalars[(i + 1)...].prefix(while: isCombiningMark).prefix(4) where wcwidth(mark.value) == 0 {
            base.append(mark)
        }
        let w = wcwidth(scalars[i].value)
        guard w >= 1, w <= width else { return ["\u{FFFD}"] + Array(repeating: " ", count: width - 1) }
        return [String(base)] + Array(repeating: " ", count: width - w)
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return s.value != 0x200D && !s.properties.isVariationSelector
        default: return false
        }
    }

    /// The C library's width, as ncurses sees it (needs the UTF-8 LC_CTYPE the terminal sets up).
    static func libcWidth(_ v: UInt32) -> Int { Int(c_wcwidth(wchar_t(bitPattern: v))) }
}

/// glibc's wcwidth (the Swift Glibc module hides it behind _XOPEN_SOURCE): the function ncurses calls.
@_silgen_name("wcwidth")
private func c_wcwidth(_ c: wchar_t) -> Int32
