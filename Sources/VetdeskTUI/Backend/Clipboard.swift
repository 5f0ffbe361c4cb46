import Foundation
import VetdeskCore

/// OSC 52 clipboard sequences: the terminal on the analyst's own machine sets its clipboard, so
/// copying works over SSH without xclip or X forwarding.
enum Clipboard {
    /// The bytes to write for `text`: the bare OSC 52, plus, inside tmux or GNU screen, the same
    /// sequence wrapped in their DCS passthrough (every ESC doubled for tmux) so it reaches the
    /// outer terminal even when the multiplexer does not forward OSC 52 itself.
    static func osc52(_ text: String, environment: [String: String]) -> [UInt8] {
        let payload = Data(clipboardText(text).utf8).base64EncodedString()
        let bare = "\u{1B}]52;c;\(payload)\u{07}"
        var out = bare
        if let tmux = environment["TMUX"], !tmux.isEmpty {
            out += "\u{1B}Ptmux;" + bare.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        } else if (environment["TERM"] ?? "").hasPrefix("screen"), environment["STY"] != nil {
            out += "\u{1B}P" + bare + "\u{1B}\\"
        }
        return Array(out.utf8)
    }

    /// What is copied: the text as the screen shows it (Grid sanitises the same way), so one line with
    /// no control characters. An id carrying newlines or escapes would otherwise run commands when
    /// pasted into a shell (paste-jacking).
    static func clipboardText(_ text: String) -> String {
        Sanitize.forDisplay(text).trimmingCharacters(in: .whitespaces)
    }
}
