/// After-hire activity for the demo (issue 10): clones, fetches, downloads and commits of the hired
/// people, in the window of the sign-ins. Planted: one ring (a) member cloning every repository at
/// night through a VPS it never signed in from. Benign look-alikes: a new starter's first-day clone
/// of the role's repositories, a release engineer's nightly fetches from a CI host, a traveller
/// whose downloads and commits follow the trip. Deterministic for a seed, like the rest.
struct GenTransferPlan {
    enum Kind: String { case regular, exfiltrator, newStarter = "new-starter", releaseEngineer = "release-engineer", traveller }

    /// One generated event with what the vendor files need besides the stored record.
    struct Event {
        var record: TransferEventRecord
        var displayName: String
        /// The corporate sign-in account (Drive, M365, GitLab author_email, git author).
        var account: String
        var github: String?
        /// Country of the network the event came from (GitHub's actor_location).
        var country: String
        /// A stable vendor id for the event (GitHub _document_id, GitLab id, Drive uniqueQualifier...).
        var vendorId: String
    }

    static let org = "acme-contractors"
    /// Repositories every role works in, and the ones no contractor role needs.
    static let reposPerRole = 12
    static let restricted = ["billing-core", "payroll-export", "customer-pii-etl", "secrets-vault", "sso-gateway",
                             "hr-records", "pricing-engine", "fraud-models", "partner-api-keys", "incident-reports"]
    /// The exfiltration night and the release engineer's CI host (a VPS range; see GenNetworks).
    static let exfilDay = GenCalendar.day(2026, 2, 18)
    static let vps = GenSite(ip: GenNetworks.cloudNL.address(173), network: GenNetworks.cloudNL, city: "Amsterdam")
    static let ciHost = GenSite(ip: GenNetworks.cloudDE.address(4242), network: GenNetworks.cloudDE, city: "Falkenstein")

