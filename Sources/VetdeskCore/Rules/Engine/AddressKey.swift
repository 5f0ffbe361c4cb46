import Foundation

/// A comparison key for postal addresses: two spellings of one address give one key.
/// Case, diacritics and punctuation are ignored, street words are expanded ("Str.", "Straße" →
/// "strasse"; "St" → "street"), postcodes are joined ("3044 AS" = "3044AS", "SW1A 1AA" =
/// "SW1A1AA"), initialisms joined ("B.V." = "BV"), and the words are sorted, so "12 Main St." =
/// "Main Street 12".
public enum AddressKey {
    static let words: [String: String] = [
        "str": "strasse", "straße": "strasse", "st": "street", "rd": "road", "ave": "avenue", "av": "avenue",
        "ul": "ulica", "al": "aleja", "blvd": "boulevard", "ln": "lane", "dr": "drive", "sq": "square",
        "pl": "place", "pza": "piazza", "c": "calle", "r": "rua",
        // Flat markers are dropped: "186 m. 14" (Polish mieszkanie), "186/14", "Apt 14, 186 ..." are one flat.
        "apt": "", "apartment": "", "flat": "", "m": "", "lok": "", "whg": "", "wohnung": "",
        "nr": "", "no": "", "co": "co",
    ]

    public static func of(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "" }
        // Almost every address is ASCII: its bytes give the same key without Character's grapheme
        // breaking and Unicode property lookups (AddressKey.of was 9 % of a full rescore's CPU at 100k).
        if isASCII(address) { return ofASCII(address) }
        // Most other addresses are ASCII once folded ("Kraków", "Straße": 39 % of the generated ones).
        let folded = fold(address.lowercased())
        return isASCII(folded) ? ofASCII(folded, lowercasing: false) : characterKey(folded)
    }

    /// The general key, a Character at a time: any text (the reference for the fast paths).
    static func ofUnicode(_ address: String) -> String {
        var s = address.lowercased()
        if s.contains(where: { !$0.isASCII }) { s = foundationFold(s) }
        return characterKey(s)
    }

    private static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

    /// "ß" as "ss", diacritics removed. Text in Latin-1 and Latin Extended-A/B (below U+0250, no
    /// combining marks there) is folded a scalar at a time from `latinFolds`, Foundation's own folding of
    /// each scalar: Foundation's folding of a string was a quarter of AddressKey's cost. AddressKeyTests
    /// compares both on every scalar, every pair of scalars and random text.
    static func fold(_ lowercased: String) -> String {
        if lowercased.unicodeScalars.allSatisfy({ $0.value < 0x250 }) {
            var out = String.UnicodeScalarView()
            for scalar in lowercased.unicodeScalars {
                if scalar.value < 0x80 { out.append(scalar) } else { out.append(contentsOf: latinFolds[Int(scalar.value) - 0x80]) }
            }
            return String(out)
        }
        return foundationFold(lowercased)
    }

    static func foundationFold(_ text: String) -> String {
        text.replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `foundationFold` of each scalar from U+0080 to U+024F.
    static let latinFolds: [String.UnicodeScalarView] = (0x80..<0x250).map { v in
        foundationFold(String(Unicode.Scalar(UInt32(v))!)).unicodeScalars
    }

    /// The key of lowercased, folded text, tokenised by Character.
    private static func characterKey(_ s: String) -> String {
        var tokens: [String] = []
        for raw in s.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            var t = String(raw)
            // German compounds: "Hauptstr." / "Hauptstrasse" → "haupt" + "strasse".
            for suffix in ["strasse", "str"] where t.count > suffix.count + 1 && t.hasSuffix(suffix) {
                tokens.append(String(t.dropLast(suffix.count))); t = "strasse"; break
            }
            tokens.append(t)
        }
        // Initialisms spelt with dots or slashes are one word: "B.V." = "BV", "c/o" = "co".
        var merged: [String] = []
        var lastSingle = false
        for t in tokens {
            let single = t.count == 1 && t.first!.isLetter
            if single && lastSingle { merged[merged.count - 1] += t } else { merged.append(t) }
            lastSingle = single
        }
        tokens = merged.compactMap { t in
            guard let w = words[t] else { return t }
            return w.isEmpty ? nil : w
        }
        // Join postcode halves and house-number letters: "3044 as", "sw1a 1aa", "12 a".
        var joined: [String] = []
        for t in tokens {
            if let last = joined.last, joinable(last, t) { joined[joined.count - 1] = last + t } else { joined.append(t) }
        }
        return joined.sorted().joined(separator: " ")
    }

    /// `ofUnicode` for ASCII text, on its bytes: for ASCII, Character's isLetter / isNumber are
    /// [a-z] / [0-9] once lowercased, and a Character's count is its byte count (a CR LF pair is one
    /// Character but a separator either way). AddressKeyTests compares both on every ASCII case.
    /// `lowercasing: false` for text already lowercased and folded (as `characterKey` takes it).
    static func ofASCII(_ address: String, lowercasing: Bool = true) -> String {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        func push() {
            guard !current.isEmpty else { return }
            var t = current
            current.removeAll(keepingCapacity: true)
            // German compounds: "hauptstr" / "hauptstrasse" → "haupt" + "strasse".
            for suffix in [strasse, str] where t.count > suffix.count + 1 && t.suffix(suffix.count).elementsEqual(suffix) {
                tokens.append(Array(t.dropLast(suffix.count))); t = strasse; break
            }
            tokens.append(t)
        }
        for var b in address.utf8 {
            if lowercasing && b >= 0x41 && b <= 0x5A { b += 0x20 }
            if isLetter(b) || isDigit(b) { current.append(b) } else { push() }
        }
        push()
        var merged: [[UInt8]] = []
        var lastSingle = false
        for t in tokens {
            let single = t.count == 1 && isLetter(t[0])
            if single && lastSingle { merged[merged.count - 1] += t } else { merged.append(t) }
            lastSingle = single
        }
        var words: [String] = []
        words.reserveCapacity(merged.count)
        for t in merged {
            let w = String(decoding: t, as: UTF8.self)
            if let replaced = Self.words[w] { if !replaced.isEmpty { words.append(replaced) } } else { words.append(w) }
        }
        var joined: [String] = []
        for t in words {
            if let last = joined.last, joinableASCII(last.utf8, t.utf8) { joined[joined.count - 1] = last + t } else { joined.append(t) }
        }
        return joined.sorted().joined(separator: " ")
    }

    private static let strasse = Array("strasse".utf8), str = Array("str".utf8)

    /// ASCII letters of either case (folded text may keep capitals, as `characterKey` would) and digits.
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func joinableASCII(_ a: String.UTF8View, _ b: String.UTF8View) -> Bool {
        if a.allSatisfy(isDigit) && b.allSatisfy(isLetter) && b.count <= 2 { return true }
        let mixed = { (s: String.UTF8View) in s.contains(where: isDigit) && s.contains(where: isLetter) }
        return mixed(a) && mixed(b) && a.count <= 4 && b.count <= 3
    }

    private static func joinable(_ a: String, _ b: String) -> Bool {
        let aDigits = a.allSatisfy(\.isNumber), bLetters = b.allSatisfy(\.isLetter)
        if aDigits && bLetters && b.count <= 2 { return true }
        let mixed = { (s: String) in s.contains(where: \.isNumber) && s.contains(where: \.isLetter) }
        return mixed(a) && mixed(b) && a.count <= 4 && b.count <= 3
    }

    /// The address's digit runs, sorted ("Hauptstr. 5, 10115 Berlin" → "10115 5"). Equal keys have
    /// equal digit runs, so only addresses sharing this cheap prefilter need the full key.
    public static func digits(_ address: String?) -> String {
        guard let address else { return "" }
        var runs: [Substring.UTF8View.SubSequence] = []
        let u = address.utf8
        var start: String.UTF8View.Index? = nil
        var i = u.startIndex
        while i != u.endIndex {
            let isDigit = u[i] >= 48 && u[i] <= 57
            if isDigit { if start == nil { start = i } } else if let s = start { runs.append(Substring(address)[s..<i].utf8); start = nil }
            i = u.index(after: i)
        }
        if let s = start { runs.append(Substring(address)[s..<u.endIndex].utf8) }
        return runs.map { String(Substring($0)) }.sorted().joined(separator: " ")
    }

    /// A city key: case and diacritics ignored ("Kraków" = "krakow").
    public static func city(_ city: String?) -> String {
        guard let city else { return "" }
        return city.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .components(separatedBy: CharacterSet.alphanumerics.inverted).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
