/// The client's OS/browser language (the locale the logins report) does not fit the declared
/// background: a candidate who declares de-DE and lives in Germany but whose logins mostly carry
/// ko-KR or zh-CN. Compares declared with observed, never the observed language alone: a Korean
/// locale is no signal for a candidate who declares Korean or lives in Korea. English is
/// tolerated by default (English UIs are common everywhere), so a German with en-US does not fire.
public struct LocaleMismatchRule: Rule {
    public init() {}
    public let id = "locale_mismatch"
    public let title = "Client language inconsistent with the declared background"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.seal, Sources.gtig2025)
    public let thresholds: [String: Double] = ["share": 0.5, "min_events": 5]
    public let lists: [String: [String]] = ["tolerated_languages": ["en"]]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.locales.isEmpty else { return nil }
        let c = ctx.candidate
        let declaredLanguage = c.locale.nonEmpty.flatMap(Self.language)
        let country = c.declaredCountry.countryCode
        let countryLanguages = country.flatMap { Self.countryLanguages[$0] } ?? []
        // Without a declared language or a country whose languages are known there is nothing to compare.
        guard declaredLanguage != nil || !countryLanguages.isEmpty else { return nil }
        let tolerated = s.list("tolerated_languages")
        func expected(_ language: String) -> Bool {
            language == declaredLanguage || countryLanguages.contains(language)
                || tolerated.contains { $0 == language || $0.lowercased() == language }
        }

        var total = 0
        var foreign: [LocaleUse] = []
        for use in ctx.locales {
            total += use.events
            if let language = Self.language(use.locale), !expected(language) { foreign.append(use) }
        }
        let foreignEvents = foreign.reduce(0) { $0 + $1.events }
        guard total > 0, Double(foreignEvents) >= s["min_events"],
              Double(foreignEvents) / Double(total) >= s["share"] else { return nil }

        let declared = [c.locale.nonEmpty.map { Sanitize.forDisplay($0) }, country].compactMap { $0 }.joined(separator: ", ")
        var evidence: [Evidence] = []
        if let l = c.locale.nonEmpty { evidence.append(EvidenceText.field("locale", l)) }
        if let country { evidence.append(EvidenceText.field("declared_country", country)) }
        evidence += foreign.map {
            Evidence(kind: .field, ref: "login_locale:\($0.locale)",
                     detail: "client locale \(Sanitize.forDisplay($0.locale)) on \(EvidenceText.plural($0.events, "login")) of \(total)")
        }
        let shown = foreign.prefix(3).map { Sanitize.forDisplay($0.locale) }.joined(separator: ", ")
        return flag(ctx, s, "Client locale \(shown) on \(foreignEvents) of \(EvidenceText.plural(total, "login")), declared \(declared)",
                    evidence)
    }

    /// The language subtag of a locale as browsers, OSes and identity providers write it:
    /// "ko-KR", "ko_KR.UTF-8", "zh-Hans-CN", "DE" -> "ko", "ko", "zh", "de". nil for "C", "POSIX", "*".
    static func language(_ locale: String) -> String? {
        var letters: [UInt8] = []
        for b in locale.utf8 {
            switch b {
            case 0x41...0x5A: letters.append(b + 0x20)
            case 0x61...0x7A: letters.append(b)
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: ";"):
                return (2...3).contains(letters.count) ? String(decoding: letters, as: UTF8.self) : nil
            default: return nil
            }
            if letters.count > 3 { return nil }
        }
        return (2...3).contains(letters.count) ? String(decoding: letters, as: UTF8.self) : nil
    }

    /// Official or majority languages per country (ISO 639-1), for candidates who declare a
    /// residence but no locale. Countries missing here only compare against a declared locale.
    static let countryLanguages: [String: [String]] = [
        "AT": ["de"], "BE": ["nl", "fr", "de"], "BG": ["bg"], "CH": ["de", "fr", "it", "rm"], "CY": ["el", "tr"],
        "CZ": ["cs"], "DE": ["de"], "DK": ["da"], "EE": ["et", "ru"], "ES": ["es", "ca", "gl", "eu"], "FI": ["fi", "sv"],
        "FR": ["fr"], "GB": ["en"], "GR": ["el"], "HR": ["hr"], "HU": ["hu"], "IE": ["en", "ga"], "IS": ["is"],
        "IT": ["it"], "LI": ["de"], "LT": ["lt"], "LU": ["lb", "fr", "de"], "LV": ["lv", "ru"], "MT": ["mt", "en"],
        "NL": ["nl"], "NO": ["nb", "nn", "no"], "PL": ["pl"], "PT": ["pt"], "RO": ["ro"], "RS": ["sr"], "SE": ["sv"],
        "SI": ["sl"], "SK": ["sk"], "UA": ["uk", "ru"], "US": ["en", "es"], "CA": ["en", "fr"], "AU": ["en"],
        "NZ": ["en"], "MX": ["es"], "BR": ["pt"], "AR": ["es"], "CL": ["es"], "CO": ["es"], "ZA": ["en", "af", "zu"],
        "NG": ["en"], "KE": ["en", "sw"], "IN": ["hi", "en"], "JP": ["ja"], "KR": ["ko"], "KP": ["ko"], "CN": ["zh"],
        "TW": ["zh"], "HK": ["zh", "en"], "SG": ["en", "zh", "ms", "ta"], "VN": ["vi"], "TH": ["th"], "MY": ["ms", "en"],
        "ID": ["id"], "PH": ["en", "tl", "fil"], "RU": ["ru"], "BY": ["be", "ru"], "TR": ["tr"], "IL": ["he"],
        "AE": ["ar", "en"], "SA": ["ar"], "EG": ["ar"], "MA": ["ar", "fr"], "PK": ["ur", "en"], "BD": ["bn"],
    ]
}
