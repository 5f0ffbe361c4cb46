/// ISO 13616 IBAN checks: per-country length (SWIFT IBAN registry) and the mod-97 check digits.
/// A bad IBAN is evidence, not an input error: importers store it with `iban_valid = 0`.
public enum IBAN {
    /// Upper-case, without spaces or hyphens: the form stored and compared.
    public static func normalized(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\t" }.map(Character.init)).uppercased()
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// Why an IBAN is invalid, in words an analyst can read; nil when valid.
    public static func problem(_ text: String) -> String? {
        let iban = Array(normalized(text).utf8)
        guard iban.count >= 5 else { return "too short" }
        guard iban.allSatisfy({ isUpper($0) || isDigit($0) }) else { return "contains characters other than A-Z and 0-9" }
        guard isUpper(iban[0]), isUpper(iban[1]) else { return "does not start with a country code" }
        guard isDigit(iban[2]), isDigit(iban[3]) else { return "check digits are not digits" }
        let country = String(decoding: iban[0..<2], as: UTF8.self)
        guard let expected = lengths[country] else { return "\(country) does not issue IBANs" }
        guard iban.count == expected else { return "\(country) IBANs have \(expected) characters, not \(iban.count)" }
        guard mod97(iban[4...] + iban[0..<4]) == 1 else { return "check digits do not match (mod 97)" }
        return nil
    }

    /// The remainder of the number formed by the characters, letters counting A = 10 ... Z = 35,
    /// computed digit by digit so that no big integer is needed.
    static func mod97<C: Collection>(_ chars: C) -> Int where C.Element == UInt8 {
        var r = 0
        for c in chars {
            if isDigit(c) {
                r = (r * 10 + Int(c - 48)) % 97
            } else {
                r = (r * 100 + Int(c - 65 + 10)) % 97
            }
        }
        return r
    }

    private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// IBAN length per country, from the SWIFT IBAN registry.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
        "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
        "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
        "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
        "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]
}
