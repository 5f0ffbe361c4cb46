/// Builds an ordinary, benign candidate; traits and rings then alter it.
struct GenPersonaFactory {
    let seed: UInt64
    let split: Bool           // logins across Okta/Entra/Google/CSV, or all to CSV

    static let roles: [(String, Int)] = [
        ("Backend engineer", 65), ("Frontend engineer", 60), ("Full-stack developer", 62),
        ("iOS developer", 68), ("Android developer", 66), ("DevOps engineer", 70), ("Data engineer", 72),
        ("QA automation engineer", 50), ("Blockchain developer", 85), ("Machine learning engineer", 80),
    ]
    static let platforms = ["upwork", "linkedin", "direct", "agency", "toptal", "freelancer"]
    static let interviewers = ["R. Hartmann (Eng)", "M. Jensen (Eng)", "S. Okafor (HR)", "K. Lindqvist (Eng)", "P. Moreau (HR)"]
    static let idProviders = ["Onfido", "Veriff", "IDnow"]
    static let documentTypes = ["passport", "id_card", "driving_licence"]
    static let approvedSoftware = ["Microsoft Teams", "Slack", "Zoom Workplace", "CrowdStrike Falcon Sensor", "1Password"]
    static let usbDevices: [(String, String, String)] = [
        ("Logitech USB Receiver", "046d", "c52b"), ("YubiKey 5 NFC", "1050", "0407"),
        ("Dell Universal Dock D6000", "17e9", "6006"), ("Apple Magic Keyboard", "05ac", "0267"),
    ]

    func countryCode(_ rng: inout SplitMix64) -> String {
        let total = GenCountries.weights.reduce(0) { $0 + $1.1 }
        var r = rng.below(total)
        for (code, w) in GenCountries.weights {
            r -= w
            if r < 0 { return code }
        }
        return "DE"
    }

    func make(index: Int, country code: String? = nil, hired: Bool, rng: inout SplitMix64) -> GenPersona {
        let country = GenCountries.byCode[code ?? countryCode(&rng)]!
        let id = GenLayout.candidateId(index)
        let first = rng.pick(country.firstNames)
        let last = GenText.surname(rng.pick(country.lastNames), country: country.code, givenName: first)
        let fullName = first + " " + last
        let handle = GenText.ascii(first) + "." + GenText.ascii(last)
        let mailDomain = rng.chance(0.6) ? rng.pick(country.mailDomains) : rng.pick(GenCountries.generic)
        // Digits from the index keep two people with one common name apart (shared contacts are a signal).
        let email = handle + String(10 + index) + "@" + mailDomain
        let city = rng.pick(country.cities)
        let (role, market) = rng.pick(Self.roles)
        let rate = Int(Double(market) * (0.85 + 0.35 * rng.unit()))
        let appliedDay = GenClock.applyFrom + rng.below(GenClock.applyDays)
        let appliedAt = GenClock.seconds(day: appliedDay, hour: 7 + 10 * rng.unit())
        let hiredDay = appliedDay + 21 + rng.below(20)
        let years = { (lo: Int, hi: Int, rng: inout SplitMix64) -> Int64 in
            GenClock.seconds(day: appliedDay - 365 * lo - rng.below(365 * (hi - lo)), hour: 12)
        }
        let githubCreated: Int64? = rng.chance(0.7) ? years(3, 10, &rng) : nil
        var candidate = GenCandidate(
            id: id, fullName: fullName, email: email, phone: GenText.phone(country, &rng),
            declaredCountry: country.code, city: city.0, address: GenText.address(country, city: city, &rng),
            platform: rng.pick(Self.platforms), role: role, rateHourly: rate, rateCurrency: country.currency,
            marketRateHourly: market, appliedAt: appliedAt,
            hiredAt: hired ? GenClock.seconds(day: hiredDay, hour: 9) : nil,
            emailCreatedAt: years(2, 12, &rng),
            profileUrl: "https://www.linkedin.com/in/\(handle.replacingOccurrences(of: ".", with: "-"))-\(rng.hex(6))",
            profileName: fullName, profileLocation: country.code, profileCreatedAt: years(3, 10, &rng),
            githubUsername: githubCreated == nil ? nil : handle.replacingOccurrences(of: ".", with: "") + String(index % 1000),
            githubCreatedAt: githubCreated,
            githubFirstCommitAt: githubCreated.map { $0 + Int64(86400 * (1 + rng.below(200))) },
            resumeHash: rng.hex(64), photoHash: rng.hex(64), locale: country.locale)
        if hired { candidate.accounts = [handle + String(index + 1) + "@" + GenClock.corporateDomain] }
        // Identical ship-to as declared for most; some want the laptop at a second home address.
        if hired { candidate.shipToAddress = candidate.address; candidate.shipToCountry = country.code }

        var persona = GenPersona(candidate: candidate, country: country)
        persona.interviews = [GenInterview(
            id: "IV-\(id)-1", scheduledAt: appliedAt + 86400 * Int64(5 + rng.below(7)), kind: "video",
            outcome: "held", camera: "on", interviewer: rng.pick(Self.interviewers), notes: nil)]
        if rng.chance(0.6) {
            persona.interviews.append(GenInterview(
                id: "IV-\(id)-2", scheduledAt: appliedAt + 86400 * Int64(13 + rng.below(5)), kind: "video",
                outcome: "held", camera: "on", interviewer: rng.pick(Self.interviewers), notes: "technical round"))
        }
        if hired || rng.chance(0.3) {
            persona.checks = [GenIdentityCheck(
                id: "ID-\(id)-1", checkedAt: appliedAt + 86400 * 18, provider: rng.pick(Self.idProviders),
                documentType: rng.pick(Self.documentTypes), documentCountry: country.code, result: "passed",
                faceMatch: true, manipulationFlagged: false, nameOnDocument: fullName)]
        }
        guard hired else { return persona }

        let bank = rng.pick(country.banks)
        let iban = GenIBAN.make(country: country.code, bankCode: bank.code, rest: country.bbanRest, rng: &rng)
        let account = GenPayAccount(holderName: fullName, accountType: "iban", identifier: iban, iban: iban,
                                    bic: bank.bic, bankName: bank.name, bankCountry: country.code, method: "bank")
        persona.payments = monthlyPayments(id: id, rate: rate, currency: country.currency, hiredDay: hiredDay,
                                           accounts: [account], rng: &rng)

        let laptop = GenDevice(id: rng.uuid(), managed: true, agent: rng.pick(GenUserAgent.all))
        let observedAt = GenClock.seconds(day: hiredDay + 3, hour: 10)
        for (k, name) in Self.approvedSoftware.enumerated() where k < 3 || rng.chance(0.5) {
            persona.observations.append(GenObservation(
                id: "EP-\(id)-s\(k)", observedAt: observedAt, deviceId: laptop.id, kind: "software", name: name,
                vendorId: nil, productId: nil, approved: true))
        }
        for k in 0..<(1 + rng.below(2)) {
            let usb = rng.pick(Self.usbDevices)
            persona.observations.append(GenObservation(
                id: "EP-\(id)-u\(k)", observedAt: observedAt + 3600 * Int64(k), deviceId: laptop.id, kind: "usb",
                name: usb.0, vendorId: usb.1, productId: usb.2, approved: true))
        }

        let home = homeSite(index: index, country: country, city: city.0, rng: &rng)
        persona.plan = GenLoginPlan(
            account: candidate.accounts[0], displayName: fullName, source: source(index),
            sites: [(home, 1)], startHourUTC: Double(8 - country.utcOffset) + rng.unit(), spanHours: 9,
            devices: [laptop], locale: country.locale,
            firstDay: max(hiredDay, GenClock.loginsFrom), lastDay: GenClock.loginsTo)
        return persona
    }

