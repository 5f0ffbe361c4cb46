/// Planted rings. Each member starts as an ordinary persona (own name, country, contacts) and
/// gets the shared artifacts and behaviour of its ring. Shared resources depend only on
/// (seed, ring kind, instance), so every member derives the same ones independently.
struct GenRingFactory {
    let base: GenPersonaFactory
    let layout: GenLayout

    static let declared: [GenRingKind: [String]] = [
        .vpnPayoutRing: ["GB", "DE", "PT", "RS", "PL"],
        .laptopFarm: ["PL", "DE", "CZ", "AT"],
        .dprkPair: ["RO", "HR"],
        .borrowedIdentity: ["DE"],
    ]
    static let thirdPartyHolders = ["Jonas Petrauskas", "Tomas Kazlauskas", "Mantas Jankauskas", "Darius Stankevičius"]

    func make(index: Int, kind: GenRingKind, instance: Int, member: Int, rng: inout SplitMix64) -> GenPersona {
        let country = Self.declared[kind]![member]
        var p = base.make(index: index, country: country, hired: true, rng: &rng)
        var shared = SplitMix64(seed: base.seed, stream: 0x5EED_0000 &+ UInt64(instance) << 8 &+ UInt64(kindNumber(kind)))
        switch kind {
        case .vpnPayoutRing: vpnPayoutRing(&p, instance: instance, member: member, shared: &shared, rng: &rng)
        case .laptopFarm: laptopFarm(&p, instance: instance, member: member, shared: &shared, rng: &rng)
        case .dprkPair: dprkPair(&p, instance: instance, member: member, shared: &shared, rng: &rng)
        case .borrowedIdentity: borrowedIdentity(&p, rng: &rng)
        }
        // Ring logins go to sources that carry session ids (Google's login audit has none).
        // The borrowed identity signs in through Entra, whose sign-ins report the device (byod_request).
        if base.split {
            p.plan?.source = kind == .borrowedIdentity ? .entra : [GenLoginSource.okta, .entra, .csv][(member + instance) % 3]
        }
        return p
    }

    private func kindNumber(_ kind: GenRingKind) -> Int { GenRingKind.allCases.firstIndex(of: kind)! }

    /// Addresses reserved for rings: the upper half of a range's slots, away from home addresses.
    private func reserved(_ net: GenNetwork, _ k: Int) -> String { Self.reserved(net, k) }

    static func reserved(_ net: GenNetwork, _ k: Int) -> String {
        net.address(GenPersonaFactory.slot(net.capacity / 2 + k % (net.capacity / 2), net))
    }

    /// One shared exit of ring (a): where it is, its weight among the ring's logins, and whether
    /// the demo team has it on record as an Astrill VPN exit (demo-data/providers.yaml).
    struct VPNRingExit {
        var site: GenSite
        var weight: Double
        var observedAstrill: Bool
    }

    /// Ring (a)'s six shared exits: three in the US, two in Japan, one in Singapore, all hosting
    /// ranges. The second US and second Japanese exit are the ones the team's intel names as Astrill.
    static func vpnRingExits(instance: Int) -> [VPNRingExit] {
        var exits: [VPNRingExit] = []
        for k in 0..<3 {
            exits.append(VPNRingExit(site: GenSite(ip: reserved(GenNetworks.vpnExitUS, instance * 8 + k),
                                                   network: GenNetworks.vpnExitUS, city: GenNetworks.vpnExitUS.city!),
                                     weight: 2, observedAstrill: k == 1))
        }
        for k in 0..<2 {
            exits.append(VPNRingExit(site: GenSite(ip: reserved(GenNetworks.vpnExitJP, instance * 8 + k),
                                                   network: GenNetworks.vpnExitJP, city: GenNetworks.vpnExitJP.city!),
                                     weight: 1.5, observedAstrill: k == 1))
        }
        exits.append(VPNRingExit(site: GenSite(ip: reserved(GenNetworks.vpnExitSG, instance * 8),
                                               network: GenNetworks.vpnExitSG, city: GenNetworks.vpnExitSG.city!),
                                 weight: 1, observedAstrill: false))
        return exits
    }

