import Foundation

/// Keys a candidate is found by (ids, emails, accounts) must not hide characters: "C-1" followed by a
/// zero-width space displays as "C-1" but is another key, so a second candidate would look exactly
/// like the first. Invisible characters are refused, keys are stored in NFC, and a key whose
/// skeleton (NFKC, invisibles removed, case-folded for emails) equals an existing key is reported.
enum KeyText {
    /// Invisible or blank-looking scalars that are not general category Cf: Hangul fillers,
    /// the Mongolian vowel separator (Cf in older Unicode), the braille blank.
    static let invisibleExtras: Set<UInt32> = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x180E, 0x2800]

    /// Invisible: format characters (BOM U+FEFF, zero-width space/joiners, word joiner, bidi controls,
    /// soft hyphen, tag characters...), variation selectors, controls and the extras above.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator: return true
        default: return s.properties.isVariationSelector || invisibleExtras.contains(s.value)
        }
    }

    /// "U+200B", for messages (never the raw character).
    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The value for an error message: invisibles spelled out as <U+200B>, then sanitised and shortened.
    static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if isInvisible(scalar) { out += "<\(codePoint(scalar))>" } else { out.unicodeScalars.append(scalar) }
        }
        return FlatRecord.quoted(out)
    }

    /// The key in NFC, or why it is refused.
    static func normalised(_ raw: String) -> Result<String, KeyProblem> {
        // ASCII (nearly every key) is already NFC: only controls can hide in it.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return .success(raw) }
        if let bad = raw.unicodeScalars.first(where: isInvisible) {
            return .failure(KeyProblem(message: "contains the invisible character \(codePoint(bad)); "
                + "a key must show every character it has (remove it)"))
        }
        return .success(raw.precomposedStringWithCanonicalMapping)
    }

    /// What a key looks like: compatibility forms folded (fullwidth "Ｃ" is "C"), invisibles dropped,
    /// and for emails case-folded, as SQLite's NOCASE and mail systems compare them.
    static func skeleton(_ key: String, caseFold: Bool) -> String {
        // Printable ASCII is its own NFKC form with nothing invisible; Foundation's normalisation and
        // folding were 13 % of a 100k-candidates import (perf), for keys that are nearly all ASCII.
        if LookalikeKeys.isPlainASCII(key) { return caseFold ? key.lowercased() : key }
        var s = key.precomposedStringWithCompatibilityMapping
        s.unicodeScalars.removeAll(where: isInvisible)
        return caseFold ? s.folding(options: [.caseInsensitive], locale: nil) : s
    }

    struct KeyProblem: Error { let message: String }
}

extension FlatRecord {
    /// A key column (candidate id, email), NFC, refused with invisible characters; nil when empty.
    func key(_ name: String) throws -> String? {
        guard let v = text(name) else { return nil }
        switch KeyText.normalised(v) {
        case .success(let key): return key
        case .failure(let problem): throw fail(name, "'\(KeyText.visible(v))' \(problem.message)")
        }
    }

    func requiredKey(_ name: String) throws -> String {
        guard let v = try key(name) else { throw fail(name, "required value is empty") }
        return v
    }
}
