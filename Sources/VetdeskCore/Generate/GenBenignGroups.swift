import Foundation

/// Benign people who come in groups — flatmates, couples, coworking members, contractors behind
/// one agency's egress — each with at most one weak signal. What the members share (home, line,
/// office, account) depends only on (seed, group), so every member derives it alone.
extension GenPersonaFactory {
    func groupRNG(_ group: Int) -> SplitMix64 { SplitMix64(seed: seed, stream: 0x6B0B_0000 &+ UInt64(group)) }

    /// A line reserved for benign groups: slots well away from home addresses and ring lines.
    static func groupLine(_ net: GenNetwork, _ k: Int) -> String {
        net.address(slot(net.capacity / 2 + 300 + k % max(1, net.capacity / 2 - 300), net))
    }

    func grouped(index: Int, trait: GenBenignTrait, group: Int, member: Int, rng: inout SplitMix64) -> GenPersona {
        var shared = groupRNG(group)
        let country = GenCountries.byCode[countryCode(&shared)]!
        let city = shared.pick(country.cities)
        // The country's largest consumer range: group lines must not meet anyone else's home line.
        let net = GenNetworks.residential[country.code]!.max { $0.capacity < $1.capacity }!
        var p = make(index: index, country: country.code, hired: true, rng: &rng)
        switch trait {
        case .household, .couple:
            // One home, one line; each writes the address their own way.
            let address = GenText.address(country, city: city, &shared)
            p.candidate.city = city.0
            p.candidate.address = member == 0 ? address : GenText.respell(address)
            p.candidate.shipToAddress = p.candidate.address
            let home = GenSite(ip: Self.groupLine(net, group), network: net, city: city.0)
            p.plan?.sites = [(home, 1)]
            if trait == .couple {
                // Both paid into the first partner's account, held in that partner's name.
                let holder = shared.pick(country.firstNames) + " " + shared.pick(country.lastNames)
                if member == 0 { rename(&p, holder) }
                let bank = shared.pick(country.banks)
                let iban = GenIBAN.make(country: country.code, bankCode: bank.code, rest: country.bbanRest, rng: &shared)
                let account = GenPayAccount(holderName: holder, accountType: "iban", identifier: iban, iban: iban,
                                            bic: bank.bic, bankName: bank.name, bankCountry: country.code, method: "bank")
                p.payments = p.payments.map { var pay = $0; pay.account = account; return pay }
            }
        case .coworking:
            // Own homes in one city; the space's line most working days.
            p.candidate.city = city.0
            p.candidate.address = GenText.address(country, city: city, &rng)
            p.candidate.shipToAddress = p.candidate.address
            let office = GenSite(ip: Self.groupLine(net, 500 + group), network: net, city: city.0)
            if let home = p.plan?.sites.first?.0 { p.plan?.sites = [(home, 1), (office, 1.5)] }
        case .corporateEgress:
            // Contractors of one agency in several cities, most logins through its office egress,
            // which the team lists as corporate in its providers.yaml (`GenProvidersFile`).
            let egress = GenSite(ip: Self.corporateEgress(group), network: GenNetworks.cloudDE, city: GenNetworks.cloudDE.city!)
            if let home = p.plan?.sites.first?.0 { p.plan?.sites = [(home, 1), (egress, 2)] }
        default:
            break
        }
        return p
    }

    /// The agency egress address of a corporate group (a Hetzner box per libloc, listed /32).
    static func corporateEgress(_ group: Int) -> String { GenRingFactory.reserved(GenNetworks.cloudDE, 700 + group) }

    /// Changes a persona's name everywhere it is written (declared, profile, ID document, logins).
    func rename(_ p: inout GenPersona, _ name: String) {
        p.candidate.fullName = name
        p.candidate.profileName = name
        for k in p.checks.indices { p.checks[k].nameOnDocument = name }
        p.plan?.displayName = name
    }
}

extension GenText {
    /// The same address as another person in the household writes it: abbreviations, case, commas.
    static func respell(_ address: String) -> String {
        var s = address
        for (a, b) in [("straße", "str."), ("Straße", "Str."), ("Street", "St."), ("Road", "Rd"), ("ulica", "ul."),
                       ("Avenue", "Ave"), ("rue", "Rue")] {
            s = s.replacingOccurrences(of: a, with: b)
        }
        return s.replacingOccurrences(of: ",", with: "").uppercased()
    }
}