    /// The source that records this candidate's logins.
    func source(_ index: Int) -> GenLoginSource {
        guard split else { return .csv }
        let r = Int(UInt64(truncatingIfNeeded: index &* 2_654_435_761) % 10)
        return r < 4 ? .okta : r < 7 ? .entra : r < 9 ? .google : .csv
    }

    /// A home address on a consumer ISP of the country; distinct per candidate index (the slot
    /// scramble is a bijection): within the drawn range while the index fits its home slots, then in
    /// the country's overflow ranges (GenNetworks.homeOverflow), so strangers do not share home lines
    /// however large the set. Sets smaller than a range's home slots (the demo's 300) are unchanged.
    func homeSite(index: Int, country: GenCountry, city: String, rng: inout SplitMix64) -> GenSite {
        let nets = GenNetworks.residential[country.code]!
        let net = nets[rng.below(nets.count)]
        // Homes use the lower half of the slots: the upper half is reserved for ring and group lines.
        let homes = max(1, net.capacity / 2)
        if index >= homes, let (overflow, ip) = GenNetworks.overflowHome(country.code, index: index) {
            return GenSite(ip: ip, network: overflow, city: city)
        }
        return GenSite(ip: net.address(Self.slot(index % homes, net)), network: net, city: city)
    }

    static func slot(_ k: Int, _ net: GenNetwork) -> Int { ((k % net.capacity) * 7919 + 1237) % net.capacity }

    /// Monthly invoices paid from the month after hire up to February 2026.
    func monthlyPayments(id: String, rate: Int, currency: String, hiredDay: Int, accounts: [GenPayAccount],
                         rng: inout SplitMix64) -> [GenPayment] {
        var out: [GenPayment] = []
        guard !accounts.isEmpty else { return out }
        let months = [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
        for (y, m) in months {
            let day = GenCalendar.day(y, m, 28)
            guard day > hiredDay + 20 else { continue }
            let account = accounts[min(out.count, accounts.count - 1)]
            let hours = 120 + rng.below(50)
            out.append(GenPayment(
                id: "PAY-\(id)-\(y)\(m < 10 ? "0" : "")\(m)", source: "ap-ledger",
                paidAt: GenClock.seconds(day: day, hour: 11), account: account,
                amount: "\(rate * hours).00", currency: account.method == "crypto" ? "USD" : currency))
        }
        return out
    }
}
