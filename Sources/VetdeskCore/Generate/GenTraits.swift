/// Benign traits: each trips at most one weak signal, as real people do.
extension GenPersonaFactory {
    func benign(index: Int, trait: GenBenignTrait, rng: inout SplitMix64) -> GenPersona {
        var country: String? = nil
        if trait == .privacyVPN { country = GenNetworks.privacyVPN.keys.sorted()[index % GenNetworks.privacyVPN.count] }
        var p = make(index: index, country: country, hired: trait != .applicantOnly, rng: &rng)
        let id = p.candidate.id
        switch trait {
        case .plain, .applicantOnly:
            break
        case .traveller:
            // One or two trips of several days; never two countries on one day.
            let others = GenCountries.all.map(\.code).filter { $0 != p.country.code }
            var start = GenClock.loginsFrom + 3 + rng.below(10)
            for _ in 0..<(1 + rng.below(2)) {
                let dest = GenCountries.byCode[rng.pick(others)]!
                let net = GenNetworks.residential[dest.code]![0]
                let hotel = GenSite(ip: net.address(Self.slot(net.capacity - 1 - index % net.capacity, net)),
                                    network: net, city: rng.pick(dest.cities).0)
                let length = 4 + rng.below(5)
                p.plan?.trips.append((from: start, to: start + length - 1, site: hotel))
                start += length + 10 + rng.below(8)
            }
        case .privacyVPN:
            // A popular exit many customers share: one of three per provider location, in the user's
            // own country for most, abroad (another provider location) for some.
            let abroad = rng.chance(0.35)
            let codes = GenNetworks.privacyVPN.keys.sorted().filter { !abroad || $0 != p.country.code }
            let vpn = GenNetworks.privacyVPN[abroad ? rng.pick(codes) : p.country.code]!
            let exit = GenSite(ip: vpn.address(Self.slot(rng.below(3), vpn)), network: vpn, city: vpn.city ?? p.candidate.city)
            if let home = p.plan?.sites.first?.0 { p.plan?.sites = [(home, 1), (exit, 1)] }
        case .carrierNAT:
            // Phone tethering now and then: a few carrier-NAT addresses every mobile user of the
            // country passes through, each a small share of anyone's logins.
            let net = GenNetworks.residential[p.country.code]![0]
            if let home = p.plan?.sites.first?.0 {
                p.plan?.sites = [(home, 1)] + (0..<3).map { k in
                    (GenSite(ip: Self.groupLine(net, 900 + k), network: net, city: p.candidate.city), 0.08)
                }
            }
        case .relocated:
            // Moved from another country shortly before starting: the first weeks' logins come from
            // the old home, and the laptop's ship-to was updated to the new address after hire.
            let old = GenCountries.all.map(\.code).filter { $0 != p.country.code }
            let from = GenCountries.byCode[rng.pick(old)]!
            let oldNet = GenNetworks.residential[from.code]!.max { $0.capacity < $1.capacity }!
            let oldHome = GenSite(ip: Self.groupLine(oldNet, 20_000 + index), network: oldNet, city: from.cities[0].0)
            if let first = p.plan?.firstDay { p.plan?.trips.append((from: first, to: first + 9 + rng.below(5), site: oldHome)) }
            if let hired = p.candidate.hiredAt { p.candidate.shipToChangedAt = hired + 86400 * Int64(8 + rng.below(10)) }
        case .household, .couple, .coworking, .corporateEgress:
            break // built by `grouped` (GenBenignGroups.swift)
        case .platformPayee:
            let payoneer = rng.chance(0.5)
            let account: GenPayAccount
            if payoneer {
                account = GenPayAccount(holderName: p.candidate.fullName, accountType: "platform",
                                        identifier: "payoneer:" + p.candidate.email, bankName: "Payoneer",
                                        bankCountry: "US", method: "platform")
            } else {
                let iban = GenIBAN.make(country: "BE", bankCode: "967", rest: "nnnnnnnnn", rng: &rng)
                account = GenPayAccount(holderName: p.candidate.fullName, accountType: "iban", identifier: iban,
                                        iban: iban, bic: "TRWIBEB1XXX", bankName: "Wise Europe SA",
                                        bankCountry: "BE", method: "bank")
            }
            p.payments = p.payments.map { var pay = $0; pay.account = account; pay.source = payoneer ? "payoneer" : "wise"; return pay }
        case .nightOwl:
            p.plan?.startHourUTC = Double(21 - p.country.utcOffset) + rng.unit()
            p.plan?.spanHours = 5
            p.plan?.weekends = true
        case .rescheduler:
            let first = p.interviews[0]
            p.interviews[0] = GenInterview(id: "IV-\(id)-0", scheduledAt: first.scheduledAt - 2 * 86400, kind: "video",
                                           outcome: "rescheduled", camera: nil, interviewer: first.interviewer,
                                           notes: "candidate asked to move the slot (doctor's appointment)")
            p.interviews.insert(first, at: 1)
        case .lowRateJunior:
            p.candidate.role = "Junior " + p.candidate.role.prefix(1).lowercased() + p.candidate.role.dropFirst()
            p.candidate.rateHourly = Int(Double(p.candidate.marketRateHourly) * 0.45)
            p.payments = monthlyPayments(id: id, rate: p.candidate.rateHourly, currency: p.candidate.rateCurrency,
                                         hiredDay: Int((p.candidate.hiredAt ?? 0) / 86400),
                                         accounts: p.payments.prefix(1).map(\.account), rng: &rng)
        case .expat:
            // A citizen of one EU country living in another: document country differs, nothing else.
            let home = GenCountries.all.map(\.code).filter { $0 != p.country.code }
            for k in p.checks.indices { p.checks[k].documentCountry = rng.pick(home) }
        case .newStarter:
            // Started a few days before the data ends; the laptop ships next week, so every sign-in so
            // far comes from the person's own computer and no endpoint agent has reported yet.
            let hiredDay = GenClock.loginsTo - 4 - rng.below(3)
            p.candidate.hiredAt = GenClock.seconds(day: hiredDay, hour: 9)
            p.plan?.firstDay = hiredDay
            p.plan?.devices = [GenDevice(id: rng.uuid(), managed: false, agent: rng.pick(GenUserAgent.all))]
            p.observations = []
            p.payments = []
        case .milestoneAdvance:
            // Paid monthly in arrears like everyone; asked once for part of a milestone payment early.
            if let hired = p.candidate.hiredAt {
                p.advances = [GenInvoice.milestoneAdvance(id: id, hiredAt: hired, rate: p.candidate.rateHourly,
                                                          currency: p.candidate.rateCurrency)]
            }
        case .approvedRemoteTool:
            if let device = p.plan?.devices.first {
                p.observations.append(GenObservation(
                    id: "EP-\(id)-tv", observedAt: GenClock.seconds(day: GenClock.loginsFrom, hour: 10),
                    deviceId: device.id, kind: "software", name: "TeamViewer", vendorId: nil, productId: nil,
                    approved: true))
            }
        }
        return p
    }
}
