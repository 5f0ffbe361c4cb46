import Foundation

/// Writes a synthetic, deterministic data set in the import formats of docs/import-formats.md:
/// candidates, identity checks, interviews, payments, endpoint observations, a watchlist and
/// login events, with planted fraud rings hidden among benign people who trip single weak signals.
/// Everything streams: memory stays flat whatever the number of logins.
public struct DataGenerator: Sendable {
    public enum LoginFormat: String, Sendable {
        /// All logins in the generic `logins.csv` (what the benchmark imports).
        case csv
        /// Logins split across Okta, Entra, Google exports and `logins.csv`, per candidate.
        case split
    }

    public struct Options: Sendable, Equatable {
        public var candidates: Int
        public var logins: Int
        public var seed: UInt64
        /// Instances of each ring kind.
        public var ringsPerKind: Int
        public var loginFormat: LoginFormat
        /// Also write README.md, the answer key of the planted rings.
        public var writeAnswerKey: Bool

        public init(candidates: Int, logins: Int, seed: UInt64 = 20_260_302, ringsPerKind: Int? = nil,
                    loginFormat: LoginFormat = .csv, writeAnswerKey: Bool = false) {
            self.candidates = candidates
            self.logins = logins
            self.seed = seed
            self.ringsPerKind = ringsPerKind ?? max(1, candidates / 5000)
            self.loginFormat = loginFormat
            self.writeAnswerKey = writeAnswerKey
        }

        /// The committed `demo-data/` set.
        public static let demo = Options(candidates: 300, logins: 32_000, seed: 20_260_302, ringsPerKind: 1,
                                         loginFormat: .split, writeAnswerKey: true)
    }

    /// One planted ring: its kind and member candidate ids.
    public struct PlantedRing: Sendable, Equatable, Codable {
        public var kind: GenRingKind
        public var members: [String]
    }

    public struct Summary: Sendable {
        public var candidates: Int
        public var logins: Int
        /// File name -> records written.
        public var files: [String: Int]
        public var rings: [PlantedRing]
    }

    public let options: Options
    let layout: GenLayout

    public init(options: Options) throws {
        guard options.candidates > 0 else { throw VetdeskError.invalidArgument("--candidates must be at least 1") }
        guard options.logins >= 0 else { throw VetdeskError.invalidArgument("--logins must not be negative") }
        guard options.ringsPerKind >= 0 else { throw VetdeskError.invalidArgument("--rings must not be negative") }
        let ringSeats = options.ringsPerKind * GenRingKind.allCases.reduce(0) { $0 + $1.size }
        guard ringSeats <= options.candidates else {
            throw VetdeskError.invalidArgument("--rings \(options.ringsPerKind) needs \(ringSeats) candidates, have \(options.candidates)")
        }
        self.options = options
        layout = GenLayout(candidates: options.candidates, logins: options.logins,
                           ringsPerKind: options.ringsPerKind, seed: options.seed)
    }

    /// The planted rings, in kind order (available without writing anything).
    public var plantedRings: [PlantedRing] {
        GenRingKind.allCases.flatMap { kind in
            (layout.rings[kind] ?? []).map { PlantedRing(kind: kind, members: $0.map(GenLayout.candidateId)) }
        }
    }

    /// Benign candidate ids by trait name ("traveller", "privacyVPN"...), for the answer key and tests.
    public var benignByTrait: [String: [String]] {
        var out: [String: [String]] = [:]
        for (i, role) in layout.roles.enumerated() {
            if case let .benign(trait) = role { out["\(trait)", default: []].append(GenLayout.candidateId(i)) }
        }
        return out
    }