    private func hiredDay(_ p: GenPersona) -> Int { Int((p.candidate.hiredAt ?? 0) / 86400) }

    // MARK: ring (a)

    private func vpnPayoutRing(_ p: inout GenPersona, instance: Int, member: Int, shared: inout SplitMix64,
                               rng: inout SplitMix64) {
        let id = p.candidate.id
        let holder = Self.thirdPartyHolders[instance % Self.thirdPartyHolders.count]
        let lt = GenIBAN.make(country: "LT", bankCode: "32500", rest: "nnnnnnnnnnn", rng: &shared)
        let be = GenIBAN.make(country: "BE", bankCode: "967", rest: "nnnnnnnnn", rng: &shared)
        let accounts = [
            GenPayAccount(holderName: holder, accountType: "iban", identifier: lt, iban: lt, bic: "REVOLT21XXX",
                          bankName: "Revolut Bank UAB", bankCountry: "LT", method: "bank"),
            GenPayAccount(holderName: holder, accountType: "iban", identifier: be, iban: be, bic: "TRWIBEB1XXX",
                          bankName: "Wise Europe SA", bankCountry: "BE", method: "bank"),
        ]
        let account = accounts[member < 3 ? 0 : 1]
        p.payments = p.payments.map { var pay = $0; pay.account = account; return pay }

        // Laptops go to one parcel forwarder abroad, changed a few days after hire; the last member
        // keeps the laptop at the declared home (not every member carries every signal).
        if member < 4 {
            p.candidate.shipToAddress = "c/o ParcelBridge B.V., Unit \(7 + instance), Industrieweg 41, 3044 AS Rotterdam"
            p.candidate.shipToCountry = "NL"
            p.candidate.shipToIsForwarder = true
            p.candidate.shipToChangedAt = GenClock.seconds(day: hiredDay(p) + 4, hour: 2)
        }
        p.candidate.platform = "upwork"
        p.candidate.locale = "en-US"
        if member % 2 == 0 { p.candidate.phoneType = "voip"; p.candidate.phoneChanges = 2 }
        // Two personas reuse one resume.
        let sharedResume = shared.hex(64)
        if member == 1 || member == 3 { p.candidate.resumeHash = sharedResume }

        let interviewer = GenPersonaFactory.interviewers[member % GenPersonaFactory.interviewers.count]
        let t0 = p.candidate.appliedAt + 86400 * 6
        switch member {
        case 0:
            p.interviews = [GenInterview(id: "IV-\(id)-1", scheduledAt: t0, kind: "video", outcome: "refused",
                                         camera: "refused", interviewer: interviewer, notes: "declined video, offered chat only")]
        case 1:
            p.interviews = [
                GenInterview(id: "IV-\(id)-1", scheduledAt: t0, kind: "video", outcome: "rescheduled", camera: nil,
                             interviewer: interviewer, notes: "power cut"),
                GenInterview(id: "IV-\(id)-2", scheduledAt: t0 + 86400 * 2, kind: "video", outcome: "rescheduled",
                             camera: nil, interviewer: interviewer, notes: "internet down"),
                GenInterview(id: "IV-\(id)-3", scheduledAt: t0 + 86400 * 5, kind: "phone", outcome: "held",
                             camera: nil, interviewer: interviewer, notes: "audio only"),
            ]
        case 2:
            p.interviews = [GenInterview(id: "IV-\(id)-1", scheduledAt: t0, kind: "video", outcome: "held",
                                         camera: "broken", interviewer: interviewer, notes: "camera broken, audio only")]
        default:
            p.interviews = [GenInterview(id: "IV-\(id)-1", scheduledAt: t0, kind: "video", outcome: "held",
                                         camera: "off", interviewer: interviewer, notes: "kept camera off")]
        }

        // Member 3 uses only four of the six exits.
        p.plan?.sites = Self.vpnRingExits(instance: instance).enumerated()
            .filter { member != 3 || ($0.offset != 2 && $0.offset != 5) }.map { ($0.element.site, $0.element.weight) }
        p.plan?.startHourUTC = 0.0 + rng.unit()   // 09:00-18:00 at UTC+9
        p.plan?.spanHours = 8.5
        p.plan?.locale = "en-US"
        if let laptop = p.plan?.devices.first {
            p.plan?.devices = [laptop, GenDevice(id: rng.uuid(), managed: false, agent: GenUserAgent.all[0])]
        }
    }

