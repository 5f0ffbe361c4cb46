import Foundation

/// Everything one synthetic candidate contributes to the data set.
struct GenPersona {
    var candidate: GenCandidate
    var checks: [GenIdentityCheck] = []
    var interviews: [GenInterview] = []
    var payments: [GenPayment] = []
    var observations: [GenObservation] = []
    /// Requests beyond the monthly invoices `GenInvoice.inArrears` derives from the payments.
    var advances: [GenInvoice] = []
    var plan: GenLoginPlan?
    var country: GenCountry
}

/// Fixed dates of the synthetic world, so that the same seed gives the same bytes any day.
enum GenClock {
    static let applyFrom = GenCalendar.day(2025, 9, 1)
    static let applyDays = 100
    static let loginsFrom = GenCalendar.day(2026, 1, 5)
    static let loginsTo = GenCalendar.day(2026, 2, 27)
    static let corporateDomain = "acme-contractors.example"

    static func seconds(day: Int, hour: Double) -> Int64 { Int64(day) * 86400 + Int64(hour * 3600) }
}

/// Text helpers for identities.
enum GenText {
    /// ASCII form of a name for e-mail local parts and handles ("Wiśniewski" -> "wisniewski").
    static func ascii(_ s: String) -> String {
        var t = s
        for (a, b) in [("ß", "ss"), ("ł", "l"), ("Ł", "L"), ("đ", "d"), ("Đ", "D"), ("ø", "o"), ("æ", "ae")] {
            t = t.replacingOccurrences(of: a, with: b)
        }
        t = t.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(t.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }
            .map(Character.init)).lowercased()
    }

    /// Polish and Czech surnames take a feminine form for women (given names ending in -a there).
    static func surname(_ last: String, country: String, givenName: String) -> String {
        guard givenName.hasSuffix("a") else { return last }
        switch country {
        case "PL":
            for (m, f) in [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")] where last.hasSuffix(m) {
                return String(last.dropLast(m.count)) + f
            }
            return last
        case "CZ":
            if last.hasSuffix("ý") { return String(last.dropLast()) + "á" }
            if last.hasSuffix("a") { return String(last.dropLast()) + "ová" }
            if last.hasSuffix("ec") { return String(last.dropLast(2)) + "cová" }
            if last.hasSuffix("ek") { return String(last.dropLast(2)) + "ková" }
            return last + "ová"
        default:
            return last
        }
    }

    static func postcode(_ country: GenCountry, _ stem: String, _ rng: inout SplitMix64) -> String {
        func fill(_ total: Int) -> String { stem + rng.digits(max(0, total - stem.count)) }
        func letters(_ k: Int) -> String {
            String((0..<k).map { _ in Character(UnicodeScalar(UInt8(65 + rng.below(26)))) })
        }
        switch country.code {
        case "GB": return stem + " " + rng.digits(1) + letters(2)
        case "IE": return stem + rng.digits(max(0, 3 - stem.count)) + " " + letters(1) + rng.digits(3)
        case "NL": return fill(4) + " " + letters(2)
        case "PL": return stem + rng.digits(3)
        case "PT": return fill(4) + "-" + rng.digits(3)
        case "AT", "BE": return fill(4)
        case "RO": return fill(6)
        default: return fill(5)
        }
    }

    static func address(_ country: GenCountry, city: (String, String), _ rng: inout SplitMix64) -> String {
        let street = rng.pick(country.streets)
        let number = 1 + rng.below(120)
        let postcode = postcode(country, city.1, &rng)
        switch country.addressStyle {
        case .numberAfter: return "\(street) \(number), \(postcode) \(city.0)"
        case .numberBefore: return "\(number) \(street), \(city.0) \(postcode)"
        }
    }

    static func phone(_ country: GenCountry, _ rng: inout SplitMix64) -> String {
        "+" + country.callingCode + rng.pick(country.mobilePrefixes) + rng.digits(country.subscriberDigits)
    }
}