    /// answer-key.tsv, the machine-readable answer key `vetdesk eval --truth` reads: one line per
    /// candidate, `fraud` with the ring kind or `benign` with the trait ("plain" = no trait).
    private func writeTruth(to url: URL) throws {
        var s = "candidate_id\tlabel\tgroup\n"
        for (i, role) in layout.roles.enumerated() {
            switch role {
            case let .ring(kind, _, _): s += "\(GenLayout.candidateId(i))\tfraud\t\(kind.rawValue)\n"
            case let .benign(trait): s += "\(GenLayout.candidateId(i))\tbenign\t\(trait)\n"
            }
        }
        try s.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Benign agency groups whose egress the generated providers.yaml lists as corporate.
    var corporateGroups: [Int] {
        Set(layout.groups.filter { layout.roles[$0.key] == .benign(.corporateEgress) }.map(\.value.group)).sorted()
    }

    /// The ring (a) exits the generated providers.yaml lists as Astrill VPN (synthetic demo intel).
    public var observedAstrillExits: [String] {
        GenProvidersFile.astrillExits(ringInstances: layout.rings[.vpnPayoutRing]?.count ?? 0).map(\.ip)
    }

    public static let fileNames = [
        "candidates.csv", "identity_checks.csv", "interviews.csv", "payments.csv", "endpoint.csv", "watchlist.csv",
        "invoices.csv",
    ]

    @discardableResult
    public func write(to directory: URL) throws -> Summary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = try Self.fileNames.map { try GenWriter(url: directory.appendingPathComponent($0)) }
        let (candidates, checks, interviews, payments, endpoint, watchlist) = (files[0], files[1], files[2], files[3], files[4], files[5])
        let invoices = files[6]
        invoices.csvRow(GenInvoice.header)
        candidates.csvRow(GenCandidate.header)
        checks.csvRow(GenIdentityCheck.header)
        interviews.csvRow(GenInterview.header)
        payments.csvRow(GenPayment.header)
        endpoint.csvRow(GenObservation.header)
        watchlist.csvRow(GenWatchlistEntry.header)
        let logins = GenLoginFiles(directory: directory, csvSourceName: options.loginFormat == .split ? "vpn-gateway" : "csv",
                                   allShapes: options.loginFormat == .split)

        let factory = GenPersonaFactory(seed: options.seed, split: options.loginFormat == .split)
        let rings = GenRingFactory(base: factory, layout: layout)
        var counts: [String: Int] = [:]
        var watch: [GenWatchlistEntry] = []
        var loginTotal = 0
        for index in 0..<options.candidates {
            var rng = SplitMix64(seed: options.seed, stream: UInt64(index) + 1)
            let persona: GenPersona
            switch layout.roles[index] {
            case let .benign(trait):
                if let g = layout.groups[index] {
                    persona = factory.grouped(index: index, trait: trait, group: g.group, member: g.member, rng: &rng)
                } else {
                    persona = factory.benign(index: index, trait: trait, rng: &rng)
                }
            case let .ring(kind, instance, member):
                persona = rings.make(index: index, kind: kind, instance: instance, member: member, rng: &rng)
                watch += GenWatchlist.entries(for: persona, kind: kind, member: member)
            }
            let c = persona.candidate
            candidates.csvRow(c.cells)
            for x in persona.checks { checks.csvRow(x.cells(c.id)) }
            for x in persona.interviews { interviews.csvRow(x.cells(c.id)) }
            for x in persona.payments { payments.csvRow(x.cells(candidate: c.id, payee: c.fullName)) }
            for x in persona.observations { endpoint.csvRow(x.cells(c.id)) }
            let requests = GenInvoice.inArrears(persona) + persona.advances
            for x in requests { invoices.csvRow(x.cells(c.id)) }
            counts["invoices.csv", default: 0] += requests.count
            counts["candidates.csv", default: 0] += 1
            counts["identity_checks.csv", default: 0] += persona.checks.count
            counts["interviews.csv", default: 0] += persona.interviews.count
            counts["payments.csv", default: 0] += persona.payments.count
            counts["endpoint.csv", default: 0] += persona.observations.count
            if let plan = persona.plan {
                var failure: Error?
                GenLoginEmitter.emit(plan: plan, count: Int(layout.loginCounts[index]), rng: &rng) { event in
                    guard failure == nil else { return }
                    do { try logins.write(event, as: plan.source) } catch { failure = error }
                    loginTotal += 1
                }
                if let failure { throw failure }
            }
        }
        watch += GenWatchlist.noise(seed: options.seed)
        for entry in watch { watchlist.csvRow(entry.cells) }
        counts["watchlist.csv"] = watch.count
        for (name, n) in logins.counts { counts[name] = n }
        try logins.close()
        for f in files { try f.close() }
        // The team's provider file naming ring (a)'s Astrill exits (synthetic intel; see GenProvidersFile).
        if let providers = GenProvidersFile.yaml(ringInstances: layout.rings[.vpnPayoutRing]?.count ?? 0,
                                                 corporateGroups: corporateGroups) {
            try providers.write(to: directory.appendingPathComponent(GenProvidersFile.fileName),
                                atomically: true, encoding: .utf8)
        }
        // After-hire transfer logs in the vendors' shapes (the demo's split format only).
        if options.loginFormat == .split {
            for (name, n) in try GenTransferFiles.write(transferPlan().events, to: directory) { counts[name] = n }
        }
        try writeTruth(to: directory.appendingPathComponent(GenAnswerKey.truthFileName))
        let summary = Summary(candidates: options.candidates, logins: loginTotal, files: counts, rings: plantedRings)
        if options.writeAnswerKey {
            try GenAnswerKey.markdown(summary: summary, generator: self)
                .write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        }
        return summary
    }
}
