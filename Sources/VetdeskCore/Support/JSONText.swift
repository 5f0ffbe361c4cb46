/// JSON string quoting shared by the hand-written JSON writers (exports, flag evidence):
/// written by hand because JSONEncoder per value dominated a full rescore.
enum JSONText {
    /// Appends `text` as a JSON string literal. C0 and C1 controls, DEL, bidi controls and U+2028/2029
    /// are \u-escaped so the output is safe to embed in JavaScript and to show in a terminal.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Most text is printable ASCII with nothing to escape: appended whole, not a scalar at a time
        // (the scalar loop was 2.5 % of a full rescore's CPU, writing flag evidence).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let v = scalar.value
                if v < 0x20 || JSONSafeText.mustEscape(v) {
                    out += JSONSafeText.escaped(v)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
