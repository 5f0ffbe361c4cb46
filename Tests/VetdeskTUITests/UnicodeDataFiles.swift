import Foundation

/// The test's own reading of Debian's unicode-data files (apt package `unicode-data`, installed by
/// `make deps`), applying the rules scripts/gen-display-width.py documents. It is the oracle the
/// generated DisplayWidthTable is compared with, written separately so a generator bug shows.
struct UnicodeDataFiles {
    static let root = "/usr/share/unicode"

    let version: String
    /// 0, 1 or 2 per code point 0...0x10FFFF (controls included as 0).
    let width: [UInt8]
    let emoji: [Bool]

    static func load() throws -> UnicodeDataFiles {
        let eawText = try read("EastAsianWidth.txt")
        guard let v = eawText.split(separator: "\n").first?.firstMatch(of: /EastAsianWidth-([0-9.]+)\.txt/)?.1 else {
            throw Missing(message: "no version line in EastAsianWidth.txt")
        }
        let count = 0x110000
        var wide = [Bool](repeating: false, count: count)
        var listed = [Bool](repeating: false, count: count)
        for (lo, hi, value) in try properties(eawText) {
            for cp in lo...hi { listed[cp] = true; if value == "W" || value == "F" { wide[cp] = true } }
        }
        for (lo, hi) in [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)] {
            for cp in lo...hi where !listed[cp] { wide[cp] = true }
        }
        var emoji = [Bool](repeating: false, count: count)
        for (lo, hi, value) in try properties(try read("emoji/emoji-data.txt")) {
            for cp in lo...hi {
                if value == "Emoji_Presentation" { wide[cp] = true }
                if value == "Emoji" { emoji[cp] = true }
            }
        }
        var zero = [Bool](repeating: false, count: count)
        var first: Int?
        for line in try read("UnicodeData.txt").split(separator: "\n") {
            let f = line.split(separator: ";", omittingEmptySubsequences: false)
            let cp = Int(f[0], radix: 16)!, name = f[1], gc = f[2]
            if name.hasSuffix(", First>") { first = cp; continue }
            let lo = name.hasSuffix(", Last>") ? first! : cp
            first = nil
            if ["Mn", "Me", "Cf"].contains(gc) { for c in lo...cp { zero[c] = true } }
            if gc == "Cc" { for c in lo...cp { zero[c] = true } }
        }
        zero[0xAD] = false
        for (lo, hi, value) in try properties(try read("HangulSyllableType.txt")) where value == "V" || value == "T" {
            for cp in lo...hi { zero[cp] = true }
        }
        let width = (0..<count).map { UInt8(zero[$0] ? 0 : wide[$0] ? 2 : 1) }
        return UnicodeDataFiles(version: String(v), width: width, emoji: emoji)
    }

    struct Missing: Error, CustomStringConvertible {
        let message: String
        var description: String { message + " (install Debian's unicode-data: make deps)" }
    }

    static func read(_ name: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: root + "/" + name) else {
            throw Missing(message: "cannot read \(root)/\(name)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// (low, high, value) of every data line of a UCD property file.
    static func properties(_ text: String) throws -> [(Int, Int, String)] {
        text.split(separator: "\n").compactMap { raw in
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let fields = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[0].isEmpty else { return nil }
            let bounds = fields[0].components(separatedBy: "..")
            return (Int(bounds[0], radix: 16)!, Int(bounds.last!, radix: 16)!, fields[1])
        }
    }

    /// Reference width of a grapheme cluster, as a modern terminal draws it: the first scalar that takes
    /// columns; two for an emoji base followed by U+FE0F.
    func width(_ c: Character) -> Int {
        let s = c.unicodeScalars
        guard let base = s.first(where: { width[Int($0.value)] > 0 }) else { return 0 }
        if s.contains(where: { $0.value == 0xFE0F }) && emoji[Int(base.value)] { return 2 }
        return Int(width[Int(base.value)])
    }

    func width(_ text: String) -> Int { text.reduce(0) { $0 + width($1) } }
}