    // MARK: ring (b)

    private func laptopFarm(_ p: inout GenPersona, instance: Int, member: Int, shared: inout SplitMix64,
                            rng: inout SplitMix64) {
        let id = p.candidate.id
        let farmNet = GenNetworks.residential["PL"]![0]
        let farm = GenSite(ip: reserved(farmNet, 64 + instance), network: farmNet, city: "Warszawa")
        p.plan?.sites = [(farm, 1)]
        p.plan?.continuous = true
        // The first member lives at the farm; the others have their laptops re-routed there.
        let farmAddress = "ul. Magazynowa \(12 + instance)/4, 02-675 Warszawa"
        if member == 0 {
            p.candidate.address = farmAddress
            p.candidate.city = "Warszawa"
            p.candidate.shipToAddress = farmAddress
        } else {
            p.candidate.shipToAddress = farmAddress
            p.candidate.shipToChangedAt = GenClock.seconds(day: hiredDay(p) + 3, hour: 15)
        }
        p.candidate.shipToCountry = "PL"
        let members = layout.rings[.laptopFarm]![instance]
        if member > 0 { p.candidate.referrerId = GenLayout.candidateId(members[member - 1]) }
        p.candidate.platform = "linkedin"

        guard let laptop = p.plan?.devices.first else { return }
        let at = GenClock.seconds(day: max(hiredDay(p), GenClock.loginsFrom) + 5, hour: 3)
        let kvm: [(String, String, String)] = [
            ("PiKVM Composite KVM Device (Multifunction Composite Gadget)", "1d6b", "0104"),
            ("TinyPilot Keyboard/Mouse (Multifunction Composite Gadget)", "1d6b", "0104"),
            ("PiKVM Composite KVM Device (Multifunction Composite Gadget)", "1d6b", "0104"),
            ("Raspberry Pi Pico (RP2040 HID)", "2e8a", "0005"),
        ]
        // The last laptop is driven through AnyDesk alone, without IP-KVM hardware.
        let usb = kvm[member % kvm.count]
        if member < 3 {
            p.observations.append(GenObservation(id: "EP-\(id)-kvm", observedAt: at, deviceId: laptop.id, kind: "usb",
                                                 name: usb.0, vendorId: usb.1, productId: usb.2, approved: false))
        }
        p.observations.append(GenObservation(id: "EP-\(id)-ad", observedAt: at + 600, deviceId: laptop.id,
                                             kind: "software", name: "AnyDesk 8.1.0", vendorId: nil,
                                             productId: nil, approved: false))
    }

    // MARK: ring (c)

