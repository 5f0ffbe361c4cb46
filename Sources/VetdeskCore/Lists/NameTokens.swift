import Foundation

/// Name normalisation for screening: folded tokens, Korean romanisation variants brought to one
/// spelling, a phonetic key per token, and low weights for words that do not identify anyone.
public enum NameTokens {
    /// One token of a name: its canonical spelling, its phonetic key and its weight.
    public struct Token: Sendable, Equatable {
        public var text: String
        public var key: String
        public var weight: Double
        /// The token as written (folded), for explanations: "gim" where `text` says "kim".
        public var written = ""
        /// Made by joining two written tokens ("sang" + "man"): compared by spelling only exactly.
        public var merged = false
    }

    /// Whole-token spellings of the same Korean surname or syllable (McCune-Reischauer, Revised
    /// Romanisation and common passport spellings) mapped to one form.
    static let variants: [String: String] = {
        let groups: [[String]] = [
            ["jo", "cho", "joh", "choh", "zo"], ["kim", "gim", "kimm"], ["ri", "rhee", "lee", "yi", "li", "rhie", "ree", "rhi", "i", "yee"],
            ["pak", "park", "bak", "bahk", "pack", "paek", "baek"], ["choe", "choi", "chwe", "choy", "cheo"],
            ["jong", "jeong", "chong", "chung", "jung", "cheong"], ["kang", "gang"], ["o", "oh"], ["yun", "yoon"],
            ["sin", "shin"], ["so", "suh", "seo"], ["jang", "chang"], ["ko", "go", "koh"], ["han", "hahn"],
            ["ryu", "yu", "yoo", "ryoo"], ["im", "lim", "rim"], ["ra", "la"], ["kwon", "gwon"], ["kye", "gye"],
            ["gaik", "gayk"], ["kil", "gil"], ["ju", "joo", "chu"], ["mun", "moon"], ["yang", "ryang"],
            // Given-name syllables: DPRK (McCune-Reischauer), South Korean RR and passport spellings.
            ["kyong", "kyung", "gyeong", "kyeong", "gyong"], ["chol", "chul", "cheol"], ["song", "sung", "seong"],
            ["hyon", "hyun", "hyeon"], ["yong", "young", "yeong"], ["myong", "myung", "myeong"], ["hyok", "hyuk", "hyeok"],
            ["su", "soo"], ["hui", "hee", "heui"], ["sok", "seok", "suk"], ["kwang", "gwang"], ["jin", "chin"],
        ]
        var m: [String: String] = [:]
        for g in groups { for v in g { m[v] = g[0] } }
        return m
    }()

    /// Words in organisation names that identify no one on their own (legal forms, sectors, "Korea").
    static let generic: Set<String> = [
        "company", "co", "ltd", "limited", "llc", "inc", "corporation", "corp", "the", "of", "and", "trading", "group",
        "international", "information", "technology", "it", "cooperation", "general", "bank", "korea", "korean", "dprk",
        "democratic", "people", "peoples", "republic", "network", "service", "services", "solutions", "development",
        "enterprise", "center", "centre", "office", "branch", "gmbh", "sa", "ag", "bv", "plc", "jsc", "ooo", "mr", "mrs", "ms", "dr",
    ]

    /// Apostrophes (straight, curly, modifier letters) are dropped, not split on: "Ch'ŏl" is "chol".
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02BB}", "`", "\u{00B4}"]

    public static func tokens(_ name: String) -> [Token] {
        // Most names have no apostrophe: skip the Character-by-Character copy for them.
        let plain = name.utf8.allSatisfy { $0 < 0x80 && $0 != 0x27 && $0 != 0x60 }
        let cleaned = plain ? name : String(name.filter { !apostrophes.contains($0) })
        return NameMatch.tokens(cleaned).map { t in
            let canon = variants[t] ?? t
            return Token(text: canon, key: phoneticKey(canon), weight: generic.contains(t) ? 0.2 : 1.0, written: t)
        }
    }

    /// A coarse key that romanisation variants share: aspirated / plain consonants and vowel
    /// spellings folded (Gayk/Gaik, Chol/Jol, Pyong/Byong, Rhee/Ri), doubled letters collapsed.
    public static func phoneticKey(_ t: String) -> String {
        // Byte scanning, not replacingOccurrences: indexing a 20k-record list computes ~200k keys.
        let b = Array(t.utf8)
        guard b.allSatisfy({ $0 < 0x80 }) else { return t }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func at(_ k: Int) -> UInt8 { k < b.count ? b[k] : 0 }
        let (a, c, d, e, g, h, k, l, o, p, r, s, tt, u, w, y, j, bb) =
            (UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
             UInt8(ascii: "k"), UInt8(ascii: "l"), UInt8(ascii: "o"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "s"),
             UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "w"), UInt8(ascii: "y"), UInt8(ascii: "j"), UInt8(ascii: "b"))
        func put(_ m: UInt8) { if out.last != m { out.append(m) } }
        while i < b.count {
            let x = b[i], n = at(i + 1)
            switch (x, n) {
            case (r, h): put(r); i += 2          // rh -> r
            case (s, h): put(s); i += 2          // sh -> s
            case (c, h): put(j); i += 2          // ch -> j
            case (p, h): put(bb); i += 2         // ph -> b
            case (e, o), (w, o): put(o); i += 2  // eo, wo -> o
            case (o, o): put(u); i += 2          // oo -> u
            case (a, y), (e, y): put(x); put(UInt8(ascii: "i")); i += 2 // ay -> ai, ey -> ei
            default:
                switch x {
                case k: put(g)
                case p: put(bb)
                case tt: put(d)
                case l: put(r)
                default: put(x)
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The token lists to compare: as written, and with each pair of neighbours joined
    /// ("Sang Man" = "Sangman"), for names of up to five tokens.
    public static func forms(_ t: [Token]) -> [[Token]] {
        var out = [t]
        guard t.count >= 2 && t.count <= 5 else { return out }
        for i in 0..<(t.count - 1) where t[i].weight == 1 && t[i + 1].weight == 1 {
            let joined = t[i].text + t[i + 1].text
            let tok = Token(text: joined, key: phoneticKey(joined), weight: 1, written: t[i].written + t[i + 1].written, merged: true)
            out.append(Array(t[..<i]) + [tok] + Array(t[(i + 2)...]))
        }
        return out
    }
}
