import Testing
@testable import VetdeskCore

/// AddressKey.of reads ASCII addresses byte by byte (`ofASCII`); it must give exactly the general
/// (`ofUnicode`) key for every ASCII text: street words, compounds, initialisms, postcodes, flat markers,
/// punctuation, control characters and CR LF.
@Suite struct AddressKeyTests {
    static let pieces = ["Hauptstr.", "Hauptstrasse", "HAUPTSTR", "Str", "str.", "strasse", "St", "St.", "Rd", "Ave",
                         "Main", "Baker", "ul.", "Apt", "apt.", "Flat", "m.", "Nr", "No.", "c/o", "C/O", "B.V.", "b.v",
                         "3044", "AS", "SW1A", "1AA", "12", "12a", "12 a", "186/14", "5", "10115", "Berlin", "A", "b",
                         "x", "-", ",", ".", "/", "#", "'", "\r\n", "\t", "\n", "  ", "\u{1}", "Q", "z9", "9z", "ab12",
                         "abc1", "1", "00", "strstr", "xstr", "xxstr", "xstrasse"]
    /// Folded to ASCII ("Straße" -> "strasse") or not (Ł, CJK), and the odd cases of case mapping
    /// (Kelvin sign, İ, ǅ), letter-like numbers and non-ASCII digits.
    static let unicodePieces = ["Straße", "Hauptstraße", "Kraków", "Müller", "ul. Świętokrzyska", "Łódź", "İstanbul",
                                "\u{212A}", "ǅ", "Ⅻ", "١٢", "東京", "Ærø", "Œuvre", "Ñandú", "e\u{301}", "ﬁ", "²", "Ⓐ"]

    @Test func asciiKeyEqualsTheGeneralKey() {
        var rng = SplitMix64(seed: 20261201)
        var compared = 0
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...7, using: &rng)
            let separators = [" ", "", ", ", "."]
            var text = ""
            for k in 0..<n {
                if k > 0 { text += separators.randomElement(using: &rng)! }
                text += Self.pieces.randomElement(using: &rng)!
            }
            #expect(AddressKey.ofASCII(text) == AddressKey.ofUnicode(text), "\(text.debugDescription)")
            compared += 1
        }
        // Every printable ASCII byte alone and between words.
        for b in UInt8(1)...UInt8(127) {
            let c = String(decoding: [b], as: UTF8.self)
            for text in [c, "12\(c)Main\(c)St", "a\(c)b\(c)c 5"] {
                #expect(AddressKey.ofASCII(text) == AddressKey.ofUnicode(text), "\(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared > 20_000)
    }

    /// `of` (ASCII bytes, folded-then-bytes, or Characters) equals the general key on any text.
    @Test func keyEqualsTheGeneralKeyOnNonASCII() {
        var rng = SplitMix64(seed: 7)
        let all = Self.pieces + Self.unicodePieces + Self.unicodePieces
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...6, using: &rng)
            let text = (0..<n).map { _ in all.randomElement(using: &rng)! }.joined(separator: [" ", "", ", "].randomElement(using: &rng)!)
            #expect(AddressKey.of(text) == AddressKey.ofUnicode(text), "\(text.debugDescription)")
        }
    }

    /// Latin text is folded a scalar at a time from Foundation's folding of each scalar; it must be
    /// Foundation's folding of the whole text.
    @Test func latinFoldIsFoundationsFold() {
        func same(_ text: String) -> Bool {
            Array(AddressKey.fold(text).unicodeScalars) == Array(AddressKey.foundationFold(text).unicodeScalars)
        }
        let latin = (0x80..<0x250).map { String(Unicode.Scalar(UInt32($0))!) }
        for a in latin {
            #expect(same(a), "\(a.unicodeScalars.map { String($0.value, radix: 16) })")
            for b in latin where a.unicodeScalars.first!.value % 7 == 0 || b == "ß" || b == "ı" {
                #expect(same(a + b) && same("x" + a + "1" + b), "\(a + b)")
            }
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                Bool.random(using: &rng) ? latin.randomElement(using: &rng)! : Self.pieces.randomElement(using: &rng)!
            }.joined(separator: " ").lowercased()
            #expect(same(text), "\(text.debugDescription)")
        }
    }

    @Test func ofTakesTheASCIIPathOnlyForASCII() {
        #expect(AddressKey.of("12 Baker St.") == AddressKey.ofASCII("12 Baker St."))
        #expect(AddressKey.of("Hauptstraße 5, 10115 Berlin") == AddressKey.of("Hauptstrasse 5 10115 BERLIN"))
        #expect(AddressKey.of("ul. Kraków 3") == AddressKey.ofUnicode("ul. Kraków 3"))
        #expect(AddressKey.of("") == "" && AddressKey.of(nil) == "" && AddressKey.of("--") == "")
    }
}