    private func dprkPair(_ p: inout GenPersona, instance: Int, member: Int, shared: inout SplitMix64,
                          rng: inout SplitMix64) {
        let id = p.candidate.id
        let wallet = "0x" + shared.hex(40)
        let walletAccount = GenPayAccount(holderName: p.candidate.fullName, accountType: "wallet", identifier: wallet,
                                          bankName: "USDT (ERC-20)", method: "crypto")
        let wise = GenPayAccount(holderName: p.candidate.fullName, accountType: "platform",
                                 identifier: "wise:" + rng.digits(8), bankName: "Wise", bankCountry: "BE", method: "platform")
        let own = p.payments.first?.account
        let sequence = member == 0 ? [own, wise, walletAccount, walletAccount] : [own, walletAccount, walletAccount]
        p.payments = base.monthlyPayments(id: id, rate: p.candidate.rateHourly, currency: p.candidate.rateCurrency,
                                          hiredDay: GenClock.applyFrom - 60, accounts: sequence.compactMap { $0 },
                                          rng: &rng)
        p.candidate.hiredAt = GenClock.seconds(day: GenClock.applyFrom + 20, hour: 9)
        p.candidate.appliedAt = GenClock.seconds(day: GenClock.applyFrom - 10, hour: 9)
        p.plan?.firstDay = GenClock.loginsFrom
        p.candidate.payoutChanges90d = member == 0 ? 3 : 2
        p.advances = GenInvoice.advances(id: id, hiredAt: p.candidate.hiredAt ?? 0, rate: p.candidate.rateHourly,
                                         currency: p.candidate.rateCurrency)
        p.candidate.role = "Blockchain developer"
        p.interviews = [GenInterview(id: "IV-\(id)-1", scheduledAt: p.candidate.appliedAt + 86400 * 4,
                                     kind: member == 0 ? "phone" : "video", outcome: "held",
                                     camera: member == 0 ? nil : "off", interviewer: GenPersonaFactory.interviewers[2],
                                     notes: member == 0 ? "asked for phone instead of video" : "camera off")]

        let relay = GenSite(ip: reserved(GenNetworks.cloudSG, instance * 4 + member), network: GenNetworks.cloudSG,
                            city: "Singapore")
        let exit = GenSite(ip: reserved(GenNetworks.vpnExitSG, 100 + instance * 4 + member), network: GenNetworks.vpnExitSG,
                           city: "Singapore")
        p.plan?.sites = [(relay, 2), (exit, 1)]
        p.plan?.startHourUTC = 0.5 + rng.unit()
        p.plan?.spanHours = 9
        p.plan?.devices = [GenDevice(id: rng.uuid(), managed: false, agent: GenUserAgent.all[4])]
        // A few slips: days logged straight from North Korean address space.
        let dprk = GenSite(ip: reserved(GenNetworks.dprk, instance * 4 + member), network: GenNetworks.dprk, city: "Pyongyang")
        // Only the first member slips (the second never logs in from DPRK space).
        if member == 0 { for k in 0..<3 { p.plan?.specialDays[GenClock.loginsFrom + 8 + 11 * k + member] = dprk } }
    }

    // MARK: case (d)

    private func borrowedIdentity(_ p: inout GenPersona, rng: inout SplitMix64) {
        let applied = p.candidate.appliedAt
        p.checks = [GenIdentityCheck(
            id: "ID-\(p.candidate.id)-1", checkedAt: applied + 86400 * 18, provider: "Veriff", documentType: "passport",
            documentCountry: "GB", result: "failed", faceMatch: false, manipulationFlagged: true,
            nameOnDocument: p.candidate.fullName)]
        p.candidate.emailCreatedAt = applied - 86400 * 41
        p.candidate.profileCreatedAt = applied - 86400 * 57
        p.candidate.githubUsername = GenText.ascii(p.candidate.fullName) + "-dev"
        p.candidate.githubCreatedAt = applied - 86400 * 90
        p.candidate.githubFirstCommitAt = applied - 86400 * (365 * 6 + 40)
        p.candidate.phoneType = "voip"
        p.candidate.phoneChanges = 2
        p.advances = GenInvoice.advances(id: p.candidate.id, hiredAt: p.candidate.hiredAt ?? 0, rate: p.candidate.rateHourly,
                                         currency: p.candidate.rateCurrency)
        p.candidate.shipToAddress = nil
        p.candidate.shipToCountry = nil
        let relay = GenSite(ip: reserved(GenNetworks.cloudNL, 3), network: GenNetworks.cloudNL, city: "Amsterdam")
        let exit = GenSite(ip: reserved(GenNetworks.vpnExitUS, 200), network: GenNetworks.vpnExitUS, city: "Los Angeles")
        p.plan?.sites = [(relay, 4), (exit, 1)]
        p.plan?.devices = [GenDevice(id: rng.uuid(), managed: false, agent: GenUserAgent.all[3])]
        p.observations = []
    }
}