    static func slug(_ role: String) -> String {
        String(role.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func repos(role: String) -> [String] {
        (0..<reposPerRole).map { "\(org)/\(slug(role))-\(["api", "web", "infra", "lib", "tools", "docs"][$0 % 6])\($0 / 6 + 1)" }
    }

    static var allRepos: [String] {
        GenPersonaFactory.roles.flatMap { repos(role: $0.0) } + restricted.map { "\(org)/\($0)" }
    }

    static func documents(role: String) -> [String] {
        (1...8).map { "Engineering/\(slug(role))/design-\($0).docx" }
    }

    let seed: UInt64

    /// Which hired people get which behaviour: ring (a) member 0 exfiltrates; the first hired
    /// plain person hired inside the window is the new starter, the next plain person the release
    /// engineer; the first traveller with a trip travels.
    static func kinds(_ people: [(index: Int, role: GenRole, persona: GenPersona)]) -> [Int: Kind] {
        var out: [Int: Kind] = [:]
        for p in people where p.persona.candidate.hiredAt != nil && p.persona.plan != nil { out[p.index] = .regular }
        if let x = people.first(where: { if case .ring(.vpnPayoutRing, 0, 0) = $0.role { return true }; return false }) {
            out[x.index] = .exfiltrator
        }
        let plain = people.filter { $0.role == .benign(.plain) && out[$0.index] != nil }
        if let n = plain.first(where: { Int(($0.persona.candidate.hiredAt ?? 0) / 86400) >= GenClock.loginsFrom + 7
                                        && Int(($0.persona.candidate.hiredAt ?? 0) / 86400) <= GenClock.loginsTo - 14 }) {
            out[n.index] = .newStarter
        }
        if let r = plain.first(where: { out[$0.index] == .regular && Int(($0.persona.candidate.hiredAt ?? 0) / 86400) < GenClock.loginsFrom }) {
            out[r.index] = .releaseEngineer
        }
        if let t = people.first(where: { $0.role == .benign(.traveller) && out[$0.index] != nil && !($0.persona.plan?.trips.isEmpty ?? true) }) {
            out[t.index] = .traveller
        }
        return out
    }

    /// The events of one person, in time order.
    func events(index: Int, persona p: GenPersona, kind: Kind) -> [Event] {
        guard let plan = p.plan, let hired = p.candidate.hiredAt else { return [] }
        var rng = SplitMix64(seed: seed ^ 0x7472_616E_7366_6572, stream: UInt64(index) + 1)
        let c = p.candidate
        let roleRepos = Self.repos(role: c.role)
        // Who uses what: GitHub for people with a GitHub handle, else GitLab; every third also Drive or M365.
        let gitSource: TransferSource = c.githubUsername != nil || kind == .exfiltrator || kind == .releaseEngineer ? .github : .gitlab
        let docSource: TransferSource? = index % 3 == 0 ? (index % 2 == 0 ? .googleDrive : .m365) : nil
        let first = max(GenClock.loginsFrom, Int(hired / 86400)), last = GenClock.loginsTo
        var out: [Event] = []
        var serial = 0
        func add(_ source: TransferSource, _ at: Int64, _ site: GenSite, _ action: TransferAction, _ vendor: String,
                 _ object: String, kind objectKind: String, offset: Int? = nil, bytes: Int64? = nil, lines: Int? = nil,
                 programmatic: String? = nil) {
            serial += 1
            let actor: String
            switch source {
            case .github: actor = c.githubUsername ?? GenText.ascii(c.fullName)
            case .gitlab: actor = c.fullName
            default: actor = plan.account
            }
            let ms = Int(rng.below(1000))
            let record = TransferEventRecord(
                source: source, sourceId: nil, candidateId: c.id, actor: actor, occurredAt: at,
                occurredMs: source == .git ? nil : ms, utcOffsetMinutes: offset, ip: source == .git ? nil : site.ip,
                action: action, vendorAction: vendor, object: object, objectKind: objectKind, bytes: bytes, linesChanged: lines,
                tokenHash: source == .github && programmatic != nil ? "SHA256:" + rng.hex(43) : nil, programmaticAccess: programmatic)
            var e = Event(record: record, displayName: c.fullName, account: plan.account, github: c.githubUsername,
                          country: site.network.country, vendorId: "\(c.id)-\(serial)-" + rng.hex(12))
            e.record.sourceId = e.vendorId
            out.append(e)
        }
        // The commit clock: the declared country's, except the planted worker's machine keeps UTC+09:00.
        let homeOffset = kind == .exfiltrator ? 540 : p.country.utcOffset * 60
        func site(on day: Int) -> (GenSite, Int) {
            if let trip = plan.trips.first(where: { day >= $0.from && day <= $0.to }) {
                return (trip.site, (GenCountries.byCode[trip.site.network.country]?.utcOffset ?? p.country.utcOffset) * 60)
            }
            let weights = plan.sites.map(\.1), total = weights.reduce(0, +)
            var r = rng.unit() * total
            for (s, w) in plan.sites { r -= w; if r < 0 { return (s, homeOffset) } }
            return (plan.sites[0].0, homeOffset)
        }
        func workTime(_ day: Int) -> Int64 {
            GenClock.seconds(day: day, hour: (plan.startHourUTC + plan.spanHours * rng.unit()).truncatingRemainder(dividingBy: 24))
        }
        guard first <= last else { return [] }
        for day in first...last {
            let weekend = GenCalendar.weekday(day: day) >= 5
            if kind == .releaseEngineer {
                // Nightly CI: an app token fetching every repository the releases build from.
                for (k, repo) in roleRepos.enumerated() {
                    add(gitSource, GenClock.seconds(day: day, hour: 2) + Int64(k * 7), Self.ciHost, .fetch,
                        gitSource == .github ? "git.fetch" : "repository_git_operation", repo, kind: "repository",
                        programmatic: "GitHub App server-to-server token")
                }
            }
            if weekend && !plan.weekends { continue }
            let (where_, offset) = site(on: day)
            if kind == .newStarter && day == first {
                // First day: every repository of the role, on the laptop, a VM and a scratch copy.
                for copy in 0..<3 {
                    for (k, repo) in roleRepos.enumerated() {
                        add(gitSource, GenClock.seconds(day: day, hour: 10 + Double(copy)) + Int64(k * 40), where_, .clone,
                            gitSource == .github ? "git.clone" : "repository_git_operation", repo, kind: "repository")
                    }
                }
                continue
            }
            if rng.chance(0.35) {
                for _ in 0..<(1 + rng.below(3)) {
                    add(gitSource, workTime(day), where_, .clone, gitSource == .github ? "git.clone" : "repository_git_operation",
                        rng.pick(roleRepos), kind: "repository")
                }
            }
            if let docSource, rng.chance(0.25) {
                add(docSource, workTime(day), where_, .download, docSource == .googleDrive ? "download" : "FileDownloaded",
                    rng.pick(Self.documents(role: c.role)), kind: "file", bytes: Int64(20_000 + rng.below(900_000)))
            }
            if rng.chance(0.6) {
                for _ in 0..<(1 + rng.below(2)) {
                    add(.git, workTime(day), where_, .commit, "commit", rng.pick(roleRepos), kind: "commit", offset: offset,
                        lines: 5 + rng.below(200))
                }
            }
        }
        if kind == .exfiltrator {
            // 02:00-04:00 at home (declared country), from a VPS the account never signed in from.
            let start = GenClock.seconds(day: Self.exfilDay, hour: Double((26 - p.country.utcOffset) % 24))
            for (k, repo) in Self.allRepos.enumerated() {
                add(.github, start + Int64(k * 41), Self.vps, .clone, "git.clone", repo, kind: "repository",
                    programmatic: "personal access token (classic)")
            }
            for (k, repo) in Self.restricted.enumerated() {
                add(.github, start + 6200 + Int64(k * 30), Self.vps, .download, "repo.download_zip", "\(Self.org)/\(repo)",
                    kind: "repository", programmatic: "personal access token (classic)")
            }
        }
        return out.sorted { ($0.record.occurredAt, $0.vendorId) < ($1.record.occurredAt, $1.vendorId) }
    }
}
