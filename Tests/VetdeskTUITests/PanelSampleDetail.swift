@testable import VetdeskCore

/// An in-memory CandidateDetail with every section filled, for panel tests (panels are pure).
enum PanelSample {
    static let t0: Int64 = 1_767_571_200 // 2026-01-05T00:00:00Z, a Monday

    static func detail(name: String = "Jan Novak", holder: String? = "Kim Chol", heatmap: [[Int]]? = nil) -> CandidateDetail {
        var c = Candidate(id: "A-1", fullName: name, updatedAt: t0)
        c.email = "jan@example.com"; c.phone = "+420600100200"; c.phoneType = "voip"; c.declaredCountry = "CZ"
        c.city = "Brno"; c.address = "Hlavni 1, Brno"; c.shipToAddress = "12 Warehouse Rd, Newark"; c.shipToCountry = "US"
        c.platform = "upwork"; c.role = "backend developer"; c.referrerId = "R-9"; c.githubUsername = "jnovak"
        c.profileLocation = "JP"; c.rateHourly = 20; c.rateCurrency = "EUR"; c.marketRateHourly = 60
        let caseFile = CaseFile(candidateId: "A-1", status: .inReview, assignee: "ana", riskScore: 91, riskBand: .critical,
                                topFlags: "shared_payment_account", referredTo: nil, openedAt: t0, updatedAt: t0, scoredAt: t0,
                                version: 1)
        let flags = [
            Flag(candidateId: "A-1", ruleId: "known_dprk_vpn", severity: .high, weight: 0.6, summary: "Logins through Astrill VPN",
                 evidence: [Evidence(kind: .login, ref: "17", detail: "2026-01-05 01:10Z 45.84.1.7 NL AS9009 Astrill VPN")],
                 computedAt: t0),
            Flag(candidateId: "A-1", ruleId: "shared_payment_account", severity: .decisive, weight: 0.9,
                 summary: "Paid into an account shared with another candidate",
                 evidence: [Evidence(kind: .candidate, ref: "C-7", detail: "Cara, same IBAN DE89…3000")], computedAt: t0),
            Flag(candidateId: "A-1", ruleId: "voip_phone", severity: .low, weight: 0.1, summary: "VoIP phone number",
                 evidence: [], computedAt: t0),
        ]
        var account = PaymentAccount(id: 1, accountType: "iban", identifier: "DE89370400440532013000", holderName: holder,
                                     iban: "DE89370400440532013000", ibanValid: true, bankName: "Bank", bankCountry: "DE")
        account.bic = "COBADEFFXXX"
        let accounts = [PaymentAccountUse(account: account, payments: 3, firstPaidAt: t0, lastPaidAt: t0 + 86400 * 9,
                                          sharedWith: ["C-7"])]
        let payments = [Payment(id: "p1", source: "payroll", paidAt: t0, candidateId: "A-1", accountId: 1, amount: "1000.00",
                                currency: "EUR", method: "bank")]
        var logins = LoginSummary()
        // A working day in UTC+9: Mon-Fri 00:00-08:59 UTC, busiest at 02 UTC.
        var map = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for d in 0..<5 { for h in 0..<9 { map[d][h] = 4 } ; map[d][2] = 16 }
        map[6][20] = 1
        logins.heatmap = heatmap ?? map
        logins.totalEvents = logins.heatmap.joined().reduce(0, +)
        logins.distinctIPs = 2
        logins.countries = [CountryCount(country: "NL", events: 200), CountryCount(country: "CZ", events: 21)]
        logins.networks = [NetworkCount(asn: 9009, asName: "M247 Europe SRL", provider: "Astrill VPN", providerKind: "vpn",
                                        country: "NL", anonymousProxy: false, dprkNamed: true, ips: 1, events: 200)]
        let vpn = IPInfo(ip: "45.84.1.7", country: "NL", asn: 9009, asName: "M247 Europe SRL", provider: "Astrill VPN",
                         providerKind: "vpn", providerDprkNamed: true, lookedUpAt: t0)
        logins.recent = [EnrichedLogin(event: LoginEvent(id: 17, source: "okta", sourceId: "e17", candidateId: "A-1", account: "jan",
                                                         occurredAt: t0 + 3600, ip: "45.84.1.7", outcome: "success",
                                                         deviceId: "dev-1"), ip: vpn)]
        let links = [
            CandidateLink(kind: .paymentAccount, otherId: "C-7", otherName: "Cara", otherStatus: .escalated, otherRisk: 88,
                          via: "iban DE89370400440532013000"),
            CandidateLink(kind: .ip, otherId: "B-2", otherName: "Bob", otherStatus: .new, otherRisk: 40,
                          via: "45.84.1.7 (Astrill VPN)"),
            CandidateLink(kind: .referredBy, otherId: "R-9", otherName: "Rita", otherStatus: nil, otherRisk: nil, via: "referrer"),
        ]
        let history = [
            HistoryEntry(seq: 1, candidateId: "A-1", at: t0, analyst: "ana", action: "take", fromStatus: "new",
                         toStatus: "in_review", reasonCode: nil, note: "Taking it.", prevHash: "0", hash: "1"),
            HistoryEntry(seq: 2, candidateId: "A-1", at: t0 + 60, analyst: "ana", action: "note", fromStatus: nil,
                         toStatus: nil, reasonCode: nil,
                         note: String(repeating: "Payroll shows the same IBAN as C-7. ", count: 6), prevHash: "1", hash: "2"),
        ]
        return CandidateDetail(
            candidate: c, caseFile: caseFile, flags: flags,
            identityChecks: [IdentityCheck(id: "ic", candidateId: "A-1", checkedAt: t0, provider: "Onfido",
                                           documentType: "passport", documentCountry: "CZ", result: "failed", faceMatch: false)],
            interviews: [Interview(id: "iv", candidateId: "A-1", scheduledAt: t0, kind: "video", outcome: "held", camera: "refused",
                                   interviewer: "hr", notes: "Camera broken.")],
            accounts: accounts, payments: payments, logins: logins,
            endpoints: [EndpointObservation(id: "e", candidateId: "A-1", observedAt: t0, deviceId: "dev-1", kind: "usb",
                                            name: "TinyPilot KVM", vendorId: "2e8a", productId: "000a")],
            links: links, history: history,
            rules: ["known_dprk_vpn": RuleInfo(id: "known_dprk_vpn", title: "Logins through a VPN named in DPRK reporting",
                                               source: "FBI PSA I-051624 (May 2024)")])
    }
}
