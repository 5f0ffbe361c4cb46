/// Escaping for untrusted text placed in Markdown: control and bidi characters removed (Sanitize),
/// Markdown and HTML metacharacters escaped so data cannot inject links, tables or markup.
enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "&", "~"]

    static func inline(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "—" }
        return escape(s)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in Sanitize.forDisplay(s) {
            if special.contains(ch) { out += "\\" }
            out.append(ch)
        }
        return out
    }

    /// Multi-line text as a block quote, each line escaped.
    static func quoteBlock(_ s: String) -> String {
        Sanitize.forDisplay(s, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + escape(String($0)) }.joined(separator: "\n")
    }

    /// Text for inside a fenced code block: only the fence itself must not appear.
    static func code(_ s: String) -> String {
        Sanitize.forDisplay(s).replacingOccurrences(of: "```", with: "ʼʼʼ")
    }
}

import Foundation
