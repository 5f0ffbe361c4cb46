/// Builds IBANs that pass the ISO 13616 check (mod 97 == 1) with each country's registered length.
enum GenIBAN {
    /// Total IBAN length by country (SWIFT IBAN registry).
    static let lengths: [String: Int] = [
        "AT": 20, "BE": 16, "BG": 22, "CZ": 24, "DE": 22, "DK": 18, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
        "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IT": 27, "LT": 20, "NL": 18, "PL": 28, "PT": 25, "RO": 24,
        "RS": 22, "SE": 24, "SK": 24, "UA": 29,
    ]

    /// An IBAN for `country` whose BBAN starts with `bankCode` and continues per `rest`
    /// ("n" random digit, "a" random capital, anything else literal).
    static func make(country: String, bankCode: String, rest: String, rng: inout SplitMix64) -> String {
        var bban = bankCode
        for c in rest {
            switch c {
            case "n": bban.append(Character(String(rng.below(10))))
            case "a": bban.append(Character(UnicodeScalar(UInt8(65 + rng.below(26)))))
            default: bban.append(c)
            }
        }
        let iban = country + checkDigits(country: country, bban: bban) + bban
        precondition(iban.count == lengths[country], "IBAN layout for \(country) has the wrong length: \(iban)")
        return iban
    }

    /// The two check digits: 98 - (BBAN + country + "00") mod 97, letters as 10..35.
    static func checkDigits(country: String, bban: String) -> String {
        let check = 98 - mod97(bban + country + "00")
        return check < 10 ? "0\(check)" : "\(check)"
    }

    /// Whether an IBAN (no spaces) passes length and mod-97; used by the generator's self-test.
    static func isValid(_ iban: String) -> Bool {
        guard iban.count >= 5, let len = lengths[String(iban.prefix(2))], iban.count == len else { return false }
        return mod97(String(iban.dropFirst(4)) + String(iban.prefix(4))) == 1
    }

    private static func mod97(_ s: String) -> Int {
        var r = 0
        for u in s.unicodeScalars {
            let v = Int(u.value)
            if v >= 48 && v <= 57 {
                r = (r * 10 + v - 48) % 97
            } else {
                r = (r * 100 + v - 55) % 97
            }
        }
        return r
    }
}
